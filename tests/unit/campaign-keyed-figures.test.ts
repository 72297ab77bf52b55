import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { nextFormSearch, readStickyFields } from "~/campaigns/keyed";
import { correctKeyedResponse, countKeyedToday, findKeyedResponse, keyedAuditTrail, listKeyedResponses, voidKeyedResponse } from "~/campaigns/keyed-corrections.server";
import { readKeyedForm, saveKeyedResponse, validateKeyedResponse } from "~/campaigns/keyed.server";
import { newResumeToken } from "~/responding/responses.server";
import { percentPositive } from "~/results/metrics";
import { comments, headlineCounts, responseIdsInCut } from "~/results/queries.server";
import { rebuildRollup } from "~/results/rollup.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { respond } from "../support/results-data";
import { makeStaff } from "../support/staff";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

// Keyed in late November; the campaign ran from 1 April to 30 November 2026.
const NOW = new Date("2026-11-25T10:00:00.000Z");
const TODAY = "2026-11-25";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function setUp() {
  const { campaign, serviceIds } = await makeCampaign(db, { services: 2, opens: "2026-04-01T00:00:00.000Z", closes: "2026-11-30T23:59:59.999Z" });
  const questions = (await findCampaignSurveyBySlug(db, campaign.slug))!.questions;
  const staff = await makeStaff(db, "service_member", [serviceIds[0]]);
  const officer = await db.selectFrom("users").select(["id", "name"]).where("id", "=", staff.id).executeTakeFirstOrThrow();
  /** Keys one paper form as the route does: read, checked, saved. */
  const key = async (completedOn: string, overall: string, extra: Record<string, string> = {}) => {
    const keyed = readKeyedForm(
      form({ form_token: newResumeToken(), channel: "paper", language: "en", service: String(serviceIds[0]), completed_on: completedOn, q_overall: overall, q_contact_known: "yes", ...extra }),
      questions,
    );
    const checked = validateKeyedResponse(keyed, questions, [serviceIds[0]], campaign, TODAY);
    if (!checked.ok) throw new Error(JSON.stringify(checked));
    expect(await saveKeyedResponse(db, { campaignId: campaign.id, userId: officer.id, questions, now: NOW, ...checked.data })).toBe("saved");
    const [latest] = await listKeyedResponses(db, campaign.id, [serviceIds[0]]);
    return (await findKeyedResponse(db, campaign.id, latest.id, [serviceIds[0]], questions))!;
  };
  const month = (key: string) => headlineCounts(db, { campaignId: campaign.id, period: { type: "month", key } });
  const term = (key: string) => headlineCounts(db, { campaignId: campaign.id, period: { type: "term", key } });
  return { campaign, serviceIds, questions, officer, key, month, term };
}

/** The rollup as stored, sorted, to compare with a recount. */
async function rollupRows() {
  const answers = await db.selectFrom("answer_counts").selectAll().execute();
  const responses = await db.selectFrom("response_counts").selectAll().execute();
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return { answers: sort(answers), responses: sort(responses) };
}

