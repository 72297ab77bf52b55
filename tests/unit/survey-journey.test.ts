import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { findCampaignSurveyBySlug, type CampaignSurvey } from "~/surveys/surveys.server";
import { getOpenCampaignOr404, handleSurveyPost, newSurveyPage, resumedSurveyPage } from "~/responding/survey-page.server";
import { newResumeToken } from "~/responding/responses.server";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function load(slug: string): Promise<CampaignSurvey> {
  return (await findCampaignSurveyBySlug(db, slug))!;
}

function location(res: Response): string {
  return res.headers.get("Location") ?? "";
}

async function submittedResponses(campaignId: number) {
  return db.selectFrom("responses").selectAll().where("campaign_id", "=", campaignId).where("submitted_at", "is not", null).execute();
}

describe("answering a survey (server)", () => {
  it("walks the pages, skips a hidden page and stores one submitted response", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const token = newResumeToken();
    const url = `http://x/s/${campaign.slug}`;

    const r1 = (await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["intent", "next"], ["q_overall", "4"], ["q_contact_known", "yes"]]), cs, null, "en", now, false)) as Response;
    expect(r1.status).toBe(302);
    // Page 2 only appears after "no": the respondent goes straight to page 3.
    expect(location(r1)).toBe(`/s/${campaign.slug}/r/${token}?page=3`);

    const r3 = (await handleSurveyPost(db, postForm(`${url}/r/${token}`, [["page", "3"], ["intent", "submit"], ["q_comment", "Thank you"]]), cs, token, "ur", now, false)) as Response;
    expect(location(r3)).toBe(`/s/${campaign.slug}/r/${token}/done`);

    const rows = await submittedResponses(campaign.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ language: "ur", channel: "open_link", submitted_at: now.toISOString() });
    const answers = await db.selectFrom("answers").select(["value", "score"]).where("response_id", "=", rows[0].id).orderBy("id").execute();
    expect(answers).toEqual([
      { value: "4", score: 4 },
      { value: "yes", score: null },
      { value: "Thank you", score: null },
    ]);
  });

  it("re-shows the page with every answer given and an error per missing field", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const res = (await handleSurveyPost(db, postForm(`http://x/s/${campaign.slug}`, [["token", newResumeToken()], ["page", "1"], ["q_overall", "2"]]), cs, null, "en", now, false)) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ contact_known: { code: "required_choice" } });
    expect(body.values).toEqual({ overall: ["2"] });
  });

  it("stores one response when the last page is submitted twice", async () => {
    const { campaign } = await makeCampaign(db, {
      spec: {
        slug: "one-page",
        kind: "parent",
        title: { en: "One page", ur: "ایک صفحہ" },
        intro: { en: "i", ur: "ت" },
        headline: "overall",
        questions: [{ key: "overall", page: 1, type: "satisfaction", required: true, text: { en: "Overall?", ur: "مجموعی؟" } }],
      },
    });
    const cs = await load(campaign.slug);
    const token = newResumeToken();
    const fields: [string, string][] = [["token", token], ["page", "1"], ["intent", "submit"], ["q_overall", "5"]];
    const [a, b] = await Promise.all([
      handleSurveyPost(db, postForm(`http://x/s/${campaign.slug}`, fields), cs, null, "en", now, false),
      handleSurveyPost(db, postForm(`http://x/s/${campaign.slug}`, fields), cs, null, "en", now, false),
    ]);
    expect(location(a as Response)).toMatch(/\/done$/);
    expect(location(b as Response)).toMatch(/\/done$/);
    const rows = await submittedResponses(campaign.id);
    expect(rows).toHaveLength(1);
    const answers = await db.selectFrom("answers").selectAll().where("response_id", "=", rows[0].id).execute();
    expect(answers).toHaveLength(1);
  });

  it("never changes a submitted response", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const token = newResumeToken();
    const url = `http://x/s/${campaign.slug}`;
    await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["q_overall", "4"], ["q_contact_known", "yes"]]), cs, null, "en", now, false);
    await handleSurveyPost(db, postForm(url, [["page", "3"], ["intent", "submit"]]), cs, token, "en", now, false);
    const again = (await handleSurveyPost(db, postForm(url, [["page", "1"], ["q_overall", "1"], ["q_contact_known", "no"]]), cs, token, "en", now, false)) as Response;
    expect(location(again)).toMatch(/\/done$/);
    const scores = await db.selectFrom("answers").select("score").where("score", "is not", null).execute();
    expect(scores).toEqual([{ score: 4 }]);
  });

  it("saves without validating and resumes on the page reached, answers intact", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const token = newResumeToken();
    const url = `http://x/s/${campaign.slug}`;
    await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["q_overall", "3"], ["q_contact_known", "no"]]), cs, null, "en", now, false);
    const saved = (await handleSurveyPost(db, postForm(`${url}/r/${token}`, [["page", "2"], ["intent", "save"], ["q_contact_help", "A named person"]]), cs, token, "en", now, false)) as Response;
    expect(location(saved)).toBe(`/s/${campaign.slug}/r/${token}/saved`);

    const page = await resumedSurveyPage(db, cs, token, new URL(`${url}/r/${token}`), "ur");
    expect(page.page).toBe(2);
    expect(page.pageNumber).toBe(2);
    expect(page.pageCount).toBe(3);
    expect(page.values).toMatchObject({ overall: ["3"], contact_known: ["no"], contact_help: ["A named person"] });
    expect(page.questions.map((q) => q.text)).toEqual(["کیا مدد کرے گا؟"]);
  });

  it("does not let a resume link skip ahead of the page reached", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const token = newResumeToken();
    await handleSurveyPost(db, postForm(`http://x/s/${campaign.slug}`, [["token", token], ["page", "1"], ["intent", "save"], ["q_overall", "3"]]), cs, null, "en", now, false);
    const page = await resumedSurveyPage(db, cs, token, new URL(`http://x/s/${campaign.slug}/r/${token}?page=3`), "en");
    expect(page.page).toBe(1);
  });

  it("asks which service when a campaign covers several, and records it", async () => {
    const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
    const cs = await load(campaign.slug);
    expect(newSurveyPage(cs, "en").serviceChoice?.options.map((o) => o.value)).toEqual(serviceIds.map(String));
    const token = newResumeToken();
    const url = `http://x/s/${campaign.slug}`;
    const missing = (await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["q_overall", "4"], ["q_contact_known", "yes"]]), cs, null, "en", now, false)) as Response;
    expect((await missing.json()).errors).toEqual({ service: { code: "required_choice" } });
    await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["service", String(serviceIds[1])], ["q_overall", "4"], ["q_contact_known", "yes"]]), cs, null, "en", now, false);
    const row = await db.selectFrom("responses").select("service_id").where("resume_token", "=", token).executeTakeFirstOrThrow();
    expect(row.service_id).toBe(serviceIds[1]);
  });

  it("gives a clear 404 for an unknown resume link and 410 for a closed survey", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const unknown = await resumedSurveyPage(db, cs, newResumeToken(), new URL("http://x/"), "en").catch((e: Response) => e);
    expect((unknown as Response).status).toBe(404);
    expect(await (unknown as Response).json()).toEqual({ reason: "unknown_link" });

    const closed = await makeCampaign(db, { opens: "2025-01-01T00:00:00.000Z", closes: "2025-12-31T00:00:00.000Z" });
    const thrown = await getOpenCampaignOr404(db, closed.campaign.slug, now).catch((e: Response) => e);
    expect((thrown as Response).status).toBe(410);
  });

  // Respondent pages keep a published survey version (it never changes), never its campaign.
  it("shows a renamed service and refuses a closed campaign on the next page", async () => {
    const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
    const first = newSurveyPage(await getOpenCampaignOr404(db, campaign.slug, now), "en");
    expect(first.serviceChoice?.options.map((o) => o.label)).toEqual(["Service 0", "Service 1"]);

    await db.updateTable("services").set({ name_en: "Service A" }).where("id", "=", serviceIds[0]).execute();
    const again = newSurveyPage(await getOpenCampaignOr404(db, campaign.slug, now), "en");
    expect(again.serviceChoice?.options.map((o) => o.label)).toEqual(["Service 1", "Service A"]);

    await db.updateTable("campaigns").set({ closes_at: "2026-11-01T00:00:00.000Z" }).where("id", "=", campaign.id).execute();
    const closed = await getOpenCampaignOr404(db, campaign.slug, now).catch((e: Response) => e);
    expect((closed as Response).status).toBe(410);
  });

  it("refuses an oversized post before reading it", async () => {
    const { campaign } = await makeCampaign(db);
    const cs = await load(campaign.slug);
    const big = postForm(`http://x/s/${campaign.slug}`, [["q_overall", "x".repeat(300_000)]], { "Content-Length": "300010" });
    const thrown = await handleSurveyPost(db, big, cs, null, "en", now, false).catch((e: Response) => e);
    expect((thrown as Response).status).toBe(413);
    expect(await db.selectFrom("responses").selectAll().execute()).toHaveLength(0);
  });
});
