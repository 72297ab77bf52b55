import { sql, type Kysely } from "kysely";

// Results rollup: counts kept up to date when a response is submitted, so figures over a
// million responses read a few thousand rows instead of millions of answers
// (docs/decisions/008-results-rollup.md). Submitted responses never change, so a count is
// only ever added to. Both tables are WITHOUT ROWID: the primary key is the table, and
// the order of its columns is the order the queries narrow by.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("answer_counts")
    .addColumn("question_id", "integer", (c) => c.notNull())
    .addColumn("campaign_id", "integer", (c) => c.notNull())
    // YYYY-MM of submitted_at (UTC); terms are unions of months.
    .addColumn("month", "text", (c) => c.notNull())
    // 0 when the response has no service.
    .addColumn("service_id", "integer", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    // co_assessment surveys: the respondent's answer to the question keyed "role"; otherwise "".
    .addColumn("role", "text", (c) => c.notNull())
    // Option or scale value; "" counts the responses that answered a text or multiple-choice question.
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    // Queries loop over campaigns and their questions, seek (question, campaign[, months]) and
    // group by month, value and role: in this order the rows arrive grouped, and SQLite
    // aggregates them as they stream past instead of sorting them.
    .addPrimaryKeyConstraint("answer_counts_pk", [
      "question_id",
      "campaign_id",
      "month",
      "value",
      "role",
      "service_id",
      "language",
      "channel",
    ])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable("response_counts")
    .addColumn("campaign_id", "integer", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("service_id", "integer", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_counts_pk", ["campaign_id", "month", "service_id", "language", "channel"])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Return rates count delivered invitations per campaign and service without reading the rows.
  await db.schema
    .createIndex("invitations_campaign_delivery")
    .on("invitations")
    .columns(["campaign_id", "service_id", "sent_at", "bounced_at"])
    .execute();

  await fillRollup(db);
}

/**
 * Counts every submitted response already in the database: what `rebuildRollup` in
 * app/results/rollup.server.ts does (tests/unit/results-rollup.test.ts checks both against
 * the raw answers), written out here because migrations never import app code and this one
 * must keep meaning what it meant on the day it ran.
 */
async function fillRollup(db: Kysely<any>): Promise<void> {
  await sql`
    insert into response_counts (campaign_id, month, service_id, language, channel, n)
    select campaign_id, substr(submitted_at, 1, 7), coalesce(service_id, 0), language, channel, count(*)
    from responses where submitted_at is not null
    group by 1, 2, 3, 4, 5`.execute(db);
  await sql`
    insert into answer_counts (question_id, campaign_id, month, service_id, language, channel, role, value, n)
    select x.question_id, r.campaign_id, substr(r.submitted_at, 1, 7), coalesce(r.service_id, 0), r.language, r.channel,
           coalesce(ro.value, ''), x.value, count(*)
    from (
      select a.response_id, a.question_id,
             case when q.type in ('short_text', 'long_text') then '' else a.value end as value
      from answers a join questions q on q.id = a.question_id
      union all
      select distinct a.response_id, a.question_id, ''
      from answers a join questions q on q.id = a.question_id
      where q.type = 'multiple_choice'
    ) x
    join responses r on r.id = x.response_id
    left join (
      select a.response_id, a.value
      from answers a
      join questions q on q.id = a.question_id
      join survey_versions v on v.id = q.survey_version_id
      join surveys s on s.id = v.survey_id
      where q.key = 'role' and s.kind = 'co_assessment'
    ) ro on ro.response_id = r.id
    where r.submitted_at is not null
    group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("invitations_campaign_delivery").ifExists().execute();
  await db.schema.dropTable("response_counts").ifExists().execute();
  await db.schema.dropTable("answer_counts").ifExists().execute();
}
