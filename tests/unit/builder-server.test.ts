import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { getQuestionsOfVersion, insertSurveyVersion } from "~/surveys/surveys.server";
import {
  PublishedVersionError,
  confirmUrdu,
  createSurvey,
  deleteQuestion,
  importSurveyFile,
  importTranslations,
  listVersions,
  moveQuestion,
  publishVersion,
  saveQuestion,
  saveVersionTexts,
  startDraftFrom,
  type QuestionInput,
} from "~/surveys/builder.server";
import { surveyFileOf } from "~/surveys/json";
import { createTestDb } from "../support/db";
import { TEST_SURVEY } from "../support/fixtures";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = "2026-11-25T10:00:00.000Z";

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function versionRow(id: number) {
  return db.selectFrom("survey_versions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Everything of a version that a copy must carry, without ids. */
async function contentOf(versionId: number) {
  const { id: _id, version: _v, status: _s, created_at: _c, published_at: _p, ...version } = await versionRow(versionId);
  const questions = (await getQuestionsOfVersion(db, versionId)).map(({ id: _qid, survey_version_id: _svid, options, ...q }) => ({
    ...q,
    options: options.map(({ id: _oid, question_id: _q, ...o }) => o),
  }));
  return { version, questions };
}

async function publishedTestSurvey() {
  const spec = {
    ...TEST_SURVEY,
    questions: [
      ...TEST_SURVEY.questions,
      {
        key: "heard_from",
        page: 3,
        type: "single_choice" as const,
        text: { en: "Where did you hear?", ur: "آپ نے کہاں سنا؟" },
        hint: { en: "Pick one", ur: "ایک چنیں" },
        options: [
          { value: "email", label: { en: "Email", ur: "ای میل" } },
          { value: "school", label: { en: "School", ur: "اسکول" } },
        ],
      },
    ],
  };
  const versionId = await insertSurveyVersion(db, spec, { status: "published", now });
  const { survey_id } = await versionRow(versionId);
  return { versionId, surveyId: survey_id };
}

function input(over: Partial<QuestionInput> = {}): QuestionInput {
  return {
    key: "extra",
    type: "short_text",
    page: 4,
    required: false,
    about_you: false,
    headline: false,
    text_en: "Extra?",
    text_ur: "مزید؟",
    hint_en: "",
    hint_ur: "",
    condition: null,
    options: [],
    ...over,
  };
}

describe("creating a survey", () => {
  it("makes the survey and version 1 as a draft, and refuses a slug in use", async () => {
    const created = await createSurvey(db, { slug: "new-survey", kind: "partner", title_en: "New survey" }, now);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await versionRow(created.versionId)).toMatchObject({ survey_id: created.surveyId, version: 1, status: "draft", title_en: "New survey", title_ur: "" });
    expect(await createSurvey(db, { slug: "new-survey", kind: "parent", title_en: "Again" }, now)).toEqual({ ok: false, error: "slug_taken" });
  });
});

describe("a new draft from a published version", () => {
  it("copies every text, translation source, question, option, condition and the headline", async () => {
    const { versionId, surveyId } = await publishedTestSurvey();
    // A stale Urdu text in the published version must still be stale in the copy.
    await db.updateTable("questions").set({ text_ur_source: "An older English" }).where("survey_version_id", "=", versionId).where("key", "=", "comment").execute();
    await db.updateTable("survey_versions").set({ intro_ur_source: "Older intro" }).where("id", "=", versionId).execute();

    const draft = await startDraftFrom(db, surveyId, versionId, "2026-12-01T00:00:00.000Z");
    expect(draft.created).toBe(true);
    expect(await versionRow(draft.versionId)).toMatchObject({ version: 2, status: "draft", published_at: null, created_at: "2026-12-01T00:00:00.000Z" });
    expect(await contentOf(draft.versionId)).toEqual(await contentOf(versionId));
    const copy = await contentOf(draft.versionId);
    expect(copy.version.intro_ur_source).toBe("Older intro");
    expect(copy.questions.find((q) => q.key === "comment")?.text_ur_source).toBe("An older English");
    expect(copy.questions.find((q) => q.key === "contact_help")).toMatchObject({ show_if_key: "contact_known", show_if_value: "no" });
    expect(copy.questions.find((q) => q.key === "heard_from")?.options.map((o) => o.value)).toEqual(["email", "school"]);
    // The published version is untouched.
    expect(await versionRow(versionId)).toMatchObject({ status: "published", published_at: now });
  });

  it("keeps one draft at a time: asking again returns the draft there is", async () => {
    const { versionId, surveyId } = await publishedTestSurvey();
    const first = await startDraftFrom(db, surveyId, versionId, now);
    const second = await startDraftFrom(db, surveyId, versionId, now);
    expect(second).toEqual({ versionId: first.versionId, created: false });
    expect((await listVersions(db, surveyId)).map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
  });
});

describe("a published version", () => {
  it("refuses every builder change and stays as it was", async () => {
    const { versionId } = await publishedTestSurvey();
    const before = await contentOf(versionId);
    const [first] = await getQuestionsOfVersion(db, versionId);
    const attempts: [string, () => Promise<unknown>][] = [
      ["texts", () => saveVersionTexts(db, versionId, { title_en: "Changed", title_ur: "بدلا", intro_en: "", intro_ur: "" })],
      ["add question", () => saveQuestion(db, versionId, null, input())],
      ["edit question", () => saveQuestion(db, versionId, first.id, input({ key: first.key, type: "satisfaction", headline: true }))],
      ["delete question", () => deleteQuestion(db, versionId, first.id)],
      ["move question", () => moveQuestion(db, versionId, first.id, 1)],
      ["confirm Urdu", () => confirmUrdu(db, versionId, "survey:title")],
      ["publish again", () => publishVersion(db, versionId, "2027-01-01T00:00:00.000Z")],
      ["import translations", () => importTranslations(db, versionId, "id,english,urdu\nsurvey:title,Test survey,نیا عنوان\n")],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toBeInstanceOf(PublishedVersionError);
    }
    expect(await contentOf(versionId)).toEqual(before);
    expect(await versionRow(versionId)).toMatchObject({ published_at: now });
  });
});

describe("editing a draft", () => {
  async function draftOfTestSurvey() {
    const { versionId, surveyId } = await publishedTestSurvey();
    return { surveyId, draftId: (await startDraftFrom(db, surveyId, versionId, now)).versionId };
  }
  const question = async (versionId: number, key: string) => (await getQuestionsOfVersion(db, versionId)).find((q) => q.key === key)!;

  it("makes the Urdu stale when only the English changes, until it is confirmed", async () => {
    const { draftId } = await draftOfTestSurvey();
    const q = await question(draftId, "comment");
    await saveQuestion(db, draftId, q.id, input({ key: "comment", type: "short_text", page: 3, text_en: "Anything else to tell us?", text_ur: q.text_ur }));
    expect(await question(draftId, "comment")).toMatchObject({ text_en: "Anything else to tell us?", text_ur_source: "Anything else?" });
    const refused = await publishVersion(db, draftId, now);
    expect(refused.ok === false && refused.problems.map((p) => [p.code, p.unit?.id])).toEqual([["stale", "question:comment:text"]]);

    expect(await confirmUrdu(db, draftId, "question:comment:text")).toMatchObject({ id: "question:comment:text" });
    expect((await question(draftId, "comment")).text_ur_source).toBe("Anything else to tell us?");
    expect(await publishVersion(db, draftId, "2026-12-02T00:00:00.000Z")).toEqual({ ok: true });
    expect(await versionRow(draftId)).toMatchObject({ status: "published", published_at: "2026-12-02T00:00:00.000Z" });
  });

  it("ties a changed Urdu text to the English it is saved with", async () => {
    const { draftId } = await draftOfTestSurvey();
    const q = await question(draftId, "comment");
    await saveQuestion(db, draftId, q.id, input({ key: "comment", page: 3, text_en: "Anything more?", text_ur: "کچھ مزید؟" }));
    expect(await question(draftId, "comment")).toMatchObject({ text_ur: "کچھ مزید؟", text_ur_source: "Anything more?" });
    await saveVersionTexts(db, draftId, { title_en: "Renamed survey", title_ur: "ٹیسٹ سروے", intro_en: "Intro", intro_ur: "نیا تعارف" });
    expect(await versionRow(draftId)).toMatchObject({ title_ur_source: "Test survey", intro_ur_source: "Intro" });
  });

  it("keeps option translations by row, and renames a key in conditions and the headline", async () => {
    const { draftId } = await draftOfTestSurvey();
    const heard = await question(draftId, "heard_from");
    const [email, school] = heard.options;
    await saveQuestion(
      db,
      draftId,
      heard.id,
      input({
        key: "heard_from",
        type: "single_choice",
        page: 3,
        text_en: heard.text_en,
        text_ur: heard.text_ur,
        hint_en: heard.hint_en,
        hint_ur: heard.hint_ur,
        options: [
          { id: school.id, row: 0, value: "school", label_en: "A school", label_ur: school.label_ur },
          { id: email.id, row: 1, value: "email", label_en: "Email", label_ur: email.label_ur },
          { id: null, row: 2, value: "gp", label_en: "GP", label_ur: "ڈاکٹر" },
        ],
      }),
    );
    expect((await question(draftId, "heard_from")).options.map((o) => [o.value, o.label_en, o.label_ur_source])).toEqual([
      ["school", "A school", "School"],
      ["email", "Email", "Email"],
      ["gp", "GP", "GP"],
    ]);

    // A key no published version uses can be renamed; the condition on it follows.
    const added = await saveQuestion(db, draftId, null, input({ key: "asked", type: "yes_no_not_sure", page: 4 }));
    if (!added.ok) throw new Error("not added");
    await saveQuestion(db, draftId, null, input({ key: "why", type: "long_text", page: 5, condition: { key: "asked", value: "no" } }));
    await saveQuestion(db, draftId, added.questionId, input({ key: "was_asked", type: "yes_no_not_sure", page: 4 }));
    expect(await question(draftId, "why")).toMatchObject({ show_if_key: "was_asked", show_if_value: "no" });
    // A published key cannot.
    const overall = await question(draftId, "overall");
    expect(await saveQuestion(db, draftId, overall.id, input({ key: "overall_now", type: "satisfaction", page: 1, headline: true }))).toEqual({
      ok: false,
      errors: { key: "key_locked" },
    });
  });

  it("moves and deletes questions, removing conditions on a deleted one", async () => {
    const { draftId } = await draftOfTestSurvey();
    const contact = await question(draftId, "contact_known");
    expect(await moveQuestion(db, draftId, contact.id, -1)).toBe(true);
    expect((await getQuestionsOfVersion(db, draftId)).map((q) => q.key)).toEqual(["contact_known", "overall", "contact_help", "comment", "heard_from"]);
    expect(await moveQuestion(db, draftId, contact.id, -1)).toBe(false);

    await deleteQuestion(db, draftId, contact.id);
    const left = await getQuestionsOfVersion(db, draftId);
    expect(left.map((q) => [q.key, q.position])).toEqual([
      ["overall", 1],
      ["contact_help", 2],
      ["comment", 3],
      ["heard_from", 4],
    ]);
    expect(left.find((q) => q.key === "contact_help")).toMatchObject({ show_if_key: null, show_if_value: null });
  });

  it("imports a translator's file: good rows set the Urdu, others are reported by line", async () => {
    const { draftId } = await draftOfTestSurvey();
    await db.updateTable("survey_versions").set({ title_ur: "", title_ur_source: "" }).where("id", "=", draftId).execute();
    const csv = "\uFEFFid,english,urdu,status\r\nsurvey:title,Test survey,نیا عنوان،,missing\r\nquestion:nope:text,X,Y,ok\r\nquestion:comment:text,Something else?,کچھ,ok\r\n";
    const result = await importTranslations(db, draftId, csv);
    expect(result).toEqual({
      updated: 1,
      unchanged: 0,
      stillStale: 0,
      problems: [
        { line: 3, code: "unknown_id", id: "question:nope:text" },
        { line: 4, code: "english_changed", id: "question:comment:text" },
      ],
    });
    expect(await versionRow(draftId)).toMatchObject({ title_ur: "نیا عنوان،", title_ur_source: "Test survey" });
  });
});

describe("importing a survey file", () => {
  it("makes a new survey, then a new draft version of it, and refuses while that draft exists", async () => {
    const { versionId, surveyId } = await publishedTestSurvey();
    const survey = await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirstOrThrow();
    const file = surveyFileOf(survey, await versionRow(versionId), await getQuestionsOfVersion(db, versionId));

    const asNew = await importSurveyFile(db, JSON.stringify({ ...file, slug: "copied-survey" }), now);
    expect(asNew).toMatchObject({ ok: true, version: 1, newSurvey: true });

    const asVersion = await importSurveyFile(db, JSON.stringify(file), now);
    expect(asVersion).toMatchObject({ ok: true, surveyId, version: 2, newSurvey: false });
    if (!asVersion.ok) return;
    expect(await contentOf(asVersion.versionId)).toEqual(await contentOf(versionId));

    expect(await importSurveyFile(db, JSON.stringify(file), now)).toEqual({
      ok: false,
      problems: [{ path: "slug", code: "draft_exists", values: { version: 2 } }],
    });
    expect(await importSurveyFile(db, JSON.stringify({ ...file, slug: "copied-survey", kind: "setting" }), now)).toEqual({
      ok: false,
      problems: [{ path: "kind", code: "kind_differs", values: { kind: "parent" } }],
    });
  });

  it("keeps a stale Urdu text stale through export and import", async () => {
    const { versionId, surveyId } = await publishedTestSurvey();
    await db.updateTable("questions").set({ text_ur_source: "Older" }).where("survey_version_id", "=", versionId).where("key", "=", "comment").execute();
    const survey = await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirstOrThrow();
    const file = surveyFileOf({ ...survey, slug: "round-trip" }, await versionRow(versionId), await getQuestionsOfVersion(db, versionId));
    const imported = await importSurveyFile(db, JSON.stringify(file), now);
    if (!imported.ok) throw new Error("not imported");
    const refused = await publishVersion(db, imported.versionId, now);
    expect(refused.ok === false && refused.problems.map((p) => p.code)).toEqual(["stale"]);
  });

  it("keeps a question marked “about you” marked: saved in a draft, copied into the next version, exported and imported", async () => {
    const { versionId, surveyId } = await publishedTestSurvey();
    const draft = await startDraftFrom(db, surveyId, versionId, "2026-12-01T00:00:00.000Z");
    const saved = await saveQuestion(db, draft.versionId, null, input({ key: "needs", about_you: true }));
    expect(saved.ok).toBe(true);
    const aboutYou = async (vid: number) => (await getQuestionsOfVersion(db, vid)).filter((q) => q.about_you === 1).map((q) => q.key);
    expect(await aboutYou(draft.versionId)).toEqual(["needs"]);
    expect(await publishVersion(db, draft.versionId, now)).toMatchObject({ ok: true });
    const next = await startDraftFrom(db, surveyId, draft.versionId, "2026-12-02T00:00:00.000Z");
    expect(await aboutYou(next.versionId)).toEqual(["needs"]);
    const survey = await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirstOrThrow();
    const file = surveyFileOf({ ...survey, slug: "about-you-round-trip" }, await versionRow(next.versionId), await getQuestionsOfVersion(db, next.versionId));
    expect(file.questions.filter((q) => q.aboutYou).map((q) => q.key)).toEqual(["needs"]);
    const imported = await importSurveyFile(db, JSON.stringify(file), now);
    if (!imported.ok) throw new Error("not imported");
    expect(await aboutYou(imported.versionId)).toEqual(["needs"]);
    // Unticked, it is no longer marked.
    const needs = (await getQuestionsOfVersion(db, next.versionId)).find((q) => q.key === "needs")!;
    expect((await saveQuestion(db, next.versionId, needs.id, input({ key: "needs", about_you: false }))).ok).toBe(true);
    expect(await aboutYou(next.versionId)).toEqual([]);
  });

  it("creates nothing from a bad file", async () => {
    const before = await db.selectFrom("surveys").select("id").execute();
    const result = await importSurveyFile(db, '{"slug": "x", "kind": "parent"}', now);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems.map((p) => p.path)).toEqual(["title", "intro", "headline", "questions"]);
    expect(await db.selectFrom("surveys").select("id").execute()).toEqual(before);
  });
});
