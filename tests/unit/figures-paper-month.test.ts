import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "@db/schema";
import { newResumeToken } from "~/responding/responses.server";
import type { CountCell, Figure } from "~/results/types";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as dashboardCsv from "~/routes/staff.dashboard.export[.csv]";
import * as keyInPage from "~/routes/staff.campaigns.$id.responses.new";
import * as talliesPage from "~/routes/staff.campaigns.$id.tallies._index";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import { parseCsv } from "~/surveys/translations";
import { settle } from "../support/admin";
import { testContext } from "../support/context";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { makeStaff } from "../support/staff";

// Issue 12, "done when": a month of paper forms keyed one by one with the date each was
// filled in (September), and a month entered as a tally (October), both keyed in December
// through the officer's own pages; then every figure the board reads for each month, for
// the Autumn term and on the dashboard, against values worked out by hand.
//
// September, 6 forms: 5, 5, 4, 3, 1, don't know
//   % positive 3/6 = 50.0 % (Wilson 18.8–81.2), % negative 1/6 = 16.7 % (3.0–56.4), don't know 1
// October, a tally: 182 × 5, 19 × 4, 6 × 3, 3 × 2, 2 × 1, 1 × don't know = 213 forms
//   % positive 201/213 = 94.4 % (90.4–96.7), % negative 5/213 = 2.3 % (1.0–5.4), don't know 1
// Autumn term = both: 204/219 = 93.2 % (89.0–95.8), negative 6/219 = 2.7 % (1.3–5.8), don't know 2
// Return rate (300 paper forms handed out): term 219/300 = 73.0 % (67.7–77.7);
//   by month, responses completed in it over the forms: September 6/300 = 2.0 % (0.9–4.3),
//   October 213/300 = 71.0 % (65.6–75.8).
// December, the month they were keyed in, holds nothing.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let context: LoaderFunctionArgs["context"];
let surveyId: number;
let board: Awaited<ReturnType<typeof makeStaff>>;

const url = (path: string) => `http://localhost${path}`;
type Loader = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };
async function load<T>(route: Loader, path: string, params: Record<string, string> = {}): Promise<T> {
  const res = await settle(route.loader({ request: board.get(url(path)), params, context }));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const fig = (f: Figure) => (f.kind === "shown" ? [f.successes, f.n, r1(f.percent), r1(f.interval!.low), r1(f.interval!.high)] : f.kind);
const cell = (c: CountCell) => (c.kind === "shown" ? c.count : c.kind);

interface Headline {
  positive: Figure;
  negative: Figure;
  dontKnow: CountCell;
  answered: CountCell;
}
async function headline(period: string) {
  const { view } = await load<{ view: { headline: Headline; returnRate: { figure: Figure } } }>(
    surveyPage,
    `/staff/results/surveys/${surveyId}?period=${period}`,
    { surveyId: String(surveyId) },
  );
  const h = view.headline;
  return { positive: fig(h.positive), negative: fig(h.negative), dontKnow: cell(h.dontKnow), answered: cell(h.answered), returned: fig(view.returnRate.figure) };
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  context = testContext(db);
  const { campaign, serviceIds, versionId } = await makeCampaign(db, { services: 1, opens: "2026-09-01T00:00:00.000Z", closes: "2026-12-31T23:59:59.999Z" });
  await db.updateTable("campaigns").set({ eligible_count: 300 }).where("id", "=", campaign.id).execute();
  surveyId = (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow()).survey_id;
  const officer = await makeStaff(db, "service_member", serviceIds);
  board = await makeStaff(db, "board");
  const params = { id: String(campaign.id) };
  const service = String(serviceIds[0]);

  // September's forms, keyed one after another ("Save and key another").
  for (const [day, overall] of [
    ["2026-09-03", "5"],
    ["2026-09-08", "5"],
    ["2026-09-10", "4"],
    ["2026-09-17", "3"],
    ["2026-09-24", "1"],
    ["2026-09-30", "dont_know"],
  ]) {
    const request = officer.post(url(`/staff/campaigns/${campaign.id}/responses/new`), [
      ["form_token", newResumeToken()],
      ["channel", "paper"],
      ["language", "en"],
      ["service", service],
      ["completed_on", day],
      ["q_overall", overall],
      ["q_contact_known", "yes"],
      ["intent", "another"],
    ]);
    const res = await settle(keyInPage.action({ request, params, context }));
    expect(res.status, day).toBe(302);
  }
  // October as a tally.
  const tally = await settle(
    talliesPage.action({
      request: officer.post(url(`/staff/campaigns/${campaign.id}/tallies`), [
        ["service", service],
        ["month", "2026-10"],
        ["language", "en"],
        ["count_5", "182"],
        ["count_4", "19"],
        ["count_3", "6"],
        ["count_2", "3"],
        ["count_1", "2"],
        ["count_dont_know", "1"],
      ]),
      params,
      context,
    }),
  );
  expect(tally.status).toBe(302);
});
afterAll(async () => cleanup());

