import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase } from "kysely";
import type { Database } from "./schema";
import { staticMigrationProvider } from "./migrations";

export const DEFAULT_DATABASE_FILE = "data/said-and-done.sqlite";

/** Opens (and creates) a SQLite file in WAL mode with foreign keys enforced. */
export function openDatabase(file: string): Kysely<Database> {
  const resolved = path.resolve(file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const sqlite = new SQLite(resolved);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: preparingOnce(sqlite) }) });
}

/** How many distinct statements are kept prepared; the app has a few hundred. */
const KEPT_STATEMENTS = 2000;

/**
 * better-sqlite3 as Kysely sees it, with each distinct SQL text prepared once and reused:
 * Kysely prepares every query it runs, and preparing was a sixteenth of a survey page's
 * server time (issue 13). A kept statement that is busy (a stream still iterating it) is
 * not shared: that query gets a fresh one. SQLite re-prepares a kept statement itself
 * after a schema change.
 */
function preparingOnce(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const statement = kept.get(sqlText);
      if (statement && !statement.busy) return statement;
      const fresh = sqlite.prepare(sqlText);
      if (!statement) {
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
        kept.set(sqlText, fresh);
      }
      return fresh;
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: staticMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
