import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "@db/schema";
import { getCampaignById } from "~/campaigns/campaigns.server";
import { createInvitations } from "~/campaigns/invitations.server";
import { deliverDueEmails } from "~/mail/sender.server";
import { createMailTransport } from "~/mail/transport.server";
import type { ReturnRateView } from "~/results/return-rate-view";
import type { Figure } from "~/results/types";
import * as bouncesPage from "~/routes/staff.campaigns.$id.bounces";
import * as campaignPage from "~/routes/staff.campaigns.$id._index";
import * as campaignCsv from "~/routes/staff.campaigns.$id.return-rate[.csv]";
import * as editPage from "~/routes/staff.campaigns.$id.edit";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as dashboardCsv from "~/routes/staff.dashboard.export[.csv]";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import * as surveyCsv from "~/routes/staff.results.surveys.$surveyId.export[.csv]";
import { parseCsv } from "~/surveys/translations";
import { settle } from "../support/admin";
import { PUBLIC_URL } from "../support/campaigns";
import { testContext } from "../support/context";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { respond } from "../support/results-data";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { makeStaff } from "../support/staff";

// The mixed campaign (DESIGN.md "Return rate", "Delivered"), built the way it
// happens: 150 paper forms handed out (the eligible count); 4 email invitations, one
// refused by the mail server at sending, one bounced later and uploaded from the relay's
// bounce list, so 2 delivered; 2 responses through invitations, 3 by the open link, 30 on
// paper, and one invitation response started but never submitted.
//
// By hand (docs/decisions/016-return-rates.md):
//   invitation 2 / 2 delivered = 100 %, paper 30 / 150 = 20 %,
//   combined (2 + 30) / (2 + 150) = 32 / 152 = 21.1 %,
//   "3 open-link responses have no denominator".
// Wilson 95 % intervals: 2/2 → 34.2–100 %; 30/150 → 14.4–27.1 %; 32/152 → 15.3–28.2 %.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let sink: SmtpSink;
let context: LoaderFunctionArgs["context"];
let admin: Awaited<ReturnType<typeof makeStaff>>;
let campaignId: number;
let surveyId: number;
let services: number[];

const url = (path: string) => `http://localhost${path}`;
const round1 = (v: number) => Math.round(v * 10) / 10;
const look = (f: Figure) =>
  f.kind === "shown" ? { pct: round1(f.percent), n: f.n, interval: f.interval ? [round1(f.interval.low), round1(f.interval.high)] : null } : f;

type Loader = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };
async function load<T>(route: Loader, path: string, params: Record<string, string>): Promise<T> {
  const res = await settle(route.loader({ request: admin.get(url(path)), params, context }));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}
async function csvRows(route: Loader, path: string, params: Record<string, string>): Promise<string[][]> {
  const res = await settle(route.loader({ request: admin.get(url(path)), params, context }));
  expect(res.status, path).toBe(200);
  const parsed = parseCsv(await res.text());
  if ("error" in parsed) throw new Error(`bad CSV: ${JSON.stringify(parsed.error)}`);
  return parsed.records.map((r) => r.cells);
}

