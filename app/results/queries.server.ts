/**
 * The results queries: raw counts, cut every way DESIGN.md lists (survey, campaign, service,
 * organisation, locality, kind, language, channel, period). They read the rollup
 * (`answer_counts`, `response_counts`; see rollup.server.ts and
 * docs/decisions/008-results-rollup.md), never millions of answers, except for the text
 * itself (comments, raw export). Percentages, intervals and suppression are made from these
 * counts by metrics.ts and suppression.ts.
 *
 * Periods: every figure counts a response in the term or month of its `completed_on`.
 * Return rates (their own module, return-rates.server.ts) add how a period keeps a
 * denominator.
 */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Channel, Database, Language, Locality, QuestionType, SurveyKind } from "@db/schema";
import { compareTerms, monthsOf, parsePeriodKey, termOfMonth } from "./periods";
import type { MonthKey, Period, ScaleCounts, TermKey } from "./types";

type Db = Kysely<Database>;

export interface ResultsFilter {
  surveyId?: number;
  campaignId?: number;
  /** Only these services (a service member's own, or a chosen one). Empty: nothing matches. */
  serviceIds?: readonly number[];
  organisationId?: number;
  locality?: Locality;
  kind?: SurveyKind;
  language?: Language;
  channel?: Channel;
  period?: { type: "term" | "month"; key: string };
}

export type PeriodType = "term" | "month";

/** The kinds of the board's satisfaction KPIs: parental, settings and partners. */
export const BOARD_KINDS = ["parent", "setting", "partner"] as const satisfies readonly SurveyKind[];

export function emptyScaleCounts(): ScaleCounts {
  return { positive: 0, neutral: 0, negative: 0, dontKnow: 0 };
}

/** Adds `n` answers with a scale value ("1".."5", "dont_know") to `counts`. */
export function addScaleValue(counts: ScaleCounts, value: string, n: number): void {
  if (value === "4" || value === "5") counts.positive += n;
  else if (value === "3") counts.neutral += n;
  else if (value === "1" || value === "2") counts.negative += n;
  else if (value === "dont_know") counts.dontKnow += n;
}

function scaleCountsOf(rows: readonly { value: string; n: number | string | bigint }[]): ScaleCounts {
  const counts = emptyScaleCounts();
  for (const row of rows) addScaleValue(counts, row.value, Number(row.n));
  return counts;
}

// ---------------------------------------------------------------------------------------
// Scopes shared by every query

/** The filter's period as a period, or undefined; a malformed key (from a URL) is an error. */
export function periodOfFilter(filter: ResultsFilter): Period | undefined {
  if (!filter.period) return undefined;
  const period = parsePeriodKey(filter.period.key);
  if (!period || period.kind !== filter.period.type) throw new Error(`Not a ${filter.period.type} key: ${filter.period.key}`);
  return period;
}

/** The rollup's months a period covers: [first, last] inclusive. */
function monthBounds(period: Period): [MonthKey, MonthKey] {
  const months = monthsOf(period);
  return [months[0], months[months.length - 1]];
}

/**
 * The services the filter's service, organisation and locality cuts leave; null when it
 * has none of them (every service, and responses without one).
 */
export async function servicesOf(db: Db, filter: ResultsFilter): Promise<number[] | null> {
  if (filter.serviceIds === undefined && filter.organisationId === undefined && filter.locality === undefined) return null;
  if (filter.serviceIds !== undefined && filter.serviceIds.length === 0) return [];
  const rows = await db
    .selectFrom("services")
    .select("id")
    .$if(filter.serviceIds !== undefined, (q) => q.where("id", "in", filter.serviceIds!))
    .$if(filter.organisationId !== undefined, (q) => q.where("organisation_id", "=", filter.organisationId!))
    .$if(filter.locality !== undefined, (q) => q.where("locality", "=", filter.locality!))
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Campaigns (c) with their survey version (v) and survey (s), narrowed by the survey,
 * campaign and kind cuts. CROSS JOIN fixes SQLite's join order (the left side is the
 * outer loop): the few hundred campaigns drive index look-ups into the rollup, instead of
 * the rollup being scanned. On PostgreSQL it is an ordinary inner join.
 */
