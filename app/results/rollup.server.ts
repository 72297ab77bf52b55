import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "@db/schema";

type Db = Kysely<Database>;

/**
 * The responses a count covers, with the dimensions the rollup keeps: submitted and not
 * voided, in the month of the date they were completed (a paper form keyed in November
 * that was filled in in July counts in July). The role is the answer to the question
 * keyed "role" in co_assessment surveys, so families' and professionals' answers can be
 * told apart without joining answers to answers.
 */
function scopeCte(where: RawBuilder<unknown>) {
  return sql`scope as (
    select r.id, r.campaign_id, substr(r.completed_on, 1, 7) as month, coalesce(r.service_id, 0) as service_id,
           r.language, r.channel,
           case when s.kind = 'co_assessment' then coalesce((
             select ra.value from answers ra join questions rq on rq.id = ra.question_id
             where ra.response_id = r.id and rq.key = 'role' limit 1
           ), '') else '' end as role
    from responses r
    join campaigns c on c.id = r.campaign_id
    join survey_versions v on v.id = c.survey_version_id
    join surveys s on s.id = v.survey_id
    where r.submitted_at is not null and r.voided_at is null and ${where}
  )`;
}

/**
 * Adds the responses `where` selects (over `responses r`) to both counts, or takes them
 * away (`sign` -1: a keyed response about to be corrected or voided).
 */
async function addToRollup(db: Db, where: RawBuilder<unknown>, sign: 1 | -1 = 1): Promise<void> {
  // Whatever is worked out from the counts (disclosure.server.ts) is made again.
  await db
    .updateTable("rollup_generation")
    .set((eb) => ({ n: eb("n", "+", 1) }))
    .where("id", "=", 1)
    .execute();
  await sql`
    with ${scopeCte(where)}
    insert into response_counts (campaign_id, month, service_id, language, channel, n)
    select campaign_id, month, service_id, language, channel, ${sign} * count(*) from scope where true
    group by campaign_id, month, service_id, language, channel
    on conflict (campaign_id, month, service_id, language, channel)
    do update set n = response_counts.n + excluded.n`.execute(db);
  // Values of choice and scale answers; and, for text and multiple-choice questions, one
  // "" row per response that answered (a multiple-choice answer has a row per option).
  await sql`
    with ${scopeCte(where)}
    insert into answer_counts (question_id, campaign_id, month, service_id, language, channel, role, value, n)
    select a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, a.value, ${sign} * count(*)
    from scope sc join answers a on a.response_id = sc.id join questions q on q.id = a.question_id
    where q.type not in ('short_text', 'long_text')
    group by a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, a.value
    union all
    select a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role, '', ${sign} * count(distinct a.response_id)
    from scope sc join answers a on a.response_id = sc.id join questions q on q.id = a.question_id
    where q.type in ('short_text', 'long_text', 'multiple_choice')
    group by a.question_id, sc.campaign_id, sc.month, sc.service_id, sc.language, sc.channel, sc.role
    on conflict (question_id, campaign_id, month, value, role, service_id, language, channel)
    do update set n = answer_counts.n + excluded.n`.execute(db);
}

/**
 * Counts one response the moment it is submitted. Call it inside the transaction that
 * sets `submitted_at`, after its final answers are written: a submitted response never
 * changes, so it is counted exactly once. Does nothing for an unsubmitted response.
 */
export async function countSubmittedResponse(trx: Db, responseId: number): Promise<void> {
  await addToRollup(trx, sql`r.id = ${responseId}`);
}

/**
 * Takes one submitted response out of the rollup, before its answers, date, service,
 * language or channel change (then `countSubmittedResponse` adds it back as it is now) or
 * before it is voided. Call it in the transaction that makes the change; rows left at 0
 * are removed, as if they had never been counted.
 */
export async function uncountSubmittedResponse(trx: Db, responseId: number): Promise<void> {
  const response = await trx.selectFrom("responses").select("campaign_id").where("id", "=", responseId).executeTakeFirst();
  if (!response) return;
  await addToRollup(trx, sql`r.id = ${responseId}`, -1);
  await dropEmptyCounts(trx, response.campaign_id);
}

/**
 * Counts every response a tally made, in two statements however many there are (a tally
 * may make 100,000): call it in the tally's transaction, after its answers are written.
 */
export async function countTallyResponses(trx: Db, tallyId: number): Promise<void> {
  await addToRollup(trx, sql`r.tally_id = ${tallyId}`);
}

/** Takes a tally's counted responses out of the rollup, before they are voided (in the same transaction). */
export async function uncountTallyResponses(trx: Db, tallyId: number): Promise<void> {
  const tally = await trx.selectFrom("tallies").select("campaign_id").where("id", "=", tallyId).executeTakeFirst();
  if (!tally) return;
  await addToRollup(trx, sql`r.tally_id = ${tallyId}`, -1);
  await dropEmptyCounts(trx, tally.campaign_id);
}

/** Rows a take-away left at 0 are removed, as if they had never been counted. */
async function dropEmptyCounts(trx: Db, campaignId: number): Promise<void> {
  await trx.deleteFrom("response_counts").where("campaign_id", "=", campaignId).where("n", "<=", 0).execute();
  // Through the key's first column (question), not a scan of every campaign's counts.
  await trx
    .deleteFrom("answer_counts")
    .where("question_id", "in", (eb) =>
      eb
        .selectFrom("questions as q")
        .innerJoin("campaigns as c", "c.survey_version_id", "q.survey_version_id")
        .select("q.id")
        .where("c.id", "=", campaignId),
    )
    .where("campaign_id", "=", campaignId)
    .where("n", "<=", 0)
    .execute();
}

/** How many times the rollup has changed: what is kept from it is kept while this stands still. */
export async function rollupGeneration(db: Db): Promise<number> {
  const row = await db.selectFrom("rollup_generation").select("n").where("id", "=", 1).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Recounts the rollup from the raw answers, one campaign at a time (each step reads a few
 * thousand answers through the indexes instead of sorting all of them at once). For
 * existing data, bulk loads and checks that the rollup equals the answers.
 */
export async function rebuildRollup(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const campaigns = await db.selectFrom("campaigns").select("id").orderBy("id").execute();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("answer_counts").execute();
    await trx.deleteFrom("response_counts").execute();
    for (const [i, c] of campaigns.entries()) {
      await addToRollup(trx, sql`r.campaign_id = ${c.id}`);
      onProgress?.(i + 1, campaigns.length);
    }
  });
}
