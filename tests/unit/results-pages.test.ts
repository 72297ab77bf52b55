import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as dashboardCsv from "~/routes/staff.dashboard.export[.csv]";
import * as indexPage from "~/routes/staff.results._index";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import * as surveyCsv from "~/routes/staff.results.surveys.$surveyId.export[.csv]";
import * as rawCsv from "~/routes/staff.results.surveys.$surveyId.answers[.csv]";
import * as coPage from "~/routes/staff.results.surveys.$surveyId.co-assessment";
import * as coCsv from "~/routes/staff.results.surveys.$surveyId.co-assessment[.csv]";
import { parseCsv } from "~/surveys/translations";
import type { CountCell, Figure } from "~/results/types";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { buildResultsDataSet, COMMENTS, type ResultsDataSet } from "../support/results-pages-data";
import { testContext } from "../support/context";

// "Done when": a data set built by hand (tests/support/results-pages-data.ts has its table)
// and every figure of every results page and CSV file checked against arithmetic done here.
// The routes get this test's database through their load context.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let d: ResultsDataSet;
type Staff = Awaited<ReturnType<typeof makeStaff>>;
let admin: Staff, board: Staff, pcf: Staff, memberA: Staff;

beforeAll(async () => {
  const test = await createTestDb();
  ({ db, cleanup } = test);
  context = testContext(db);
  d = await buildResultsDataSet(db, "hand");
  admin = await makeStaff(db, "admin");
  board = await makeStaff(db, "board");
  pcf = await makeStaff(db, "pcf");
  memberA = await makeStaff(db, "service_member", [d.serviceA]);
});
afterAll(async () => cleanup());

// ---------------------------------------------------------------------------------------
// Arithmetic by hand

/** 95% Wilson score interval, in percent, rounded to one decimal as every page shows it. */
function wilson(s: number, n: number): [number, number] {
  const z = 1.959964;
  const p = s / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const low = s === 0 ? 0 : centre - half;
  const high = s === n ? 1 : centre + half;
  return [round1(low * 100), round1(high * 100)];
}
const round1 = (v: number) => Math.round(v * 10) / 10;

/** A shown figure: s out of n, as a % with one decimal and its interval. */
function shown(s: number, n: number, smallNumbers = false) {
  return { kind: "shown", pct: round1((s / n) * 100), n, interval: wilson(s, n), smallNumbers };
}
const HIDDEN = { kind: "suppressed", threshold: 5 };

/** A figure as the test compares it: rounded like the page. */
function look(f: Figure) {
  if (f.kind === "shown") {
    return { kind: "shown", pct: round1(f.percent), n: f.n, interval: f.interval ? [round1(f.interval.low), round1(f.interval.high)] : null, smallNumbers: f.smallNumbers };
  }
  if (f.kind === "suppressed") return { kind: "suppressed", threshold: f.threshold };
  return { kind: "not_available", reason: f.reason };
}
const cell = (c: CountCell) => (c.kind === "shown" ? c.count : "hidden");

// The pinned intervals (the same formula, worked out once with a calculator), so a slip in
// the formula above cannot hide a slip in the app's.
it("the hand formula gives the intervals worked out with a calculator", () => {
  expect(wilson(9, 15)).toEqual([35.7, 80.2]);
  expect(wilson(17, 29)).toEqual([40.7, 74.5]);
  expect(wilson(15, 23)).toEqual([44.9, 81.2]);
  expect(wilson(2, 2)).toEqual([34.2, 100]);
  expect(wilson(0, 2)).toEqual([0, 65.8]);
});

// ---------------------------------------------------------------------------------------
// Requests

let context: LoaderFunctionArgs["context"];
const url = (path: string) => `http://localhost${path}`;

async function settle(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

type LoaderModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };

