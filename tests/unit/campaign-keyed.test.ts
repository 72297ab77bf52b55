import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { keyedQuestions, readKeyedForm, saveKeyedResponse, validateKeyedResponse } from "~/campaigns/keyed.server";
import { newResumeToken } from "~/responding/responses.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { makeStaff } from "../support/staff";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:00:00.000Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

async function setUp() {
  const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
  const cs = (await findCampaignSurveyBySlug(db, campaign.slug))!;
  return { campaign, serviceIds, questions: cs.questions };
}

describe("keying in a response", () => {
  it("shows every question, a conditional one with its condition in the hint", async () => {
    const { questions } = await setUp();
    const shown = keyedQuestions(questions, "en");
    expect(shown.map((q) => q.key)).toEqual(["overall", "contact_known", "contact_help", "comment"]);
    expect(shown.find((q) => q.key === "contact_help")!.hint).toBe("Answer only if the answer to “Contact?” was “No”.");
    const ur = keyedQuestions(questions, "ur").find((q) => q.key === "contact_help")!;
    expect(ur.text).toBe("کیا مدد کرے گا؟");
    expect(ur.hint).toContain("“رابطہ؟”");
  });

  it("lists every mistake: channel, language, service not the user's, no date completed, and required answers", async () => {
    const { campaign, serviceIds, questions } = await setUp();
    const keyed = readKeyedForm(form([["form_token", newResumeToken()], ["service", String(serviceIds[1])], ["q_contact_known", "no"]]), questions);
    const result = validateKeyedResponse(keyed, questions, [serviceIds[0]], campaign, "2026-11-25");
    expect(result).toEqual({
      ok: false,
      errors: { channel: "channel_required", language: "language_required", service: "service_required", completed_on: "completed_on_required" },
      answerErrors: { overall: { code: "required_choice" }, contact_help: { code: "required_text" } },
    });
  });

  it("stores one submitted response with its channel, language, service and who keyed it, even when posted twice", async () => {
    const { campaign, serviceIds, questions } = await setUp();
    const staff = await makeStaff(db, "service_member", [serviceIds[0]]);
    const token = newResumeToken();
    const keyed = readKeyedForm(
      form([
        ["form_token", token],
        ["channel", "paper"],
        ["language", "ur"],
        ["service", String(serviceIds[0])],
        ["completed_on", "2026-07-14"],
        ["q_overall", "2"],
        ["q_contact_known", "yes"],
        // Answered on paper, though the earlier answer hides it: dropped.
        ["q_contact_help", "نام کے ساتھ خط"],
        ["q_comment", "Thank you"],
      ]),
      questions,
    );
    const result = validateKeyedResponse(keyed, questions, [serviceIds[0]], campaign, "2026-11-25");
    if (!result.ok) throw new Error(JSON.stringify(result));
    const save = () => saveKeyedResponse(db, { campaignId: campaign.id, userId: staff.id, questions, now, ...result.data });
    expect(await save()).toBe("saved");
    expect(await save()).toBe("already_saved");

    const rows = await db.selectFrom("responses").selectAll().where("campaign_id", "=", campaign.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: "paper",
      language: "ur",
      service_id: serviceIds[0],
      keyed_by_user_id: staff.id,
      submitted_at: now.toISOString(),
      completed_on: "2026-07-14",
      resume_token: token,
    });
    const answers = await db
      .selectFrom("answers")
      .innerJoin("questions", "questions.id", "answers.question_id")
      .select(["questions.key", "answers.value", "answers.score"])
      .where("response_id", "=", rows[0].id)
      .orderBy("questions.position")
      .execute();
    expect(answers).toEqual([
      { key: "overall", value: "2", score: 2 },
      { key: "contact_known", value: "yes", score: null },
      { key: "comment", value: "Thank you", score: null },
    ]);
  });
});
