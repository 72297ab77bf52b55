import { sql, type Kysely } from "kysely";
import type { Database } from "@db/schema";

type Db = Kysely<Database>;

export interface Health {
  /** The database answers. Mail waiting or failed is reported, but does not make the service unhealthy. */
  ok: boolean;
  database: "ok" | "error";
  outbox: {
    /** Messages the sender should be delivering now: pending and due, or claimed by a sender that stopped. */
    due: number;
    /** Minutes since the longest-waiting of those became due (null when none is due). */
    oldestDueMinutes: number | null;
    /** Given up on: refused for good or out of tries; an admin can retry them from the mailbox. */
    failed: number;
  };
}

const DOWN: Health = { ok: false, database: "error", outbox: { due: 0, oldestDueMinutes: null, failed: 0 } };

/**
 * What `/healthz` answers. Never throws: a database that does not answer is `ok: false`.
 *
 * "Due" follows the sender's own rules (app/mail/sender.server.ts): a pending message
 * whose `next_attempt_at` has passed, or a "sending" one whose claim (held in
 * `next_attempt_at`) has expired, which the next run hands back and sends. A growing
 * `oldestDueMinutes` means the job loop is not delivering; both queries read only the
 * `outbox_due (status, next_attempt_at)` index.
 */
export async function checkHealth(db: Db, now = new Date()): Promise<Health> {
  try {
    await sql`select 1`.execute(db);
    const at = now.toISOString();
    const due = await db
      .selectFrom("outbox")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("next_attempt_at").as("oldest")])
      .where("status", "in", ["pending", "sending"])
      .where("next_attempt_at", "<=", at)
      .executeTakeFirstOrThrow();
    const failed = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "failed")
      .executeTakeFirstOrThrow();
    const oldest = due.oldest ? Date.parse(due.oldest) : NaN;
    return {
      ok: true,
      database: "ok",
      outbox: {
        due: Number(due.n),
        oldestDueMinutes: Number(due.n) > 0 && Number.isFinite(oldest) ? Math.max(0, Math.floor((now.getTime() - oldest) / 60_000)) : null,
        failed: Number(failed.n),
      },
    };
  } catch {
    return structuredClone(DOWN);
  }
}
