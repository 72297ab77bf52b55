import { sql, type Kysely } from "kysely";

// One answer row per (response, question, value). Until now a hand-made post could repeat
// a multiple-choice option (`q_x=a` 5,000 times) and every copy was stored and counted, so
// one response could make an option 15,662.5 % of a question's answers. The form parser
// now keeps each value once (app/responding/form.ts); this migration removes the copies
// already stored, makes the database refuse new ones, and counts the results again.
export async function up(db: Kysely<any>): Promise<void> {
  // Loop evidence may cite a copy: point it at the row that stays (the first one).
  await sql`
    update loop_evidence
    set answer_id = (
      select min(k.id) from answers k
      join answers a on a.id = loop_evidence.answer_id
      where k.response_id = a.response_id and k.question_id = a.question_id and k.value = a.value
    )
    where answer_id is not null`.execute(db);
  await sql`
    delete from answers
    where id not in (select min(id) from answers group by response_id, question_id, value)`.execute(db);

  // Also serves every look-up by response (its first column), like answers_response.
  await db.schema
    .createIndex("answers_response_question_value")
    .on("answers")
    .columns(["response_id", "question_id", "value"])
    .unique()
    .execute();

  await recountRollup(db);
}

/**
 * The results rollup counted from the answers again (docs/decisions/008-results-rollup.md),
 * one campaign at a time as `rebuildRollup` in app/results/rollup.server.ts does, so each
 * step reads one campaign's answers through the indexes. Written out here because
 * migrations never import app code and this one must keep meaning what it meant on the
 * day it ran; tests/unit/choice-dedupe.test.ts checks it against `rebuildRollup`.
 */
async function recountRollup(db: Kysely<any>): Promise<void> {
  await sql`delete from answer_counts`.execute(db);
  await sql`delete from response_counts`.execute(db);
  const campaigns = await sql<{ id: number }>`select id from campaigns order by id`.execute(db);
  for (const { id } of campaigns.rows) {
    const scope = sql`scope as (
      select r.id, r.campaign_id, substr(r.submitted_at, 1, 7) as month, coalesce(r.service_id, 0) as service_id,
             r.language, r.channel,
             case when s.kind = 'co_assessment' then coalesce((
               select ra.value from answers ra join questions rq on rq.id = ra.question_id
               where ra.response_id = r.id and rq.key = 'role' limit 1
             ), '') else '' end as role
      from responses r
      join campaigns c on c.id = r.campaign_id
      join survey_versions v on v.id = c.survey_version_id
      join surveys s on s.id = v.survey_id
      where r.submitted_at is not null and r.campaign_id = ${id}
    )`;
    await sql`
      with ${scope}
      insert into response_counts (campaign_id, month, service_id, language, channel, n)
      select campaign_id, month, service_id, language, channel, count(*) from scope where true
      group by campaign_id, month, service_id, language, channel`.execute(db);
    // Choice and scale values; and one "" row per response that answered a text or
    // multiple-choice question.
    await sql`
      with ${scope}
      insert into answer_counts (question_id, campaign_id, month, service_id, language, channel, role, value, n)
      select a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, a.value, count(*)
      from scope sc join answers a on a.response_id = sc.id join questions q on q.id = a.question_id
      where q.type not in ('short_text', 'long_text')
      group by a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, a.value
      union all
      select a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, '', count(distinct a.response_id)
      from scope sc join answers a on a.response_id = sc.id join questions q on q.id = a.question_id
      where q.type in ('short_text', 'long_text', 'multiple_choice')
      group by a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // The removed copies are not brought back: they were never real answers.
  await db.schema.dropIndex("answers_response_question_value").ifExists().execute();
}