export function campaignScope(db: Db, filter: ResultsFilter) {
  return db
    .selectFrom("campaigns as c")
    .crossJoin("survey_versions as v")
    .crossJoin("surveys as s")
    .whereRef("v.id", "=", "c.survey_version_id")
    .whereRef("s.id", "=", "v.survey_id")
    .$if(filter.campaignId !== undefined, (q) => q.where("c.id", "=", filter.campaignId!))
    .$if(filter.surveyId !== undefined, (q) => q.where("v.survey_id", "=", filter.surveyId!))
    .$if(filter.kind !== undefined, (q) => q.where("s.kind", "=", filter.kind!));
}

type AnswerCountsScope = SelectQueryBuilder<
  Database & { c: Database["campaigns"]; v: Database["survey_versions"]; s: Database["surveys"]; q: Database["questions"]; ac: Database["answer_counts"] },
  "c" | "v" | "s" | "q" | "ac",
  object
>;

/**
 * Rollup rows of the questions `which` picks in the campaigns in scope, narrowed by the
 * service, language, channel and period cuts. Undefined when the service cuts leave no
 * service at all.
 */
async function answerCountsScope(db: Db, filter: ResultsFilter, which: "headline" | "all"): Promise<AnswerCountsScope | undefined> {
  const services = await servicesOf(db, filter);
  if (services && services.length === 0) return undefined;
  const period = periodOfFilter(filter);
  return campaignScope(db, filter)
    .crossJoin("questions as q")
    .crossJoin("answer_counts as ac")
    .whereRef("q.survey_version_id", "=", "c.survey_version_id")
    .$if(which === "headline", (q) => q.whereRef("q.key", "=", "v.headline_question_key"))
    .whereRef("ac.question_id", "=", "q.id")
    .whereRef("ac.campaign_id", "=", "c.id")
    .$if(period !== undefined, (q) => q.where("ac.month", ">=", monthBounds(period!)[0]).where("ac.month", "<=", monthBounds(period!)[1]))
    .$if(services !== null, (q) => q.where("ac.service_id", "in", services!))
    .$if(filter.language !== undefined, (q) => q.where("ac.language", "=", filter.language!))
    .$if(filter.channel !== undefined, (q) => q.where("ac.channel", "=", filter.channel!)) as AnswerCountsScope;
}

/**
 * Rollup rows in scope summed by campaign, question key, month, value and role: the order
 * the loops over campaigns and questions and the rollup's primary key deliver them in, so
 * SQLite sums them as they stream past instead of sorting them all. Callers sum these few
 * thousand rows further (by value, by period...).
 */
function streamedCounts(scope: AnswerCountsScope) {
  return scope
    .select((eb) => ["c.id as campaign_id", "s.kind", "q.key", "ac.month", "ac.value", "ac.role", eb.fn.sum<number>("ac.n").as("n")])
    .groupBy(["c.id", "s.kind", "q.key", "ac.month", "ac.value", "ac.role"]);
}

// ---------------------------------------------------------------------------------------
// Satisfaction (the headline question of each campaign's survey version)

/** Answers to the headline question of every campaign in the cut, as scale counts. */
export async function headlineCounts(db: Db, filter: ResultsFilter): Promise<ScaleCounts> {
  const scope = await answerCountsScope(db, filter, "headline");
  if (!scope) return emptyScaleCounts();
  const rows = await db
    .selectFrom(streamedCounts(scope).as("x"))
    .select((eb) => ["x.value", eb.fn.sum<number>("x.n").as("n")])
    .groupBy("x.value")
    .execute();
  return scaleCountsOf(rows);
}

