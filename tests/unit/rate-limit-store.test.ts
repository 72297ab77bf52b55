import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "@db/connection";
import type { Database } from "@db/schema";
import { POLICIES } from "~/rate-limit/policies";
import {
  hit,
  hitPolicy,
  peek,
  peekPolicy,
  purgeExpiredRateLimits,
  rateLimitKey,
  resetRateLimit,
} from "~/rate-limit/store.server";
import { createTestDb } from "../support/db";

// The shared rate-limit store, on a real SQLite file: a fixed window from the first hit,
// reset once it ends, the same counts for every process on the file.

let db: Kysely<Database>;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, file, cleanup } = await createTestDb());
});
afterEach(() => cleanup());

const T0 = new Date("2026-12-03T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const FIVE_IN_TEN_MINUTES = { limit: 5, windowMs: 10 * MINUTE };

describe("hit", () => {
  it("allows `limit` hits in a window, then refuses until the window ends, with the seconds left", async () => {
    const key = rateLimitKey("test", "192.0.2.1");
    for (let i = 0; i < 5; i++) {
      expect(await hit(db, key, FIVE_IN_TEN_MINUTES, at(i * MINUTE))).toEqual({ allowed: true, retryAfterSeconds: 0 });
    }
    // The window opened at T0 and ends at T0 + 10 minutes, however the hits were spread.
    expect(await hit(db, key, FIVE_IN_TEN_MINUTES, at(6 * MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 240 });
    expect(await hit(db, key, FIVE_IN_TEN_MINUTES, at(10 * MINUTE - 1500))).toEqual({ allowed: false, retryAfterSeconds: 2 });
    // Another subject has its own count.
    expect((await hit(db, rateLimitKey("test", "192.0.2.2"), FIVE_IN_TEN_MINUTES, at(6 * MINUTE))).allowed).toBe(true);
  });

  it("starts a new window with the first hit after the old one ended", async () => {
    const key = rateLimitKey("test", "a");
    for (let i = 0; i < 7; i++) await hit(db, key, FIVE_IN_TEN_MINUTES, at(i));
    expect((await hit(db, key, FIVE_IN_TEN_MINUTES, at(10 * MINUTE - 1))).allowed).toBe(false);
    expect(await hit(db, key, FIVE_IN_TEN_MINUTES, at(10 * MINUTE))).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const row = await db.selectFrom("rate_limits").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
    expect(row).toEqual({
      key,
      hits: 1,
      window_start: at(10 * MINUTE).toISOString(),
      expires_at: at(20 * MINUTE).toISOString(),
    });
    // The new window counts from its own start: four more are allowed, the fifth after that is not.
    for (let i = 1; i <= 4; i++) expect((await hit(db, key, FIVE_IN_TEN_MINUTES, at(10 * MINUTE + i))).allowed).toBe(true);
    expect(await hit(db, key, FIVE_IN_TEN_MINUTES, at(11 * MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 540 });
  });

  it("shares the counts between two connections to the same file", async () => {
    const other = openDatabase(file);
    try {
      const key = rateLimitKey("test", "shared");
      const results = [];
      for (let i = 0; i < 6; i++) results.push((await hit(i % 2 ? other : db, key, FIVE_IN_TEN_MINUTES, at(i))).allowed);
      expect(results).toEqual([true, true, true, true, true, false]);
      expect((await peek(other, key, FIVE_IN_TEN_MINUTES, at(10))).allowed).toBe(false);
    } finally {
      await other.destroy();
    }
  });

  it("counts every hit when several processes hit the same key at once", async () => {
    const store = path.resolve("app/rate-limit/store.server.ts");
    const connection = path.resolve("db/connection.ts");
    // Each process opens the file with the app's own connection settings (WAL, busy timeout).
    const script = `
      const { openDatabase } = await import(${JSON.stringify(connection)});
      const { hit } = await import(${JSON.stringify(store)});
      const db = openDatabase(process.argv[1]);
      let allowed = 0;
      for (let i = 0; i < 40; i++) if ((await hit(db, "concurrent", { limit: 100, windowMs: 3600000 })).allowed) allowed++;
      await db.destroy();
      process.stdout.write(String(allowed));
    `;
    const run = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, file], { cwd: path.resolve(".") });
    const outputs = await Promise.all([run(), run(), run()]);
    const allowed = outputs.reduce((sum, o) => sum + Number(o.stdout), 0);
    expect(allowed).toBe(100);
    const row = await db.selectFrom("rate_limits").select("hits").where("key", "=", "concurrent").executeTakeFirstOrThrow();
    expect(row.hits).toBe(120);
  }, 60_000);
});

describe("peek and reset", () => {
  it("peek says whether one more hit would be allowed, without counting", async () => {
    const key = rateLimitKey("test", "p");
    expect(await peek(db, key, FIVE_IN_TEN_MINUTES, T0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    for (let i = 0; i < 4; i++) await hit(db, key, FIVE_IN_TEN_MINUTES, T0);
    for (let i = 0; i < 3; i++) expect((await peek(db, key, FIVE_IN_TEN_MINUTES, at(MINUTE))).allowed).toBe(true);
    await hit(db, key, FIVE_IN_TEN_MINUTES, at(MINUTE));
    expect(await peek(db, key, FIVE_IN_TEN_MINUTES, at(MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 540 });
    // An ended window is no refusal, even before a hit replaces it.
    expect((await peek(db, key, FIVE_IN_TEN_MINUTES, at(10 * MINUTE))).allowed).toBe(true);
  });

  it("reset forgets a key's hits", async () => {
    const key = rateLimitKey("test", "r");
    for (let i = 0; i < 5; i++) await hit(db, key, FIVE_IN_TEN_MINUTES, T0);
    await resetRateLimit(db, key);
    expect((await peek(db, key, FIVE_IN_TEN_MINUTES, T0)).allowed).toBe(true);
  });
});

describe("the table", () => {
  it("holds hashed keys only: no IP or email address", async () => {
    const { signInFailuresPerAddressAndIp: policy } = POLICIES;
    await hitPolicy(db, policy, ["parent@example.com", "203.0.113.7"], { factor: 1, now: T0 });
    const rows = await db.selectFrom("rate_limits").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/parent|example|203\.0/);
    expect(rows[0].key).toBe(rateLimitKey(policy.scope, "parent@example.com", "203.0.113.7"));
    // The scope is part of the key: the same subject under another policy counts apart.
    expect(rateLimitKey(POLICIES.subscribePerIp.scope, "203.0.113.7")).not.toBe(rateLimitKey(POLICIES.ratingPerIp.scope, "203.0.113.7"));
    expect(rateLimitKey("s", "a", "b c")).not.toBe(rateLimitKey("s", "a b", "c"));
  });

  it("purges only the counters whose window has ended", async () => {
    await hit(db, rateLimitKey("test", "old"), { limit: 1, windowMs: MINUTE }, T0);
    await hit(db, rateLimitKey("test", "new"), { limit: 1, windowMs: 10 * MINUTE }, T0);
    expect(await purgeExpiredRateLimits(db, at(MINUTE))).toBe(1);
    const keys = (await db.selectFrom("rate_limits").select("key").execute()).map((r) => r.key);
    expect(keys).toEqual([rateLimitKey("test", "new")]);
  });
});

describe("policies applied", () => {
  it("multiplies per-IP limits by the factor, never per-address ones", async () => {
    const ip = ["198.51.100.9"];
    for (let i = 0; i < 20; i++) expect((await hitPolicy(db, POLICIES.signInFailuresPerIp, ip, { factor: 1, now: T0 })).allowed).toBe(true);
    expect((await peekPolicy(db, POLICIES.signInFailuresPerIp, ip, { factor: 1, now: T0 })).allowed).toBe(false);
    expect((await peekPolicy(db, POLICIES.signInFailuresPerIp, ip, { factor: 2, now: T0 })).allowed).toBe(true);

    const address = ["someone@example.com", "all"];
    expect((await hitPolicy(db, POLICIES.subscribeConfirmationPerAddress, address, { factor: 50, now: T0 })).allowed).toBe(true);
    expect(await hitPolicy(db, POLICIES.subscribeConfirmationPerAddress, address, { factor: 50, now: at(MINUTE) })).toEqual({
      allowed: false,
      retryAfterSeconds: 24 * 3600 - 60,
    });
  });
});
