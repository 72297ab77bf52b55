import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "@db/connection";
import type { Database } from "@db/schema";

/** A real, migrated SQLite file of its own for one test; removed by the returned cleanup. */
export async function createTestDb(): Promise<{ db: Kysely<Database>; file: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-test-"));
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase(file);
  await migrateToLatest(db);
  return {
    db,
    file,
    cleanup: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
