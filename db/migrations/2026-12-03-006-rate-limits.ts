import type { Kysely } from "kysely";

// Rate-limit counters shared by every app process on the database (SQLite file or
// PostgreSQL): one row per limited subject, a fixed window from its first hit.
// `key` is a SHA-256 of the policy's scope and the subject (an IP range, an email
// address), so no address sits in this table. Times are ISO 8601 text like every other
// table's: they compare as text in both databases.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  // The purge deletes by expiry.
  await db.schema.createIndex("rate_limits_expires_at").on("rate_limits").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
