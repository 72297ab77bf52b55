import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "@db/schema";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import { getCampaignById, type ScopedCampaign } from "~/campaigns/campaigns.server";
import { parseTallyCsv, validateTally, type Tally } from "~/campaigns/tally";
import { findTallyQuestion, liveTallyKeys, listTallies, saveTallies, saveTally, tallyRulesOf, voidTally } from "~/campaigns/tally.server";
import { rebuildRollup } from "~/results/rollup.server";
import type { CountCell, Figure } from "~/results/types";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:00:00.000Z");
const today = "2026-11-25";

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function setUp() {
  const { campaign, serviceIds, versionId } = await makeCampaign(db, {
    services: 2,
    opens: "2026-09-15T00:00:00.000Z",
    closes: "2026-12-31T23:59:59.999Z",
  });
  const detail: ScopedCampaign = { ...(await getCampaignById(db, campaign.id))!, scope: serviceIds };
  const question = (await findTallyQuestion(db, detail))!;
  const officer = await makeStaff(db, "service_member", serviceIds);
  const { survey_id: surveyId } = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow();
  return { campaign, serviceIds, detail, question, officer, surveyId };
}

function checked(detail: ScopedCampaign, service: number, month: string, counts: [string, string, string, string, string, string]): Tally {
  const [five, four, three, two, one, dk] = counts;
  const result = validateTally(
    { service: String(service), month, language: "en", counts: { "5": five, "4": four, "3": three, "2": two, "1": one, dont_know: dk } },
    tallyRulesOf(detail, "id", today),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.tally;
}

type Dash = Awaited<ReturnType<typeof import("~/results/dashboard-page.server").loadDashboard>>;
type SurveyView = Awaited<ReturnType<typeof import("~/results/survey-page.server").loadSurveyResults>>;
type LoaderModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };

