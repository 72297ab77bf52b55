import { sql, type Kysely } from "kysely";

// Issue 12, parts 1–2 (DESIGN.md "Response"):
// - Channels `invitation` (a personal link) and `open_link` (the campaign's link or QR code)
//   replace `online`. Old rows cannot be told apart: every `online` becomes `open_link`
//   (docs/decisions/015-channels-open-link.md).
// - `responses.completed_on` (YYYY-MM-DD): the date every figure uses. Online, the day of
//   submission; keyed, the date on the form. Existing submitted rows take the day of their
//   `submitted_at`, so existing keyed responses keep the date they were counted under and
//   no month of the rollup moves (only its channel is renamed).
// - A keyed response can be voided (who, when, why; the row stays), and every correction
//   or void of a keyed response leaves a row in `keyed_response_audit`.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["responses", "answer_counts", "response_counts"]) {
    await sql`update ${sql.table(table)} set channel = 'open_link' where channel = 'online'`.execute(db);
  }

  await db.schema.alterTable("responses").addColumn("completed_on", "text").execute();
  await db.schema.alterTable("responses").addColumn("voided_at", "text").execute();
  // No foreign key: SQLite cannot drop a column that has one (see down).
  await db.schema.alterTable("responses").addColumn("voided_by_user_id", "integer").execute();
  await db.schema.alterTable("responses").addColumn("void_reason", "text").execute();
  await sql`update responses set completed_on = substr(submitted_at, 1, 10) where submitted_at is not null`.execute(db);
  // The keyed-responses list and the period cuts of comments and raw answers.
  await db.schema.createIndex("responses_campaign_completed").on("responses").columns(["campaign_id", "completed_on"]).execute();

  await db.schema
    .createTable("keyed_response_audit")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("before_json", "text", (c) => c.notNull())
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("keyed_response_audit_response").on("keyed_response_audit").columns(["response_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Channels stay as they are: `online` cannot be split again, and `open_link` and
  // `invitation` rows are as good an answer to "how did it come in" as before.
  await db.schema.dropTable("keyed_response_audit").ifExists().execute();
  await db.schema.dropIndex("responses_campaign_completed").ifExists().execute();
  for (const column of ["void_reason", "voided_by_user_id", "voided_at", "completed_on"]) {
    await db.schema.alterTable("responses").dropColumn(column).execute();
  }
}
