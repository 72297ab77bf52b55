import type { Kysely, Transaction } from "kysely";
import type { Database, Question, QuestionOption, Service, SurveyVersion, Campaign, Survey } from "@db/schema";
import { SurveySpecSchema, type SurveySpec } from "./spec";

type Db = Kysely<Database> | Transaction<Database>;

export type QuestionWithOptions = Question & { options: QuestionOption[] };

export interface CampaignSurvey {
  campaign: Campaign;
  survey: Survey;
  version: SurveyVersion;
  questions: QuestionWithOptions[];
  services: Service[];
}

/** Inserts a survey (or a new version of it) from a validated spec. Returns the version id. */
export async function insertSurveyVersion(
  db: Db,
  input: SurveySpec,
  opts: { status?: "draft" | "published"; now?: string } = {},
): Promise<number> {
  const spec = SurveySpecSchema.parse(input);
  const now = opts.now ?? new Date().toISOString();
  const status = opts.status ?? "published";
  let survey = await db.selectFrom("surveys").selectAll().where("slug", "=", spec.slug).executeTakeFirst();
  if (!survey) {
    survey = await db
      .insertInto("surveys")
      .values({ slug: spec.slug, kind: spec.kind, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const last = await db
    .selectFrom("survey_versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("survey_id", "=", survey.id)
    .executeTakeFirst();
  const version = await db
    .insertInto("survey_versions")
    .values({
      survey_id: survey.id,
      version: Number(last?.v ?? 0) + 1,
      status,
      title_en: spec.title.en,
      title_ur: spec.title.ur,
      intro_en: spec.intro.en,
      intro_ur: spec.intro.ur,
      // A spec's Urdu is taken as translated from its English as given.
      title_ur_source: spec.title.en,
      intro_ur_source: spec.intro.en,
      headline_question_key: spec.headline,
      created_at: now,
      published_at: status === "published" ? now : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [position, q] of spec.questions.entries()) {
    const row = await db
      .insertInto("questions")
      .values({
        survey_version_id: version.id,
        key: q.key,
        position: position + 1,
        page: q.page,
        type: q.type,
        required: q.required ? 1 : 0,
        about_you: q.aboutYou ? 1 : 0,
        text_en: q.text.en,
        text_ur: q.text.ur,
        hint_en: q.hint?.en ?? "",
        hint_ur: q.hint?.ur ?? "",
        text_ur_source: q.text.en,
        hint_ur_source: q.hint?.en ?? "",
        show_if_key: q.showIf?.key ?? null,
        show_if_value: q.showIf?.value ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, o] of (q.options ?? []).entries()) {
      await db
        .insertInto("question_options")
        .values({ question_id: row.id, position: i + 1, value: o.value, label_en: o.label.en, label_ur: o.label.ur, label_ur_source: o.label.en })
        .execute();
    }
  }
  return version.id;
}

export async function getQuestionsOfVersion(db: Db, versionId: number): Promise<QuestionWithOptions[]> {
  const questions = await db
    .selectFrom("questions")
    .selectAll()
    .where("survey_version_id", "=", versionId)
    .orderBy("position")
    .execute();
  if (questions.length === 0) return [];
  const options = await db
    .selectFrom("question_options")
    .selectAll()
    .where(
      "question_id",
      "in",
      questions.map((q) => q.id),
    )
    .orderBy("question_id")
    .orderBy("position")
    .execute();
  return questions.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id) }));
}

type VersionContent = Pick<CampaignSurvey, "survey" | "version" | "questions">;

async function readVersionContent(db: Db, versionId: number): Promise<VersionContent> {
  const version = await db.selectFrom("survey_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();
  const survey = await db.selectFrom("surveys").selectAll().where("id", "=", version.survey_id).executeTakeFirstOrThrow();
  return { survey, version, questions: await getQuestionsOfVersion(db, version.id) };
}

/**
 * Published versions read by respondent pages, per database. A published version (its
 * texts, translations, questions and options) never changes: the builder edits drafts
 * only and a campaign is only made of a published version. So it is read once, and every
 * process on the file keeps an equal copy. A draft is read every time, and so is anything
 * read inside a transaction (which could still be undone).
 */
const publishedVersions = new WeakMap<Db, Map<number, VersionContent>>();

async function keptVersionContent(db: Db, versionId: number): Promise<VersionContent> {
  const kept = publishedVersions.get(db)?.get(versionId);
  if (kept) return kept;
  const content = await readVersionContent(db, versionId);
  if (content.version.status === "published" && !db.isTransaction) {
    publishedVersions.set(db, (publishedVersions.get(db) ?? new Map<number, VersionContent>()).set(versionId, content));
  }
  return content;
}

async function campaignSurveyBySlug(db: Db, slug: string, content: typeof readVersionContent): Promise<CampaignSurvey | undefined> {
  const campaign = await db.selectFrom("campaigns").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!campaign) return undefined;
  const services = await db
    .selectFrom("campaign_services")
    .innerJoin("services", "services.id", "campaign_services.service_id")
    .selectAll("services")
    .where("campaign_services.campaign_id", "=", campaign.id)
    .orderBy("services.name_en")
    .execute();
  return { campaign, ...(await content(db, campaign.survey_version_id)), services };
}

/** A campaign with everything a respondent page needs, or undefined. */
export function findCampaignSurveyBySlug(db: Db, slug: string): Promise<CampaignSurvey | undefined> {
  return campaignSurveyBySlug(db, slug, readVersionContent);
}

/**
 * As findCampaignSurveyBySlug, for the respondent's pages, which ask on every request:
 * the campaign (its dates) and its services are read each time, a published version once.
 */
export function findRespondentCampaignBySlug(db: Db, slug: string): Promise<CampaignSurvey | undefined> {
  return campaignSurveyBySlug(db, slug, keptVersionContent);
}

export function isCampaignOpen(campaign: Pick<Campaign, "opens_at" | "closes_at">, now: Date): boolean {
  const t = now.toISOString();
  return campaign.opens_at <= t && t <= campaign.closes_at;
}

export interface OpenCampaignSummary {
  slug: string;
  name_en: string;
  name_ur: string;
  title_en: string;
  title_ur: string;
  kind: Survey["kind"];
  closes_at: string;
}

/** Campaigns open now, for the home page. */
export async function listOpenCampaigns(db: Db, now: Date): Promise<OpenCampaignSummary[]> {
  const t = now.toISOString();
  return db
    .selectFrom("campaigns")
    .innerJoin("survey_versions", "survey_versions.id", "campaigns.survey_version_id")
    .innerJoin("surveys", "surveys.id", "survey_versions.survey_id")
    .select([
      "campaigns.slug",
      "campaigns.name_en",
      "campaigns.name_ur",
      "survey_versions.title_en",
      "survey_versions.title_ur",
      "surveys.kind",
      "campaigns.closes_at",
    ])
    .where("campaigns.opens_at", "<=", t)
    .where("campaigns.closes_at", ">=", t)
    .orderBy("campaigns.name_en")
    .execute();
}