describe("a keyed paper form's date completed", () => {
  it("puts the form in the month and term it was filled in, not the day it was keyed", async () => {
    const { key, month, term, campaign, serviceIds } = await setUp();
    // Four July forms keyed in November: 5, 4, 2, don't know → 2 positive of 4 answered = 50 %.
    for (const [day, overall] of [["2026-07-02", "5"], ["2026-07-09", "4"], ["2026-07-20", "2"], ["2026-07-31", "dont_know"]]) await key(day, overall);
    // An open-link answer submitted in November, for contrast.
    await respond(db, campaign.id, { service: serviceIds[0], submittedAt: NOW.toISOString(), answers: { overall: "1", contact_known: "yes" } });

    const july = await month("2026-07");
    expect(july).toEqual({ positive: 2, neutral: 0, negative: 1, dontKnow: 1 });
    expect(percentPositive(july)).toBe(50);
    // Summer term (April–August) holds the July forms only.
    expect(percentPositive(await term("2026-summer"))).toBe(50);
    // November has only the open-link answer (1 negative): 0 % positive, n = 1.
    expect(await month("2026-11")).toEqual({ positive: 0, neutral: 0, negative: 1, dontKnow: 0 });
    expect(await term("2026-autumn")).toEqual({ positive: 0, neutral: 0, negative: 1, dontKnow: 0 });
  });

  it("is required and must fall within the campaign; a refused form keeps every answer typed", async () => {
    const { campaign, serviceIds, questions } = await setUp();
    const typed = { form_token: newResumeToken(), channel: "phone", language: "ur", service: String(serviceIds[0]), q_overall: "4", q_contact_known: "no", q_contact_help: "A call back" };
    const check = (completedOn: string) => {
      const keyed = readKeyedForm(form({ ...typed, completed_on: completedOn }), questions);
      return { keyed, result: validateKeyedResponse(keyed, questions, [serviceIds[0]], campaign, TODAY) };
    };
    const before = check("2026-03-31");
    expect(before.result).toEqual({ ok: false, errors: { completed_on: "completed_on_outside" }, answerErrors: {} });
    // What the page shows again: everything typed.
    expect(before.keyed.meta).toMatchObject({ channel: "phone", language: "ur", completed_on: "2026-03-31" });
    expect(before.keyed.values).toEqual({ overall: ["4"], contact_known: ["no"], contact_help: ["A call back"] });
    expect(check("2026-12-01").result).toMatchObject({ errors: { completed_on: "completed_on_outside" } });
    expect(check("2026-11-26").result).toMatchObject({ errors: { completed_on: "completed_on_future" } });
    expect(check("2026-02-30").result).toMatchObject({ errors: { completed_on: "completed_on_invalid" } });
    expect(check("").result).toMatchObject({ errors: { completed_on: "completed_on_required" } });
    // The first and last days are inside.
    expect(check("2026-04-01").result.ok).toBe(true);
    expect(check(TODAY).result.ok).toBe(true);
    expect(await db.selectFrom("responses").select("id").execute()).toEqual([]);
  });
});

describe("keying one form after another", () => {
  it("keeps channel, language, service and date completed for the next form, and counts today's forms", async () => {
    const { key, campaign, officer, serviceIds } = await setUp();
    const search = nextFormSearch({ channel: "interpreted", language: "ur", service: String(serviceIds[0]), completed_on: "2026-07-14" });
    expect(readStickyFields(new URLSearchParams(search), [String(serviceIds[0]), String(serviceIds[1])])).toEqual({
      channel: "interpreted",
      language: "ur",
      service: String(serviceIds[0]),
      completed_on: "2026-07-14",
    });
    // A tampered address preselects nothing it should not.
    expect(readStickyFields(new URLSearchParams("channel=open_link&language=fr&service=999&completed_on=14/07/2026"), [String(serviceIds[0]), String(serviceIds[1])])).toEqual({
      channel: "",
      language: "",
      service: "",
      completed_on: "",
    });
    expect(await countKeyedToday(db, campaign.id, officer.id, NOW)).toBe(0);
    await key("2026-07-14", "5");
    await key("2026-07-14", "4");
    const voided = await key("2026-07-15", "3");
    await voidKeyedResponse(db, { record: voided, userId: officer.id, reason: "Keyed twice", now: NOW });
    // Three forms keyed today (the voided one was work done too); none tomorrow.
    expect(await countKeyedToday(db, campaign.id, officer.id, NOW)).toBe(3);
    expect(await countKeyedToday(db, campaign.id, officer.id, new Date("2026-11-26T08:00:00.000Z"))).toBe(0);
  });
});

