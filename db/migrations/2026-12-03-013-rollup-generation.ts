import { sql, type Kysely } from "kysely";

// One counter that every change of the results rollup adds to, in the change's own
// transaction (app/results/rollup.server.ts). What is worked out from the rollup and kept
// in memory (the disclosure plan: which cuts are hidden) is kept exactly while the counter
// stands still, in every app process on the database: no checksum that two different sets
// of counts could share.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rollup_generation")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("n", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into rollup_generation (id, n) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rollup_generation").execute();
}
