import type { Kysely } from "kysely";
import type { Database, Role } from "@db/schema";
import { createUser } from "~/auth/users.server";
import { createSession, CSRF_FIELD } from "~/auth/session.server";

let serial = 0;

/**
 * A staff user with a live session: the Cookie header and CSRF token a browser would
 * send. For unit tests that call loaders and actions with real Requests.
 */
export async function makeStaff(db: Kysely<Database>, role: Role, serviceIds: number[] = []) {
  serial++;
  const email = `${role}-${serial}@test.example`;
  const id = await createUser(db, { email, name: `${role} ${serial}`, password: "correct horse battery", role, serviceIds });
  const { token } = await createSession(db, id, false);
  const session = await db.selectFrom("sessions").select("csrf_token").where("user_id", "=", id).executeTakeFirstOrThrow();
  const cookie = `sd_session=${token}`;
  return {
    id,
    email,
    cookie,
    csrf: session.csrf_token,
    /** A GET request as this user. */
    get: (url: string) => new Request(url, { headers: { Cookie: cookie } }),
    /** A form POST as this user, with the CSRF token unless `csrf: false`. */
    post: (url: string, fields: [string, string][], opts: { csrf?: boolean } = {}) => {
      const body = new URLSearchParams(opts.csrf === false ? fields : [[CSRF_FIELD, session.csrf_token], ...fields]);
      return new Request(url, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
    },
  };
}
