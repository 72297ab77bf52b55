import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { createSession, getOptionalStaffSession, requireStaffUser, SESSION_COOKIE } from "~/auth/session.server";
import { createUser, verifyCredentials } from "~/auth/users.server";
import { signOutAction } from "~/auth/sign-in.server";
import { readEnv } from "~/env.server";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { settle } from "../support/admin";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => {
  await cleanup();
});

const BASE = "http://localhost";
const DAY = 86_400_000;

/** `env.COOKIE_SECURE` as the server reads it at boot from these variables. */
function secureUnder(vars: { NODE_ENV: "development" | "production"; COOKIE_SECURE?: "true" | "false" }): boolean {
  return readEnv({ PUBLIC_URL: "https://said-and-done.example", MAIL_FROM: "Said & Done <no-reply@said-and-done.example>", ...vars }).COOKIE_SECURE;
}

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
    const { token } = await createSession(db, staff.id, false);
    const session = await getOptionalStaffSession(db, withCookie(token));
    expect(session?.user).toMatchObject({ id: staff.id, role: "board", serviceIds: [] });
    const ids = (await db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    expect(ids).not.toContain(token);
    expect(await getOptionalStaffSession(db, withCookie(`${token}x`))).toBeNull();
    expect(await getOptionalStaffSession(db, new Request(`${BASE}/staff`))).toBeNull();
  });

  it("treats an expired session as signed out, sending the visitor to sign in", async () => {
    const staff = await makeStaff(db, "admin");
    const { token } = await createSession(db, staff.id, false, new Date(Date.now() - 8 * DAY));
    expect(await getOptionalStaffSession(db, withCookie(token))).toBeNull();
    const res = await settle(requireStaffUser(db, withCookie(token, `${BASE}/staff/users?x=1`), "users"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fstaff%2Fusers%3Fx%3D1");
  });

  it("lasts seven days", async () => {
    const staff = await makeStaff(db, "admin");
    const { token } = await createSession(db, staff.id, false, new Date(Date.now() - 6 * DAY));
    expect(await getOptionalStaffSession(db, withCookie(token))).not.toBeNull();
  });

  it("ends a deactivated user's session on their next request", async () => {
    const staff = await makeStaff(db, "service_member");
    await db.updateTable("users").set({ active: 0 }).where("id", "=", staff.id).execute();
    expect(await getOptionalStaffSession(db, staff.get(`${BASE}/staff`))).toBeNull();
  });

  it("sets an HttpOnly, SameSite=Lax cookie for the whole site, not Secure in development", async () => {
    const staff = await makeStaff(db, "board");
    const { cookie, token } = await createSession(db, staff.id, secureUnder({ NODE_ENV: "development" }));
    const [pair, ...attributes] = cookie.split("; ");
    expect(pair).toBe(`${SESSION_COOKIE}=${token}`);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${7 * 86_400}`]));
    expect(attributes).not.toContain("Secure");
  });

  it("makes the cookie Secure in production, and when COOKIE_SECURE=true", async () => {
    const staff = await makeStaff(db, "board");
    expect((await createSession(db, staff.id, secureUnder({ NODE_ENV: "production" }))).cookie.split("; ")).toContain("Secure");
    expect((await createSession(db, staff.id, secureUnder({ NODE_ENV: "development", COOKIE_SECURE: "true" }))).cookie.split("; ")).toContain("Secure");
    // A LAN demo over plain http can opt out explicitly.
    expect((await createSession(db, staff.id, secureUnder({ NODE_ENV: "production", COOKIE_SECURE: "false" }))).cookie.split("; ")).not.toContain("Secure");
  });
});

describe("signing out", () => {
  it("needs the CSRF token: without it the session stays", async () => {
    const staff = await makeStaff(db, "pcf");
    const refused = await settle(signOutAction(db, staff.post(`${BASE}/sign-out`, [], { csrf: false }), false));
    expect(refused.status).toBe(403);
    expect(await getOptionalStaffSession(db, staff.get(`${BASE}/staff`))).not.toBeNull();
  });

  it("ends the session and clears the cookie", async () => {
    const staff = await makeStaff(db, "pcf");
    const res = await settle(signOutAction(db, staff.post(`${BASE}/sign-out`, []), false));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?signed-out");
    expect(res.headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", staff.id).execute()).toEqual([]);
    expect(await getOptionalStaffSession(db, staff.get(`${BASE}/staff`))).toBeNull();
  });
});