describe("correcting and voiding a keyed form", () => {
  it("moves a corrected form to its new month and answer, recounted as a rebuild would", async () => {
    const { key, month, officer, questions, serviceIds } = await setUp();
    await key("2026-07-02", "5");
    await key("2026-07-03", "4");
    const wrong = await key("2026-07-04", "5", { q_comment: "Lovely staff" });
    expect(percentPositive(await month("2026-07"))).toBe(100);

    // It was an August form, answered 1 (very dissatisfied).
    const next = { ...wrong, completedOn: "2026-08-12", answers: { ...wrong.answers, overall: ["1"] } };
    expect(await correctKeyedResponse(db, { record: wrong, next, questions, userId: officer.id, reason: "Misread the date", now: NOW })).toBe("changed");
    // July: 5, 4 → 100 % of 2; August: 1 → 0 % of 1.
    expect(await month("2026-07")).toEqual({ positive: 2, neutral: 0, negative: 0, dontKnow: 0 });
    expect(await month("2026-08")).toEqual({ positive: 0, neutral: 0, negative: 1, dontKnow: 0 });
    const incremental = await rollupRows();
    await rebuildRollup(db);
    expect(await rollupRows()).toEqual(incremental);

    const [audit] = await keyedAuditTrail(db, wrong.id);
    expect(audit).toMatchObject({ action: "corrected", reason: "Misread the date", user: officer.name });
    expect(audit.before).toMatchObject({ completedOn: "2026-07-04", answers: { overall: ["5"], comment: ["Lovely staff"] } });
    expect(audit.after).toMatchObject({ completedOn: "2026-08-12", answers: { overall: ["1"], comment: ["Lovely staff"] } });
    // The same form again changes nothing and writes no audit row.
    const now = (await findKeyedResponse(db, wrong.campaignId, wrong.id, [serviceIds[0]], questions))!;
    expect(await correctKeyedResponse(db, { record: now, next, questions, userId: officer.id, reason: null, now: NOW })).toBe("unchanged");
    expect(await keyedAuditTrail(db, wrong.id)).toHaveLength(1);
  });

  it("takes a voided form out of every figure and comment, keeps the row with who, when and why", async () => {
    const { key, month, officer, questions, campaign, serviceIds } = await setUp();
    await key("2026-07-02", "5");
    const duplicate = await key("2026-07-02", "1", { q_comment: "Keyed twice by mistake" });
    expect(await month("2026-07")).toEqual({ positive: 1, neutral: 0, negative: 1, dontKnow: 0 });

    expect(await voidKeyedResponse(db, { record: duplicate, userId: officer.id, reason: "The same form was keyed twice", now: NOW })).toBe("changed");
    expect(await month("2026-07")).toEqual({ positive: 1, neutral: 0, negative: 0, dontKnow: 0 });
    expect(percentPositive(await month("2026-07"))).toBe(100);
    expect((await comments(db, { campaignId: campaign.id }, { limit: 10, offset: 0 })).comments).toEqual([]);
    expect(await responseIdsInCut(db, { campaignId: campaign.id })).not.toContain(duplicate.id);
    const rc = await db.selectFrom("response_counts").select(["month", "channel", "n"]).where("campaign_id", "=", campaign.id).execute();
    expect(rc).toEqual([{ month: "2026-07", channel: "paper", n: 1 }]);

    const row = await db.selectFrom("responses").selectAll().where("id", "=", duplicate.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ voided_at: NOW.toISOString(), voided_by_user_id: officer.id, void_reason: "The same form was keyed twice" });
    const trail = await keyedAuditTrail(db, duplicate.id);
    expect(trail).toEqual([expect.objectContaining({ action: "voided", reason: "The same form was keyed twice", after: null })]);
    expect(trail[0].before).toMatchObject({ channel: "paper", completedOn: "2026-07-02", answers: { overall: ["1"] } });

    // The list still shows it; a second void or a correction is refused.
    const listed = await listKeyedResponses(db, campaign.id, [serviceIds[0]]);
    expect(listed.find((r) => r.id === duplicate.id)).toMatchObject({ voidedAt: NOW.toISOString(), voidedBy: officer.name });
    const again = (await findKeyedResponse(db, campaign.id, duplicate.id, [serviceIds[0]], questions))!;
    expect(await voidKeyedResponse(db, { record: again, userId: officer.id, reason: "again", now: NOW })).toBe("voided_already");
    expect(await correctKeyedResponse(db, { record: again, next: { ...again, completedOn: "2026-08-01" }, questions, userId: officer.id, reason: null, now: NOW })).toBe("voided_already");

    const incremental = await rollupRows();
    await rebuildRollup(db);
    expect(await rollupRows()).toEqual(incremental);
  });

  it("is only for keyed forms of the officer's own services", async () => {
    const { key, campaign, questions, serviceIds } = await setUp();
    const keyed = await key("2026-07-02", "5");
    const online = await respond(db, campaign.id, { service: serviceIds[0], submittedAt: NOW.toISOString(), answers: { overall: "1", contact_known: "yes" } });
    expect(await findKeyedResponse(db, campaign.id, online, [serviceIds[0]], questions)).toBeUndefined();
    expect(await findKeyedResponse(db, campaign.id, keyed.id, [serviceIds[1]], questions)).toBeUndefined();
    expect(await listKeyedResponses(db, campaign.id, [serviceIds[1]])).toEqual([]);
  });
});
