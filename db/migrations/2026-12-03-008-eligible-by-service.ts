import { sql, type Kysely } from "kysely";

// Issue 12, part 3 (DESIGN.md "Return rate", "Delivered"; docs/decisions/016-return-rates.md):
// - An eligible count may be recorded per service of a campaign (forms handed out by each
//   service), so a return rate cut by service keeps its denominator. A campaign records
//   either one total (`campaigns.eligible_count`) or these rows, never both.
// - `invitations.sent_at` now means "the mail relay accepted the invitation email" (it
//   was "handed to the outbox"). Existing rows take the time their invitation email was
//   accepted, or lose it when it never was (still queued, or failed): those were never
//   delivered.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("campaign_eligible_counts")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addColumn("eligible_count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("campaign_eligible_counts_pk", ["campaign_id", "service_id"])
    .execute();

  await sql`
    update invitations set sent_at = (
      select min(o.sent_at) from outbox o
      where o.invitation_id = invitations.id and o.kind = 'invitation' and o.status = 'sent'
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("campaign_eligible_counts").execute();
}
