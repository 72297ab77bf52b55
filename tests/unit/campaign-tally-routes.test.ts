import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import * as talliesPage from "~/routes/staff.campaigns.$id.tallies._index";
import * as importPage from "~/routes/staff.campaigns.$id.tallies.import";
import * as voidPage from "~/routes/staff.campaigns.$id.tallies.$tallyId.void";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function settle(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

// Opened 1 Sep 2026: every month up to today's is open to tallies.
async function setUp() {
  const { campaign, serviceIds } = await makeCampaign(db, { services: 2, opens: "2026-09-01T00:00:00.000Z" });
  const officer = await makeStaff(db, "service_member", [serviceIds[0]]);
  const slugs = await db.selectFrom("services").select("slug").where("id", "in", serviceIds).orderBy("id").execute();
  const url = `http://localhost/staff/campaigns/${campaign.id}/tallies`;
  const params = { id: String(campaign.id) };
  return { campaign, serviceIds, officer, slugs: slugs.map((s) => s.slug), url, params };
}

const counts = (five: string, four = "", three = "", two = "", one = "", dk = ""): [string, string][] => [
  ["count_5", five],
  ["count_4", four],
  ["count_3", three],
  ["count_2", two],
  ["count_1", one],
  ["count_dont_know", dk],
];

describe("the tally form", () => {
  it("saves a tally and shows the confirmation with its total", async () => {
    const { officer, serviceIds, url, params, campaign } = await setUp();
    const fields: [string, string][] = [["service", String(serviceIds[0])], ["month", "2026-10"], ["language", "ur"], ...counts("182", "19", "6", "3", "2", "1")];
    const res = await settle(talliesPage.action({ request: officer.post(url, fields), params, context: testContext(db) }));
    expect(res.status).toBe(302);
    const to = res.headers.get("Location")!;
    expect(to).toMatch(/^\/staff\/campaigns\/\d+\/tallies\?saved=\d+$/);
    const page = (await talliesPage.loader({ request: officer.get(`http://localhost${to}`), params, context: testContext(db) })) as Response;
    const data = (await page.json()) as { saved: { total: number; month: string; language: string } };
    expect(data.saved).toMatchObject({ total: 213, month: "October 2026", language: "Urdu" });
    expect(await db.selectFrom("responses").select("id").where("campaign_id", "=", campaign.id).execute()).toHaveLength(213);

    // The same stack posted again is refused, with what was typed.
    const again = await settle(talliesPage.action({ request: officer.post(url, fields), params, context: testContext(db) }));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ errors: { service: "already_saved" }, values: { month: "2026-10" } });
  });

  it("keeps what was typed and names each field's problem", async () => {
    const { officer, serviceIds, url, params } = await setUp();
    const fields: [string, string][] = [["service", String(serviceIds[1])], ["month", "2026-13"], ["language", ""], ...counts("12", "x")];
    const res = await settle(talliesPage.action({ request: officer.post(url, fields), params, context: testContext(db) }));
    expect(res.status).toBe(400);
    // The second service is not the officer's.
    expect(await res.json()).toEqual({
      errors: { service: "service_unknown", month: "month_invalid", language: "language_required", count_4: "count_invalid" },
      values: { service: String(serviceIds[1]), month: "2026-13", language: "", counts: { "5": "12", "4": "x", "3": "", "2": "", "1": "", dont_know: "" } },
    });
    expect(await db.selectFrom("tallies").select("id").execute()).toEqual([]);
  });

  it("is for the campaign's staff only", async () => {
    const { url, params } = await setUp();
    const other = await makeCampaign(db);
    const outsider = await makeStaff(db, "service_member", [other.serviceIds[0]]);
    expect((await settle(talliesPage.loader({ request: outsider.get(url), params, context: testContext(db) }))).status).toBe(403);
    const board = await makeStaff(db, "board");
    expect((await settle(talliesPage.loader({ request: board.get(url), params, context: testContext(db) }))).status).toBe(403);
  });
});

describe("importing tallies", () => {
  it("saves nothing when a line is wrong and lists the line's problem", async () => {
    const { officer, slugs, url, params } = await setUp();
    const csv = `service,month,language,5,4,3,2,1,dont_know\r\n${slugs[0]},2026-10,en,10,2,0,0,1,0\r\n${slugs[0]},2026-13,ur,4,0,0,0,0,0\r\n`;
    const res = await settle(importPage.action({ request: officer.post(`${url}/import`, [["csv", csv]]), params, context: testContext(db) }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: { file: "lines" },
      problems: [{ line: 3, code: "month_invalid", value: "2026-13" }],
      csv,
    });
    expect(await db.selectFrom("tallies").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("responses").select("id").execute()).toEqual([]);
  });

  it("saves every tally of a good file", async () => {
    const { officer, slugs, url, params } = await setUp();
    const csv = `\uFEFFservice,month,language,5,4,3,2,1,dont_know\r\n${slugs[0]},2026-10,en,10,2,0,0,1,0\r\n${slugs[0]},2026-10,ur,4,0,0,0,0,1\r\n`;
    const res = await settle(importPage.action({ request: officer.post(`${url}/import`, [["csv", csv]]), params, context: testContext(db) }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/\/tallies\?imported=2&forms=18$/);
  });
});

describe("voiding from the list", () => {
  it("needs a reason, then voids the tally and its responses", async () => {
    const { officer, serviceIds, url, params } = await setUp();
    const fields: [string, string][] = [["service", String(serviceIds[0])], ["month", "2026-10"], ["language", "en"], ...counts("7")];
    await settle(talliesPage.action({ request: officer.post(url, fields), params, context: testContext(db) }));
    const { id } = await db.selectFrom("tallies").select("id").executeTakeFirstOrThrow();
    const voidUrl = `${url}/${id}/void`;
    const vParams = { ...params, tallyId: String(id) };
    const blank = await settle(voidPage.action({ request: officer.post(voidUrl, [["reason", "  "]]), params: vParams, context: testContext(db) }));
    expect(blank.status).toBe(400);
    expect(await blank.json()).toEqual({ errors: { reason: "reason_required" }, reason: "  " });

    const done = await settle(voidPage.action({ request: officer.post(voidUrl, [["reason", "Wrong month"]]), params: vParams, context: testContext(db) }));
    expect(done.status).toBe(302);
    const responses = await db.selectFrom("responses").select(["voided_at", "void_reason", "voided_by_user_id"]).execute();
    expect(responses).toHaveLength(7);
    expect(new Set(responses.map((r) => `${r.void_reason} ${r.voided_by_user_id} ${r.voided_at !== null}`))).toEqual(new Set([`Wrong month ${officer.id} true`]));
    // A voided tally cannot be voided again: its page is gone.
    expect((await settle(voidPage.loader({ request: officer.get(voidUrl), params: vParams, context: testContext(db) }))).status).toBe(404);
  });
});
