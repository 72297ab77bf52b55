import { describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { createTestDb } from "../support/db";

// db/connection.ts keeps each distinct statement prepared. What a user would notice if that
// went wrong: a query answered from another query's parameters, an export that fails while
// the same query runs elsewhere, or a new column missing after a migration.
describe("statements prepared once and reused", () => {
  it("answers the same SQL with each call's own parameters", async () => {
    const { db, cleanup } = await createTestDb();
    try {
      const names = await Promise.all(
        ["one", "two", "three"].map((name) => db.selectFrom("services").select("slug").where("slug", "=", name).execute()),
      );
      expect(names.map((rows) => rows.length)).toEqual([0, 0, 0]);
      const all = await db.selectFrom("services").select("slug").orderBy("slug").execute();
      for (const { slug } of all.slice(0, 3)) {
        const found = await db.selectFrom("services").select("slug").where("slug", "=", slug).execute();
        expect(found).toEqual([{ slug }]);
      }
    } finally {
      await cleanup();
    }
  });

  it("runs a query while the same query is still streaming (a CSV export and a page at once)", async () => {
    const { db, cleanup } = await createTestDb();
    try {
      await sql`CREATE TABLE numbers (n INTEGER NOT NULL)`.execute(db);
      await sql`INSERT INTO numbers (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) SELECT x FROM c`.execute(db);
      const numbers = () => (db as unknown as Kysely<{ numbers: { n: number } }>).selectFrom("numbers").select("n").orderBy("n");
      const first = (await numbers().execute()).map((r) => r.n); // now prepared and kept
      const streamed: number[] = [];
      // Kysely runs one query at a time on the connection: the one asked for mid-stream
      // waits for the stream, then must get its own full answer from the kept statement.
      let during: Promise<{ n: number }[]> | undefined;
      for await (const row of numbers().stream()) {
        streamed.push(row.n);
        if (row.n === 10) during = numbers().execute();
      }
      expect(first).toHaveLength(50);
      expect((await during)?.map((r) => r.n)).toEqual(first);
      expect(streamed).toEqual(first);
    } finally {
      await cleanup();
    }
  });

  it("sees a column added after the statement was first prepared", async () => {
    const { db, cleanup } = await createTestDb();
    try {
      await sql`CREATE TABLE notes (a TEXT)`.execute(db);
      await sql`INSERT INTO notes (a) VALUES ('x')`.execute(db);
      const select = () => sql<Record<string, unknown>>`SELECT * FROM notes`.execute(db);
      expect((await select()).rows).toEqual([{ a: "x" }]);
      await sql`ALTER TABLE notes ADD COLUMN b TEXT DEFAULT 'y'`.execute(db);
      expect((await select()).rows).toEqual([{ a: "x", b: "y" }]);
    } finally {
      await cleanup();
    }
  });
});
