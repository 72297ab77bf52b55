// The slow, hourly side of the job loop: forget what the privacy notice says we forget.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Env } from "../app/env.server";
import { purgeStale } from "../app/ops/purge.server";
import { purgeExpiredRateLimits } from "../app/rate-limit/store.server";

type Db = Kysely<Database>;

export async function runMaintenance(db: Db, env: Env, now: Date) {
  const stale = await purgeStale(db, { now, unsubmittedAfterDays: env.PURGE_UNSUBMITTED_AFTER_DAYS });
  const rateLimits = await purgeExpiredRateLimits(db, now);
  const counts: Record<string, number> = { ...stale, rateLimits: Number(rateLimits) };
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Accounts of the demo (their password is published): a production start refuses to run with any. */
export async function countDemoAccounts(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "like", "%@demo.test")
    .executeTakeFirstOrThrow();
  return Number(n);
}
