import type { Kysely } from "kysely";

// Migrations take Kysely<any> and never import app code: they must keep working
// as the app's types move on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ur", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("services")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("locality", "text")
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ur", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("survey_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("title_ur", "text", (c) => c.notNull())
    .addColumn("intro_en", "text", (c) => c.notNull())
    .addColumn("intro_ur", "text", (c) => c.notNull())
    .addColumn("headline_question_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addUniqueConstraint("survey_versions_survey_version", ["survey_id", "version"])
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("survey_version_id", "integer", (c) =>
      c.notNull().references("survey_versions.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("page", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("text_en", "text", (c) => c.notNull())
    .addColumn("text_ur", "text", (c) => c.notNull())
    .addColumn("hint_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("hint_ur", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("show_if_key", "text")
    .addColumn("show_if_value", "text")
    .addUniqueConstraint("questions_version_key", ["survey_version_id", "key"])
    .execute();

  await db.schema
    .createTable("question_options")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("question_id", "integer", (c) =>
      c.notNull().references("questions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("label_ur", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("campaigns")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("survey_version_id", "integer", (c) => c.notNull().references("survey_versions.id"))
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ur", "text", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("eligible_count", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("campaign_services")
    .addColumn("campaign_id", "integer", (c) =>
      c.notNull().references("campaigns.id").onDelete("cascade"),
    )
    .addColumn("service_id", "integer", (c) => c.notNull().references("services.id"))
    .addPrimaryKeyConstraint("campaign_services_pk", ["campaign_id", "service_id"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("campaigns.id"))
    .addColumn("service_id", "integer", (c) => c.references("services.id"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("resume_token", "text", (c) => c.notNull().unique())
    .addColumn("current_page", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .execute();

  await db.schema
    .createTable("answers")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("response_id", "integer", (c) =>
      c.notNull().references("responses.id").onDelete("cascade"),
    )
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("score", "integer")
    .execute();

  await db.schema.createIndex("answers_response").on("answers").columns(["response_id"]).execute();
  await db.schema
    .createIndex("answers_question_score")
    .on("answers")
    .columns(["question_id", "score"])
    .execute();
  await db.schema
    .createIndex("responses_campaign_submitted")
    .on("responses")
    .columns(["campaign_id", "submitted_at"])
    .execute();
  await db.schema.createIndex("questions_version").on("questions").columns(["survey_version_id", "position"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "answers",
    "responses",
    "campaign_services",
    "campaigns",
    "question_options",
    "questions",
    "survey_versions",
    "surveys",
    "services",
    "organisations",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
