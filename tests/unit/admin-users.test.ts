import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import {
  createUserAction,
  editUserAction,
  editUserPage,
  newUserPage,
  resetPasswordAction,
  resetPasswordPage,
  usersListPage,
} from "~/admin/user-pages.server";
import { createSession, getOptionalStaffSession } from "~/auth/session.server";
import { verifyCredentials } from "~/auth/users.server";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { makeServices, settle } from "../support/admin";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let services: Record<string, number>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  ({ ids: services } = await makeServices(db, ["slt", "senar-north"]));
});
afterEach(async () => cleanup());

const BASE = "http://localhost";
const PASSWORD = "a new long password";

function newUserFields(overrides: Record<string, string | string[]> = {}): [string, string][] {
  const fields: Record<string, string | string[]> = {
    name: "Sam Patel",
    email: "Sam.Patel@Example.org",
    role: "service_member",
    services: [String(services.slt)],
    password: PASSWORD,
    ...overrides,
  };
  return Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]));
}

async function flashOf(sessionUserId: number) {
  const row = await db.selectFrom("sessions").select("flash").where("user_id", "=", sessionUserId).executeTakeFirstOrThrow();
  return row.flash ? JSON.parse(row.flash) : null;
}

async function userByEmail(email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

async function sessionsOf(userId: number) {
  return db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
}

describe("staff accounts list", () => {
  it("shows every account with its role, services and status, and never a password hash", async () => {
    const admin = await makeStaff(db, "admin");
    await makeStaff(db, "service_lead", [services["senar-north"]]);
    const res = await settle(usersListPage(db, admin.get(`${BASE}/staff/users`)));
    const body = await res.json();
    expect(body.pageTitle).toBe("Staff accounts");
    const lead = body.users.find((u: { role: string }) => u.role === "service_lead");
    expect(lead).toMatchObject({ active: true, services: ["Service senar-north"] });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/);
  });

  it("is only for admins: other roles get 403, and a signed-out visitor goes to sign-in", async () => {
    for (const role of ["pcf", "board", "service_lead", "service_member"] as const) {
      const someone = await makeStaff(db, role, role.startsWith("service") ? [services.slt] : []);
      expect((await settle(usersListPage(db, someone.get(`${BASE}/staff/users`)))).status, role).toBe(403);
      expect((await settle(createUserAction(db, someone.post(`${BASE}/staff/users/new`, newUserFields())))).status, role).toBe(403);
    }
    const signedOut = await settle(newUserPage(db, new Request(`${BASE}/staff/users/new`)));
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fstaff%2Fusers%2Fnew");
    expect(await db.selectFrom("users").select("id").where("email", "=", "sam.patel@example.org").execute()).toEqual([]);
  });
});

