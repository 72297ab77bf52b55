import type { Kysely } from "kysely";
import type { Channel, Database, Language, Locality, OrganisationKind } from "@db/schema";
import type { SurveySpec } from "~/surveys/spec";
import { getQuestionsOfVersion, insertSurveyVersion } from "~/surveys/surveys.server";
import { scoreOf } from "~/responding/form";
import { newResumeToken } from "~/responding/responses.server";
import { countSubmittedResponse } from "~/results/rollup.server";

// The data set of the results queries' tests (tests/unit/results-queries.test.ts,
// results-rollup.test.ts). The pages' own data set is results-pages-data.ts.

type Db = Kysely<Database>;

const t = (en: string) => ({ en, ur: `${en} (ur)` });

/** A parent survey with every kind of question; version 2 rewords it, adds option "c" and drops "old_q". */
export function parentSurvey(version: 1 | 2): SurveySpec {
  return {
    slug: "results-parent",
    kind: "parent",
    title: t(version === 1 ? "Parent survey" : "Parent survey, revised"),
    intro: t("Intro"),
    headline: "overall",
    questions: [
      { key: "overall", page: 1, type: "satisfaction", required: false, text: t(version === 1 ? "Overall?" : "Overall, how satisfied?") },
      { key: "agree", page: 1, type: "agreement", text: t("We were listened to.") },
      { key: "contact", page: 1, type: "yes_no_not_sure", text: t("Do you know who to contact?") },
      {
        key: "heard",
        page: 2,
        type: "single_choice",
        text: t("Where did you hear of us?"),
        options: [
          { value: "a", label: t("School") },
          { value: "b", label: t("Doctor") },
          ...(version === 2 ? [{ value: "c", label: t("Friend") }] : []),
        ],
      },
      {
        key: "helped",
        page: 2,
        type: "multiple_choice",
        text: t("What helped?"),
        options: [
          { value: "x", label: t("Phone") },
          { value: "y", label: t("Email") },
          { value: "z", label: t("Meeting") },
        ],
      },
      { key: "comment", page: 3, type: "long_text", text: t("Anything else?") },
      ...(version === 1 ? [{ key: "old_q", page: 3, type: "yes_no_not_sure" as const, text: t("Old question?") }] : []),
    ],
  };
}

const settingSurvey: SurveySpec = {
  slug: "results-setting",
  kind: "setting",
  title: t("Setting survey"),
  intro: t("Intro"),
  headline: "overall",
  questions: [{ key: "overall", page: 1, type: "satisfaction", text: t("Overall?") }],
};

const coAssessmentSurvey: SurveySpec = {
  slug: "results-co-assessment",
  kind: "co_assessment",
  title: t("Co-assessment"),
  intro: t("Intro"),
  headline: "overall",
  questions: [
    {
      key: "role",
      page: 1,
      type: "single_choice",
      text: t("Which describes you?"),
      options: [
        { value: "family", label: t("Parent or carer") },
        { value: "professional", label: t("I work for a service") },
      ],
    },
    { key: "trusted", page: 2, type: "agreement", text: t("Families are trusted.") },
    { key: "listened", page: 2, type: "agreement", text: t("Families are listened to.") },
    { key: "overall", page: 3, type: "satisfaction", text: t("Overall?") },
  ],
};

export interface HandResponse {
  service: number | null;
  language?: Language;
  channel?: Channel;
  /** Null: started, never submitted. */
  submittedAt: string | null;
  answers: Record<string, string | string[]>;
}

/**
 * Stores a response and its answers, and, when it is submitted, counts it in the rollup
 * in the same transaction, as the real submit paths do.
 */