describe("a month keyed form by form and a month entered as a tally", () => {
  it("give the board each month's figures, where the forms were filled in", async () => {
    expect(await headline("2026-09")).toEqual({
      positive: [3, 6, 50, 18.8, 81.2],
      negative: [1, 6, 16.7, 3, 56.4],
      dontKnow: 1,
      answered: 6,
      returned: [6, 300, 2, 0.9, 4.3],
    });
    expect(await headline("2026-10")).toEqual({
      positive: [201, 213, 94.4, 90.4, 96.7],
      negative: [5, 213, 2.3, 1, 5.4],
      dontKnow: 1,
      answered: 213,
      returned: [213, 300, 71, 65.6, 75.8],
    });
    const december = await headline("2026-12");
    expect(december.answered).toBe(0);
  });

  it("add up to the Autumn term, on the results page and the board dashboard and its CSV", async () => {
    const autumn = {
      positive: [204, 219, 93.2, 89, 95.8],
      negative: [6, 219, 2.7, 1.3, 5.8],
      dontKnow: 2,
      answered: 219,
      returned: [219, 300, 73, 67.7, 77.7],
    };
    expect(await headline("2026-autumn")).toEqual(autumn);

    type Kpi = { key: string; current: { term: string; figure: Figure } };
    const { view } = await load<{ view: { kpis: Kpi[] } }>(dashboardPage, "/staff/dashboard?term=2026-autumn");
    const kpi = (key: string) => view.kpis.find((k) => k.key === key)!.current;
    expect(kpi("parent_satisfaction").term).toBe("2026-autumn");
    expect(fig(kpi("parent_satisfaction").figure)).toEqual(autumn.positive);
    expect(fig(kpi("parent_return").figure)).toEqual(autumn.returned);

    const res = await settle(dashboardCsv.loader({ request: board.get(url("/staff/dashboard/export.csv?term=2026-autumn")), params: {}, context }));
    expect(res.status).toBe(200);
    const parsed = parseCsv(await res.text());
    if ("error" in parsed) throw new Error("bad CSV");
    const rows = parsed.records.map((r) => r.cells);
    const autumnRows = rows.filter((r) => r[1] === "Autumn term 2026");
    // Each KPI's Autumn row: the % with its n and interval, exactly as on the page.
    expect(autumnRows).toEqual([
      ["Parental surveys returned", "Autumn term 2026", "73", "300", "67.7", "77.7", ""],
      ["Parental satisfaction", "Autumn term 2026", "93.2", "219", "89", "95.8", ""],
      ["Education settings responding positive", "Autumn term 2026", "not available: nobody answered", "", "", "", "not available: nobody answered"],
      ["Partner organisations responding positive", "Autumn term 2026", "not available: nobody answered", "", "", "", "not available: nobody answered"],
      ["Parental surveys returned: On paper", "Autumn term 2026", "73", "300", "67.7", "77.7", ""],
    ]);
  });
});
