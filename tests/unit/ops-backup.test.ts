import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "@db/connection";
import type { Database } from "@db/schema";
import { backupDatabase, defaultBackupFile } from "~/ops/backup.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";

let db: Kysely<Database>;
let file: string;
let cleanup: () => Promise<void>;
let dir: string;
let writer: ChildProcess | undefined;

beforeEach(async () => {
  ({ db, file, cleanup } = await createTestDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-backup-"));
});
afterEach(async () => {
  writer?.kill("SIGKILL");
  writer = undefined;
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = async (table: "responses" | "answers") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

/** `n` submitted responses with one answer each, in one statement. */
async function fill(campaignId: number, questionId: number, n: number) {
  await sql`
    with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${n})
    insert into responses (campaign_id, service_id, language, channel, resume_token, current_page, started_at, updated_at, submitted_at)
    select ${campaignId}, null, 'en', 'open_link', 'fill-' || i || '-' || hex(randomblob(8)), 1, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'
    from seq`.execute(db);
  await sql`insert into answers (response_id, question_id, value, score) select id, ${questionId}, 'a long enough free-text answer to take some room on the page', null from responses`.execute(db);
}

/**
 * Another process writing to the database as the running app would: one committed
 * insert after another, without pause, until it is killed. Says "writing" once started.
 */
function startWriter(databaseFile: string, campaignId: number): Promise<ChildProcess> {
  const script = `
    const db = require("better-sqlite3")(process.argv[1]);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("insert into responses (campaign_id, service_id, language, channel, resume_token, current_page, started_at, updated_at, submitted_at) values (?, null, 'en', 'open_link', ?, 1, ?, ?, null)");
    let i = 0;
    for (;;) {
      const now = new Date().toISOString();
      insert.run(Number(process.argv[2]), "writer-" + process.pid + "-" + i++, now, now);
      if (i === 50) process.stdout.write("writing\\n");
    }`;
  const child = spawn(process.execPath, ["-e", script, databaseFile, String(campaignId)], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`writer stopped (${code}): ${err}`)));
  });
}

describe("backupDatabase", () => {
  it("copies a WAL database into one checked file that the app can open", async () => {
    const { campaign, versionId } = await makeCampaign(db);
    const q = await db.selectFrom("questions").select("id").where("survey_version_id", "=", versionId).executeTakeFirstOrThrow();
    await fill(campaign.id, q.id, 300);
    // These rows are only in the -wal file: the app's connection is open and has not checkpointed.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);

    const dest = path.join(dir, "nested", "copy.sqlite");
    const result = await backupDatabase(file, dest);

    expect(result).toEqual({ file: dest, bytes: fs.statSync(dest).size, counts: { responses: 300, answers: 300 } });
    expect(fs.existsSync(`${dest}-wal`)).toBe(false);
    const check = new SQLite(dest, { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete");
    check.close();
    // A restored copy is a complete, migrated database.
    const restored = openDatabase(dest);
    expect(await migrateToLatest(restored)).toEqual([]);
    expect(Number((await restored.selectFrom("campaigns").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(1);
    await restored.destroy();
  });

  it("holds every row committed before it started while another process keeps inserting", async () => {
    const { campaign, versionId } = await makeCampaign(db);
    const q = await db.selectFrom("questions").select("id").where("survey_version_id", "=", versionId).executeTakeFirstOrThrow();
    await fill(campaign.id, q.id, 20_000);
    writer = await startWriter(file, campaign.id);

    const committedBefore = await count("responses");
    const result = await backupDatabase(file, path.join(dir, "busy.sqlite"));
    const committedAtEnd = await count("responses");
    // The writer was writing (it says so after 50 rows) and goes on after the backup:
    // wait for its next row rather than for any length of time.
    let committedAfter = committedAtEnd;
    while (committedAfter <= committedBefore) committedAfter = await count("responses");

    expect(committedBefore).toBeGreaterThanOrEqual(20_050);
    expect(result.counts.responses).toBeGreaterThanOrEqual(committedBefore);
    expect(result.counts.responses).toBeLessThanOrEqual(committedAtEnd);
    expect(result.counts.answers).toBe(20_000);
    const copy = new SQLite(result.file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    // Every row of the snapshot is whole: the writer's rows carry all their columns.
    const broken = copy.prepare("select count(*) as n from responses where resume_token is null or started_at is null").get() as { n: number };
    expect(broken.n).toBe(0);
    copy.close();
  });

  it("refuses to overwrite a file, to back up what is not there, or to keep a copy of what is not a database", async () => {
    const taken = path.join(dir, "taken.sqlite");
    fs.writeFileSync(taken, "keep me");
    await expect(backupDatabase(file, taken)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(taken, "utf8")).toBe("keep me");

    await expect(backupDatabase(path.join(dir, "missing.sqlite"), path.join(dir, "out.sqlite"))).rejects.toThrow(/no database/);

    const notADatabase = path.join(dir, "garbage.sqlite");
    fs.writeFileSync(notADatabase, "this is not an SQLite file ".repeat(200));
    const dest = path.join(dir, "garbage-copy.sqlite");
    await expect(backupDatabase(notADatabase, dest)).rejects.toThrow(/failed|not usable/);
    expect(fs.existsSync(dest)).toBe(false);
  });

  it("names a default backup by its UTC time", () => {
    expect(defaultBackupFile(new Date("2026-12-03T09:05:07.123Z"))).toBe(path.join("data/backups", "said-and-done-2026-12-03T09-05-07Z.sqlite"));
  });
});
