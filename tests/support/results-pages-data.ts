import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Channel, Database, Language } from "@db/schema";
import { insertSurveyVersion } from "~/surveys/surveys.server";
import type { SurveySpec } from "~/surveys/spec";
import { countSubmittedResponse } from "~/results/rollup.server";

/**
 * A small results data set built by hand, for checking every figure against arithmetic
 * done in the tests (tests/unit/results-pages.test.ts, tests/e2e/results.spec.ts).
 * Everything is named from `prefix`, so it can sit beside other data.
 *
 * Parent survey ("overall" satisfaction = headline, "contact" yes/no, "comment" long text):
 * - spring campaign (opens 2026-01-05; eligible count 40; no invitations), service A,
 *   10 paper responses in February 2026, overall 5 5 5 5 4 4 3 2 1 dont_know.
 * - summer campaign (opens 2026-04-13; no invitations, no eligible count), service A,
 *   4 responses in May 2026, overall 5 4 2 1.
 * - autumn campaign (opens 2026-09-01), services A and B, invitations: A 20 (18
 *   delivered, 2 bounced), B 5 (all delivered), 1 never sent to A? no: see below.
 *   Service A: 12 responses in October 2026 (English; the first two on paper, the rest
 *   through their invitations), overall 5 5 5 4 4 4 4 3 2 1 dont_know dont_know, contact yes ×8 then no ×4,
 *   comments on the first two. Service B: 3 responses (Urdu, invitations), overall 5 4 1,
 *   contact yes ×3, one comment.
 * Setting survey: autumn campaign, service A, eligible count 10, 6 responses, overall
 *   5 5 4 3 2 dont_know.
 * Partner survey: autumn campaign, service A, no denominator, 4 responses, overall 5 4 4 1.
 * Co-assessment ("role", principles "trusted" and "listened"): autumn campaign, services A
 *   and B. A: families (6) trusted 5 5 4 3 2 dont_know, listened 4 4 4 4 2 1;
 *   professionals (5) trusted 5 5 5 4 3, listened 4 4 3 3 2. B: families (7) trusted
 *   5 4 4 4 3 2 1, listened 5 5 5 4 1 1 dont_know; professionals (2) trusted 5 4, listened 3 2.
 */
export const COMMENTS = {
  formula: '=HYPERLINK("http://evil.example","click")',
  child: "Our son Sam was helped by the named worker.",
  urdu: "ٹیم نے بہت مدد کی، شکریہ۔",
} as const;

type Answers = Record<string, string>;

const bi = (en: string, ur: string) => ({ en, ur });

function parentSpec(slug: string): SurveySpec {
  return {
    slug,
    kind: "parent",
    title: bi(`Hand-built parent survey ${slug}`, `ہاتھ سے بنایا گیا والدین کا سروے ${slug}`),
    intro: bi("Intro", "تعارف"),
    headline: "overall",
    questions: [
      { key: "overall", page: 1, type: "satisfaction", required: true, text: bi("Overall, how satisfied are you?", "مجموعی طور پر آپ کتنے مطمئن ہیں؟") },
      { key: "contact", page: 1, type: "yes_no_not_sure", text: bi("Did you know who to contact?", "کیا آپ جانتے تھے کہ کس سے رابطہ کریں؟") },
      { key: "comment", page: 2, type: "long_text", text: bi("Anything else?", "کچھ اور؟") },
    ],
  };
}

function oneQuestionSpec(slug: string, kind: "setting" | "partner"): SurveySpec {
  return {
    slug,
    kind,
    title: bi(`Hand-built ${kind} survey ${slug}`, `ہاتھ سے بنایا گیا سروے ${slug}`),
    intro: bi("Intro", "تعارف"),
    headline: "overall",
    questions: [{ key: "overall", page: 1, type: "satisfaction", required: true, text: bi("Overall?", "مجموعی طور پر؟") }],
  };
}

function coSpec(slug: string): SurveySpec {
  return {
    slug,
    kind: "co_assessment",
    title: bi(`Hand-built co-assessment ${slug}`, `ہاتھ سے بنایا گیا مشترکہ جائزہ ${slug}`),
    intro: bi("Intro", "تعارف"),
    headline: "trusted",
    questions: [
      {
        key: "role",
        page: 1,
        type: "single_choice",
        required: true,
        text: bi("Which describes you?", "آپ کون ہیں؟"),
        options: [
          { value: "family", label: bi("Parent or carer", "والدین یا نگہداشت کرنے والے") },
          { value: "professional", label: bi("I work for a service", "میں سروس میں کام کرتا ہوں") },
        ],
      },
      { key: "trusted", page: 2, type: "agreement", required: true, text: bi("Families are trusted.", "خاندانوں پر بھروسہ کیا جاتا ہے۔") },
      { key: "listened", page: 2, type: "agreement", required: true, text: bi("Families are listened to.", "خاندانوں کی بات سنی جاتی ہے۔") },
    ],
  };
}