const at = "2026-10-12T10:00:00.000Z";

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  context = testContext(db);
  sink = await startSmtpSink({ rejectRecipients: (address) => address.startsWith("refused") });
  admin = await makeStaff(db, "admin");
  const made = await makeCampaign(db, { services: 2, opens: "2026-09-01T00:00:00.000Z", closes: "2026-12-20T23:59:59.999Z" });
  campaignId = made.campaign.id;
  services = made.serviceIds;
  surveyId = (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", made.versionId).executeTakeFirstOrThrow()).survey_id;
  await db.updateTable("campaigns").set({ eligible_count: 150 }).where("id", "=", campaignId).execute();

  // Four invitations, two per service; the mail server refuses one; the others are accepted.
  const detail = (await getCampaignById(db, campaignId))!;
  const [s0, s1] = services;
  await createInvitations(
    db,
    detail,
    [
      { line: 2, email: "amina@example.com", language: "ur", serviceId: s0 },
      { line: 3, email: "refused@example.com", language: "en", serviceId: s0 },
      { line: 4, email: "ben@example.com", language: "en", serviceId: s1 },
      { line: 5, email: "later.bounce@example.com", language: "en", serviceId: s1 },
    ],
    PUBLIC_URL,
    new Date("2026-09-02T09:00:00.000Z"),
  );
  const summary = await deliverDueEmails(db, createMailTransport(sink.url), new Date("2026-09-02T09:30:00.000Z"), { from: "test@said-and-done.example" });
  expect(summary).toMatchObject({ sent: 3, failed: 1 });

  const paper = (service: number, n: number) => Array.from({ length: n }, () => ({ service, channel: "paper" as const }));
  const all = [
    { service: s0, channel: "invitation" as const },
    { service: s1, channel: "invitation" as const },
    { service: s0, channel: "open_link" as const },
    { service: s0, channel: "open_link" as const },
    { service: s1, channel: "open_link" as const },
    ...paper(s0, 20),
    ...paper(s1, 10),
  ];
  for (const r of all) await respond(db, campaignId, { ...r, submittedAt: at, answers: { overall: "4", contact_known: "yes" } });
  await respond(db, campaignId, { service: s0, channel: "invitation", submittedAt: null, answers: { overall: "5" } });
});
afterAll(async () => {
  await sink.stop();
  await cleanup();
});

