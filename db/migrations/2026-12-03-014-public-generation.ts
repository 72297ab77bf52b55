import { sql, type Kysely } from "kysely";

// One counter that every change to what the public "You Said, We Did" pages are read from
// adds to, in the change's own transaction, so the public view kept in memory
// (app/loop/public.server.ts) is kept exactly while it stands still, in every app process
// on the database (decision 019). Triggers, not calls in app code: the public view reads
// six tables that are written from the loop, the services admin, the demo seed and
// tests, and a write that forgot to count would leave the public page stale until the
// next publication.
const PUBLIC_SOURCES = ["loop_entries", "loop_entry_services", "loop_evidence", "loop_updates", "services", "organisations"] as const;
const CHANGES = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("public_generation")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("n", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into public_generation (id, n) values (1, 0)`.execute(db);
  for (const table of PUBLIC_SOURCES) {
    for (const change of CHANGES) {
      await sql`create trigger ${sql.raw(`public_generation_${table}_${change}`)} after ${sql.raw(change)} on ${sql.table(table)}
        begin update public_generation set n = n + 1 where id = 1; end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of PUBLIC_SOURCES) {
    for (const change of CHANGES) await sql`drop trigger if exists ${sql.raw(`public_generation_${table}_${change}`)}`.execute(db);
  }
  await db.schema.dropTable("public_generation").execute();
}
