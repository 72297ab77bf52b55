import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { AppLoadContext } from "@remix-run/node";
import type { Database } from "@db/schema";
import { CSRF_FIELD } from "~/auth/session.server";
import { insertSurveyVersion } from "~/surveys/surveys.server";
import * as translations from "~/routes/staff.surveys.$surveyId.versions.$versionId.translations";
import * as translationsCsv from "~/routes/staff.surveys.$surveyId.versions.$versionId.translations[.csv]";
import { createTestDb } from "../support/db";
import { TEST_SURVEY } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";

// DESIGN.md "Languages": a survey cannot be published while an Urdu text is stale. An import
// clears "stale" only for a text whose Urdu changed, or that the translator confirms.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let context: AppLoadContext;
beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  context = testContext(db);
});
afterEach(async () => cleanup());

const url = (path: string) => `http://localhost${path}`;

/** A draft of the test survey whose English changed after translation in two places: their Urdu is stale. */
async function draftWithTwoStaleTexts() {
  const versionId = await insertSurveyVersion(db, TEST_SURVEY, { status: "draft" });
  const { survey_id } = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow();
  await db.updateTable("questions").set({ text_en: "Overall, how satisfied are you?" }).where("survey_version_id", "=", versionId).where("key", "=", "overall").execute();
  await db.updateTable("questions").set({ text_en: "Do you know who to contact?" }).where("survey_version_id", "=", versionId).where("key", "=", "contact_known").execute();
  return { versionId, params: { surveyId: String(survey_id), versionId: String(versionId) }, base: `/staff/surveys/${survey_id}/versions/${versionId}` };
}

async function sources(versionId: number) {
  const rows = await db.selectFrom("questions").select(["key", "text_en", "text_ur", "text_ur_source"]).where("survey_version_id", "=", versionId).orderBy("position").execute();
  return Object.fromEntries(rows.map((r) => [r.key, { ur: r.text_ur, stale: r.text_ur_source !== r.text_en }]));
}

describe("importing the translator's file", () => {
  it("leaves every stale text stale when the downloaded file comes back unchanged, and clears only what is changed or confirmed", async () => {
    const admin = await makeStaff(db, "admin");
    const { versionId, params, base } = await draftWithTwoStaleTexts();
    const counts = async () => {
      const res = await translations.loader({ request: admin.get(url(`${base}/translations`)), params, context });
      const units: { id: string; status: string }[] = (await (res as Response).json()).units;
      return { stale: units.filter((u) => u.status === "stale").map((u) => u.id) };
    };
    expect(await counts()).toEqual({ stale: ["question:overall:text", "question:contact_known:text"] });

    const download = (await translationsCsv.loader({ request: admin.get(url(`${base}/translations.csv`)), params, context })) as Response;
    const csv = await download.text();
    // (Response.text() drops the byte order mark Excel needs.)
    expect(csv.split("\r\n")[0]).toBe("id,english,urdu,status,confirmed");

    const upload = async (text: string) => {
      const form = new FormData();
      form.set(CSRF_FIELD, admin.csrf);
      form.set("file", new Blob([text], { type: "text/csv" }), "t.csv");
      // A redirect with its flash message is thrown.
      const res = await translations
        .action({ request: new Request(url(`${base}/translations`), { method: "POST", body: form, headers: { Cookie: admin.cookie } }), params, context })
        .catch((e: unknown) => e as Response);
      expect(res.status).toBe(302);
      const session = await db.selectFrom("sessions").select("flash").where("csrf_token", "=", admin.csrf).executeTakeFirstOrThrow();
      await db.updateTable("sessions").set({ flash: null }).where("csrf_token", "=", admin.csrf).execute();
      return JSON.parse(session.flash!).values;
    };

    // 1. The file as downloaded: the 2 stale texts stay stale; the other 4 (title, intro,
    // contact_help and comment) were already up to date.
    const unchangedOk = 4;
    expect(await upload(csv)).toEqual({ updated: 0, unchanged: unchangedOk, stillStale: 2 });
    expect(await counts()).toEqual({ stale: ["question:overall:text", "question:contact_known:text"] });

    // 2. The translator changes one Urdu and confirms the other as still right.
    const edited = csv
      .replace("question:overall:text,\"Overall, how satisfied are you?\",مجموعی؟,stale,", "question:overall:text,\"Overall, how satisfied are you?\",مجموعی طور پر آپ کتنے مطمئن ہیں؟,stale,")
      .replace("question:contact_known:text,Do you know who to contact?,رابطہ؟,stale,", "question:contact_known:text,Do you know who to contact?,رابطہ؟,stale,yes");
    expect(edited).not.toBe(csv);
    expect(await upload(edited)).toEqual({ updated: 2, unchanged: unchangedOk, stillStale: 0 });
    expect(await counts()).toEqual({ stale: [] });
    expect(await sources(versionId)).toMatchObject({
      overall: { ur: "مجموعی طور پر آپ کتنے مطمئن ہیں؟", stale: false },
      contact_known: { ur: "رابطہ؟", stale: false },
    });
  });
});