describe("adding a staff account", () => {
  it("creates the account with a hashed password and its services, and confirms it", async () => {
    const admin = await makeStaff(db, "admin");
    const logged = (["log", "info", "warn", "debug"] as const).map((level) => vi.spyOn(console, level));
    const res = await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields())));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/staff/users");
    expect(await flashOf(admin.id)).toEqual({ key: "admin:users.flash.created", values: { name: "\u2068Sam Patel\u2069" } });

    const user = await userByEmail("sam.patel@example.org");
    expect(user).toMatchObject({ name: "Sam Patel", role: "service_member", active: 1 });
    expect(user!.password_hash).not.toContain(PASSWORD);
    const linked = await db.selectFrom("user_services").select("service_id").where("user_id", "=", user!.id).execute();
    expect(linked).toEqual([{ service_id: services.slt }]);
    expect(await verifyCredentials(db, "SAM.PATEL@example.org", PASSWORD)).toMatchObject({ id: user!.id });
    // Nothing printed anything, let alone the password.
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it("re-shows the form with every value typed except the password, and an error per field", async () => {
    const admin = await makeStaff(db, "admin");
    const res = await settle(
      createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields({ name: "", role: "service_lead", services: [], password: "too short" }))),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ name: "name_required", services: "services_required", password: "password_too_short" });
    expect(body.values).toEqual({ name: "", email: "Sam.Patel@Example.org", role: "service_lead", services: [] });
    expect(JSON.stringify(body)).not.toContain("too short");
    expect(await userByEmail("sam.patel@example.org")).toBeUndefined();
  });

  it("says clearly when the email address already has an account, whatever its case", async () => {
    const admin = await makeStaff(db, "admin");
    await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields())));
    const again = await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields({ email: " SAM.patel@example.ORG", name: "Other" }))));
    expect(again.status).toBe(400);
    const body = await again.json();
    expect(body.errors).toEqual({ email: "email_taken" });
    expect(body.values).toMatchObject({ name: "Other", email: " SAM.patel@example.ORG" });
    expect(await db.selectFrom("users").select("name").where("email", "=", "sam.patel@example.org").execute()).toEqual([{ name: "Sam Patel" }]);
  });

  it("refuses services that do not exist, and services for a role that has none", async () => {
    const admin = await makeStaff(db, "admin");
    const unknown = await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields({ services: ["99999"] }))));
    expect((await unknown.json()).errors).toEqual({ services: "services_unknown" });
    const board = await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields({ role: "board" }))));
    expect((await board.json()).errors).toEqual({ services: "services_not_allowed" });
    expect(await userByEmail("sam.patel@example.org")).toBeUndefined();
  });

  it("refuses a form without the right CSRF token with 403 and creates nothing", async () => {
    const admin = await makeStaff(db, "admin");
    const missing = await settle(createUserAction(db, admin.post(`${BASE}/staff/users/new`, newUserFields(), { csrf: false })));
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ reason: "csrf" });
    const wrong = await settle(
      createUserAction(db, admin.post(`${BASE}/staff/users/new`, [["csrf", "not-the-token"], ...newUserFields()], { csrf: false })),
    );
    expect(wrong.status).toBe(403);
    // Another admin's token does not work with this admin's session either.
    const other = await makeStaff(db, "admin");
    const borrowed = await settle(
      createUserAction(db, admin.post(`${BASE}/staff/users/new`, [["csrf", other.csrf], ...newUserFields()], { csrf: false })),
    );
    expect(borrowed.status).toBe(403);
    expect(await userByEmail("sam.patel@example.org")).toBeUndefined();
  });
});

