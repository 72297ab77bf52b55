import { json } from "@remix-run/node";
import type { Kysely, Transaction } from "kysely";
import type { Database, QuestionType, Survey, SurveyKind, SurveyVersion } from "@db/schema";
import { getQuestionsOfVersion, insertSurveyVersion, type QuestionWithOptions } from "./surveys.server";
import {
  hasOptions,
  inOrder,
  isStale,
  moveInOrder,
  publishProblems,
  questionDraftErrors,
  textUnits,
  urduSourceAfterSave,
  type PublishProblem,
  type QuestionDraftError,
  type QuestionTexts,
  type TextUnit,
} from "./builder";
import { planTranslationImport, type TranslationImportProblem } from "./translations";
import { parseSurveyFile, type SurveyFile, type SurveyFileProblem } from "./json";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** A builder action on a published version: refused, whatever the page showed. */
export class PublishedVersionError extends Error {
  constructor(readonly versionId: number) {
    super(`Survey version ${versionId} is published and cannot change`);
  }
}

function notFound(): never {
  throw json({ reason: "not_found" }, { status: 404 });
}

function idOf(param: string | undefined): number {
  const n = Number(param);
  return Number.isSafeInteger(n) && n > 0 ? n : notFound();
}

// ---------------------------------------------------------------------------
// Reading

export interface SurveySummary {
  id: number;
  slug: string;
  kind: SurveyKind;
  latest: Pick<SurveyVersion, "id" | "version" | "status" | "title_en" | "title_ur">;
}

/** Every survey with its latest version, by slug. */
export async function listSurveys(db: Db): Promise<SurveySummary[]> {
  const surveys = await db.selectFrom("surveys").selectAll().orderBy("slug").execute();
  const versions = await db
    .selectFrom("survey_versions")
    .select(["id", "survey_id", "version", "status", "title_en", "title_ur"])
    .orderBy("version", "desc")
    .execute();
  return surveys.flatMap((s) => {
    const latest = versions.find((v) => v.survey_id === s.id);
    return latest ? [{ id: s.id, slug: s.slug, kind: s.kind, latest }] : [];
  });
}

export async function getSurveyOr404(db: Db, surveyIdParam: string | undefined): Promise<Survey> {
  const survey = await db.selectFrom("surveys").selectAll().where("id", "=", idOf(surveyIdParam)).executeTakeFirst();
  return survey ?? notFound();
}

export type VersionRow = SurveyVersion & { campaigns: number };

/** A survey's versions, newest first, each with the number of campaigns using it. */
export async function listVersions(db: Db, surveyId: number): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom("survey_versions")
    .leftJoin("campaigns", "campaigns.survey_version_id", "survey_versions.id")
    .selectAll("survey_versions")
    .select((eb) => eb.fn.count<number>("campaigns.id").as("campaigns"))
    .where("survey_versions.survey_id", "=", surveyId)
    .groupBy("survey_versions.id")
    .orderBy("survey_versions.version", "desc")
    .execute();
  return rows.map((r) => ({ ...r, campaigns: Number(r.campaigns) }));
}

export interface BuilderVersion {
  survey: Survey;
  version: SurveyVersion;
  questions: QuestionWithOptions[];
}

/** A version of a survey with its questions; 404 for ids that do not belong together. */
export async function getBuilderVersionOr404(db: Db | Trx, surveyIdParam: string | undefined, versionIdParam: string | undefined): Promise<BuilderVersion> {
  const surveyId = idOf(surveyIdParam);
  const version = await db
    .selectFrom("survey_versions")
    .selectAll()
    .where("id", "=", idOf(versionIdParam))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!version) notFound();
  const survey = await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirstOrThrow();
  return { survey, version, questions: inOrder(await getQuestionsOfVersion(db, version.id)) };
}

export function findQuestionOr404(bv: BuilderVersion, questionIdParam: string | undefined): QuestionWithOptions {
  const id = idOf(questionIdParam);
  return bv.questions.find((q) => q.id === id) ?? notFound();
}

