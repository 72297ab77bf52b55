import type { Kysely } from "kysely";
import type { Database, Role } from "@db/schema";
import { hashPassword } from "~/auth/password.server";
import { endSessionsOf } from "~/auth/session.server";
import { createUser, findUserByEmail } from "~/auth/users.server";
import type { UserCreate, UserEdit } from "./users";

type Db = Kysely<Database>;

export interface UserSummary {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  serviceIds: number[];
}

async function serviceIdsByUser(db: Db, userIds: number[]): Promise<Map<number, number[]>> {
  const byUser = new Map<number, number[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.selectFrom("user_services").select(["user_id", "service_id"]).where("user_id", "in", userIds).execute();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.service_id]);
  return byUser;
}

/** Every staff account, active ones first, then by name. Never the password hash. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "active"])
    .orderBy("active", "desc")
    .orderBy("name")
    .execute();
  const services = await serviceIdsByUser(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, active: r.active === 1, serviceIds: services.get(r.id) ?? [] }));
}

export async function findUserSummary(db: Db, id: number): Promise<UserSummary | undefined> {
  const row = await db.selectFrom("users").select(["id", "name", "email", "role", "active"]).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const services = await serviceIdsByUser(db, [id]);
  return { ...row, active: row.active === 1, serviceIds: services.get(id) ?? [] };
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Whether every id names an existing service. */
export async function servicesExist(db: Db, ids: readonly number[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await db.selectFrom("services").select("id").where("id", "in", [...ids]).execute();
  return rows.length === new Set(ids).size;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Creates an account, or says the email is taken (checked first, and again by the unique index). */
export async function createUserAccount(db: Db, input: UserCreate, now = new Date()): Promise<{ id: number } | { error: "email_taken" }> {
  if (await findUserByEmail(db, input.email)) return { error: "email_taken" };
  try {
    const id = await createUser(db, { email: input.email, name: input.name, password: input.password, role: input.role, serviceIds: input.services }, now);
    return { id };
  } catch (error) {
    if (isUniqueViolation(error)) return { error: "email_taken" };
    throw error;
  }
}

/** Name, role and services; the services are replaced as a whole. */
export async function updateUserAccount(db: Db, id: number, input: UserEdit): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ name: input.name, role: input.role }).where("id", "=", id).execute();
    await trx.deleteFrom("user_services").where("user_id", "=", id).execute();
    if (input.services.length > 0) {
      await trx
        .insertInto("user_services")
        .values(input.services.map((serviceId) => ({ user_id: id, service_id: serviceId })))
        .execute();
    }
  });
}

/** Deactivating also ends every session of the account, so its holder is signed out at once. */
export async function setUserActive(db: Db, id: number, active: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ active: active ? 1 : 0 }).where("id", "=", id).execute();
    if (!active) await endSessionsOf(trx, id);
  });
}

/**
 * Sets a new password and ends the account's sessions (anyone signed in with the old
 * one is signed out); an admin resetting their own keeps the session they are using.
 */
export async function resetUserPassword(db: Db, id: number, password: string, keepSessionId?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
    await endSessionsOf(trx, id, keepSessionId);
  });
}