/** Headline scale counts per term or month of submission, oldest first; periods without answers are left out. */
export async function headlineByPeriod(
  db: Db,
  filter: ResultsFilter,
  type: PeriodType,
): Promise<{ period: TermKey | MonthKey; counts: ScaleCounts }[]> {
  const scope = await answerCountsScope(db, filter, "headline");
  if (!scope) return [];
  const rows = await db
    .selectFrom(streamedCounts(scope).as("x"))
    .select((eb) => ["x.month", "x.value", eb.fn.sum<number>("x.n").as("n")])
    .groupBy(["x.month", "x.value"])
    .execute();
  const byPeriod = new Map<TermKey | MonthKey, ScaleCounts>();
  for (const row of rows) {
    const key = type === "term" ? termOfMonth(row.month as MonthKey) : (row.month as MonthKey);
    let counts = byPeriod.get(key);
    if (!counts) byPeriod.set(key, (counts = emptyScaleCounts()));
    addScaleValue(counts, row.value, Number(row.n));
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => (type === "term" ? compareTerms(a as TermKey, b as TermKey) : a.localeCompare(b)))
    .map(([period, counts]) => ({ period, counts }));
}

/**
 * The board's satisfaction KPIs: headline counts of parent, setting and partner surveys
 * in each of `terms` (by submission), every kind × term present even when empty.
 */
