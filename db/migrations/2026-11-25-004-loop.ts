import { sql, type Kysely } from "kysely";

// "You Said, We Did" entries (the loop), their audit trail and evidence, and what the
// public sends back: "Did this help?" answers, requests to look again, subscriptions.
// Subscriptions hold email addresses and are deliberately unrelated to any survey table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("loop_entries")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("lead_service_id", "integer", (c) => c.notNull().references("services.id"))
    // The term the feedback belongs to, e.g. "2026-autumn".
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("theme", "text", (c) => c.notNull())
    // "survey": made from responses (loop_evidence); "forum": what families told the PCF.
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.references("surveys.id"))
    // For forum entries: how many families raised it, as the PCF counted them.
    .addColumn("forum_families", "integer")
    .addColumn("you_said_en", "text", (c) => c.notNull())
    .addColumn("you_said_ur", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("we_did_en", "text")
    .addColumn("we_did_ur", "text")
    .addColumn("owner_id", "integer", (c) => c.references("users.id"))
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("outcome_note", "text")
    .addColumn("change_evidence", "text")
    .addColumn("change_from", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("opened_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("published_at", "text")
    .addColumn("published_open_at", "text")
    .addColumn("discarded_at", "text")
    .execute();
  await db.schema.createIndex("loop_entries_status").on("loop_entries").columns(["status", "due_on"]).execute();
  await db.schema.createIndex("loop_entries_lead").on("loop_entries").columns(["lead_service_id"]).execute();
  await db.schema.createIndex("loop_entries_owner").on("loop_entries").columns(["owner_id"]).execute();

  await db.schema
    .createTable("loop_entry_services")
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addPrimaryKeyConstraint("loop_entry_services_pk", ["entry_id", "service_id"])
    .execute();

  await db.schema
    .createTable("loop_evidence")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    // The comment chosen, when the evidence is a comment rather than a whole response.
    .addColumn("answer_id", "integer", (c) => c.references("answers.id"))
    .execute();
  await db.schema.createIndex("loop_evidence_entry").on("loop_evidence").columns(["entry_id", "response_id"]).execute();

  await db.schema
    .createTable("loop_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    // Null for things the public or the system did.
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("reason", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("loop_events_entry").on("loop_events").columns(["entry_id", "id"]).execute();

  await db.schema
    .createTable("loop_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("body_ur", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .execute();

  await db.schema
    .createTable("loop_ratings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("rating", "text", (c) => c.notNull())
    .addColumn("rated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("loop_ratings_entry").on("loop_ratings").columns(["entry_id"]).execute();

  await db.schema
    .createTable("loop_reviews")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("dealt_at", "text")
    .addColumn("dealt_by", "integer", (c) => c.references("users.id"))
    .addColumn("dealt_note", "text")
    .execute();

  await db.schema
    .createTable("loop_subscriptions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    // Null: every service.
    .addColumn("service_id", "integer", (c) => c.references("services.id"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("unsubscribed_at", "text")
    .execute();
  await db.schema.createIndex("loop_subscriptions_email").on("loop_subscriptions").columns(["email"]).execute();

  // One row per reminder or escalation sent, so each goes once per due date.
  await db.schema
    .createTable("loop_reminders")
    .addColumn("entry_id", "integer", (c) => c.notNull().references("loop_entries.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("loop_reminders_pk", ["entry_id", "kind", "due_on"])
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "loop_reminders",
    "loop_subscriptions",
    "loop_reviews",
    "loop_ratings",
    "loop_updates",
    "loop_events",
    "loop_evidence",
    "loop_entry_services",
    "loop_entries",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
