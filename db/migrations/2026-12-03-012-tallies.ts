import { sql, type Kysely } from "kysely";

// Issue 12, part 1 (DESIGN.md "Response"): a stack of paper forms entered as a tally, the
// count of each headline answer for one service, month and language. Saving one makes that
// many `paper` responses (headline answered only), each pointing back at its tally through
// `responses.tally_id`, so a mis-keyed tally can be voided as a whole: its responses get
// the same void flag as a voided keyed form (migration 007) and leave every figure.
// `counts_json` keeps what the officer typed ({"5":182,"4":19,...}) for the list and audit.
// At most one live tally per campaign, service, month and language: typing the same
// stack twice (or posting the form twice, or importing one file twice) is refused.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tallies")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id"))
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("counts_json", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("keyed_by_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("voided_at", "text")
    .addColumn("voided_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("void_reason", "text")
    .execute();
  await db.schema
    .createIndex("tallies_one_live_per_cut")
    .on("tallies")
    .columns(["campaign_id", "service_id", "month", "language"])
    .unique()
    .where(sql.ref("voided_at"), "is", null)
    .execute();
  // No foreign key: SQLite cannot drop a column that has one (see down).
  await db.schema.alterTable("responses").addColumn("tally_id", "integer").execute();
  await db.schema.createIndex("responses_tally").on("responses").column("tally_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_tally").ifExists().execute();
  await db.schema.alterTable("responses").dropColumn("tally_id").execute();
  await db.schema.dropTable("tallies").execute();
}