export interface ResultsDataSet {
  organisationId: number;
  serviceA: number;
  serviceB: number;
  serviceNames: { a: string; b: string };
  surveys: { parent: number; setting: number; partner: number; co: number };
  campaigns: { spring: number; summer: number; autumn: number; setting: number; partner: number; co: number };
  slugs: { parent: string; co: string };
}

export async function buildResultsDataSet(db: Kysely<Database>, prefix: string): Promise<ResultsDataSet> {
  const org = await db
    .insertInto("organisations")
    .values({ slug: `${prefix}-org`, kind: "local_authority", name_en: `${prefix} Council`, name_ur: `${prefix} کونسل` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const service = async (letter: string, locality: "north" | "south") =>
    (
      await db
        .insertInto("services")
        .values({ slug: `${prefix}-${letter}`, organisation_id: org.id, locality, name_en: `${prefix} Service ${letter.toUpperCase()}`, name_ur: `${prefix} سروس ${letter}` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const serviceA = await service("a", "north");
  const serviceB = await service("b", "south");

  const survey = async (spec: SurveySpec) => {
    const versionId = await insertSurveyVersion(db, spec, { status: "published", now: "2025-12-01T09:00:00.000Z" });
    const v = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow();
    const questions = await db.selectFrom("questions").select(["id", "key", "type"]).where("survey_version_id", "=", versionId).execute();
    return { versionId, surveyId: v.survey_id, questions };
  };
  const parent = await survey(parentSpec(`${prefix}-parent`));
  const setting = await survey(oneQuestionSpec(`${prefix}-setting`, "setting"));
  const partner = await survey(oneQuestionSpec(`${prefix}-partner`, "partner"));
  const co = await survey(coSpec(`${prefix}-co`));

  const campaign = async (
    s: { versionId: number },
    name: string,
    opens: string,
    closes: string,
    services: number[],
    eligible: number | null,
  ) => {
    const c = await db
      .insertInto("campaigns")
      .values({
        slug: `${prefix}-${name}`,
        survey_version_id: s.versionId,
        name_en: `${prefix} ${name}`,
        name_ur: `${prefix} مہم ${name}`,
        opens_at: opens,
        closes_at: closes,
        eligible_count: eligible,
        created_at: opens,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("campaign_services").values(services.map((service_id) => ({ campaign_id: c.id, service_id }))).execute();
    return c.id;
  };
  const spring = await campaign(parent, "spring", "2026-01-05T00:00:00.000Z", "2026-03-31T23:59:59.999Z", [serviceA], 40);
  const summer = await campaign(parent, "summer", "2026-04-13T00:00:00.000Z", "2026-08-31T23:59:59.999Z", [serviceA], null);
  const autumn = await campaign(parent, "autumn", "2026-09-01T00:00:00.000Z", "2027-08-31T23:59:59.999Z", [serviceA, serviceB], null);
  const settingCampaign = await campaign(setting, "setting", "2026-09-01T00:00:00.000Z", "2027-08-31T23:59:59.999Z", [serviceA], 10);
  const partnerCampaign = await campaign(partner, "partner", "2026-09-01T00:00:00.000Z", "2027-08-31T23:59:59.999Z", [serviceA], null);
  const coCampaign = await campaign(co, "co", "2026-09-01T00:00:00.000Z", "2027-08-31T23:59:59.999Z", [serviceA, serviceB], null);

  // Invitations of the autumn parent campaign: A 18 delivered + 2 bounced; B 5 delivered.
  const invite = async (serviceId: number, n: number, bounced: boolean) => {
    for (let i = 0; i < n; i++) {
      await db
        .insertInto("invitations")
        .values({
          campaign_id: autumn,
          service_id: serviceId,
          email: `${prefix}-${serviceId}-${bounced ? "b" : "d"}${i}@example.test`,
          language: "en",
          token: crypto.randomBytes(16).toString("base64url"),
          created_at: "2026-09-01T09:00:00.000Z",
          sent_at: "2026-09-01T09:05:00.000Z",
          bounced_at: bounced ? "2026-09-01T09:06:00.000Z" : null,
          completed_on: null,
          opted_out_at: null,
          last_reminded_at: null,
        })
        .execute();
    }
  };
  await invite(serviceA, 18, false);
  await invite(serviceA, 2, true);
  await invite(serviceB, 5, false);

  let minute = 0;
  const respond = async (
    s: { questions: { id: number; key: string; type: string }[] },
    campaignId: number,
    serviceId: number,
    day: string,
    answers: Answers,
    opts: { language?: Language; channel?: Channel } = {},
  ) => {
    minute++;
    const at = new Date(`${day}T10:00:00.000Z`);
    at.setUTCMinutes(minute % 600);
    const { id } = await db
      .insertInto("responses")
      .values({
        campaign_id: campaignId,
        service_id: serviceId,
        language: opts.language ?? "en",
        channel: opts.channel ?? "open_link",
        resume_token: crypto.randomBytes(16).toString("base64url"),
        current_page: 2,
        started_at: at.toISOString(),
        updated_at: at.toISOString(),
        submitted_at: at.toISOString(),
        completed_on: day,
        keyed_by_user_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rows = Object.entries(answers).map(([key, value]) => {
      const q = s.questions.find((x) => x.key === key)!;
      const scale = q.type === "satisfaction" || q.type === "agreement";
      return { response_id: id, question_id: q.id, value, score: scale && value !== "dont_know" ? Number(value) : null };
    });
    if (rows.length) await db.insertInto("answers").values(rows).execute();
    await countSubmittedResponse(db, id);
  };

  for (const v of ["5", "5", "5", "5", "4", "4", "3", "2", "1", "dont_know"]) await respond(parent, spring, serviceA, "2026-02-10", { overall: v }, { channel: "paper" });
  for (const v of ["5", "4", "2", "1"]) await respond(parent, summer, serviceA, "2026-05-12", { overall: v });
  const autumnA = ["5", "5", "5", "4", "4", "4", "4", "3", "2", "1", "dont_know", "dont_know"];
  for (const [i, v] of autumnA.entries()) {
    const answers: Answers = { overall: v, contact: i < 8 ? "yes" : "no" };
    if (i === 0) answers.comment = COMMENTS.formula;
    if (i === 1) answers.comment = COMMENTS.child;
    await respond(parent, autumn, serviceA, "2026-10-14", answers, { channel: i < 2 ? "paper" : "invitation" });
  }
  for (const [i, v] of ["5", "4", "1"].entries()) {
    const answers: Answers = { overall: v, contact: "yes" };
    if (i === 0) answers.comment = COMMENTS.urdu;
    await respond(parent, autumn, serviceB, "2026-10-15", answers, { language: "ur", channel: "invitation" });
  }
  for (const v of ["5", "5", "4", "3", "2", "dont_know"]) await respond(setting, settingCampaign, serviceA, "2026-10-20", { overall: v });
  for (const v of ["5", "4", "4", "1"]) await respond(partner, partnerCampaign, serviceA, "2026-10-21", { overall: v });

  const coRespond = (serviceId: number, role: string, trusted: string[], listened: string[]) =>
    trusted.reduce(
      (p, t, i) => p.then(() => respond(co, coCampaign, serviceId, "2026-10-22", { role, trusted: t, listened: listened[i] })),
      Promise.resolve(),
    );
  await coRespond(serviceA, "family", ["5", "5", "4", "3", "2", "dont_know"], ["4", "4", "4", "4", "2", "1"]);
  await coRespond(serviceA, "professional", ["5", "5", "5", "4", "3"], ["4", "4", "3", "3", "2"]);
  await coRespond(serviceB, "family", ["5", "4", "4", "4", "3", "2", "1"], ["5", "5", "5", "4", "1", "1", "dont_know"]);
  await coRespond(serviceB, "professional", ["5", "4"], ["3", "2"]);

  return {
    organisationId: org.id,
    serviceA,
    serviceB,
    serviceNames: { a: `${prefix} Service A`, b: `${prefix} Service B` },
    surveys: { parent: parent.surveyId, setting: setting.surveyId, partner: partner.surveyId, co: co.surveyId },
    campaigns: { spring, summer, autumn, setting: settingCampaign, partner: partnerCampaign, co: coCampaign },
    slugs: { parent: `${prefix}-parent`, co: `${prefix}-co` },
  };
}
