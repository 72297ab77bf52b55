import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "@db/connection";
import type { Database, OutboxStatus } from "@db/schema";
import { checkHealth } from "~/ops/health.server";
import { createTestDb } from "../support/db";

const NOW = new Date("2026-12-03T12:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function testDb() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  return t.db;
}

async function message(db: Kysely<Database>, status: OutboxStatus, nextAttemptAt: string) {
  await db
    .insertInto("outbox")
    .values({
      kind: "invitation",
      to_address: "parent@example.org",
      language: "en",
      subject: "Tell us",
      text_body: "text",
      html_body: "<p>html</p>",
      status,
      next_attempt_at: nextAttemptAt,
      created_at: minutesAgo(600),
    })
    .execute();
}

describe("checkHealth", () => {
  it("reports an empty outbox as healthy with nothing due", async () => {
    const db = await testDb();
    expect(await checkHealth(db, NOW)).toEqual({ ok: true, database: "ok", outbox: { due: 0, oldestDueMinutes: null, failed: 0 } });
  });

  it("counts due mail (pending and past its time, or an expired claim), the oldest due, and failed mail", async () => {
    const db = await testDb();
    await message(db, "pending", minutesAgo(5));
    await message(db, "pending", minutesAgo(42.5)); // the oldest due: 42 whole minutes
    await message(db, "pending", minutesAgo(-30)); // a retry waiting for its backoff: not due yet
    await message(db, "sending", minutesAgo(10)); // claim expired: the sender stopped, due again
    await message(db, "sending", minutesAgo(-5)); // being sent now
    await message(db, "sent", minutesAgo(900));
    await message(db, "failed", minutesAgo(300));
    await message(db, "failed", minutesAgo(1));

    expect(await checkHealth(db, NOW)).toEqual({ ok: true, database: "ok", outbox: { due: 3, oldestDueMinutes: 42, failed: 2 } });
  });

  it("stays ok while mail fails: the database answers", async () => {
    const db = await testDb();
    await message(db, "failed", minutesAgo(1));
    const health = await checkHealth(db, NOW);
    expect(health.ok).toBe(true);
    expect(health.outbox.failed).toBe(1);
  });

  it("reports a database that does not answer as not ok, without throwing", async () => {
    const db = await testDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-health-"));
    const closed = openDatabase(path.join(dir, "closed.sqlite"));
    await closed.destroy();
    try {
      const down = { ok: false, database: "error", outbox: { due: 0, oldestDueMinutes: null, failed: 0 } };
      expect(await checkHealth(closed, NOW)).toEqual(down);
      // A database without the app's tables (never migrated) is not healthy either.
      const empty = openDatabase(path.join(dir, "empty.sqlite"));
      cleanups.push(() => empty.destroy());
      expect(await checkHealth(empty, NOW)).toEqual(down);
      // Still fine for a working one.
      expect((await checkHealth(db, NOW)).ok).toBe(true);
    } finally {
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    }
  });
});
