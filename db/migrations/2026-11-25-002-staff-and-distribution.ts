import { sql, type Kysely } from "kysely";

// Staff accounts and sessions, translation tracking, invitations, reminders and the outbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_services")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addPrimaryKeyConstraint("user_services_pk", ["user_id", "service_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("flash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  // Each Urdu text remembers the English it was translated from.
  for (const [table, columns] of [
    ["survey_versions", ["title", "intro"]],
    ["questions", ["text", "hint"]],
    ["question_options", ["label"]],
  ] as const) {
    for (const column of columns) {
      await db.schema
        .alterTable(table)
        .addColumn(`${column}_ur_source`, "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await sql`update ${sql.table(table)} set ${sql.ref(`${column}_ur_source`)} = ${sql.ref(`${column}_en`)}`.execute(db);
    }
  }

  await db.schema
    .alterTable("campaigns")
    .addColumn("reminder_days", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("keyed_by_user_id", "integer", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id"))
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("bounced_at", "text")
    .addColumn("completed_on", "text")
    .addColumn("opted_out_at", "text")
    .addColumn("last_reminded_at", "text")
    .addColumn("reminder_count", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("invitations_campaign_email", ["campaign_id", "email"])
    .execute();

  await db.schema
    .createTable("reminder_rounds")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("day_offset", "integer")
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("recipient_count", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "integer", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("invitation_reminders")
    .addColumn("invitation_id", "integer", (c) => c.notNull().references("invitations.id"))
    .addColumn("reminder_round_id", "integer", (c) => c.notNull().references("reminder_rounds.id"))
    .addColumn("day_offset", "integer")
    .execute();
  await db.schema
    .createIndex("invitation_reminders_invitation")
    .on("invitation_reminders")
    .columns(["invitation_id", "day_offset"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("headers_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("invitation_id", "integer", (c) => c.references("invitations.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("invitations_campaign").on("invitations").columns(["campaign_id", "completed_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["outbox", "invitation_reminders", "reminder_rounds", "invitations", "sessions", "user_services"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("responses").dropColumn("keyed_by_user_id").execute();
  await db.schema.alterTable("campaigns").dropColumn("reminder_days").execute();
  for (const [table, columns] of [
    ["survey_versions", ["title", "intro"]],
    ["questions", ["text", "hint"]],
    ["question_options", ["label"]],
  ] as const) {
    for (const column of columns) await db.schema.alterTable(table).dropColumn(`${column}_ur_source`).execute();
  }
  await db.schema.dropTable("users").execute();
}
