import type { Kysely } from "kysely";
import type { Database } from "@db/schema";

type Db = Kysely<Database>;

export interface PurgeOptions {
  now: Date;
  /** A response started but never submitted is deleted once its last save is this many days old. */
  unsubmittedAfterDays: number;
}

export interface PurgeCounts {
  unsubmittedResponses: number;
  unsubmittedAnswers: number;
  expiredSessions: number;
}

/** Rows per transaction: a large backlog is deleted in steps, so requests are not kept waiting. */
const BATCH = 500;

/**
 * Forgets what the privacy notice says we forget (README "Forgetting"):
 *
 * - responses started but never submitted (`submitted_at` null) whose last save
 *   (`updated_at`, moved on by every page saved) is older than `unsubmittedAfterDays`,
 *   with their answers. Submitted responses are never touched, so the results rollup,
 *   which counts only submitted ones, stays right without a recount. A response cited as
 *   loop evidence is kept (evidence comes from submitted responses, so none should be);
 * - staff sessions past `expires_at` (already refused at sign-in check, see session.server.ts).
 */
export async function purgeStale(db: Db, { now, unsubmittedAfterDays }: PurgeOptions): Promise<PurgeCounts> {
  if (!Number.isFinite(unsubmittedAfterDays) || unsubmittedAfterDays < 1) {
    throw new Error(`unsubmittedAfterDays must be at least 1, not ${unsubmittedAfterDays}`);
  }
  const cutoff = new Date(now.getTime() - unsubmittedAfterDays * 24 * 60 * 60_000).toISOString();
  const counts: PurgeCounts = { unsubmittedResponses: 0, unsubmittedAnswers: 0, expiredSessions: 0 };

  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const ids = (
        await trx
          .selectFrom("responses")
          .select("id")
          .where("submitted_at", "is", null)
          .where("updated_at", "<", cutoff)
          .where((eb) => eb.not(eb.exists(eb.selectFrom("loop_evidence").select("loop_evidence.id").whereRef("loop_evidence.response_id", "=", "responses.id"))))
          .orderBy("id")
          .limit(BATCH)
          .execute()
      ).map((r) => r.id);
      if (ids.length === 0) return true;
      // Deleted explicitly rather than through the foreign key's cascade, so the count is known
      // and nothing depends on the connection having foreign keys on.
      const answers = await trx.deleteFrom("answers").where("response_id", "in", ids).executeTakeFirst();
      const responses = await trx.deleteFrom("responses").where("id", "in", ids).executeTakeFirst();
      counts.unsubmittedAnswers += Number(answers.numDeletedRows);
      counts.unsubmittedResponses += Number(responses.numDeletedRows);
      return ids.length < BATCH;
    });
    if (done) break;
    await new Promise((resolve) => setImmediate(resolve));
  }

  const sessions = await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  counts.expiredSessions = Number(sessions.numDeletedRows);
  return counts;
}