async function load<T>(route: LoaderModule, who: Staff, path: string, params: Record<string, string> = {}): Promise<T> {
  const res = await settle(route.loader({ request: who.get(url(path)), params, context }));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** A CSV download: its bytes start with the BOM; rows as cells (the BOM and quotes undone). */
async function download(route: LoaderModule, who: Staff, path: string, params: Record<string, string> = {}) {
  const res = await settle(route.loader({ request: who.get(url(path)), params, context }));
  expect(res.status, path).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="said-and-done-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
  const parsed = parseCsv(text);
  if ("error" in parsed) throw new Error(`bad CSV: ${JSON.stringify(parsed.error)}`);
  return { text, rows: parsed.records.map((r) => r.cells) };
}

const status = async (route: LoaderModule, who: Staff, path: string, params: Record<string, string> = {}) =>
  (await settle(route.loader({ request: who.get(url(path)), params, context }))).status;

/** The rows of a CSV after its preamble (survey, filters, the day it was made, a blank line). */
const table = (rows: string[][]) => rows.slice(rows.findIndex((r) => r[0] === "Made on") + 1);

// Loader data shapes (as JSON)
type Dash = Awaited<ReturnType<typeof import("~/results/dashboard-page.server").loadDashboard>>;
type Survey = Awaited<ReturnType<typeof import("~/results/survey-page.server").loadSurveyResults>>;
type Co = Awaited<ReturnType<typeof import("~/results/co-assessment-page.server").loadCoAssessment>>;

// ---------------------------------------------------------------------------------------

describe("the board dashboard", () => {
  const path = "/staff/dashboard?term=2026-autumn";

  it("shows the four KPIs for the term and the three before, every figure as worked out by hand", async () => {
    const { view } = await load<{ view: Dash }>(dashboardPage, board, path);
    expect(view.term).toBe("2026-autumn");
    const kpi = (key: string) => view.kpis.find((k) => k.key === key)!;
    const terms = (key: string) => kpi(key).points.map((p) => [p.label, look(p.figure)]);
    // Parental surveys returned, each term's answers over the campaigns open during it:
    // spring: 10 paper / eligible 40 = 25.0%; summer: no invitations and no eligible count;
    // autumn: 13 invitation responses / (18 + 5 delivered; 2 bounced are not) = 13/23 = 56.5%;
    // its 2 paper responses have no eligible count, so they are reported beside the rate.
    // Spring's rate is hidden with spring's respondents (see parental satisfaction below).
    // Autumn's is hidden from the board: its numerator, the 13 invitation responses, is
    // hidden beside the 2 on paper, or autumn's 15 − 13 would give them.
    expect(terms("parent_return")).toEqual([
      ["Autumn term 2025", { kind: "not_available", reason: "no_denominator" }],
      ["Spring term 2026", HIDDEN],
      ["Summer term 2026", { kind: "not_available", reason: "no_denominator" }],
      ["Autumn term 2026", HIDDEN],
    ]);
    expect(shown(13, 23)).toEqual({ kind: "shown", pct: 56.5, n: 23, interval: [36.8, 74.4], smallNumbers: false });
    const returns = kpi("parent_return").current.returns!;
    expect(returns).toMatchObject({ delivered: null, eligible: null });
    expect(returns.channels.map((c) => [c.channel, look(c.figure)])).toEqual([["invitation", HIDDEN]]);
    const forAdmin = (await load<{ view: Dash }>(dashboardPage, admin, path)).view.kpis.find((k) => k.key === "parent_return")!.current.returns!;
    expect(look(forAdmin.figure)).toEqual(shown(13, 23, true));
    // 2 paper responses are a group of fewer than 5: the board sees them hidden.
    expect(returns.withoutDenominator).toEqual([{ channel: "paper", label: "On paper", responses: { kind: "suppressed", reason: "fewer_than", threshold: 5 } }]);
    // Parental satisfaction: spring 5 5 5 5 4 4 → 6 of 10; summer 5 4 of 4 answers (hidden:
    // fewer than 5); autumn A 5 5 5 4 4 4 4 + B 5 4 → 9 of 15. Spring is hidden too: the
    // survey's page shows all 29 responses, and 29 − 15 − 10 would give summer's 4.
    expect(terms("parent_satisfaction")).toEqual([
      ["Autumn term 2025", { kind: "not_available", reason: "no_answers" }],
      ["Spring term 2026", HIDDEN],
      ["Summer term 2026", HIDDEN],
      ["Autumn term 2026", shown(9, 15)],
    ]);
    expect(shown(9, 15)).toEqual({ kind: "shown", pct: 60, n: 15, interval: [35.7, 80.2], smallNumbers: false });
    // Settings: 5 5 4 → 3 of 6 = 50.0%. Partners: 5 4 4 → 3 of 4: hidden.
    expect(terms("settings_positive").map(([, f]) => f)).toEqual([
      { kind: "not_available", reason: "no_answers" },
      { kind: "not_available", reason: "no_answers" },
      { kind: "not_available", reason: "no_answers" },
      shown(3, 6),
    ]);
    expect(look(kpi("partners_positive").current.figure)).toEqual(HIDDEN);
  });

  it("shows admins the small figures, with the small-numbers warning", async () => {
    const { view } = await load<{ view: Dash }>(dashboardPage, admin, path);
    const current = (key: string) => look(view.kpis.find((k) => k.key === key)!.current.figure);
    expect(current("partners_positive")).toEqual(shown(3, 4, true));
    expect(shown(3, 4, true).pct).toBe(75);
    expect(look(view.kpis.find((k) => k.key === "parent_satisfaction")!.points[2].figure)).toEqual(shown(2, 4, true));
    expect(view.kpis.find((k) => k.key === "parent_return")!.current.returns!.withoutDenominator).toEqual([
      { channel: "paper", label: "On paper", responses: { kind: "shown", count: 2, smallNumbers: true } },
    ]);
  });

  it("exports the same table as CSV, hidden figures in words", async () => {
    const { rows } = await download(dashboardCsv, board, "/staff/dashboard/export.csv?term=2026-autumn");
    expect(rows[0]).toEqual(["KPI", "Term", "%", "n", "95% interval from", "95% interval to", "Note"]);
    const row = (kpi: string, term: string) => rows.find((r) => r[0] === kpi && r[1] === term)!.slice(2);
    expect(row("Parental surveys returned", "Autumn term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(row("Parental surveys returned: Personal invitation link", "Autumn term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(row("Parental surveys returned", "Spring term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(row("Parental surveys returned", "Summer term 2026")[0]).toBe("not available: no invitations were delivered and no eligible count was recorded");
    expect(row("Parental satisfaction", "Autumn term 2026")).toEqual(["60", "15", "35.7", "80.2", ""]);
    expect(row("Parental satisfaction", "Summer term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(row("Parental satisfaction", "Spring term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(row("Education settings responding positive", "Autumn term 2026")).toEqual(["50", "6", "18.8", "81.2", ""]);
    expect(row("Partner organisations responding positive", "Autumn term 2026").slice(0, 2)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    // 4 KPIs × 4 terms, then the return rate per channel: spring's paper rate, summer's 4
    // open-link responses without a denominator, autumn's invitation rate and 2 paper ones.
    expect(rows).toHaveLength(1 + 4 * 4 + 4);
    const adminCsv = await download(dashboardCsv, admin, "/staff/dashboard/export.csv?term=2026-autumn");
    expect(adminCsv.rows.find((r) => r[0] === "Partner organisations responding positive" && r[1] === "Autumn term 2026")!.slice(2)).toEqual([
      "75",
      "4",
      "30.1",
      "95.4",
      "Small numbers: treat with care",
    ]);
  });
});

describe("a survey's results", () => {
  const params = () => ({ surveyId: String(d.surveys.parent) });
  const path = (q = "") => `/staff/results/surveys/${d.surveys.parent}${q}`;

  it("lists the survey with its campaigns", async () => {
    const { surveys } = await load<{ surveys: { id: number; campaigns: { id: number }[] }[] }>(indexPage, board, "/staff/results");
    const parent = surveys.find((s) => s.id === d.surveys.parent)!;
    expect(parent.campaigns.map((c) => c.id).sort()).toEqual([d.campaigns.spring, d.campaigns.summer, d.campaigns.autumn].sort());
  });

  it("shows the board every figure of a group of 5 or more worked out by hand, small answer counts included", async () => {
    const { view } = await load<{ view: Survey }>(surveyPage, board, path(), params());
    // Overall, all three campaigns: 5: 4+1+4 = 9; 4: 2+1+5 = 8; 3: 1+0+1 = 2; 2: 1+1+1 = 3;
    // 1: 1+1+2 = 4; don't know: 1+0+2 = 3. Answered 29; positive 17; negative 7.
    expect(look(view.headline!.positive)).toEqual(shown(17, 29));
    expect(shown(17, 29)).toEqual({ kind: "shown", pct: 58.6, n: 29, interval: [40.7, 74.5], smallNumbers: false });
    expect(look(view.headline!.negative)).toEqual(shown(7, 29));
    expect(shown(7, 29).pct).toBe(24.1);
    // 29 respondents: every answer count is shown, small ones included (decision 017):
    // neutral 2, dissatisfied 3, very dissatisfied 4, don't know 3.
    expect(cell(view.headline!.dontKnow)).toBe(3);
    const overall = view.questions.find((q) => q.key === "overall")!;
    expect(overall.bars.map((b) => [b.key, cell(b.cell), b.percent === null ? null : round1(b.percent)])).toEqual([
      ["5", 9, 31],
      ["4", 8, 27.6],
      ["3", 2, 6.9],
      ["2", 3, 10.3],
      ["1", 4, 13.8],
      ["dont_know", 3, 10.3],
    ]);
    expect(cell(overall.answered)).toBe(29);
    // Contact (autumn only): yes 8 + 3 = 11, no 4, not sure 0, of 15: all shown.
    const contact = view.questions.find((q) => q.key === "contact")!;
    expect(contact.bars.map((b) => [b.key, cell(b.cell)])).toEqual([
      ["yes", 11],
      ["no", 4],
      ["not_sure", 0],
    ]);
    expect(cell(contact.answered)).toBe(15);
    // Written answers: 3 of the 29, shown.
    expect(cell(view.questions.find((q) => q.key === "comment")!.answered)).toBe(3);
    // Trend: spring 10, summer 4, autumn 15 respondents. Summer is under 5; spring is hidden
    // too, or summer = 29 − 10 − 15.
    expect(view.trend.map((p) => [p.label, look(p.figure)])).toEqual([
      ["Spring term 2026", HIDDEN],
      ["Summer term 2026", HIDDEN],
      ["Autumn term 2026", shown(9, 15)],
    ]);
    // Return rate: spring 10 paper / eligible 40, autumn 13 invitation responses / 23
    // delivered; summer's 4 open-link and autumn's 2 paper responses have no denominator.
    // (13 + 10) / (23 + 40) = 23/63 = 36.5%: hidden from the board, since the invitation
    // responses (13, hidden) would be 23 − paper's 10.
    expect(look(view.returnRate.figure)).toEqual(HIDDEN);
    expect(shown(23, 63)).toEqual({ kind: "shown", pct: 36.5, n: 63, interval: [25.7, 48.9], smallNumbers: false });
    expect(view.returnRate).toMatchObject({ delivered: null, eligible: null });
    // Per channel (admins see every one, flagged where the board cannot): 13/23 = 56.5%, 10/40 = 25.0%.
    const forAdmin = (await load<{ view: Survey }>(surveyPage, admin, path(), params())).view.returnRate;
    expect(forAdmin.channels.map((c) => [c.channel, look(c.figure)])).toEqual([
      // Invitation responses (13) are all autumn's but its 2 on paper, hidden beside them.
      // Paper's 12 respondents are shown, but its rate counts 10 of them (spring's, with an
      // eligible count): the 2 left out would be 12 − 10, so the board sees neither.
      ["invitation", shown(13, 23, true)],
      ["paper", shown(10, 40, true)],
    ]);
    expect(shown(10, 40)).toMatchObject({ pct: 25, interval: [14.2, 40.2] });
    expect(forAdmin.withoutDenominator.map((w) => [w.channel, w.responses])).toEqual([
      ["open_link", { kind: "shown", count: 4, smallNumbers: true }],
      ["paper", { kind: "shown", count: 2, smallNumbers: true }],
    ]);
    expect(view.comments).toBeNull();
  });

  it("shows admins every cell, flagging what the board cannot see, and every comment", async () => {
    const { view } = await load<{ view: Survey }>(surveyPage, admin, path(), params());
    const overall = view.questions.find((q) => q.key === "overall")!;
    // All 29 respondents are a group the board sees whole: nothing to flag.
    expect(overall.bars.map((b) => [cell(b.cell), b.cell.kind === "shown" && b.cell.smallNumbers])).toEqual([
      [9, false],
      [8, false],
      [2, false],
      [3, false],
      [4, false],
      [3, false],
    ]);
    expect(look(view.headline!.positive)).toEqual(shown(17, 29));
    expect(view.headline!.dontKnow).toEqual({ kind: "shown", count: 3, smallNumbers: false });
    // Spring and summer are hidden from the board (summer 4, spring its complement): flagged.
    expect(view.trend.map((p) => look(p.figure))).toEqual([shown(6, 10, true), shown(2, 4, true), shown(9, 15)]);
    expect(view.comments!.total).toBe(3);
    expect(view.comments!.items.map((c) => c.text).sort()).toEqual([COMMENTS.child, COMMENTS.formula, COMMENTS.urdu].sort());
    expect(view.comments!.items.find((c) => c.text === COMMENTS.urdu)).toMatchObject({ language: "ur", service: d.serviceNames.b });
  });

  it("cuts by campaign, service, language, channel and period", async () => {
    const view = async (who: Staff, q: string) => (await load<{ view: Survey }>(surveyPage, who, path(q), params())).view;
    // Autumn campaign: 9 of 15, as on the dashboard.
    expect(look((await view(board, `?campaign=${d.campaigns.autumn}`)).headline!.positive)).toEqual(shown(9, 15));
    // Autumn term: the same responses.
    expect(look((await view(board, "?period=2026-autumn")).headline!.positive)).toEqual(shown(9, 15));
    // October 2026, the month they were all in.
    expect(look((await view(board, "?period=2026-10")).headline!.positive)).toEqual(shown(9, 15));
    // Service B alone: 3 answers, hidden from the board, everything.
    const b = await view(board, `?service=${d.serviceB}`);
    expect(look(b.headline!.positive)).toEqual(HIDDEN);
    expect(b.questions.find((q) => q.key === "overall")!.bars.every((x) => x.cell.kind === "suppressed")).toBe(true);
    // Urdu: service B's 3 responses; the return rate has no denominator by language.
    const ur = await view(board, "?language=ur");
    expect(look(ur.headline!.positive)).toEqual(HIDDEN);
    expect(ur.returnRate.notForThisCut).toBe(true);
    expect(look(ur.returnRate.figure)).toEqual({ kind: "not_available", reason: "no_denominator" });
    // Paper: spring's 10 (6 positive) and service A's first two autumn responses (5 5): 8 of 12.
    expect(look((await view(admin, "?channel=paper")).headline!.positive)).toEqual(shown(8, 12));
    // Service A for its own member: spring 10 + summer 4 + autumn A 12 = 26 answers;
    // positive 6 + 2 + 7 = 15 → 57.7%, flagged: the board cannot see it, since all (29)
    // minus A (26) would give service B's 3.
    const own = await view(memberA, `?service=${d.serviceA}`);
    expect(own.visibility).toBe("warn");
    expect(look(own.headline!.positive)).toEqual(shown(15, 26, true));
    expect(look((await view(board, `?service=${d.serviceA}`)).headline!.positive)).toEqual(HIDDEN);
    expect(shown(15, 26)).toMatchObject({ pct: 57.7, interval: [38.9, 74.5] });
    // Service A, spring term: the eligible count belongs to the one-service campaign: 10/40.
    // Hidden from the board: service A in spring is all of spring (10), hidden beside summer's 4.
    expect(look((await view(board, `?service=${d.serviceA}&period=2026-spring`)).returnRate.figure)).toEqual(HIDDEN);
    expect(look((await view(admin, `?service=${d.serviceA}&period=2026-spring`)).returnRate.figure)).toMatchObject({ kind: "shown", n: 40, smallNumbers: true });
  });

  it("keeps service staff to their own services and their own comments", async () => {
    // All services together (A and B) are not all theirs: shown as to the board (29 respondents, every count).
    const all = (await load<{ view: Survey }>(surveyPage, memberA, path(), params())).view;
    expect(all.visibility).toBe("suppress");
    expect(cell(all.headline!.dontKnow)).toBe(3);
    expect(all.filters.services.map((s) => s.value)).toEqual([String(d.serviceA)]);
    // Comments about service A only: the two written there.
    expect(all.comments!.items.map((c) => c.text).sort()).toEqual([COMMENTS.child, COMMENTS.formula].sort());
    // Another service by id is refused, page and CSV.
    expect(await status(surveyPage, memberA, path(`?service=${d.serviceB}`), params())).toBe(403);
    expect(await status(surveyCsv, memberA, path(`/export.csv?table=questions&service=${d.serviceB}`), params())).toBe(403);
  });

  it("exports each table as the page shows it: hidden cells as words, never numbers", async () => {
    const HIDDEN_NOTE = "Hidden so that nobody can be identified: figures from fewer than 5 responses are not shown.";
    const csv = async (who: Staff, tableName: string, q = "") => download(surveyCsv, who, path(`/export.csv?table=${tableName}${q}`), params());
    const summary = table((await csv(board, "summary")).rows);
    expect(summary).toEqual([
      ["Figure", "%", "n", "95% interval from", "95% interval to", "Note"],
      ["Satisfied (% positive)", "58.6", "29", "40.7", "74.5", ""],
      ["Dissatisfied (% negative)", "24.1", "29", "12.2", "42.1", ""],
      ["Answered “don’t know”", "", "3", "", "", ""],
      // 23/63, each channel's rate and the responses with no denominator (summer's 4 open
      // link, autumn's 2 paper). The board cannot see the channel cuts (hidden along the
      // channel hierarchy), so their rates and counts are words.
      ["Return rate", "fewer than 5 responses", "fewer than 5 responses", "", "", HIDDEN_NOTE],
      ["Return rate: Personal invitation link", "fewer than 5 responses", "fewer than 5 responses", "", "", HIDDEN_NOTE],
      ["Return rate: On paper", "25", "40", "14.2", "40.2", ""],
      ["Responses with no denominator: Open link or QR code", "", "fewer than 5 responses", "", "", ""],
      ["Responses with no denominator: On paper", "", "fewer than 5 responses", "", "", ""],
    ]);
    const trend = table((await csv(board, "trend")).rows);
    expect(trend.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["Spring term 2026", "fewer than 5 responses", "fewer than 5 responses"],
      ["Summer term 2026", "fewer than 5 responses", "fewer than 5 responses"],
      ["Autumn term 2026", "60", "15"],
    ]);
    const questions = table((await csv(board, "questions")).rows);
    const q = (text: string) => questions.filter((r) => r[0] === text).map((r) => r.slice(1));
    expect(q("Overall, how satisfied are you?")).toEqual([
      ["Very satisfied", "9", "31"],
      ["Satisfied", "8", "27.6"],
      ["Neither satisfied nor dissatisfied", "2", "6.9"],
      ["Dissatisfied", "3", "10.3"],
      ["Very dissatisfied", "4", "13.8"],
      ["Don't know", "3", "10.3"],
      ["Answered", "29", ""],
    ]);
    expect(q("Did you know who to contact?")).toEqual([
      ["Yes", "11", "73.3"],
      ["No", "4", "26.7"],
      ["Not sure", "0", "0"],
      ["Answered", "15", ""],
    ]);
    expect(q("Anything else?")).toEqual([["Answered", "3", ""]]);
    // Service B (3 respondents): every cell in words.
    const b = table((await csv(board, "questions", `&service=${d.serviceB}`)).rows);
    expect(b.filter((r) => r[0] === "Overall, how satisfied are you?").every((r) => r[2] === "fewer than 5 responses")).toBe(true);
    // The board and the PCF get no comments file at all.
    expect(await status(surveyCsv, board, path("/export.csv?table=comments"), params())).toBe(403);
    expect(await status(surveyCsv, pcf, path("/export.csv?table=comments"), params())).toBe(403);
    // Admins: every cell, and the comments with a formula made harmless; Urdu intact.
    const adminQuestions = table((await csv(admin, "questions")).rows);
    expect(adminQuestions.filter((r) => r[0] === "Overall, how satisfied are you?").map((r) => r[2])).toEqual(["9", "8", "2", "3", "4", "3", "29"]);
    const comments = await csv(admin, "comments");
    expect(table(comments.rows).slice(1).map((r) => r[1]).sort()).toEqual([`'${COMMENTS.formula}`, COMMENTS.child, COMMENTS.urdu].sort());
    expect(comments.text).toContain(COMMENTS.urdu);
    // The filters go into the file: the Urdu cut as the page shows it.
    const ur = await csv(board, "summary", "&language=ur");
    expect(ur.rows[1]).toEqual(["Filters", "Language answered in: Urdu"]);
    expect(table(ur.rows)[1].slice(1, 3)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
  });

  it("exports raw anonymous answers for admins only", async () => {
    const raw = await download(rawCsv, admin, path("/answers.csv"), params());
    expect(raw.rows[0]).toEqual(["Response", "Campaign", "Service", "Language", "Channel", "Submitted on (the month only, for a campaign that invited by email)", "Question", "Answer"]);
    // Spring 10 + summer 4 answers; autumn A 12 × 2 + 2 comments; autumn B 3 × 2 + 1 comment.
    expect(raw.rows.length - 1).toBe(10 + 4 + 26 + 7);
    expect(new Set(raw.rows.slice(1).map((r) => r[0])).size).toBe(29);
    expect(raw.rows.some((r) => r[7] === `'${COMMENTS.formula}`)).toBe(true);
    expect(raw.rows.some((r) => r[7] === COMMENTS.urdu)).toBe(true);
    // With a filter: October only → 15 responses, 15 + 15 + 3 answers.
    const october = await download(rawCsv, admin, path("/answers.csv?period=2026-10"), params());
    expect(october.rows.length - 1).toBe(33);
    for (const who of [board, pcf, memberA]) expect(await status(rawCsv, who, path("/answers.csv"), params())).toBe(403);
  });
});

describe("co-assessment results", () => {
  const params = () => ({ surveyId: String(d.surveys.co) });
  const path = (q = "") => `/staff/results/surveys/${d.surveys.co}/co-assessment${q}`;

  it("shows each principle's agreement for families and professionals and the gap, hidden per side", async () => {
    const { view } = await load<{ view: Co }>(coPage, board, path(), params());
    const a = view.services.find((s) => s.id === d.serviceA)!;
    const row = (s: typeof a, key: string) => {
      const p = s.principles.find((x) => x.key === key)!;
      return [look(p.family), look(p.professional), p.gap.kind === "shown" ? p.gap.points : "unknown"];
    };
    // A, trusted: families 5 5 4 of 6 = 50.0%; professionals 5 5 5 4 of 5 = 80.0%; gap −30.0.
    expect(row(a, "trusted")).toEqual([shown(3, 6), shown(4, 5), -30]);
    // A, listened: families 4 4 4 4 of 6 = 66.7%; professionals 4 4 of 5 = 40.0%; gap +26.7.
    expect(row(a, "listened")).toEqual([shown(4, 6), shown(2, 5), 26.7]);
    expect(shown(4, 6).interval).toEqual([30, 90.3]);
    // B: 2 professionals, hidden; the families (7) too, or they are the principle's 9 minus 7.
    const b = view.services.find((s) => s.id === d.serviceB)!;
    expect(row(b, "trusted")).toEqual([HIDDEN, HIDDEN, "unknown"]);
    expect(row(b, "listened")).toEqual([HIDDEN, HIDDEN, "unknown"]);

    const admins = (await load<{ view: Co }>(coPage, admin, path(), params())).view;
    const bAdmin = admins.services.find((s) => s.id === d.serviceB)!;
    // B, trusted: families 5 4 4 4 of 7 = 57.1%; professionals 5 4 of 2 = 100.0%; gap −42.9.
    expect(row(bAdmin, "trusted")).toEqual([shown(4, 7), shown(2, 2, true), -42.9]);
    // B, listened: families 5 5 5 4 of 7 = 57.1%; professionals none of 2 = 0.0%; gap +57.1.
    expect(row(bAdmin, "listened")).toEqual([shown(4, 7), shown(0, 2, true), 57.1]);
  });

  it("exports the tables as CSV with the same hidden cells", async () => {
    const { rows } = await download(coCsv, board, `/staff/results/surveys/${d.surveys.co}/co-assessment.csv`, params());
    expect(rows[0]).toHaveLength(2 + 5 + 5 + 1);
    const row = (service: string, principle: string) => rows.find((r) => r[0] === service && r[1] === principle)!.slice(2);
    expect(row(d.serviceNames.a, "Families are trusted.")).toEqual(["50", "6", "18.8", "81.2", "", "80", "5", "37.6", "96.4", "", "-30"]);
    expect(row(d.serviceNames.a, "Families are listened to.")).toEqual(["66.7", "6", "30", "90.3", "", "40", "5", "11.8", "76.9", "", "26.7"]);
    const b = row(d.serviceNames.b, "Families are trusted.");
    expect([b[0], b[1], b[5], b[6], b[10]]).toEqual([
      "fewer than 5 responses",
      "fewer than 5 responses",
      "fewer than 5 responses",
      "fewer than 5 responses",
      "not shown: one side is hidden or has no answers",
    ]);
  });

  it("keeps service staff to their own services", async () => {
    const { view } = await load<{ view: Co }>(coPage, memberA, path(), params());
    expect(view.services.find((s) => s.id === d.serviceA)!.visibility).toBe("warn");
    expect(view.services.find((s) => s.id === d.serviceB)!.visibility).toBe("suppress");
    expect(await status(coPage, memberA, path(`?service=${d.serviceB}`), params())).toBe(403);
  });
});

describe("wrong addresses", () => {
  it("give a 404 for an unknown survey, a survey that is no co-assessment, or an unknown table; odd filters read as all", async () => {
    expect(await status(surveyPage, admin, "/staff/results/surveys/999999", { surveyId: "999999" })).toBe(404);
    expect(await status(surveyPage, admin, "/staff/results/surveys/abc", { surveyId: "abc" })).toBe(404);
    expect(await status(coPage, admin, `/staff/results/surveys/${d.surveys.parent}/co-assessment`, { surveyId: String(d.surveys.parent) })).toBe(404);
    const params = { surveyId: String(d.surveys.parent) };
    expect(await status(surveyCsv, admin, `/staff/results/surveys/${d.surveys.parent}/export.csv?table=secrets`, params)).toBe(404);
    const { view } = await load<{ view: Survey }>(surveyPage, board, `/staff/results/surveys/${d.surveys.parent}?period=2026-13&campaign=abc&language=fr&service=${d.serviceA}x`, params);
    expect(view.cutDescription).toEqual([]);
    expect(look(view.headline!.positive)).toEqual(shown(17, 29));
    // A campaign of another survey is no choice here either.
    expect((await load<{ view: Survey }>(surveyPage, board, `/staff/results/surveys/${d.surveys.parent}?campaign=${d.campaigns.co}`, params)).view.filters.values.campaign).toBe("");
    const dash = await load<{ view: Dash }>(dashboardPage, board, "/staff/dashboard?term=someday");
    expect(dash.view.termAsked).toBe("");
  });
});

describe("as the board and the PCF", () => {
  /**
   * Every % in a page's data is from 5 or more (here every headline question is required,
   * so its answers are the group's respondents), nothing is flagged, and no comment.
   * tests/unit/results-disclosure-attack.test.ts tries the subtractions across pages.
   */
  function expectNothingSmall(data: unknown, where: string) {
    const walk = (v: unknown, at: string) => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
      if (!v || typeof v !== "object") return;
      const o = v as Record<string, unknown>;
      if (o.kind === "shown" && typeof o.n === "number") expect(o.n, `${where} ${at}`).toBeGreaterThanOrEqual(5);
      if ("smallNumbers" in o) expect(o.smallNumbers, `${where} ${at}`).toBe(false);
      for (const [k, x] of Object.entries(o)) walk(x, `${at}.${k}`);
    };
    walk(data, "");
  }

  /** A hidden group hides every figure of it: no bar of a question whose answers are hidden. */
  function expectHiddenTogether(view: Survey) {
    for (const q of view.questions) {
      if (q.answered.kind === "suppressed") expect(q.bars.every((b) => b.cell.kind === "suppressed"), q.key).toBe(true);
    }
  }

  it("no page shows a figure of a group of fewer than 5, a figure of a hidden group, or a comment", async () => {
    const cuts = ["", `?service=${d.serviceA}`, `?service=${d.serviceB}`, "?language=ur", "?channel=paper", "?period=2026-summer", `?campaign=${d.campaigns.summer}`];
    for (const who of [board, pcf]) {
      expectNothingSmall(await load(dashboardPage, who, "/staff/dashboard?term=2026-autumn"), "dashboard");
      expectNothingSmall(await load(dashboardPage, who, "/staff/dashboard?term=2026-summer"), "dashboard summer");
      for (const cut of cuts) {
        const data = await load<{ view: Survey }>(surveyPage, who, `/staff/results/surveys/${d.surveys.parent}${cut}`, { surveyId: String(d.surveys.parent) });
        expectNothingSmall(data, `survey ${cut}`);
        expectHiddenTogether(data.view);
        expect(data.view.comments).toBeNull();
        expect(JSON.stringify(data)).not.toContain(COMMENTS.child);
      }
      for (const s of [d.surveys.setting, d.surveys.partner, d.surveys.co]) {
        const data = await load<{ view: Survey }>(surveyPage, who, `/staff/results/surveys/${s}`, { surveyId: String(s) });
        expectNothingSmall(data, `survey ${s}`);
        expectHiddenTogether(data.view);
      }
      expectNothingSmall(await load(coPage, who, `/staff/results/surveys/${d.surveys.co}/co-assessment`, { surveyId: String(d.surveys.co) }), "co-assessment");
    }
  });

  it("no CSV file shows a % of fewer than 5 either", async () => {
    for (const who of [board, pcf]) {
      for (const tableName of ["summary", "trend"]) {
        for (const cut of ["", `&service=${d.serviceB}`, "&language=ur"]) {
          const { rows } = await download(surveyCsv, who, `/staff/results/surveys/${d.surveys.parent}/export.csv?table=${tableName}${cut}`, {
            surveyId: String(d.surveys.parent),
          });
          // The "n" column of the figure tables.
          const body = table(rows);
          const col = body[0].findIndex((h) => h === "n");
          for (const r of body.slice(1)) {
            const v = Number(r[col]);
            if (r[col] !== "" && r[col - 1] !== "" && !Number.isNaN(v)) expect(v === 0 || v >= 5, `${tableName}${cut}: ${r.join(",")}`).toBe(true);
          }
        }
      }
      const dash = await download(dashboardCsv, who, "/staff/dashboard/export.csv?term=2026-autumn");
      for (const r of dash.rows.slice(1)) if (r[3] !== "" && !Number.isNaN(Number(r[3]))) expect(Number(r[3])).toBeGreaterThanOrEqual(5);
    }
  });
});
