import { sql, type Kysely } from "kysely";

// 1. An invitation records whether, and in which month, it was completed: no finer time
//    (DESIGN.md "Invitation", "Anonymity"). `invitations.completed_on` held the day, which
//    a staff member could match to the one response of that day; it now holds YYYY-MM.
//    The column keeps its name so that every reader (null or not) stays as it is.
// 2. The loop's audit trail keeps the text before and after every change
//    (DESIGN.md "The loop"): `loop_events.changes` is a JSON array of
//    { field, before, after }, null for an event that changed no text.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update invitations set completed_on = substr(completed_on, 1, 7) where completed_on is not null`.execute(db);
  await db.schema.alterTable("loop_events").addColumn("changes", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("loop_events").dropColumn("changes").execute();
  // The day cannot come back: the first of the month stands for it.
  await sql`update invitations set completed_on = completed_on || '-01' where length(completed_on) = 7`.execute(db);
}
