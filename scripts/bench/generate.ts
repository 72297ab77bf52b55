// Generates the benchmark database: organisations, services, surveys (two versions each),
// campaigns over 12 terms with invitations or eligible counts, and N submitted responses
// of 12 answers each, straight through better-sqlite3 prepared statements in big
// transactions. Deterministic (seeded PRNG): the same parameters give the same database.
import SQLite from "better-sqlite3";
import { LOCALITIES, ORGANISATION_KINDS, type Channel, type QuestionType, type SurveyKind } from "../../db/schema";
import { DEMO_COMMENTS } from "../../db/seed/content/comments";
import { seededRandom, type Random } from "../../db/seed/random";

export interface BenchParams {
  responses: number;
  surveys: number;
  services: number;
  terms: readonly string[];
}

/** Twelve school terms ending with the current one (autumn 2026). */
export const BENCH_TERMS = [
  "2023-spring", "2023-summer", "2023-autumn",
  "2024-spring", "2024-summer", "2024-autumn",
  "2025-spring", "2025-summer", "2025-autumn",
  "2026-spring", "2026-summer", "2026-autumn",
] as const;

/** Responses are never later than this, so the current term is partly answered. */
const NOW = Date.parse("2026-11-25T12:00:00.000Z");
const SERVICES_PER_ORGANISATION = 10;
const BATCH = 20_000;

interface QuestionShape {
  key: string;
  type: QuestionType;
  options?: string[];
}

const SCALE_KEYS = ["communication", "listened_to", "kept_informed", "plan_describes_child", "understood_steps", "on_time", "easy_to_reach"];
const SURVEY_QUESTIONS: QuestionShape[] = [
  { key: "overall", type: "satisfaction" },
  ...SCALE_KEYS.map((key, i) => ({ key, type: (i % 2 ? "agreement" : "satisfaction") as QuestionType })),
  { key: "contact_known", type: "yes_no_not_sure" },
  { key: "heard_from", type: "single_choice", options: ["school", "gp", "website", "friend"] },
  { key: "helpful", type: "multiple_choice", options: ["phone", "email", "meeting", "letter", "text"] },
  { key: "comment", type: "long_text" },
];
const PRINCIPLES = ["trusted", "listened_to", "transparency", "communicated_with", "involved", "empowered", "equal", "accountable"];
const CO_ASSESSMENT_QUESTIONS: QuestionShape[] = [
  { key: "role", type: "single_choice", options: ["family", "professional"] },
  ...PRINCIPLES.map((key) => ({ key, type: "agreement" as QuestionType })),
  { key: "overall", type: "satisfaction" },
  { key: "works_well", type: "long_text" },
  { key: "should_change", type: "long_text" },
];

/** Which kind survey number i is: 20 parent, 10 setting, 8 partner, 6 young person, 6 co-assessment (of 50). */
function surveyKind(i: number, surveys: number): SurveyKind {
  const share = i / surveys;
  if (share < 0.4) return "parent";
  if (share < 0.6) return "setting";
  if (share < 0.76) return "partner";
  if (share < 0.88) return "young_person";
  return "co_assessment";
}

/** First (inclusive) and last (exclusive) instant of a term key. */
function termRange(term: string): [number, number] {
  const [year, season] = term.split("-");
  const y = Number(year);
  if (season === "spring") return [Date.UTC(y, 0, 1), Date.UTC(y, 3, 1)];
  if (season === "summer") return [Date.UTC(y, 3, 1), Date.UTC(y, 8, 1)];
  return [Date.UTC(y, 8, 1), Date.UTC(y + 1, 0, 1)];
}

function scaleValue(rnd: Random, positive: number): string {
  if (rnd.chance(0.05)) return "dont_know";
  const r = rnd.next();
  if (r < positive * 0.45) return "5";
  if (r < positive) return "4";
  if (r < positive + (1 - positive) * 0.35) return "3";
  if (r < positive + (1 - positive) * 0.7) return "2";
  return "1";
}

