import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { signInAction } from "~/auth/sign-in.server";
import { createUser } from "~/auth/users.server";
import { createTestDb } from "../support/db";
import { postForm } from "../support/fixtures";
import { settle } from "../support/admin";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;

const SIGN_IN_URL = "http://localhost:3000/sign-in";
const EMAIL = "lead@test.example";
const PASSWORD = "the right password";

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  await createUser(db, { email: EMAIL, name: "Lead", password: PASSWORD, role: "service_lead" });
});
afterEach(async () => cleanup());

const signIn = (fields: [string, string][], headers: Record<string, string> = {}) => settle(signInAction(db, postForm(SIGN_IN_URL, fields, headers), false, { clientIp: "192.0.2.10", factor: 1 }));
const sessionCount = async () => (await db.selectFrom("sessions").select("id").execute()).length;

describe("signing in", () => {
  it("starts a session and goes to the page asked for", async () => {
    const res = await signIn([["email", " Lead@Test.example "], ["password", PASSWORD], ["redirectTo", "/staff/campaigns?x=1"]], { Origin: "http://localhost:3000" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/staff/campaigns?x=1");
    expect(res.headers.get("Set-Cookie")).toMatch(/^sd_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(await sessionCount()).toBe(1);
  });

  it("with a wrong password: the error, the email kept, no password echoed, no session", async () => {
    const res = await signIn([["email", EMAIL], ["password", "the wrong password"]]);
    expect(res.status).toBe(400);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const body = await res.json();
    expect(body).toEqual({ errors: { email: "wrong" }, email: EMAIL });
    expect(await sessionCount()).toBe(0);
  });

  it("gives an unknown address the same answer as a wrong password", async () => {
    const res = await signIn([["email", "nobody@test.example"], ["password", PASSWORD]]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: { email: "wrong" }, email: "nobody@test.example" });
  });

  it("asks for a missing email and password", async () => {
    const res = await signIn([["email", " "], ["password", ""]]);
    expect(await res.json()).toEqual({ errors: { email: "email_required", password: "password_required" }, email: " " });
  });

  it("ignores a redirect to another site", async () => {
    for (const redirectTo of ["//evil.example", "https://evil.example", "/\\evil.example", "https://evil.example/staff"]) {
      const res = await signIn([["email", EMAIL], ["password", PASSWORD], ["redirectTo", redirectTo]]);
      expect(res.headers.get("Location"), redirectTo).toBe("/staff");
    }
  });

  it("refuses a sign-in posted from another site (403) and starts no session", async () => {
    for (const origin of ["https://evil.example", "http://localhost:4000", "null"]) {
      const res = await signIn([["email", EMAIL], ["password", PASSWORD]], { Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect(await sessionCount()).toBe(0);
  });

  it("after 10 failures for one address from one IP, refuses it there (even the right password) with the wait", async () => {
    for (let i = 0; i < 10; i++) expect((await signIn([["email", EMAIL], ["password", `guess ${i}`]])).status).toBe(400);
    const locked = await signIn([["email", EMAIL.toUpperCase()], ["password", PASSWORD]]);
    expect(locked.status).toBe(429);
    // The window opened with the first failure, 15 minutes long.
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers.get("Retry-After"))).toBeLessThanOrEqual(15 * 60);
    expect(await locked.json()).toEqual({ errors: { email: "too_many" }, email: EMAIL.toUpperCase(), wait: 15 });
    expect(await sessionCount()).toBe(0);
    // Other addresses are unaffected.
    await createUser(db, { email: "other@test.example", name: "Other", password: PASSWORD, role: "pcf" });
    expect((await signIn([["email", "other@test.example"], ["password", PASSWORD]])).status).toBe(302);
  });

  it("forgets earlier failures once the person signs in", async () => {
    for (let i = 0; i < 9; i++) await signIn([["email", EMAIL], ["password", `guess ${i}`]]);
    expect((await signIn([["email", EMAIL], ["password", PASSWORD]])).status).toBe(302);
    for (let i = 0; i < 9; i++) await signIn([["email", EMAIL], ["password", `guess ${i}`]]);
    expect((await signIn([["email", EMAIL], ["password", PASSWORD]])).status).toBe(302);
  });
});