describe("changing a staff account", () => {
  async function member() {
    const m = await makeStaff(db, "service_member", [services.slt]);
    return { ...m, url: `${BASE}/staff/users/${m.id}` };
  }

  it("shows the account's current values, and 404 for an unknown or malformed id", async () => {
    const admin = await makeStaff(db, "admin");
    const m = await member();
    const body = await (await settle(editUserPage(db, admin.get(m.url), String(m.id)))).json();
    expect(body.values).toEqual({ name: expect.any(String), email: m.email, role: "service_member", services: [String(services.slt)] });
    expect(body.isSelf).toBe(false);
    for (const id of ["99999", "abc", "1.5", undefined]) {
      expect((await settle(editUserPage(db, admin.get(`${BASE}/staff/users/${id}`), id))).status, String(id)).toBe(404);
    }
  });

  it("changes the name, role and services", async () => {
    const admin = await makeStaff(db, "admin");
    const m = await member();
    const res = await settle(
      editUserAction(db, admin.post(m.url, [["intent", "save"], ["name", "New Name"], ["role", "service_lead"], ["services", String(services["senar-north"])]]), String(m.id)),
    );
    expect(res.status).toBe(302);
    expect(await flashOf(admin.id)).toEqual({ key: "admin:users.flash.saved", values: { name: "\u2068New Name\u2069" } });
    expect(await db.selectFrom("users").select(["name", "role"]).where("id", "=", m.id).executeTakeFirst()).toEqual({ name: "New Name", role: "service_lead" });
    expect(await db.selectFrom("user_services").select("service_id").where("user_id", "=", m.id).execute()).toEqual([{ service_id: services["senar-north"] }]);
    // The member's next request sees the new role and service.
    expect((await getOptionalStaffSession(db, m.get(`${BASE}/staff`)))?.user).toMatchObject({ role: "service_lead", serviceIds: [services["senar-north"]] });
  });

  it("keeps an admin from changing their own role", async () => {
    const admin = await makeStaff(db, "admin");
    await makeStaff(db, "admin");
    const url = `${BASE}/staff/users/${admin.id}`;
    const res = await settle(editUserAction(db, admin.post(url, [["intent", "save"], ["name", "Me"], ["role", "board"]]), String(admin.id)));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ role: "own_role" });
    expect(await db.selectFrom("users").select("role").where("id", "=", admin.id).executeTakeFirst()).toEqual({ role: "admin" });
  });

  it("deactivating signs the person out at once; reactivating lets them sign in again", async () => {
    const admin = await makeStaff(db, "admin");
    const m = await member();
    expect(await getOptionalStaffSession(db, m.get(`${BASE}/staff`))).not.toBeNull();

    const off = await settle(editUserAction(db, admin.post(m.url, [["intent", "deactivate"]]), String(m.id)));
    expect(off.status).toBe(302);
    expect(off.headers.get("Location")).toBe(`/staff/users/${m.id}`);
    expect(await getOptionalStaffSession(db, m.get(`${BASE}/staff`))).toBeNull();
    expect(await sessionsOf(m.id)).toEqual([]);
    expect(await verifyCredentials(db, m.email, "correct horse battery")).toBeUndefined();

    await settle(editUserAction(db, admin.post(m.url, [["intent", "reactivate"]]), String(m.id)));
    expect(await flashOf(admin.id)).toEqual({ key: "admin:users.flash.reactivated", values: { name: expect.any(String) } });
    expect(await verifyCredentials(db, m.email, "correct horse battery")).toMatchObject({ id: m.id });
  });

  it("keeps an admin from deactivating themselves", async () => {
    const admin = await makeStaff(db, "admin");
    const res = await settle(editUserAction(db, admin.post(`${BASE}/staff/users/${admin.id}`, [["intent", "deactivate"]]), String(admin.id)));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ status: "deactivate_self" });
    expect(await db.selectFrom("users").select("active").where("id", "=", admin.id).executeTakeFirst()).toEqual({ active: 1 });
    expect(await sessionsOf(admin.id)).toHaveLength(1);
  });

  it("refuses an unknown intent and a missing CSRF token without changing anything", async () => {
    const admin = await makeStaff(db, "admin");
    const m = await member();
    expect((await settle(editUserAction(db, admin.post(m.url, [["intent", "delete"]]), String(m.id)))).status).toBe(400);
    expect((await settle(editUserAction(db, admin.post(m.url, [["intent", "deactivate"]], { csrf: false }), String(m.id)))).status).toBe(403);
    expect(await db.selectFrom("users").select("active").where("id", "=", m.id).executeTakeFirst()).toEqual({ active: 1 });
  });
});

describe("resetting a password", () => {
  it("sets a new password, ends the person's sessions, and never echoes the password", async () => {
    const admin = await makeStaff(db, "admin");
    const m = await makeStaff(db, "service_member", [services.slt]);
    const url = `${BASE}/staff/users/${m.id}/password`;
    expect((await (await settle(resetPasswordPage(db, admin.get(url), String(m.id)))).json()).isSelf).toBe(false);

    const short = await settle(resetPasswordAction(db, admin.post(url, [["password", "short one"]]), String(m.id)));
    expect(short.status).toBe(400);
    const body = await short.json();
    expect(body).toEqual({ errors: { password: "password_too_short" } });

    const res = await settle(resetPasswordAction(db, admin.post(url, [["password", PASSWORD]]), String(m.id)));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/staff/users/${m.id}`);
    expect(await sessionsOf(m.id)).toEqual([]);
    expect(await verifyCredentials(db, m.email, "correct horse battery")).toBeUndefined();
    expect(await verifyCredentials(db, m.email, PASSWORD)).toMatchObject({ id: m.id });
  });

  it("keeps the session of an admin who resets their own password, and ends their others", async () => {
    const admin = await makeStaff(db, "admin");
    await createSession(db, admin.id, false);
    expect(await sessionsOf(admin.id)).toHaveLength(2);
    const res = await settle(resetPasswordAction(db, admin.post(`${BASE}/staff/users/${admin.id}/password`, [["password", PASSWORD]]), String(admin.id)));
    expect(res.status).toBe(302);
    expect(await sessionsOf(admin.id)).toHaveLength(1);
    expect(await getOptionalStaffSession(db, admin.get(`${BASE}/staff`))).not.toBeNull();
  });
});
