import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { createSession, getOptionalStaffSession, requireStaffUser, SESSION_COOKIE } from "~/auth/session.server";
import { createUser, verifyCredentials } from "~/auth/users.server";
import { signOutAction } from "~/auth/sign-in.server";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { settle } from "../support/admin";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

const BASE = "http://localhost";
const DAY = 86_400_000;

function withCookie(token: string, url = `${BASE}/staff`) {
  return new Request(url, { headers: { Cookie: `other=1; ${SESSION_COOKIE}=${token}` } });
}

describe("verifyCredentials", () => {
  it("finds an active account by email in any case, with the right password only", async () => {
    const id = await createUser(db, { email: "Lee@Test.example", name: "Lee", password: "a password of length", role: "pcf" });
    expect(await verifyCredentials(db, "  lee@test.EXAMPLE ", "a password of length")).toMatchObject({ id, email: "lee@test.example" });
    expect(await verifyCredentials(db, "lee@test.example", "a password of lengtH")).toBeUndefined();
  });

  it("finds nobody for an unknown email", async () => {
    expect(await verifyCredentials(db, "nobody@test.example", "anything at all")).toBeUndefined();
  });

  it("refuses a deactivated account even with its right password", async () => {
    const id = await createUser(db, { email: "gone@test.example", name: "Gone", password: "a password of length", role: "board" });
    await db.updateTable("users").set({ active: 0 }).where("id", "=", id).execute();
    expect(await verifyCredentials(db, "gone@test.example", "a password of length")).toBeUndefined();
  });
});

describe("sessions", () => {
  it("signs a request in with the cookie's token; only the token's hash is stored", async () => {
    const staff = await makeStaff(db, "board");
    const { token } = await createSession(db, staff.id);
    const session = await getOptionalStaffSession(withCookie(token), db);
    expect(session?.user).toMatchObject({ id: staff.id, role: "board", serviceIds: [] });
    const ids = (await db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    expect(ids).not.toContain(token);
    expect(await getOptionalStaffSession(withCookie(`${token}x`), db)).toBeNull();
    expect(await getOptionalStaffSession(new Request(`${BASE}/staff`), db)).toBeNull();
  });

  it("treats an expired session as signed out, sending the visitor to sign in", async () => {
    const staff = await makeStaff(db, "admin");
    const { token } = await createSession(db, staff.id, new Date(Date.now() - 8 * DAY));
    expect(await getOptionalStaffSession(withCookie(token), db)).toBeNull();
    const res = await settle(requireStaffUser(withCookie(token, `${BASE}/staff/users?x=1`), "users", db));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fstaff%2Fusers%3Fx%3D1");
  });

  it("lasts seven days", async () => {
    const staff = await makeStaff(db, "admin");
    const { token } = await createSession(db, staff.id, new Date(Date.now() - 6 * DAY));
    expect(await getOptionalStaffSession(withCookie(token), db)).not.toBeNull();
  });

  it("ends a deactivated user's session on their next request", async () => {
    const staff = await makeStaff(db, "service_member");
    await db.updateTable("users").set({ active: 0 }).where("id", "=", staff.id).execute();
    expect(await getOptionalStaffSession(staff.get(`${BASE}/staff`), db)).toBeNull();
  });

  it("sets an HttpOnly, SameSite=Lax cookie for the whole site, not Secure in development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("COOKIE_SECURE", undefined);
    const staff = await makeStaff(db, "board");
    const { cookie, token } = await createSession(db, staff.id);
    const [pair, ...attributes] = cookie.split("; ");
    expect(pair).toBe(`${SESSION_COOKIE}=${token}`);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${7 * 86_400}`]));
    expect(attributes).not.toContain("Secure");
  });

  it("makes the cookie Secure in production, and when COOKIE_SECURE=true", async () => {
    const staff = await makeStaff(db, "board");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("COOKIE_SECURE", undefined);
    expect((await createSession(db, staff.id)).cookie.split("; ")).toContain("Secure");
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("COOKIE_SECURE", "true");
    expect((await createSession(db, staff.id)).cookie.split("; ")).toContain("Secure");
    // A LAN demo over plain http can opt out explicitly.
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("COOKIE_SECURE", "false");
    expect((await createSession(db, staff.id)).cookie.split("; ")).not.toContain("Secure");
  });
});

describe("signing out", () => {
  it("needs the CSRF token: without it the session stays", async () => {
    const staff = await makeStaff(db, "pcf");
    const refused = await settle(signOutAction(db, staff.post(`${BASE}/sign-out`, [], { csrf: false })));
    expect(refused.status).toBe(403);
    expect(await getOptionalStaffSession(staff.get(`${BASE}/staff`), db)).not.toBeNull();
  });

  it("ends the session and clears the cookie", async () => {
    const staff = await makeStaff(db, "pcf");
    const res = await settle(signOutAction(db, staff.post(`${BASE}/sign-out`, [])));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?signed-out");
    expect(res.headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", staff.id).execute()).toEqual([]);
    expect(await getOptionalStaffSession(staff.get(`${BASE}/staff`), db)).toBeNull();
  });
});
