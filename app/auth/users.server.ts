import type { Kysely } from "kysely";
import type { Database, Role, User } from "@db/schema";
import { dummyHash, hashPassword, verifyPassword } from "./password.server";

type Db = Kysely<Database>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

/** The active user these credentials belong to, or undefined (same time taken either way). */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.active) {
    await verifyPassword(password, await dummyHash());
    return undefined;
  }
  return (await verifyPassword(password, user.password_hash)) ? user : undefined;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  serviceIds?: number[];
}

export async function createUser(db: Db, input: NewUser, now = new Date()): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("users")
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        password_hash: passwordHash,
        role: input.role,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.serviceIds?.length) {
      await trx
        .insertInto("user_services")
        .values(input.serviceIds.map((serviceId) => ({ user_id: id, service_id: serviceId })))
        .execute();
    }
    return id;
  });
}
