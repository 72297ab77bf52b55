import type { Kysely, Transaction } from "kysely";
import type { Channel, Database, Language } from "../schema";
import { insertSurveyVersion, getQuestionsOfVersion, type QuestionWithOptions } from "../../app/surveys/surveys.server";
import { isVisible, scoreOf, YES_NO_VALUES, type AnswerValues } from "../../app/responding/form";
import { ORGANISATIONS } from "./content/organisations";
import { SURVEYS } from "./content/surveys";
import { DEMO_COMMENTS } from "./content/comments";
import { DEMO_USERS, DEMO_PASSWORD } from "./content/users";
import { hashPassword } from "../../app/auth/password.server";
import { countSubmittedResponse } from "../../app/results/rollup.server";
import type { Env } from "../../app/env.server";
import { publicationSettingsOf } from "../../app/loop/subscriptions.server";
import { DEMO_INVITED_CAMPAIGN, seedDemoInvitations } from "./invitations";
import { seedDemoLoop } from "./loop";
import { seededRandom, type Random } from "./random";

/** The terms demo responses are spread over; the last one's campaigns are open now. */
export const DEMO_TERMS = [
  { key: "spring-2026", en: "Spring term 2026", ur: "بہار کی ٹرم 2026", opens: "2026-01-05", closes: "2026-03-31", positive: 0.45 },
  { key: "summer-2026", en: "Summer term 2026", ur: "گرمیوں کی ٹرم 2026", opens: "2026-04-13", closes: "2026-08-31", positive: 0.55 },
  // Open for the whole school year so the demo always has surveys to answer.
  { key: "2026-27", en: "2026 to 2027", ur: "2026 تا 2027", opens: "2026-09-01", closes: "2027-08-31", positive: 0.62, answeredUntil: "2026-11-20" },
] as const;

/** Which services each demo survey is about. */
const SURVEY_SERVICES: Record<string, string[]> = {
  "senar-parent": ["senar-north", "senar-south", "senar-east", "senar-west"],
  "senco-setting": ["senar-north", "senar-south", "senar-east", "senar-west"],
  "partner-organisation": ["sendiass", "slt", "ftb", "early-help-hub"],
  "local-offer": ["local-offer"],
  "co-assessment": ["slt", "cat", "ftb"],
};

const RESPONSES_PER_CAMPAIGN: Record<string, number> = {
  "senar-parent": 40,
  "senco-setting": 20,
  "partner-organisation": 12,
  "local-offer": 25,
  "co-assessment": 24,
};

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("organisations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Seeds the demo partnership into an empty database: organisations, services,
 * the five surveys in English and Urdu, campaigns over three terms and a few
 * hundred synthetic responses, and the first termly "You Said, We Did".
 * Deterministic; does nothing if data exists. Links in the emails it queues start with `env.PUBLIC_URL`.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  env: Pick<Env, "PUBLIC_URL" | "SUPPRESSION_THRESHOLD">,
): Promise<{ seeded: boolean; responses: number }> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false, responses: 0 };
  const rnd = seededRandom(20261125);
  let responses = 0;
  // Hashing is slow on purpose, so it happens before the transaction (one hash for all demo users).
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const serviceIds = new Map<string, number>();
    for (const org of ORGANISATIONS) {
      const { id } = await trx
        .insertInto("organisations")
        .values({ slug: org.slug, kind: org.kind, name_en: org.name.en, name_ur: org.name.ur })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const s of org.services) {
        const row = await trx
          .insertInto("services")
          .values({ slug: s.slug, organisation_id: id, locality: s.locality, name_en: s.name.en, name_ur: s.name.ur })
          .returning("id")
          .executeTakeFirstOrThrow();
        serviceIds.set(s.slug, row.id);
      }
    }
    for (const spec of SURVEYS) {
      const versionId = await insertSurveyVersion(trx, spec, { now: "2025-12-01T09:00:00.000Z" });
      const questions = await getQuestionsOfVersion(trx, versionId);
      for (const term of DEMO_TERMS) {
        const { id: campaignId } = await trx
          .insertInto("campaigns")
          .values({
            slug: `${spec.slug}-${term.key}`,
            survey_version_id: versionId,
            name_en: `${spec.title.en.split(":")[0]}, ${term.en}`,
            name_ur: `${spec.title.ur.split(":")[0]}، ${term.ur}`,
            opens_at: `${term.opens}T00:00:00.000Z`,
            closes_at: `${term.closes}T23:59:59.999Z`,
            eligible_count: spec.slug === "senar-parent" ? 150 : null,
            created_at: `${term.opens}T00:00:00.000Z`,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const services = (SURVEY_SERVICES[spec.slug] ?? []).map((slug) => serviceIds.get(slug)!);
        await trx
          .insertInto("campaign_services")
          .values(services.map((service_id) => ({ campaign_id: campaignId, service_id })))
          .execute();
        const until = "answeredUntil" in term ? term.answeredUntil : term.closes;
        const count = RESPONSES_PER_CAMPAIGN[spec.slug] ?? 10;
        for (let i = 0; i < count; i++) {
          await insertSyntheticResponse(trx, rnd, {
            campaignId,
            invited: `${spec.slug}-${term.key}` === DEMO_INVITED_CAMPAIGN,
            serviceId: rnd.pick(services),
            questions,
            positive: term.positive,
            from: Date.parse(`${term.opens}T08:00:00Z`),
            to: Date.parse(`${until}T20:00:00Z`),
          });
          responses++;
        }
      }
    }
    for (const u of DEMO_USERS) {
      const { id } = await trx
        .insertInto("users")
        .values({ email: u.email, name: u.name, password_hash: demoPasswordHash, role: u.role, created_at: "2025-12-01T09:00:00.000Z" })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const slug of u.services) {
        await trx.insertInto("user_services").values({ user_id: id, service_id: serviceIds.get(slug)! }).execute();
      }
    }
    // Last, so the responses above stay the same whatever the invitations draw.
    await seedDemoInvitations(trx, () => demoToken(rnd), env.PUBLIC_URL);
  });
  // "You Said, We Did" last: it goes through the loop's own transactions, and links responses seeded above.
  await seedDemoLoop(db, publicationSettingsOf(env));
  return { seeded: true, responses };
}