export async function respond(db: Db, campaignId: number, r: HandResponse): Promise<number> {
  const { survey_version_id } = await db.selectFrom("campaigns").select("survey_version_id").where("id", "=", campaignId).executeTakeFirstOrThrow();
  const questions = await getQuestionsOfVersion(db, survey_version_id);
  return db.transaction().execute(async (trx) => {
    const startedAt = r.submittedAt ?? "2026-01-01T00:00:00.000Z";
    const { id } = await trx
      .insertInto("responses")
      .values({
        campaign_id: campaignId,
        service_id: r.service,
        language: r.language ?? "en",
        channel: r.channel ?? "open_link",
        resume_token: newResumeToken(),
        current_page: 1,
        started_at: startedAt,
        updated_at: startedAt,
        submitted_at: r.submittedAt,
        completed_on: r.submittedAt?.slice(0, 10) ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rows = Object.entries(r.answers).flatMap(([key, value]) => {
      const q = questions.find((x) => x.key === key);
      if (!q) throw new Error(`No question ${key}`);
      return (Array.isArray(value) ? value : [value]).map((v) => ({ response_id: id, question_id: q.id, value: v, score: scoreOf(q.type, v) }));
    });
    if (rows.length) await trx.insertInto("answers").values(rows).execute();
    if (r.submittedAt) await countSubmittedResponse(trx, id);
    return id;
  });
}

async function organisation(db: Db, slug: string, kind: OrganisationKind) {
  const row = await db.insertInto("organisations").values({ slug, kind, name_en: slug, name_ur: slug }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

async function service(db: Db, slug: string, organisationId: number, locality: Locality | null) {
  const row = await db
    .insertInto("services")
    .values({ slug, organisation_id: organisationId, locality, name_en: slug, name_ur: slug })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function campaign(
  db: Db,
  c: { slug: string; versionId: number; opens: string; eligible?: number; services: number[] },
): Promise<number> {
  const row = await db
    .insertInto("campaigns")
    .values({
      slug: c.slug,
      survey_version_id: c.versionId,
      name_en: c.slug,
      name_ur: c.slug,
      opens_at: `${c.opens}T00:00:00.000Z`,
      closes_at: "2027-08-31T23:59:59.999Z",
      eligible_count: c.eligible ?? null,
      created_at: `${c.opens}T00:00:00.000Z`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("campaign_services")
    .values(c.services.map((service_id) => ({ campaign_id: row.id, service_id })))
    .execute();
  return row.id;
}

/**
 * A small partnership built by hand, every figure countable on paper (the counts are
 * written out in tests/unit/results-queries.test.ts):
 *
 * - organisation A (local authority): S1 (north), S2 (south); organisation B (health): S3 (north)
 * - C1: parent survey v1, S1 + S2, opens 2026-01-05 (spring), 5 invitations: S1 — 2 delivered,
 *   1 bounced; S2 — 1 delivered, 1 never sent
 * - C2: parent survey v2, S1 + S2, opens 2026-09-01 (autumn), eligible count 10
 * - C3: setting survey, S3, opens 2026-04-13 (summer), no denominator
 * - C4: co-assessment, S1 + S3, opens 2026-09-10 (autumn), no denominator
 *
 * | resp | campaign | service | lang | channel | submitted | answers |
 * |---|---|---|---|---|---|---|
 * | r1 | C1 | S1 | en | open_link | 2026-02-10 | overall 5, agree 4, contact yes, heard a, helped x+y, comment "Good", old_q yes |
 * | r2 | C1 | S1 | ur | paper | 2026-03-15 | overall 4, agree dont_know, contact no, heard b, helped x, comment "Slow" |
 * | r3 | C1 | S2 | en | open_link | 2026-04-02 | overall 2, agree 1, contact not_sure, heard a, helped z |
 * | r4 | C1 | S2 | en | phone | 2026-02-20 | overall dont_know |
 * | u1 | C1 | S1 | en | open_link | never | overall 1, comment "Never sent" |
 * | r5 | C2 | S1 | en | open_link | 2026-09-15 | overall 3, agree 5, contact yes, heard c, comment "Better" |
 * | r6 | C2 | S1 | ur | open_link | 2026-10-01 | overall 5, agree 4, helped y+z |
 * | r7 | C3 | S3 | en | open_link | 2026-05-01 | overall 4 |
 * | r8 | C3 | S3 | en | interpreted | 2026-06-01 | overall 1 |
 * | r9 | C4 | S1 | en | open_link | 2026-09-20 | role family, trusted 5, listened 2, overall 4 |
 * | r10 | C4 | S3 | en | open_link | 2026-09-21 | role professional, trusted 4, listened 4, overall 5 |
 * | r11 | C4 | S3 | ur | paper | 2026-10-05 | role family, trusted 1, listened dont_know, overall 3 |
 */
export async function buildResultsData(db: Db) {
  const orgA = await organisation(db, "org-a", "local_authority");
  const orgB = await organisation(db, "org-b", "health");
  const S1 = await service(db, "s1", orgA, "north");
  const S2 = await service(db, "s2", orgA, "south");
  const S3 = await service(db, "s3", orgB, "north");

  const parentV1 = await insertSurveyVersion(db, parentSurvey(1));
  const parentV2 = await insertSurveyVersion(db, parentSurvey(2));
  const settingV = await insertSurveyVersion(db, settingSurvey);
  const coV = await insertSurveyVersion(db, coAssessmentSurvey);
  const surveyIdOf = async (versionId: number) =>
    (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow()).survey_id;

  const C1 = await campaign(db, { slug: "c1", versionId: parentV1, opens: "2026-01-05", services: [S1, S2] });
  const C2 = await campaign(db, { slug: "c2", versionId: parentV2, opens: "2026-09-01", eligible: 10, services: [S1, S2] });
  const C3 = await campaign(db, { slug: "c3", versionId: settingV, opens: "2026-04-13", services: [S3] });
  const C4 = await campaign(db, { slug: "c4", versionId: coV, opens: "2026-09-10", services: [S1, S3] });

  const invitation = (service_id: number, n: number, state: { sent: boolean; bounced?: boolean }) =>
    db
      .insertInto("invitations")
      .values({
        campaign_id: C1,
        service_id,
        email: `family${n}@example.test`,
        language: "en",
        token: newResumeToken(),
        created_at: "2026-01-05T09:00:00.000Z",
        sent_at: state.sent ? "2026-01-05T09:05:00.000Z" : null,
        bounced_at: state.bounced ? "2026-01-05T10:00:00.000Z" : null,
        completed_on: null,
        opted_out_at: null,
        last_reminded_at: null,
      })
      .execute();
  await invitation(S1, 1, { sent: true });
  await invitation(S1, 2, { sent: true });
  await invitation(S1, 3, { sent: true, bounced: true });
  await invitation(S2, 4, { sent: true });
  await invitation(S2, 5, { sent: false });

  const at = (day: string) => `${day}T10:00:00.000Z`;
  const r = {
    r1: await respond(db, C1, {
      service: S1,
      submittedAt: at("2026-02-10"),
      answers: { overall: "5", agree: "4", contact: "yes", heard: "a", helped: ["x", "y"], comment: "Good", old_q: "yes" },
    }),
    r2: await respond(db, C1, {
      service: S1,
      language: "ur",
      channel: "paper",
      submittedAt: at("2026-03-15"),
      answers: { overall: "4", agree: "dont_know", contact: "no", heard: "b", helped: ["x"], comment: "Slow" },
    }),
    r3: await respond(db, C1, {
      service: S2,
      submittedAt: at("2026-04-02"),
      answers: { overall: "2", agree: "1", contact: "not_sure", heard: "a", helped: ["z"] },
    }),
    r4: await respond(db, C1, { service: S2, channel: "phone", submittedAt: at("2026-02-20"), answers: { overall: "dont_know" } }),
    u1: await respond(db, C1, { service: S1, submittedAt: null, answers: { overall: "1", comment: "Never sent" } }),
    r5: await respond(db, C2, {
      service: S1,
      submittedAt: at("2026-09-15"),
      answers: { overall: "3", agree: "5", contact: "yes", heard: "c", comment: "Better" },
    }),
    r6: await respond(db, C2, { service: S1, language: "ur", submittedAt: at("2026-10-01"), answers: { overall: "5", agree: "4", helped: ["y", "z"] } }),
    r7: await respond(db, C3, { service: S3, submittedAt: at("2026-05-01"), answers: { overall: "4" } }),
    r8: await respond(db, C3, { service: S3, channel: "interpreted", submittedAt: at("2026-06-01"), answers: { overall: "1" } }),
    r9: await respond(db, C4, { service: S1, submittedAt: at("2026-09-20"), answers: { role: "family", trusted: "5", listened: "2", overall: "4" } }),
    r10: await respond(db, C4, {
      service: S3,
      submittedAt: at("2026-09-21"),
      answers: { role: "professional", trusted: "4", listened: "4", overall: "5" },
    }),
    r11: await respond(db, C4, {
      service: S3,
      language: "ur",
      channel: "paper",
      submittedAt: at("2026-10-05"),
      answers: { role: "family", trusted: "1", listened: "dont_know", overall: "3" },
    }),
  };
  return {
    organisations: { A: orgA, B: orgB },
    services: { S1, S2, S3 },
    surveys: { parent: await surveyIdOf(parentV1), setting: await surveyIdOf(settingV), co: await surveyIdOf(coV) },
    versions: { parentV1, parentV2, settingV, coV },
    campaigns: { C1, C2, C3, C4 },
    responses: r,
  };
}
