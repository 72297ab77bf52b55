import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

export interface BackupResult {
  /** The backup's absolute path. */
  file: string;
  bytes: number;
  /** Rows in the backup, read back from it. */
  counts: { responses: number; answers: number };
}

/** `said-and-done-2026-12-03T12-00-00Z.sqlite`: UTC, sortable, no colons (they trouble some file systems). */
export function defaultBackupFile(now = new Date(), dir = "data/backups"): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return path.join(dir, `said-and-done-${stamp}.sqlite`);
}

function removeBackup(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/**
 * An online backup of a live SQLite database, checked before it is trusted.
 *
 * - SQLite's backup API (better-sqlite3 `db.backup`), not a file copy: in WAL mode the
 *   newest commits may still be only in the `-wal` file, which a copy of the main file
 *   misses (or catches half-written).
 * - All pages in one step. The API restarts a multi-step backup whenever another
 *   connection (the running app) writes between steps, so a busy app could keep it from
 *   ever finishing; one step reads one snapshot: every row committed before the backup
 *   started, and nothing half-committed. It is a WAL reader, so the app keeps writing.
 * - The copy is switched to a rollback journal, so it is one self-contained file (the app
 *   turns WAL back on when it opens a restored copy); then it is opened read-only for
 *   `PRAGMA integrity_check` and its row counts. A copy that fails the check is deleted,
 *   so nothing ships a bad backup off the machine.
 *
 * Refuses to overwrite an existing file. Throws with a readable message on any failure.
 */
export async function backupDatabase(sourceFile: string, destFile: string): Promise<BackupResult> {
  const source = path.resolve(sourceFile);
  const dest = path.resolve(destFile);
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (source === dest) throw new Error("The backup cannot be written over the database itself.");
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists: choose another destination.`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });

  const live = new SQLite(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    await live.backup(dest, { progress: () => 0x7fffffff });
  } catch (error) {
    removeBackup(dest);
    throw new Error(`The backup of ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    live.close();
  }

  try {
    const writable = new SQLite(dest, { fileMustExist: true });
    try {
      writable.pragma("journal_mode = DELETE");
    } finally {
      writable.close();
    }
    const copy = new SQLite(dest, { readonly: true, fileMustExist: true });
    try {
      const problems = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (problems.length !== 1 || problems[0] !== "ok") {
        throw new Error(`the copy fails its integrity check: ${problems.slice(0, 5).join("; ")}`);
      }
      const count = (table: "responses" | "answers") =>
        Number((copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
      const counts = { responses: count("responses"), answers: count("answers") };
      return { file: dest, bytes: fs.statSync(dest).size, counts };
    } finally {
      copy.close();
    }
  } catch (error) {
    removeBackup(dest);
    throw new Error(`The backup of ${source} is not usable (${error instanceof Error ? error.message : String(error)}); it was deleted.`);
  }
}