const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function token(rnd: Random): string {
  let t = "";
  for (let i = 0; i < 32; i++) t += TOKEN_ALPHABET[(rnd.next() * 64) | 0];
  return t;
}

interface CampaignPlan {
  id: number;
  surveyIndex: number;
  kind: SurveyKind;
  term: string;
  termIndex: number;
  questions: { id: number; shape: QuestionShape }[];
  services: number[];
  denominator: "invitations" | "eligible" | "none";
  responses: number;
}

/**
 * Fills an empty, migrated database file. Indexes on the big tables are dropped during the
 * load and made again after it (much faster than keeping them up to date row by row).
 */
export function generateBenchData(file: string, params: BenchParams, log: (line: string) => void): void {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -400000");
  const rnd = seededRandom(4_2026_11);
  const created = "2023-01-01T00:00:00.000Z";

  const bigIndexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('answers', 'responses', 'invitations')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of bigIndexes) sqlite.exec(`drop index ${index.name}`);

  // Organisations and services.
  const serviceIds: number[] = [];
  sqlite.transaction(() => {
    const org = sqlite.prepare(`insert into organisations (slug, kind, name_en, name_ur) values (?, ?, ?, ?)`);
    const svc = sqlite.prepare(`insert into services (slug, organisation_id, locality, name_en, name_ur) values (?, ?, ?, ?, ?)`);
    const organisations = Math.ceil(params.services / SERVICES_PER_ORGANISATION);
    for (let o = 0; o < organisations; o++) {
      const orgId = Number(
        org.run(`org-${o + 1}`, ORGANISATION_KINDS[o % ORGANISATION_KINDS.length], `Organisation ${o + 1}`, `ادارہ ${o + 1}`).lastInsertRowid,
      );
      for (let s = 0; s < SERVICES_PER_ORGANISATION && serviceIds.length < params.services; s++) {
        const n = serviceIds.length + 1;
        const locality = n % 7 === 0 ? null : LOCALITIES[n % LOCALITIES.length];
        serviceIds.push(Number(svc.run(`service-${n}`, orgId, locality, `Service ${n}`, `سروس ${n}`).lastInsertRowid));
      }
    }
  })();

  // Surveys, two versions each (the second from the middle term on: results join them by key),
  // and one campaign per survey and term.
  const plans: CampaignPlan[] = [];
  sqlite.transaction(() => {
    const survey = sqlite.prepare(`insert into surveys (slug, kind, created_at) values (?, ?, ?)`);
    const insertVersion = sqlite.prepare(
      `insert into survey_versions (survey_id, version, status, title_en, title_ur, intro_en, intro_ur, title_ur_source, intro_ur_source, headline_question_key, created_at, published_at)
       values (?, ?, 'published', ?, ?, 'Intro', 'تعارف', ?, 'Intro', 'overall', ?, ?)`,
    );
    const question = sqlite.prepare(
      `insert into questions (survey_version_id, key, position, page, type, required, text_en, text_ur, text_ur_source) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const option = sqlite.prepare(`insert into question_options (question_id, position, value, label_en, label_ur, label_ur_source) values (?, ?, ?, ?, ?, ?)`);
    const campaign = sqlite.prepare(
      `insert into campaigns (slug, survey_version_id, name_en, name_ur, opens_at, closes_at, anonymous, eligible_count, created_at) values (?, ?, ?, ?, ?, ?, 1, null, ?)`,
    );
    const campaignService = sqlite.prepare(`insert into campaign_services (campaign_id, service_id) values (?, ?)`);
    for (let s = 0; s < params.surveys; s++) {
      const kind = surveyKind(s, params.surveys);
      const shapes = kind === "co_assessment" ? CO_ASSESSMENT_QUESTIONS : SURVEY_QUESTIONS;
      const surveyId = Number(survey.run(`survey-${s + 1}`, kind, created).lastInsertRowid);
      const versions: { id: number; questions: { id: number; shape: QuestionShape }[] }[] = [];
      for (const v of [1, 2]) {
        const title = `Survey ${s + 1}${v === 2 ? " (revised)" : ""}`;
        const versionId = Number(insertVersion.run(surveyId, v, title, `سروے ${s + 1}`, title, created, created).lastInsertRowid);
        versions.push({
          id: versionId,
          questions: shapes.map((shape, position) => {
            const text = `${shape.key.replace(/_/g, " ")}${v === 2 ? "?" : ""}`;
            const id = Number(question.run(versionId, shape.key, position + 1, Math.floor(position / 4) + 1, shape.type, 1, text, `${text} (ur)`, text).lastInsertRowid);
            for (const [i, value] of (shape.options ?? []).entries()) option.run(id, i + 1, value, value, `${value} (ur)`, value);
            return { id, shape };
          }),
        });
      }
      // Each survey is about four services of its own; co-assessments also about four of the next survey's.
      const perSurvey = Math.max(1, Math.floor(params.services / params.surveys));
      const services = serviceIds.slice(s * perSurvey, s * perSurvey + perSurvey);
      if (kind === "co_assessment") services.push(...serviceIds.slice(((s + 1) % params.surveys) * perSurvey, ((s + 1) % params.surveys) * perSurvey + perSurvey));
      for (const [termIndex, term] of params.terms.entries()) {
        const [start, end] = termRange(term);
        const version = versions[termIndex < params.terms.length / 2 ? 0 : 1];
        const id = Number(
          campaign.run(
            `survey-${s + 1}-${term}`,
            version.id,
            `Survey ${s + 1}, ${term}`,
            `سروے ${s + 1}، ${term}`,
            new Date(start + 7 * 86_400_000).toISOString(),
            new Date(end - 1).toISOString(),
            created,
          ).lastInsertRowid,
        );
        for (const service of services) campaignService.run(id, service);
        const denominators = ["invitations", "eligible", "none"] as const;
        plans.push({
          id,
          surveyIndex: s,
          kind,
          term,
          termIndex,
          questions: version.questions,
          services,
          denominator: denominators[(s + termIndex) % 3],
          responses: 0,
        });
      }
    }
  })();

  // Responses per campaign: uneven, summing to exactly the number asked for.
  const weights = plans.map(() => 0.5 + rnd.next());
  const total = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  for (const [i, plan] of plans.entries()) {
    plan.responses = Math.floor((params.responses * weights[i]) / total);
    assigned += plan.responses;
  }
  for (let i = 0; assigned < params.responses; i = (i + 1) % plans.length, assigned++) plans[i].responses++;

  const insertResponse = sqlite.prepare(
    `insert into responses (id, campaign_id, service_id, language, channel, resume_token, current_page, started_at, updated_at, submitted_at, completed_on)
     values (?, ?, ?, ?, ?, ?, 3, ?, ?, ?, ?)`,
  );
  const answerStatements = new Map<number, SQLite.Statement>();
  const insertAnswers = (rows: unknown[][]) => {
    let statement = answerStatements.get(rows.length);
    if (!statement) {
      statement = sqlite.prepare(`insert into answers (response_id, question_id, value, score) values ${rows.map(() => "(?, ?, ?, ?)").join(", ")}`);
      answerStatements.set(rows.length, statement);
    }
    statement.run(...rows.flat());
  };
  const insertInvitation = sqlite.prepare(
    `insert into invitations (campaign_id, service_id, email, language, token, created_at, sent_at, bounced_at, completed_on, reminder_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const setEligible = sqlite.prepare(`update campaigns set eligible_count = ? where id = ?`);

  let responseId = 0;
  let submittedSoFar = 0;
  let lastLogged = 0;
  const started = Date.now();
  const channels: Channel[] = ["open_link", "open_link", "open_link", "open_link", "open_link", "open_link", "open_link", "paper", "paper", "phone", "interpreted"];
  const writeCampaign = (plan: CampaignPlan) => {
    const [termStart, termEnd] = termRange(plan.term);
    const from = termStart + 7 * 86_400_000;
    const to = Math.min(termEnd, NOW);
    // Satisfaction drifts up over the terms and differs by survey, so trends show something.
    const basePositive = 0.45 + 0.02 * plan.termIndex + 0.1 * Math.sin(plan.surveyIndex);
    // A few started responses never submitted: they must never count.
    const unsubmitted = Math.round(plan.responses * 0.03);
    for (let i = 0; i < plan.responses + unsubmitted; i++) {
      const submitted = i < plan.responses;
      responseId++;
      const service = plan.services[Math.floor(rnd.next() ** 1.5 * plan.services.length)];
      const language = rnd.chance(0.3) ? "ur" : "en";
      const channel = channels[(rnd.next() * channels.length) | 0];
      const at = from + rnd.next() * (to - from);
      const startedAt = new Date(at - 600_000).toISOString();
      const submittedAt = submitted ? new Date(at).toISOString() : null;
      insertResponse.run(responseId, plan.id, service, language, channel, token(rnd), startedAt, submittedAt ?? startedAt, submittedAt, submittedAt?.slice(0, 10) ?? null);
      const role = rnd.chance(0.6) ? "family" : "professional";
      const positive = Math.min(0.95, Math.max(0.05, basePositive + (role === "professional" && plan.kind === "co_assessment" ? 0.15 : 0)));
      const rows: unknown[][] = [];
      for (const [qi, { id, shape }] of plan.questions.entries()) {
        if (!submitted && qi >= 6) break;
        let value: string;
        if (shape.type === "satisfaction" || shape.type === "agreement") value = scaleValue(rnd, positive);
        else if (shape.type === "yes_no_not_sure") value = rnd.chance(positive) ? "yes" : rnd.chance(0.8) ? "no" : "not_sure";
        else if (shape.key === "role") value = role;
        else if (shape.options) value = shape.options[(rnd.next() * shape.options.length) | 0];
        else value = DEMO_COMMENTS[language][(rnd.next() * DEMO_COMMENTS[language].length) | 0];
        const score = shape.type === "satisfaction" || shape.type === "agreement" ? (value === "dont_know" ? null : Number(value)) : null;
        rows.push([responseId, id, value, score]);
      }
      insertAnswers(rows);
    }
    // Denominators: invitations (about 45% returned, a few bounced or never sent) or an eligible count.
    if (plan.denominator === "invitations") {
      const invited = Math.round(plan.responses / (0.35 + 0.2 * rnd.next()));
      for (let i = 0; i < invited; i++) {
        const sent = rnd.chance(0.98) ? new Date(from).toISOString() : null;
        const bounced = sent && rnd.chance(0.05) ? new Date(from + 3_600_000).toISOString() : null;
        const completed = sent && !bounced && i < plan.responses * 0.7 ? new Date(from + 86_400_000).toISOString().slice(0, 7) : null;
        insertInvitation.run(
          plan.id,
          plan.services[i % plan.services.length],
          `family-${i + 1}@bench.test`,
          rnd.chance(0.3) ? "ur" : "en",
          token(rnd),
          new Date(from).toISOString(),
          sent,
          bounced,
          completed,
        );
      }
    } else if (plan.denominator === "eligible") {
      setEligible.run(Math.round(plan.responses / (0.3 + 0.3 * rnd.next())), plan.id);
    }
    submittedSoFar += plan.responses;
  };

  let pending: CampaignPlan[] = [];
  let pendingResponses = 0;
  const flush = () => {
    sqlite.transaction(() => pending.forEach(writeCampaign))();
    pending = [];
    pendingResponses = 0;
    if (submittedSoFar - lastLogged >= 50_000 || submittedSoFar === params.responses) {
      lastLogged = submittedSoFar;
      const seconds = (Date.now() - started) / 1000;
      log(`  ${submittedSoFar.toLocaleString("en-GB")} / ${params.responses.toLocaleString("en-GB")} responses (${seconds.toFixed(0)} s)`);
    }
  };
  for (const plan of plans) {
    pending.push(plan);
    pendingResponses += plan.responses;
    if (pendingResponses >= BATCH) flush();
  }
  if (pending.length) flush();

  log(`  making ${bigIndexes.length} indexes again...`);
  for (const index of bigIndexes) sqlite.exec(index.sql);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