async function load<T>(route: LoaderModule, who: { get: (u: string) => Request }, path: string, params: Record<string, string> = {}): Promise<T> {
  const res = (await route.loader({ request: who.get(`http://localhost${path}`), params, context: testContext(db) })) as Response;
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

const shown = (f: Figure) => (f.kind === "shown" ? { successes: f.successes, n: f.n, percent: Math.round(f.percent * 10) / 10 } : f.kind);
const count = (c: CountCell) => (c.kind === "shown" ? c.count : c.kind);

/** What the board reads of the headline in a period: % positive, % negative, don't know and n. */
async function boardHeadline(surveyId: number, period: string) {
  const board = await makeStaff(db, "board");
  const { view } = await load<{ view: SurveyView }>(surveyPage, board, `/staff/results/surveys/${surveyId}?period=${period}`, { surveyId: String(surveyId) });
  const h = view.headline!;
  return { positive: shown(h.positive), negative: shown(h.negative), dontKnow: count(h.dontKnow), answered: count(h.answered) };
}

async function boardParentSatisfaction(term: string) {
  const board = await makeStaff(db, "board");
  const { view } = await load<{ view: Dash }>(dashboardPage, board, `/staff/dashboard?term=${term}`);
  return shown(view.kpis.find((k) => k.key === "parent_satisfaction")!.current.figure);
}

describe("a month entered as a tally", () => {
  it("counts as 213 paper forms in that month, its term and the board dashboard", async () => {
    const { serviceIds, detail, question, officer, surveyId, campaign } = await setUp();
    // 182 × 5, 19 × 4, 6 × 3, 3 × 2, 2 × 1, 1 × don't know = 213 forms.
    const tally = checked(detail, serviceIds[0], "2026-10", ["182", "19", "6", "3", "2", "1"]);
    expect(tally.total).toBe(213);
    const saved = await saveTally(db, { campaignId: campaign.id, userId: officer.id, question, now, tally });
    expect(saved).toMatchObject({ id: expect.any(Number) });

    // Positive 182 + 19 = 201 of 213 answered = 94.366…% → 94.4; negative 3 + 2 = 5 → 2.3%.
    const expected = {
      positive: { successes: 201, n: 213, percent: 94.4 },
      negative: { successes: 5, n: 213, percent: 2.3 },
      dontKnow: 1,
      answered: 213,
    };
    expect(await boardHeadline(surveyId, "2026-10")).toEqual(expected);
    expect(await boardHeadline(surveyId, "2026-autumn")).toEqual(expected);
    expect(await boardParentSatisfaction("2026-autumn")).toEqual({ successes: 201, n: 213, percent: 94.4 });
    // Nothing in the month before.
    expect((await boardHeadline(surveyId, "2026-09")).answered).toBe(0);

    const responses = await db.selectFrom("responses").selectAll().where("campaign_id", "=", campaign.id).execute();
    expect(responses).toHaveLength(213);
    expect(new Set(responses.map((r) => `${r.channel} ${r.language} ${r.service_id} ${r.completed_on} ${r.keyed_by_user_id}`))).toEqual(
      new Set([`paper en ${serviceIds[0]} 2026-10-01 ${officer.id}`]),
    );
  });

  it("dates a month the campaign opens in on its opening day, and refuses the same service, month and language twice", async () => {
    const { serviceIds, detail, question, officer, campaign } = await setUp();
    const tally = checked(detail, serviceIds[1], "2026-09", ["3", "1", "0", "0", "1", ""]);
    expect(tally.completedOn).toBe("2026-09-15");
    const input = { campaignId: campaign.id, userId: officer.id, question, now, tally };
    await saveTally(db, input);
    expect(await saveTally(db, input)).toBe("already_saved");
    expect(await liveTallyKeys(db, campaign.id)).toEqual(new Set([`${serviceIds[1]}|2026-09|en`]));
    const rows = await db.selectFrom("responses").select("completed_on").where("campaign_id", "=", campaign.id).execute();
    expect(rows.map((r) => r.completed_on)).toEqual(Array(5).fill("2026-09-15"));
  });
});

describe("voiding a tally", () => {
  it("takes its responses out of every figure and keeps who voided it and why", async () => {
    const { serviceIds, detail, question, officer, surveyId, campaign } = await setUp();
    const keep = checked(detail, serviceIds[0], "2026-10", ["8", "2", "0", "0", "0", "0"]);
    const wrong = checked(detail, serviceIds[1], "2026-10", ["0", "0", "0", "0", "40", "0"]);
    await saveTally(db, { campaignId: campaign.id, userId: officer.id, question, now, tally: keep });
    const saved = await saveTally(db, { campaignId: campaign.id, userId: officer.id, question, now, tally: wrong });
    if (saved === "already_saved") throw new Error("not saved");
    // Before: 10 positive of 50, 40 negative.
    expect((await boardHeadline(surveyId, "2026-autumn")).positive).toEqual({ successes: 10, n: 50, percent: 20 });

    expect(await voidTally(db, { tallyId: saved.id, userId: officer.id, reason: "Keyed 40 × 1 for 40 × 5", now })).toBe("voided");
    expect(await voidTally(db, { tallyId: saved.id, userId: officer.id, reason: "again", now })).toBe("already_voided");
    expect(await boardHeadline(surveyId, "2026-autumn")).toEqual({
      positive: { successes: 10, n: 10, percent: 100 },
      negative: { successes: 0, n: 10, percent: 0 },
      dontKnow: 0,
      answered: 10,
    });
    // The rollup as it stands equals a recount from the answers.
    const counted = await db.selectFrom("answer_counts").selectAll().orderBy(["question_id", "value", "service_id"]).execute();
    await rebuildRollup(db);
    expect(await db.selectFrom("answer_counts").selectAll().orderBy(["question_id", "value", "service_id"]).execute()).toEqual(counted);

    const list = await listTallies(db, campaign.id, serviceIds);
    expect(list.map((t) => [t.total, t.voided?.reason ?? null])).toEqual([
      [40, "Keyed 40 × 1 for 40 × 5"],
      [10, null],
    ]);
    // The cut is free again: the right tally can be keyed.
    const right = checked(detail, serviceIds[1], "2026-10", ["40", "0", "0", "0", "0", "0"]);
    expect(await saveTally(db, { campaignId: campaign.id, userId: officer.id, question, now, tally: right })).toMatchObject({ id: expect.any(Number) });
    expect((await boardHeadline(surveyId, "2026-autumn")).positive).toEqual({ successes: 50, n: 50, percent: 100 });
  });
});

describe("importing tallies from a CSV file", () => {
  it("saves nothing when a line is wrong, and names the line", async () => {
    const { detail, campaign } = await setUp();
    const [a, b] = detail.services.map((s) => s.slug);
    const file = `\uFEFFservice,month,language,5,4,3,2,1,dont_know\r\n${a},2026-10,en,10,2,0,0,1,0\r\n${b},2026-13,ur,4,0,0,0,0,0\r\n`;
    const result = parseTallyCsv(file, tallyRulesOf(detail, "slug", today), await liveTallyKeys(db, campaign.id));
    expect(result).toEqual({ ok: false, problems: [{ line: 3, code: "month_invalid", field: "month", value: "2026-13" }] });
    expect(await db.selectFrom("responses").select("id").execute()).toEqual([]);
  });

  it("saves every line of a good file in one go, 5,000 forms included", async () => {
    const { detail, campaign, question, officer, surveyId } = await setUp();
    const [a, b] = detail.services.map((s) => s.slug);
    const file = `service,month,language,5,4,3,2,1,dont_know\n${a},2026-10,en,4000,600,200,100,50,50\n${b},2026-11,ur,3,2,,,,\n`;
    const result = parseTallyCsv(file, tallyRulesOf(detail, "slug", today), await liveTallyKeys(db, campaign.id));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(await saveTallies(db, { campaignId: campaign.id, userId: officer.id, question, now, tallies: result.tallies })).toEqual({ saved: 2, responses: 5005 });
    // 4,000 + 600 + 3 + 2 = 4,605 positive of 5,005; negative 150.
    expect(await boardHeadline(surveyId, "2026-autumn")).toEqual({
      positive: { successes: 4605, n: 5005, percent: 92 },
      negative: { successes: 150, n: 5005, percent: 3 },
      dontKnow: 50,
      answered: 5005,
    });
    // The same file again is refused line by line: those cuts have live tallies.
    const again = parseTallyCsv(file, tallyRulesOf(detail, "slug", today), await liveTallyKeys(db, campaign.id));
    expect(again).toEqual({ ok: false, problems: [{ line: 2, code: "already_saved" }, { line: 3, code: "already_saved" }] });
  });
});
