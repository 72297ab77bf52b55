import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { insertSurveyVersion } from "~/surveys/surveys.server";
import { SurveySpecSchema } from "~/surveys/spec";
import { CSRF_FIELD } from "~/auth/session.server";
import * as list from "~/routes/staff.surveys._index";
import * as create from "~/routes/staff.surveys.new";
import * as editor from "~/routes/staff.surveys.$surveyId.versions.$versionId._index";
import * as questionRoute from "~/routes/staff.surveys.$surveyId.versions.$versionId.questions.$questionId._index";
import * as deleteRoute from "~/routes/staff.surveys.$surveyId.versions.$versionId.questions.$questionId.delete";
import * as translations from "~/routes/staff.surveys.$surveyId.versions.$versionId.translations";
import * as exportJson from "~/routes/staff.surveys.$surveyId.versions.$versionId.export[.json]";
import { createTestDb } from "../support/db";
import { TEST_SURVEY } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";
import type { AppLoadContext } from "@remix-run/node";

// The routes get one test database through their load context; each test makes its own survey.
let db: Kysely<Database>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const test = await createTestDb();
  ({ db, cleanup } = test);
  context = testContext(db);
});
afterAll(async () => cleanup());

let serial = 0;
async function publishedSurvey() {
  serial++;
  const versionId = await insertSurveyVersion(db, { ...TEST_SURVEY, slug: `route-survey-${serial}` }, { status: "published" });
  const { survey_id } = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow();
  return { surveyId: survey_id, versionId, params: { surveyId: String(survey_id), versionId: String(versionId) } };
}

/** A route's answer, thrown or returned. */
async function settle(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const url = (path: string) => `http://localhost${path}`;
let context: AppLoadContext;

describe("survey builder routes", () => {
  it("are for admins only", async () => {
    const pcf = await makeStaff(db, "pcf");
    const member = await makeStaff(db, "service_member");
    for (const staff of [pcf, member]) {
      expect((await settle(list.loader({ request: staff.get(url("/staff/surveys")), params: {}, context }))).status).toBe(403);
      const res = await settle(create.action({ request: staff.post(url("/staff/surveys/new"), [["kind", "parent"], ["slug", "nope"], ["title_en", "Nope"]]), params: {}, context }));
      expect(res.status).toBe(403);
    }
    expect(await db.selectFrom("surveys").select("id").where("slug", "=", "nope").executeTakeFirst()).toBeUndefined();
  });

  it("create a survey, or explain a bad short name", async () => {
    const admin = await makeStaff(db, "admin");
    const bad = await settle(create.action({ request: admin.post(url("/staff/surveys/new"), [["kind", "parent"], ["slug", "Bad Slug"], ["title_en", "T"]]), params: {}, context }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: { slug: "slug_format" }, values: { slug: "Bad Slug", title_en: "T" } });
    const ok = await settle(create.action({ request: admin.post(url("/staff/surveys/new"), [["kind", "setting"], ["slug", "route-new"], ["title_en", "New one"]]), params: {}, context }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toMatch(/^\/staff\/surveys\/\d+\/versions\/\d+$/);
  });

  it("refuse every change to a published version with 409 and a reason", async () => {
    const admin = await makeStaff(db, "admin");
    const { params, versionId } = await publishedSurvey();
    const base = `/staff/surveys/${params.surveyId}/versions/${versionId}`;
    const question = await db.selectFrom("questions").selectAll().where("survey_version_id", "=", versionId).where("key", "=", "comment").executeTakeFirstOrThrow();
    const before = await db.selectFrom("questions").selectAll().where("survey_version_id", "=", versionId).execute();

    const editorPosts: [string, string][][] = [
      [["intent", "texts"], ["title_en", "Changed"], ["title_ur", "بدلا"], ["intro_en", "x"], ["intro_ur", "y"]],
      [["intent", "move"], ["question", String(question.id)], ["direction", "up"]],
      [["intent", "confirm"], ["unit", "survey:title"]],
      [["intent", "publish"]],
    ];
    for (const fields of editorPosts) {
      const res = await settle(editor.action({ request: admin.post(url(base), fields), params, context }));
      expect(res.status, fields[0][1]).toBe(409);
      expect(await res.json()).toEqual({ errors: { form: "published" } });
    }
    const qParams = { ...params, questionId: String(question.id) };
    const save = await settle(
      questionRoute.action({
        request: admin.post(url(`${base}/questions/${question.id}`), [["intent", "save"], ["key", "comment"], ["type", "short_text"], ["page", "3"], ["text_en", "Changed?"]]),
        params: qParams,
        context,
      }),
    );
    expect(save.status).toBe(409);
    const add = await settle(
      questionRoute.action({
        request: admin.post(url(`${base}/questions/new`), [["intent", "save"], ["key", "added"], ["type", "short_text"], ["page", "3"], ["text_en", "New?"]]),
        params: { ...params, questionId: "new" },
        context,
      }),
    );
    expect(add.status).toBe(409);
    expect((await settle(deleteRoute.action({ request: admin.post(url(`${base}/questions/${question.id}/delete`), []), params: qParams, context }))).status).toBe(409);

    const upload = new FormData();
    upload.set(CSRF_FIELD, admin.csrf);
    upload.set("file", new Blob(["id,english,urdu\nsurvey:title,Test survey,نیا\n"], { type: "text/csv" }), "t.csv");
    const imported = await settle(
      translations.action({ request: new Request(url(`${base}/translations`), { method: "POST", body: upload, headers: { Cookie: admin.cookie } }), params, context }),
    );
    expect(imported.status).toBe(409);

    expect(await db.selectFrom("questions").selectAll().where("survey_version_id", "=", versionId).execute()).toEqual(before);
    expect(await db.selectFrom("survey_versions").select(["title_en", "title_ur"]).where("id", "=", versionId).executeTakeFirst()).toEqual({
      title_en: "Test survey",
      title_ur: "ٹیسٹ سروے",
    });
  });

  it("download a version as a JSON file named after its survey and version", async () => {
    const admin = await makeStaff(db, "admin");
    const { params } = await publishedSurvey();
    const res = await settle(exportJson.loader({ request: admin.get(url("/x")), params, context }));
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="survey-route-survey-${serial}-v1.json"`);
    const file = SurveySpecSchema.parse(await res.json());
    expect(file.questions.map((q) => q.key)).toEqual(["overall", "contact_known", "contact_help", "comment"]);
  });

  it("give 404 for a version of another survey", async () => {
    const admin = await makeStaff(db, "admin");
    const a = await publishedSurvey();
    const b = await publishedSurvey();
    const res = await settle(editor.loader({ request: admin.get(url("/x")), params: { surveyId: String(a.surveyId), versionId: String(b.versionId) }, context }));
    expect(res.status).toBe(404);
  });
});