describe("the mixed campaign's return rates", () => {
  it("counts delivered as accepted by the relay with no bounce since: the refusal and the uploaded bounce are not", async () => {
    // Before the bounce list: 3 accepted, 1 refused at sending.
    const before = await load<{ counts: { delivered: number; bounced: number } }>(campaignPage, `/staff/campaigns/${campaignId}`, { id: String(campaignId) });
    expect(before.counts).toMatchObject({ delivered: 3, bounced: 1 });

    // The relay's bounce list: a header, a BOM, CRLF, one invited address, one unknown.
    const form = new FormData();
    form.set("csrf", admin.csrf);
    form.set("csv", "\uFEFFemail\r\nLATER.BOUNCE@example.com\r\nnobody@example.com\r\n");
    const request = new Request(url(`/staff/campaigns/${campaignId}/bounces`), { method: "POST", headers: { Cookie: admin.cookie }, body: form });
    const res = await settle(bouncesPage.action({ request, params: { id: String(campaignId) }, context } as ActionFunctionArgs));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { addresses: 2, marked: 1, alreadyBounced: 0, unknown: 1 } });

    const after = await load<{ counts: { delivered: number; bounced: number } }>(campaignPage, `/staff/campaigns/${campaignId}`, { id: String(campaignId) });
    expect(after.counts).toMatchObject({ delivered: 2, bounced: 2 });
  });

  it("refuses a bounce list with a bad line and saves nothing", async () => {
    const form = new FormData();
    form.set("csrf", admin.csrf);
    form.set("csv", "ben@example.com\nnot an address\n");
    const request = new Request(url(`/staff/campaigns/${campaignId}/bounces`), { method: "POST", headers: { Cookie: admin.cookie }, body: form });
    const res = await settle(bouncesPage.action({ request, params: { id: String(campaignId) }, context } as ActionFunctionArgs));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: { file: "bad_lines" }, lines: [{ line: 2, text: "not an address", problem: "invalid_email" }] });
    const ben = await db.selectFrom("invitations").select("bounced_at").where("email", "=", "ben@example.com").executeTakeFirstOrThrow();
    expect(ben.bounced_at).toBeNull();
  });

  const expectMixed = (r: ReturnRateView) => {
    expect(look(r.figure)).toEqual({ pct: 21.1, n: 152, interval: [15.3, 28.2] });
    expect(r.channels.map((c) => [c.channel, look(c.figure)])).toEqual([
      ["invitation", { pct: 100, n: 2, interval: [34.2, 100] }],
      ["paper", { pct: 20, n: 150, interval: [14.4, 27.1] }],
    ]);
    expect(r).toMatchObject({ delivered: 2, eligible: 150 });
    expect(r.withoutDenominator).toEqual([{ channel: "open_link", label: "Open link or QR code", responses: { kind: "shown", count: 3, smallNumbers: true } }]);
  };

  it("shows each channel and the combined rate on the survey results page, the dashboard and the campaign page", async () => {
    const survey = await load<{ view: { returnRate: ReturnRateView } }>(surveyPage, `/staff/results/surveys/${surveyId}`, { surveyId: String(surveyId) });
    expectMixed(survey.view.returnRate);
    const dash = await load<{ view: { kpis: { key: string; current: { figure: Figure; returns: ReturnRateView | null } }[] } }>(
      dashboardPage,
      "/staff/dashboard?term=2026-autumn",
      {},
    );
    const kpi = dash.view.kpis.find((k) => k.key === "parent_return")!;
    expect(look(kpi.current.figure)).toEqual({ pct: 21.1, n: 152, interval: [15.3, 28.2] });
    expectMixed(kpi.current.returns!);
    const campaign = await load<{ returnRate: ReturnRateView }>(campaignPage, `/staff/campaigns/${campaignId}`, { id: String(campaignId) });
    expectMixed(campaign.returnRate);
  });

  it("gives the same figures in each CSV file", async () => {
    const expected = [
      ["Return rate", "21.1", "152", "15.3", "28.2", "Small numbers"],
      ["Return rate: Personal invitation link", "100", "2", "34.2", "100", "Small numbers"],
      ["Return rate: On paper", "20", "150", "14.4", "27.1", ""],
      ["Responses with no denominator: Open link or QR code", "", "3", "", "", ""],
    ];
    const survey = await csvRows(surveyCsv, `/staff/results/surveys/${surveyId}/export.csv?table=summary`, { surveyId: String(surveyId) });
    const fromSurvey = survey.filter((r) => r[0].startsWith("Return rate") || r[0].startsWith("Responses with no"));
    const campaign = await csvRows(campaignCsv, `/staff/campaigns/${campaignId}/return-rate.csv`, { id: String(campaignId) });
    const fromCampaign = campaign.filter((r) => r[0].startsWith("Return rate") || r[0].startsWith("Responses with no"));
    // The figures and the counts, whatever the note column says for each viewer's page.
    const figures = (rows: string[][]) => rows.map((r) => r.slice(0, 5));
    expect(figures(fromSurvey)).toEqual(figures(expected));
    expect(figures(fromCampaign)).toEqual(figures(expected));
    const dashboard = await csvRows(dashboardCsv, "/staff/dashboard/export.csv?term=2026-autumn", {});
    const autumn = dashboard.filter((r) => r[1] === "Autumn term 2026" && (r[0].startsWith("Parental surveys returned") || r[0].startsWith("Responses with no")));
    expect(autumn.map((r) => [r[0], ...r.slice(2, 6)])).toEqual([
      ["Parental surveys returned", "21.1", "152", "15.3", "28.2"],
      ["Parental surveys returned: Personal invitation link", "100", "2", "34.2", "100"],
      ["Parental surveys returned: On paper", "20", "150", "14.4", "27.1"],
      ["Responses with no denominator: Open link or QR code", "", "3", "", ""],
    ]);
  });

  it("cuts by service with an eligible count recorded per service", async () => {
    const [s0, s1] = services;
    // A total cannot be split by service: service 0's paper responses have no denominator.
    const whole = await load<{ view: { returnRate: ReturnRateView } }>(surveyPage, `/staff/results/surveys/${surveyId}?service=${s0}`, { surveyId: String(surveyId) });
    expect(look(whole.view.returnRate.figure)).toMatchObject({ pct: 100, n: 1 }); // amina's 1 of 1 delivered
    expect(whole.view.returnRate.withoutDenominator.map((w) => [w.channel, w.responses])).toEqual([
      ["open_link", { kind: "shown", count: 2, smallNumbers: true }],
      ["paper", { kind: "shown", count: 20, smallNumbers: false }],
    ]);
    // Recorded per service instead, on the campaign's edit form: 100 forms by service 0, 50 by service 1.
    const edit = (fields: [string, string][]) =>
      settle(
        editPage.action({
          request: admin.post(url(`/staff/campaigns/${campaignId}/edit`), [
            ["name_en", "Test campaign"],
            ["name_ur", "ٹیسٹ مہم"],
            ["opens_on", "2026-09-01"],
            ["closes_on", "2026-12-20"],
            ["reminder_days", ""],
            ...fields,
          ]),
          params: { id: String(campaignId) },
          context,
        } as ActionFunctionArgs),
      );
    // Both a total and per-service counts: refused, what was typed kept.
    const both = await edit([["eligible_count", "150"], [`eligible_${s0}`, "100"], [`eligible_${s1}`, "x"]]);
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({
      errors: { eligible_count: "eligible_both", [`eligible_${s1}`]: "eligible_invalid" },
      values: { eligible_count: "150", [`eligible_${s0}`]: "100", [`eligible_${s1}`]: "x" },
    });
    const saved = await edit([["eligible_count", ""], [`eligible_${s0}`, "100"], [`eligible_${s1}`, "50"]]);
    expect(saved.status).toBe(302);
    const form = await load<{ values: Record<string, string> }>(editPage, `/staff/campaigns/${campaignId}/edit`, { id: String(campaignId) });
    expect(form.values).toMatchObject({ eligible_count: "", [`eligible_${s0}`]: "100", [`eligible_${s1}`]: "50" });
    const rateOf = async (q: string) =>
      (await load<{ view: { returnRate: ReturnRateView } }>(surveyPage, `/staff/results/surveys/${surveyId}${q}`, { surveyId: String(surveyId) })).view.returnRate;
    // Service 0: (1 invitation + 20 paper) / (1 delivered + 100) = 21/101 = 20.8 %.
    expect(look((await rateOf(`?service=${s0}`)).figure)).toEqual({ pct: 20.8, n: 101, interval: [14.0, 29.7] });
    // Service 1: (1 + 10) / (1 + 50) = 11/51 = 21.6 % (ben delivered; the uploaded bounce not).
    expect(look((await rateOf(`?service=${s1}`)).figure)).toEqual({ pct: 21.6, n: 51, interval: [12.5, 34.6] });
    // The whole campaign is unchanged: 32/152.
    expectMixed(await rateOf(""));
    // A month cut keeps the denominators of the campaign open in it: all 35 were completed in October.
    expect(look((await rateOf("?period=2026-10")).figure)).toEqual({ pct: 21.1, n: 152, interval: [15.3, 28.2] });
    // November: the campaign was open, nobody returned a form then: 0 of 152.
    expect(look((await rateOf("?period=2026-11")).figure)).toEqual({ pct: 0, n: 152, interval: [0, 2.5] });
  });

  it("is never above 100 %: more paper forms back than handed out says to check the eligible count", async () => {
    await db.updateTable("campaign_eligible_counts").set({ eligible_count: 5 }).where("campaign_id", "=", campaignId).where("service_id", "=", services[1]).execute();
    const view = (await load<{ view: { returnRate: ReturnRateView } }>(surveyPage, `/staff/results/surveys/${surveyId}`, { surveyId: String(surveyId) })).view
      .returnRate;
    // Service 1 returned 10 paper forms of 5 handed out.
    expect(view.figure).toEqual({ kind: "not_available", reason: "more_than_handed_out" });
    expect(view.channels.find((c) => c.channel === "paper")!.figure).toEqual({ kind: "not_available", reason: "more_than_handed_out" });
    expect(look(view.channels.find((c) => c.channel === "invitation")!.figure)).toMatchObject({ pct: 100, n: 2 });
  });
});