/** Keys that a published version of this survey uses: they must not change, so results compare. */
export async function publishedKeys(db: Db | Trx, surveyId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("questions")
    .innerJoin("survey_versions", "survey_versions.id", "questions.survey_version_id")
    .select("questions.key")
    .where("survey_versions.survey_id", "=", surveyId)
    .where("survey_versions.status", "=", "published")
    .execute();
  return new Set(rows.map((r) => r.key));
}

export function unitsOf(bv: Pick<BuilderVersion, "version" | "questions">): TextUnit[] {
  return textUnits(bv.version, bv.questions);
}

// ---------------------------------------------------------------------------
// Writing: every change to a version goes through a transaction that checks it is a draft.

async function draftInTransaction<T>(db: Db, versionId: number, work: (trx: Trx, version: SurveyVersion) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const version = await trx.selectFrom("survey_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();
    if (version.status !== "draft") throw new PublishedVersionError(versionId);
    return work(trx, version);
  });
}

async function loadQuestions(trx: Trx, versionId: number): Promise<QuestionWithOptions[]> {
  return inOrder(await getQuestionsOfVersion(trx, versionId));
}

export type CreateSurveyResult = { ok: true; surveyId: number; versionId: number } | { ok: false; error: "slug_taken" };

/** A new survey with version 1 as a draft holding only its English title. */
export async function createSurvey(db: Db, input: { slug: string; kind: SurveyKind; title_en: string }, now: string): Promise<CreateSurveyResult> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("surveys").select("id").where("slug", "=", input.slug).executeTakeFirst();
    if (taken) return { ok: false as const, error: "slug_taken" as const };
    const survey = await trx.insertInto("surveys").values({ slug: input.slug, kind: input.kind, created_at: now }).returning("id").executeTakeFirstOrThrow();
    const version = await trx
      .insertInto("survey_versions")
      .values({
        survey_id: survey.id,
        version: 1,
        status: "draft",
        title_en: input.title_en,
        title_ur: "",
        intro_en: "",
        intro_ur: "",
        title_ur_source: "",
        intro_ur_source: "",
        headline_question_key: null,
        created_at: now,
        published_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true as const, surveyId: survey.id, versionId: version.id };
  });
}

/** The survey's draft version, if it has one (there is never more than one). */
export async function findDraft(db: Db | Trx, surveyId: number): Promise<{ id: number; version: number } | undefined> {
  return db.selectFrom("survey_versions").select(["id", "version"]).where("survey_id", "=", surveyId).where("status", "=", "draft").executeTakeFirst();
}

/**
 * "Edit" on a published version: a new draft version copying all of its content,
 * translation sources included. A survey has one draft at a time: if there is one
 * already, it is returned instead.
 */
