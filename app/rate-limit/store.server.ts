import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "@db/schema";
import type { AppContext } from "~/context";
import { effectiveLimit, ipSubject, type RateLimitPolicy } from "./policies";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Rate-limit counters in the database, so every app process on one SQLite file (or one
 * PostgreSQL) shares them and a restart forgets nothing. A fixed window per key, opened by
 * its first hit; one statement counts a hit, so two processes hitting the same key at once
 * both count (SQLite serialises writers; PostgreSQL locks the conflicting row).
 */

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * The stored key of a policy's subject: SHA-256 of the scope and the subject's parts, so
 * the table holds no IP or email address. The parts are joined with a separator no
 * address contains, so ("a", "b c") and ("a b", "c") never meet.
 */
export function rateLimitKey(scope: string, ...parts: readonly string[]): string {
  return crypto.createHash("sha256").update([scope, ...parts].join("\u0000")).digest("hex");
}

function refusal(expiresAt: string, now: Date): RateLimitResult {
  const ms = Date.parse(expiresAt) - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/**
 * Counts one hit of `key` and says whether it is within the limit. A window that has
 * ended starts again with this hit. Refused hits are counted too (it changes nothing:
 * the window's end stays where it is).
 */
export async function hit(db: Db, key: string, { limit, windowMs }: RateLimit, now = new Date()): Promise<RateLimitResult> {
  const at = now.toISOString();
  const end = new Date(now.getTime() + windowMs).toISOString();
  // Inside DO UPDATE, rate_limits.* is the stored row and excluded.* the new one: an
  // expired row takes the new one's values, a live one counts up. Both databases read
  // every SET expression from the stored row, so the three columns agree.
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: at, hits: 1, expires_at: end })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        const expired = eb("rate_limits.expires_at", "<=", at);
        return {
          hits: eb.case().when(expired).then(eb.ref("excluded.hits")).else(eb("rate_limits.hits", "+", 1)).end(),
          window_start: eb.case().when(expired).then(eb.ref("excluded.window_start")).else(eb.ref("rate_limits.window_start")).end(),
          expires_at: eb.case().when(expired).then(eb.ref("excluded.expires_at")).else(eb.ref("rate_limits.expires_at")).end(),
        };
      }),
    )
    .returning(["hits", "expires_at"])
    .executeTakeFirstOrThrow();
  return Number(row.hits) <= limit ? { allowed: true, retryAfterSeconds: 0 } : refusal(row.expires_at, now);
}

/** Whether one more hit of `key` would be allowed, without counting one. */
export async function peek(db: Db, key: string, { limit }: Pick<RateLimit, "limit">, now = new Date()): Promise<RateLimitResult> {
  const row = await db
    .selectFrom("rate_limits")
    .select(["hits", "expires_at"])
    .where("key", "=", key)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return !row || Number(row.hits) < limit ? { allowed: true, retryAfterSeconds: 0 } : refusal(row.expires_at, now);
}

/** Forgets a key's hits (e.g. an address's failed sign-ins once the right password is given). */
export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}

/** Deletes the counters whose window has ended (they would restart on their next hit anyway). */
export async function purgeExpiredRateLimits(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom("rate_limits").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The settings a policy is applied with. */
export interface PolicyCheck {
  /** `env.RATE_LIMIT_FACTOR`; only per-IP policies use it (1 when absent). */
  factor?: number;
  now?: Date;
}

/** `hit` for a policy of policies.ts and its subject (e.g. `ipSubject(clientIp)`, an email address). */
export function hitPolicy(db: Db, policy: RateLimitPolicy, subject: readonly string[], { factor = 1, now = new Date() }: PolicyCheck = {}) {
  return hit(db, rateLimitKey(policy.scope, ...subject), effectiveLimit(policy, factor), now);
}

/** `peek` for a policy of policies.ts and its subject. */
export function peekPolicy(db: Db, policy: RateLimitPolicy, subject: readonly string[], { factor = 1, now = new Date() }: PolicyCheck = {}) {
  return peek(db, rateLimitKey(policy.scope, ...subject), effectiveLimit(policy, factor), now);
}

/** `resetRateLimit` for a policy of policies.ts and its subject. */
export function resetPolicy(db: Db, policy: RateLimitPolicy, subject: readonly string[]) {
  return resetRateLimit(db, rateLimitKey(policy.scope, ...subject));
}

/** Who is asking, for the per-IP limits: `context.clientIp` and `env.RATE_LIMIT_FACTOR`. */
export interface ClientLimits {
  clientIp: string;
  factor: number;
}

export function clientLimitsOf(context: Pick<AppContext, "env" | "clientIp">): ClientLimits {
  return { clientIp: context.clientIp, factor: context.env.RATE_LIMIT_FACTOR };
}

/** `hitPolicy` for a per-IP policy and the client asking. */
export function hitForIp(db: Db, policy: RateLimitPolicy, { clientIp, factor }: ClientLimits, now = new Date()) {
  return hitPolicy(db, policy, [ipSubject(clientIp)], { factor, now });
}

/** `hitForIp` as a loader or action sees it, from the load context. */
export function hitForClient(context: Pick<AppContext, "db" | "env" | "clientIp">, policy: RateLimitPolicy, now = new Date()) {
  return hitForIp(context.db, policy, clientLimitsOf(context), now);
}