const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A resume token as unguessable-looking as a real one, but the same on every seed. */
function demoToken(rnd: Random): string {
  let token = "";
  for (let i = 0; i < 32; i++) token += TOKEN_ALPHABET[rnd.int(0, 63)];
  return token;
}

function scalePoint(rnd: Random, positive: number): string {
  const negative = (1 - positive) * 0.6;
  return rnd.weighted({
    "5": positive * 0.45,
    "4": positive * 0.55,
    "3": (1 - positive) * 0.3,
    "2": negative * 0.6,
    "1": negative * 0.4,
    dont_know: 0.05,
  });
}

function syntheticAnswer(rnd: Random, q: QuestionWithOptions, lng: Language, positive: number): string[] {
  switch (q.type) {
    case "satisfaction":
    case "agreement":
      return [scalePoint(rnd, positive)];
    case "yes_no_not_sure":
      return [rnd.weighted({ yes: positive, no: 1 - positive, not_sure: 0.1 } as Record<(typeof YES_NO_VALUES)[number], number>)];
    case "single_choice":
      return [rnd.pick(q.options).value];
    case "multiple_choice": {
      const chosen = q.options.filter(() => rnd.chance(0.35)).map((o) => o.value);
      return chosen.length ? chosen : [q.options[0].value];
    }
    default:
      return [rnd.pick(DEMO_COMMENTS[lng])];
  }
}

async function insertSyntheticResponse(
  db: Transaction<Database>,
  rnd: Random,
  r: { campaignId: number; invited: boolean; serviceId: number; questions: QuestionWithOptions[]; positive: number; from: number; to: number },
) {
  const language: Language = rnd.chance(0.3) ? "ur" : "en";
  // Online answers come through the personal links where the campaign invites by email.
  const drawn = rnd.weighted<Exclude<Channel, "invitation">>({ open_link: 70, paper: 15, phone: 10, interpreted: 5 });
  const channel: Channel = drawn === "open_link" && r.invited ? "invitation" : drawn;
  const started = new Date(r.from + rnd.next() * (r.to - r.from));
  const submitted = rnd.chance(0.94) ? new Date(started.getTime() + rnd.int(3, 40) * 60_000) : null;
  const answers: AnswerValues = {};
  for (const q of r.questions) {
    if (!isVisible(q, answers)) continue;
    if (!q.required && !rnd.chance(q.type.endsWith("_text") ? 0.45 : 0.8)) continue;
    answers[q.key] = syntheticAnswer(rnd, q, language, r.positive);
  }
  const { id } = await db
    .insertInto("responses")
    .values({
      campaign_id: r.campaignId,
      service_id: r.serviceId,
      language,
      channel,
      resume_token: demoToken(rnd),
      current_page: Math.max(...r.questions.map((q) => q.page)),
      started_at: started.toISOString(),
      updated_at: (submitted ?? started).toISOString(),
      submitted_at: submitted?.toISOString() ?? null,
      completed_on: submitted?.toISOString().slice(0, 10) ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = r.questions.flatMap((q) =>
    (answers[q.key] ?? []).map((value) => ({ response_id: id, question_id: q.id, value, score: scoreOf(q.type, value) })),
  );
  if (rows.length) await db.insertInto("answers").values(rows).execute();
  if (submitted) await countSubmittedResponse(db, id);
}