export async function startDraftFrom(db: Db, surveyId: number, fromVersionId: number, now: string): Promise<{ versionId: number; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await findDraft(trx, surveyId);
    if (existing) return { versionId: existing.id, created: false };
    const from = await trx
      .selectFrom("survey_versions")
      .selectAll()
      .where("id", "=", fromVersionId)
      .where("survey_id", "=", surveyId)
      .executeTakeFirst();
    if (!from) notFound();
    const last = await trx
      .selectFrom("survey_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("survey_id", "=", surveyId)
      .executeTakeFirstOrThrow();
    const { id: _id, ...content } = from;
    const version = await trx
      .insertInto("survey_versions")
      .values({ ...content, version: Number(last.v) + 1, status: "draft", created_at: now, published_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const q of await getQuestionsOfVersion(trx, from.id)) {
      const { id: _qid, options, ...question } = q;
      const copy = await trx
        .insertInto("questions")
        .values({ ...question, survey_version_id: version.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const o of options) {
        const { id: _oid, ...option } = o;
        await trx.insertInto("question_options").values({ ...option, question_id: copy.id }).execute();
      }
    }
    return { versionId: version.id, created: true };
  });
}

export interface VersionTextsInput {
  title_en: string;
  title_ur: string;
  intro_en: string;
  intro_ur: string;
}

/** Saves the title and introduction; an Urdu text changed with them is tied to the English now. */
export async function saveVersionTexts(db: Db, versionId: number, input: VersionTextsInput): Promise<void> {
  await draftInTransaction(db, versionId, async (trx, v) => {
    await trx
      .updateTable("survey_versions")
      .set({
        ...input,
        title_ur_source: urduSourceAfterSave({ en: v.title_en, ur: v.title_ur, source: v.title_ur_source }, { en: input.title_en, ur: input.title_ur }),
        intro_ur_source: urduSourceAfterSave({ en: v.intro_en, ur: v.intro_ur, source: v.intro_ur_source }, { en: input.intro_en, ur: input.intro_ur }),
      })
      .where("id", "=", versionId)
      .execute();
  });
}

export interface QuestionInput extends QuestionTexts {
  key: string;
  type: QuestionType;
  page: number;
  required: boolean;
  about_you: boolean;
  headline: boolean;
  condition: { key: string; value: string } | null;
  /** Kept option rows; `id` is the option the row was loaded from, to keep its translation source. */
  options: { id: number | null; row: number; value: string; label_en: string; label_ur: string }[];
}

export type SaveQuestionResult = { ok: true; questionId: number } | { ok: false; errors: Record<string, QuestionDraftError> };

/**
 * Adds (questionId null) or changes a question. A renamed key is renamed in the
 * conditions and headline that name it; ticking "headline" makes it the version's
 * headline, unticking it on the headline leaves the version without one.
 */
export async function saveQuestion(db: Db, versionId: number, questionId: number | null, input: QuestionInput): Promise<SaveQuestionResult> {
  return draftInTransaction(db, versionId, async (trx, version) => {
    const questions = await loadQuestions(trx, versionId);
    const self = questionId === null ? null : questions.find((q) => q.id === questionId);
    if (self === undefined) notFound();
    const errors = questionDraftErrors(input, {
      others: questions.filter((q) => q.id !== questionId),
      self,
      lockedKeys: await publishedKeys(trx, version.survey_id),
    });
    if (Object.keys(errors).length > 0) return { ok: false as const, errors };

    const before = (field: "text" | "hint") => (self ? { en: self[`${field}_en`], ur: self[`${field}_ur`], source: self[`${field}_ur_source`] } : undefined);
    const values = {
      key: input.key,
      page: input.page,
      type: input.type,
      required: input.required ? 1 : 0,
      about_you: input.about_you ? 1 : 0,
      text_en: input.text_en,
      text_ur: input.text_ur,
      hint_en: input.hint_en,
      hint_ur: input.hint_ur,
      text_ur_source: urduSourceAfterSave(before("text"), { en: input.text_en, ur: input.text_ur }),
      hint_ur_source: urduSourceAfterSave(before("hint"), { en: input.hint_en, ur: input.hint_ur }),
      show_if_key: input.condition?.key ?? null,
      show_if_value: input.condition?.value ?? null,
    };
    let id: number;
    if (self) {
      id = self.id;
      await trx.updateTable("questions").set(values).where("id", "=", id).execute();
      await trx.deleteFrom("question_options").where("question_id", "=", id).execute();
      if (self.key !== input.key) {
        await trx.updateTable("questions").set({ show_if_key: input.key }).where("survey_version_id", "=", versionId).where("show_if_key", "=", self.key).execute();
      }
    } else {
      const position = Math.max(0, ...questions.map((q) => q.position)) + 1;
      id = (await trx.insertInto("questions").values({ ...values, survey_version_id: versionId, position }).returning("id").executeTakeFirstOrThrow()).id;
    }
    const oldOptions = self?.options ?? [];
    for (const [i, o] of (hasOptions(input.type) ? input.options : []).entries()) {
      const old = oldOptions.find((x) => x.id === o.id);
      await trx
        .insertInto("question_options")
        .values({
          question_id: id,
          position: i + 1,
          value: o.value,
          label_en: o.label_en,
          label_ur: o.label_ur,
          label_ur_source: urduSourceAfterSave(old && { en: old.label_en, ur: old.label_ur, source: old.label_ur_source }, { en: o.label_en, ur: o.label_ur }),
        })
        .execute();
    }
    const wasHeadline = self !== null && version.headline_question_key === self.key;
    const headline = input.headline ? input.key : wasHeadline ? null : version.headline_question_key;
    if (headline !== version.headline_question_key) {
      await trx.updateTable("survey_versions").set({ headline_question_key: headline }).where("id", "=", versionId).execute();
    }
    return { ok: true as const, questionId: id };
  });
}

async function renumber(trx: Trx, orderedIds: number[]): Promise<void> {
  for (const [i, id] of orderedIds.entries()) {
    await trx.updateTable("questions").set({ position: i + 1 }).where("id", "=", id).execute();
  }
}

/** The questions shown only after this one: deleting it removes their condition. */
export function dependentsOf(questions: QuestionWithOptions[], key: string): QuestionWithOptions[] {
  return questions.filter((q) => q.show_if_key === key);
}

export async function deleteQuestion(db: Db, versionId: number, questionId: number): Promise<void> {
  await draftInTransaction(db, versionId, async (trx, version) => {
    const questions = await loadQuestions(trx, versionId);
    const q = questions.find((x) => x.id === questionId) ?? notFound();
    await trx.updateTable("questions").set({ show_if_key: null, show_if_value: null }).where("survey_version_id", "=", versionId).where("show_if_key", "=", q.key).execute();
    if (version.headline_question_key === q.key) {
      await trx.updateTable("survey_versions").set({ headline_question_key: null }).where("id", "=", versionId).execute();
    }
    await trx.deleteFrom("questions").where("id", "=", q.id).execute();
    await renumber(trx, questions.filter((x) => x.id !== q.id).map((x) => x.id));
  });
}

/** Moves a question one place up or down; false when it is already at that end. */
export async function moveQuestion(db: Db, versionId: number, questionId: number, step: -1 | 1): Promise<boolean> {
  return draftInTransaction(db, versionId, async (trx) => {
    const ids = (await loadQuestions(trx, versionId)).map((q) => q.id);
    if (!ids.includes(questionId)) notFound();
    const order = moveInOrder(ids, questionId, step);
    if (order) await renumber(trx, order);
    return order !== null;
  });
}

async function writeUrdu(trx: Trx, versionId: number, unit: TextUnit, ur: string, source: string): Promise<void> {
  switch (unit.field) {
    case "title":
      await trx.updateTable("survey_versions").set({ title_ur: ur, title_ur_source: source }).where("id", "=", versionId).execute();
      return;
    case "intro":
      await trx.updateTable("survey_versions").set({ intro_ur: ur, intro_ur_source: source }).where("id", "=", versionId).execute();
      return;
    case "text":
      await trx.updateTable("questions").set({ text_ur: ur, text_ur_source: source }).where("id", "=", unit.question!.id).execute();
      return;
    case "hint":
      await trx.updateTable("questions").set({ hint_ur: ur, hint_ur_source: source }).where("id", "=", unit.question!.id).execute();
      return;
    case "label":
      await trx.updateTable("question_options").set({ label_ur: ur, label_ur_source: source }).where("id", "=", unit.option!.id).execute();
  }
}

async function unitsInTransaction(trx: Trx, version: SurveyVersion): Promise<TextUnit[]> {
  return textUnits(version, await loadQuestions(trx, version.id));
}

/** "Urdu is still right": the stale Urdu text now counts as translated from the current English. */
export async function confirmUrdu(db: Db, versionId: number, unitId: string): Promise<TextUnit | null> {
  return draftInTransaction(db, versionId, async (trx, version) => {
    const unit = (await unitsInTransaction(trx, version)).find((u) => u.id === unitId);
    if (!unit || !isStale(unit)) return null;
    await writeUrdu(trx, versionId, unit, unit.ur, unit.en);
    return unit;
  });
}

/**
 * A route action's work on a version; a published version gets a 409 and the reason,
 * shown by the page, whatever the page showed when the form was sent.
 */
export async function refusingPublished<T>(work: () => Promise<T>) {
  try {
    return await work();
  } catch (e) {
    if (e instanceof PublishedVersionError) return json({ errors: { form: "published" } as Record<string, string> }, { status: 409 });
    throw e;
  }
}

export type PublishResult = { ok: true } | { ok: false; problems: PublishProblem[] };

/** Publishes a draft with nothing missing; otherwise says what is missing and changes nothing. */
export async function publishVersion(db: Db, versionId: number, now: string): Promise<PublishResult> {
  return draftInTransaction(db, versionId, async (trx, version) => {
    const problems = publishProblems(version, await loadQuestions(trx, versionId));
    if (problems.length > 0) return { ok: false as const, problems };
    await trx.updateTable("survey_versions").set({ status: "published", published_at: now }).where("id", "=", versionId).execute();
    return { ok: true as const };
  });
}

export interface TranslationImportResult {
  updated: number;
  unchanged: number;
  /** Out-of-date texts whose Urdu the file neither changed nor confirmed. */
  stillStale: number;
  problems: TranslationImportProblem[];
}

/** Imports a translator's file: good rows set the Urdu (as a translation of the English now). */
export async function importTranslations(db: Db, versionId: number, csv: string): Promise<TranslationImportResult> {
  return draftInTransaction(db, versionId, async (trx, version) => {
    const plan = planTranslationImport(await unitsInTransaction(trx, version), csv);
    for (const { unit, ur } of plan.updates) await writeUrdu(trx, versionId, unit, ur, unit.en);
    return { updated: plan.updates.length, unchanged: plan.unchanged, stillStale: plan.stillStale, problems: plan.problems };
  });
}

export type SurveyFileImportResult =
  | { ok: true; surveyId: number; versionId: number; version: number; newSurvey: boolean }
  | { ok: false; problems: SurveyFileProblem[] };

/** Puts back each `urSource` a file gives, so a stale Urdu text stays stale. */
async function applyFileSources(trx: Trx, versionId: number, file: SurveyFile): Promise<void> {
  const version = await trx.selectFrom("survey_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();
  const units = await unitsInTransaction(trx, version);
  const given = new Map<string, string | undefined>([
    ["survey:title", file.title.urSource],
    ["survey:intro", file.intro.urSource],
  ]);
  for (const q of file.questions) {
    given.set(`question:${q.key}:text`, q.text.urSource);
    given.set(`question:${q.key}:hint`, q.hint?.urSource);
    for (const o of q.options ?? []) given.set(`option:${q.key}:${o.value}`, o.label.urSource);
  }
  for (const unit of units) {
    const source = given.get(unit.id);
    if (source !== undefined) await writeUrdu(trx, versionId, unit, unit.ur, source);
  }
}

/**
 * Imports a survey file: a new survey, or a new draft version of the survey with the
 * same slug (when it has no draft already and is of the same kind). A bad file creates
 * nothing and gets every problem back.
 */
export async function importSurveyFile(db: Db, text: string, now: string): Promise<SurveyFileImportResult> {
  const parsed = parseSurveyFile(text);
  if ("problems" in parsed) return { ok: false, problems: parsed.problems };
  const { file } = parsed;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("surveys").selectAll().where("slug", "=", file.slug).executeTakeFirst();
    if (existing && existing.kind !== file.kind) {
      return { ok: false as const, problems: [{ path: "kind", code: "kind_differs" as const, values: { kind: existing.kind } }] };
    }
    const draft = existing ? await findDraft(trx, existing.id) : undefined;
    if (draft) return { ok: false as const, problems: [{ path: "slug", code: "draft_exists" as const, values: { version: draft.version } }] };
    const versionId = await insertSurveyVersion(trx, file, { status: "draft", now });
    if (!file.headline) await trx.updateTable("survey_versions").set({ headline_question_key: null }).where("id", "=", versionId).execute();
    await applyFileSources(trx, versionId, file);
    const row = await trx.selectFrom("survey_versions").select(["survey_id", "version"]).where("id", "=", versionId).executeTakeFirstOrThrow();
    return { ok: true as const, surveyId: row.survey_id, versionId, version: row.version, newSurvey: !existing };
  });
}

/** An upload clearly too large to be a survey or translation file, refused before it is read. */
export function bodyTooLarge(request: Request, maxFileBytes: number): boolean {
  return Number(request.headers.get("Content-Length") ?? 0) > maxFileBytes + 64 * 1024;
}