export async function headlineByKindAndTerm(
  db: Db,
  terms: readonly TermKey[],
): Promise<{ kind: (typeof BOARD_KINDS)[number]; term: TermKey; counts: ScaleCounts }[]> {
  const result = BOARD_KINDS.flatMap((kind) => terms.map((term) => ({ kind, term, counts: emptyScaleCounts() })));
  if (terms.length === 0) return result;
  const months = terms.flatMap((t) => monthsOf(parsePeriodKey(t)!)).sort();
  const scope = (await answerCountsScope(db, {}, "headline"))!
    .where("s.kind", "in", BOARD_KINDS)
    .where("ac.month", ">=", months[0])
    .where("ac.month", "<=", months[months.length - 1]);
  const rows = await db
    .selectFrom(streamedCounts(scope).as("x"))
    .select((eb) => ["x.kind", "x.month", "x.value", eb.fn.sum<number>("x.n").as("n")])
    .groupBy(["x.kind", "x.month", "x.value"])
    .execute();
  const cells = new Map(result.map((r) => [`${r.kind} ${r.term}`, r.counts]));
  for (const row of rows) {
    const counts = cells.get(`${row.kind} ${termOfMonth(row.month as MonthKey)}`);
    if (counts) addScaleValue(counts, row.value, Number(row.n));
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Return rates: app/results/return-rates.server.ts

// ---------------------------------------------------------------------------------------
// Every question's distribution

export interface QuestionDistribution {
  key: string;
  type: QuestionType;
  /** Texts of the newest survey version in the cut that has the question. */
  text: { en: string; ur: string };
  /** Choice options, newest version's order first, then options only older versions had. */
  options: { value: string; label: { en: string; ur: string } }[];
  /**
   * Answers per value: scale questions "5".."1" and "dont_know", yes/no "yes", "no",
   * "not_sure", choices their option values (every known value present, 0 when none).
   * Empty for text questions. A multiple-choice answer counts once per option chosen.
   */
  counts: Record<string, number>;
  /** Responses that answered the question. */
  answered: number;
  /** For satisfaction and agreement questions. */
  scale: ScaleCounts | null;
}

const SCALE_VALUES = ["5", "4", "3", "2", "1", "dont_know"];
const YES_NO_VALUES = ["yes", "no", "not_sure"];

function isScaleType(type: QuestionType): boolean {
  return type === "satisfaction" || type === "agreement";
}

/**
 * The questions of the survey versions the cut's campaigns use, joined across versions by
 * key, in the newest version's order (keys only older versions had come after), with
 * every count at 0.
 */
async function surveyQuestions(db: Db, filter: ResultsFilter): Promise<Map<string, QuestionDistribution>> {
  const byKey = new Map<string, QuestionDistribution>();
  const versions = await campaignScope(db, filter)
    .select(["v.id", "v.version", "v.survey_id"])
    .distinct()
    .orderBy("v.survey_id")
    .orderBy("v.version", "desc")
    .execute();
  if (versions.length === 0) return byKey;
  const questions = await db
    .selectFrom("questions")
    .select(["id", "survey_version_id", "key", "type", "position", "text_en", "text_ur"])
    .where(
      "survey_version_id",
      "in",
      versions.map((v) => v.id),
    )
    .execute();
  const options = await db
    .selectFrom("question_options")
    .select(["question_id", "value", "label_en", "label_ur"])
    .where(
      "question_id",
      "in",
      questions.map((q) => q.id),
    )
    .orderBy("question_id")
    .orderBy("position")
    .execute();
  // Newest version first: the first occurrence of a key gives its text, type and place.
  const versionRank = new Map(versions.map((v, i) => [v.id, i]));
  questions.sort((a, b) => versionRank.get(a.survey_version_id)! - versionRank.get(b.survey_version_id)! || a.position - b.position);
  for (const q of questions) {
    let d = byKey.get(q.key);
    if (!d) {
      d = { key: q.key, type: q.type, text: { en: q.text_en, ur: q.text_ur }, options: [], counts: {}, answered: 0, scale: null };
      byKey.set(q.key, d);
      const known = isScaleType(q.type) ? SCALE_VALUES : q.type === "yes_no_not_sure" ? YES_NO_VALUES : [];
      for (const value of known) d.counts[value] = 0;
      if (isScaleType(q.type)) d.scale = emptyScaleCounts();
    }
    for (const o of options) {
      if (o.question_id !== q.id || d.options.some((x) => x.value === o.value)) continue;
      d.options.push({ value: o.value, label: { en: o.label_en, ur: o.label_ur } });
      d.counts[o.value] = 0;
    }
  }
  return byKey;
}

/** Every question of the survey(s) in the cut with its answers counted per value. */
export async function questionDistributions(db: Db, filter: ResultsFilter): Promise<QuestionDistribution[]> {
  const byKey = await surveyQuestions(db, filter);
  const scope = byKey.size > 0 ? await answerCountsScope(db, filter, "all") : undefined;
  const rows = scope
    ? await db
        .selectFrom(streamedCounts(scope).as("x"))
        .select((eb) => ["x.key", "x.value", eb.fn.sum<number>("x.n").as("n")])
        .groupBy(["x.key", "x.value"])
        .execute()
    : [];
  for (const row of rows) {
    const d = byKey.get(row.key)!;
    const n = Number(row.n);
    // "" counts responses that answered a text or multiple-choice question.
    if (row.value === "") {
      d.answered += n;
      continue;
    }
    d.counts[row.value] = (d.counts[row.value] ?? 0) + n;
    if (d.type !== "multiple_choice") d.answered += n;
    if (d.scale) addScaleValue(d.scale, row.value, n);
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------
// Co-assessment: families and professionals on the same charter principles

export interface PrincipleCounts {
  key: string;
  text: { en: string; ur: string };
  family: ScaleCounts;
  professional: ScaleCounts;
}

/**
 * Each charter principle (the agreement questions of co_assessment surveys, by key, in
 * the newest version's order) as scale counts of families and of professionals, told
 * apart by their answer to the question keyed "role" (kept in the rollup). Respondents
 * who gave no role are in neither.
 */
export async function coAssessment(db: Db, filter: ResultsFilter): Promise<PrincipleCounts[]> {
  const byService = await principleCounts(db, filter, false);
  return byService.get(ALL_SERVICES) ?? [];
}

/**
 * `coAssessment` for each service, in one pass over the rollup: an entry for each of
 * `filter.serviceIds` (zeros where nobody answered), or, without them, for each service
 * with answers in the cut.
 */
export async function coAssessmentByService(db: Db, filter: ResultsFilter): Promise<{ serviceId: number; principles: PrincipleCounts[] }[]> {
  const byService = await principleCounts(db, filter, true);
  const ids = filter.serviceIds ?? [...byService.keys()].filter((id) => id !== ALL_SERVICES).sort((a, b) => a - b);
  const blank = byService.get(ALL_SERVICES) ?? [];
  return ids.map((serviceId) => ({ serviceId, principles: byService.get(serviceId) ?? blank }));
}

const ALL_SERVICES = -1;

/** Principle counts by service id (or all under ALL_SERVICES); ALL_SERVICES always holds the principles, at zero when unanswered. */
async function principleCounts(db: Db, filter: ResultsFilter, perService: boolean): Promise<Map<number, PrincipleCounts[]>> {
  const cut: ResultsFilter = { ...filter, kind: "co_assessment" };
  const principles = [...(await surveyQuestions(db, cut)).values()].filter((d) => d.type === "agreement");
  const fresh = () => principles.map((d) => ({ key: d.key, text: d.text, family: emptyScaleCounts(), professional: emptyScaleCounts() }));
  const result = new Map<number, PrincipleCounts[]>([[ALL_SERVICES, fresh()]]);
  if (principles.length === 0) return result;
  const scope = await answerCountsScope(db, cut, "all");
  if (!scope) return result;
  const narrowed = scope.where("q.type", "=", "agreement").where("ac.role", "in", ["family", "professional"]);
  // Service comes right after role in the rollup's key: grouping by it still streams.
  const rows = await db
    .selectFrom(
      narrowed
        .select((eb) => [
          "q.key",
          "ac.role",
          "ac.value",
          perService ? eb.ref("ac.service_id").as("service_id") : sql<number>`${ALL_SERVICES}`.as("service_id"),
          eb.fn.sum<number>("ac.n").as("n"),
        ])
        .groupBy(["c.id", "q.key", "ac.month", "ac.value", "ac.role", ...(perService ? (["ac.service_id"] as const) : [])])
        .as("x"),
    )
    .select((eb) => ["x.service_id", "x.key", "x.role", "x.value", eb.fn.sum<number>("x.n").as("n")])
    .groupBy(["x.service_id", "x.key", "x.role", "x.value"])
    .execute();
  const index = new Map(principles.map((d, i) => [d.key, i]));
  for (const row of rows) {
    const serviceId = Number(row.service_id);
    let list = result.get(serviceId);
    if (!list) result.set(serviceId, (list = fresh()));
    addScaleValue(list[index.get(row.key)!][row.role as "family" | "professional"], row.value, Number(row.n));
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Free text and raw answers (read from the answers themselves)

/**
 * A period as the days `responses.completed_on` is compared with: [first, after last).
 * Every figure dates a response by the day it was completed (a keyed paper form by the
 * date on it), not by when it was submitted or keyed.
 */
function completedOnBounds(period: Period): [string, string] {
  return [period.start.slice(0, 10), period.end.slice(0, 10)];
}

/** Submitted responses (r) of the campaigns in the cut, voided ones left out; period by date completed. */
async function responseScope(db: Db, filter: ResultsFilter) {
  const services = await servicesOf(db, filter);
  if (services && services.length === 0) return undefined;
  const period = periodOfFilter(filter);
  return campaignScope(db, filter)
    .crossJoin("responses as r")
    .whereRef("r.campaign_id", "=", "c.id")
    .where("r.submitted_at", "is not", null)
    .where("r.voided_at", "is", null)
    .$if(period !== undefined, (q) => q.where("r.completed_on", ">=", completedOnBounds(period!)[0]).where("r.completed_on", "<", completedOnBounds(period!)[1]))
    .$if(services !== null, (q) => q.where("r.service_id", "in", services!))
    .$if(filter.language !== undefined, (q) => q.where("r.language", "=", filter.language!))
    .$if(filter.channel !== undefined, (q) => q.where("r.channel", "=", filter.channel!));
}

/**
 * The submitted responses in the cut (ids, oldest first): the evidence of a "You said"
 * drafted from a filtered set of results. The caller narrows `serviceIds` to what the
 * viewer may read, as for comments.
 */
export async function responseIdsInCut(db: Db, filter: ResultsFilter): Promise<number[]> {
  const scope = await responseScope(db, filter);
  if (!scope) return [];
  const rows = await scope.select("r.id").orderBy("r.id").execute();
  return rows.map((r) => r.id);
}

export interface Comment {
  /** The answer and its response: what a "You said" records as its evidence. */
  answerId: number;
  responseId: number;
  questionKey: string;
  questionText: { en: string; ur: string };
  text: string;
  /** The language the family answered in. */
  language: Language;
  serviceId: number | null;
  campaignId: number;
  /** YYYY-MM-DD (UTC): the day, not the time. */
  submittedOn: string;
}

/**
 * The campaigns (of `ids`) that invited anyone by email: their answers are dated by month
 * only wherever staff read them (DESIGN.md "Anonymity"), since an invitation records the
 * month it was completed and a day could still pick out the one response of that day.
 */
export async function campaignsWithInvitations(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("campaigns as c")
    .select("c.id")
    .where("c.id", "in", ids)
    .where((eb) => eb.exists(eb.selectFrom("invitations as i").select("i.id").whereRef("i.campaign_id", "=", "c.id")))
    .execute();
  return new Set(rows.map((r) => r.id));
}

const TEXT_TYPES = ["short_text", "long_text"] as const;

/**
 * Free-text answers (short and long text questions) in the cut, newest response first,
 * a response's comments in question order. Only for the service's own staff and admins:
 * the caller narrows `serviceIds` to what the viewer may read. `total` is the number of
 * comments in the cut (from the rollup), for paging. `limit: -1` gives every comment
 * from `offset` on (for a CSV).
 */
export async function comments(
  db: Db,
  filter: ResultsFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; comments: Comment[] }> {
  const counted = await answerCountsScope(db, filter, "all");
  if (!counted) return { total: 0, comments: [] };
  const totalRow = await counted
    .where("q.type", "in", TEXT_TYPES)
    .select((eb) => eb.fn.sum<number>("ac.n").as("n"))
    .executeTakeFirst();
  const total = Number(totalRow?.n ?? 0);
  const wanted = page.limit < 0 ? total : page.offset + page.limit;
  if (total <= page.offset || page.limit === 0) return { total, comments: [] };

  // Walk the responses newest first, a batch at a time, until the page is full: the
  // newest comments of a survey are found without reading all its answers. (A batch's
  // ids are query parameters: SQLite takes at most 32,766.)
  const found: Comment[] = [];
  const batch = Math.min(1000, Math.max(50, wanted));
  let before: { at: string; id: number } | undefined;
  while (found.length < wanted) {
    const scope = (await responseScope(db, filter))!;
    const responses = await scope
      .select(["r.id", "r.campaign_id", "r.language", "r.service_id", "r.submitted_at", "r.completed_on"])
      .$if(before !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb("r.submitted_at", "<", before!.at), eb.and([eb("r.submitted_at", "=", before!.at), eb("r.id", "<", before!.id)])]),
        ),
      )
      .orderBy("r.submitted_at", "desc")
      .orderBy("r.id", "desc")
      .limit(batch)
      .execute();
    if (responses.length === 0) break;
    const last = responses[responses.length - 1];
    before = { at: last.submitted_at!, id: last.id };
    const textsOf = await answersOf(
      db,
      responses.map((r) => r.id),
      "text",
    );
    for (const r of responses) {
      for (const t of textsOf.get(r.id) ?? []) {
        found.push({
          answerId: t.id,
          responseId: r.id,
          questionKey: t.key,
          questionText: { en: t.text_en, ur: t.text_ur },
          text: t.value,
          language: r.language,
          serviceId: r.service_id,
          campaignId: r.campaign_id,
          // The date every figure uses: the day a keyed form was completed, not the day it was keyed.
          submittedOn: r.completed_on ?? r.submitted_at!.slice(0, 10),
        });
      }
    }
    if (responses.length < batch) break;
  }
  return { total, comments: found.slice(page.offset, wanted) };
}

/** The answers (all, or free text only) of some responses, by response, in question order. */
async function answersOf(db: Db, responseIds: number[], which: "all" | "text") {
  const rows = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select(["a.id", "a.response_id", "q.key", "q.text_en", "q.text_ur", "a.value"])
    .where("a.response_id", "in", responseIds)
    .$if(which === "text", (q) => q.where("q.type", "in", TEXT_TYPES))
    .orderBy("q.position")
    .orderBy("a.id")
    .execute();
  const byResponse = new Map<number, typeof rows>();
  for (const row of rows) {
    const list = byResponse.get(row.response_id);
    if (list) list.push(row);
    else byResponse.set(row.response_id, [row]);
  }
  return byResponse;
}

export interface RawAnswerRow {
  /** 1, 2, 3... in this export only: response ids are never shown. */
  responseNumber: number;
  campaign: string;
  /** The service's slug, or null. */
  service: string | null;
  language: Language;
  channel: Channel;
  /** YYYY-MM-DD (UTC). */
  submittedOn: string;
  questionKey: string;
  /** One row per chosen option; free text as written. */
  value: string;
}

/**
 * Every answer of the submitted responses in the cut, as anonymous rows for the admins'
 * CSV export, in batches of at most `batchSize` responses (a big export never sits in
 * memory at once). Campaign by campaign (in the order they opened), responses in the
 * order they were submitted, answers in question order. Each batch is read through the
 * index on (campaign, submitted_at) from where the last one stopped.
 */
export async function* rawAnswers(db: Db, filter: ResultsFilter, batchSize = 2000): AsyncGenerator<RawAnswerRow[]> {
  const services = await servicesOf(db, filter);
  if (services && services.length === 0) return;
  const period = periodOfFilter(filter);
  const campaigns = await campaignScope(db, filter).select(["c.id", "c.slug"]).orderBy("c.opens_at").orderBy("c.id").execute();
  let number = 0;
  for (const campaign of campaigns) {
    let after: { at: string; id: number } | undefined;
    for (;;) {
      const responses = await db
        .selectFrom("responses as r")
        .leftJoin("services as sv", "sv.id", "r.service_id")
        .select(["r.id", "sv.slug as service", "r.language", "r.channel", "r.submitted_at", "r.completed_on"])
        .where("r.campaign_id", "=", campaign.id)
        .where("r.submitted_at", "is not", null)
        .where("r.voided_at", "is", null)
        .$if(period !== undefined, (q) => q.where("r.completed_on", ">=", completedOnBounds(period!)[0]).where("r.completed_on", "<", completedOnBounds(period!)[1]))
        .$if(services !== null, (q) => q.where("r.service_id", "in", services!))
        .$if(filter.language !== undefined, (q) => q.where("r.language", "=", filter.language!))
        .$if(filter.channel !== undefined, (q) => q.where("r.channel", "=", filter.channel!))
        .$if(after !== undefined, (q) =>
          q.where((eb) => eb.or([eb("r.submitted_at", ">", after!.at), eb.and([eb("r.submitted_at", "=", after!.at), eb("r.id", ">", after!.id)])])),
        )
        .orderBy("r.submitted_at")
        .orderBy("r.id")
        .limit(batchSize)
        .execute();
      if (responses.length === 0) break;
      const last = responses[responses.length - 1];
      after = { at: last.submitted_at!, id: last.id };
      const answers = await answersOf(
        db,
        responses.map((r) => r.id),
        "all",
      );
      yield responses.flatMap((r) => {
        const responseNumber = ++number;
        return (answers.get(r.id) ?? []).map((a) => ({
          responseNumber,
          campaign: campaign.slug,
          service: r.service,
          language: r.language,
          channel: r.channel,
          // The date every figure uses: the day a keyed form was completed, not the day it was keyed.
          submittedOn: r.completed_on ?? r.submitted_at!.slice(0, 10),
          questionKey: a.key,
          value: a.value,
        }));
      });
      if (responses.length < batchSize) break;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Choices for the filters

export interface FilterOptions {
  surveys: { id: number; slug: string; kind: SurveyKind; title: { en: string; ur: string } }[];
  campaigns: { id: number; slug: string; surveyId: number; name: { en: string; ur: string }; opensAt: string; closesAt: string }[];
  organisations: { id: number; slug: string; name: { en: string; ur: string } }[];
  services: { id: number; slug: string; organisationId: number; locality: Locality | null; name: { en: string; ur: string } }[];
  localities: Locality[];
  /** Terms and months with submitted responses (in the survey or campaign cut, if any), oldest first. */
  terms: TermKey[];
  months: MonthKey[];
}

/**
 * What the filter dropdowns offer. `filter.surveyId` / `campaignId` narrow the campaigns
 * and periods; `filter.serviceIds` narrows the services (a service member's own).
 */
export async function filterOptions(db: Db, filter: Pick<ResultsFilter, "surveyId" | "campaignId" | "serviceIds"> = {}): Promise<FilterOptions> {
  const surveys = await db
    .selectFrom("surveys as s")
    .innerJoin("survey_versions as v", "v.survey_id", "s.id")
    .select(["s.id", "s.slug", "s.kind", "v.title_en", "v.title_ur", "v.version"])
    .where("v.status", "=", "published")
    .orderBy("s.id")
    .orderBy("v.version", "desc")
    .execute();
  const campaigns = await campaignScope(db, { surveyId: filter.surveyId })
    .select(["c.id", "c.slug", "v.survey_id", "c.name_en", "c.name_ur", "c.opens_at", "c.closes_at"])
    .orderBy("c.opens_at", "desc")
    .orderBy("c.id")
    .execute();
  const services = await db
    .selectFrom("services")
    .select(["id", "slug", "organisation_id", "locality", "name_en", "name_ur"])
    .$if(filter.serviceIds !== undefined, (q) => q.where("id", "in", filter.serviceIds!.length ? filter.serviceIds! : [-1]))
    .orderBy("name_en")
    .execute();
  const organisations = await db
    .selectFrom("organisations")
    .select(["id", "slug", "name_en", "name_ur"])
    .where(
      "id",
      "in",
      services.length ? services.map((s) => s.organisation_id) : [-1],
    )
    .orderBy("name_en")
    .execute();
  const inCut = filter.campaignId !== undefined ? campaigns.filter((c) => c.id === filter.campaignId) : campaigns;
  const monthRows = inCut.length
    ? await db
        .selectFrom("response_counts")
        .select("month")
        .distinct()
        .$if(filter.surveyId !== undefined || filter.campaignId !== undefined, (q) =>
          q.where(
            "campaign_id",
            "in",
            inCut.map((c) => c.id),
          ),
        )
        .execute()
    : [];
  const months = monthRows.map((r) => r.month as MonthKey).sort();
  const latest = new Map<number, (typeof surveys)[number]>();
  for (const s of surveys) if (!latest.has(s.id)) latest.set(s.id, s);
  return {
    surveys: [...latest.values()].map((s) => ({ id: s.id, slug: s.slug, kind: s.kind, title: { en: s.title_en, ur: s.title_ur } })),
    campaigns: campaigns.map((c) => ({
      id: c.id,
      slug: c.slug,
      surveyId: c.survey_id,
      name: { en: c.name_en, ur: c.name_ur },
      opensAt: c.opens_at,
      closesAt: c.closes_at,
    })),
    organisations: organisations.map((o) => ({ id: o.id, slug: o.slug, name: { en: o.name_en, ur: o.name_ur } })),
    services: services.map((s) => ({ id: s.id, slug: s.slug, organisationId: s.organisation_id, locality: s.locality, name: { en: s.name_en, ur: s.name_ur } })),
    localities: [...new Set(services.map((s) => s.locality).filter((l): l is Locality => l !== null))].sort(),
    terms: [...new Set(months.map(termOfMonth))].sort(compareTerms),
    months,
  };
}
