import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { wholeOf, type Cut } from "~/results/disclosure";
import { consistentWithRollup, disclosureOfKind } from "~/results/disclosure.server";
import { rollupGeneration, uncountSubmittedResponse } from "~/results/rollup.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { respond } from "../support/results-data";

// The hiding plan is kept between page views, and made again as soon as the rollup
// changes: a response submitted or voided between two views is never read with the plan
// of the counts before it.

let db: Kysely<Database>;
let other: Kysely<Database>;
let cleanups: (() => Promise<void>)[] = [];
let services: number[];
let campaignId: number;
let bIds: number[] = [];
const at = "2026-10-05T10:00:00.000Z";

const serviceCut = (campaign: number, service: number): Cut => ({ ...wholeOf({ level: "campaign", id: campaign }), place: { level: "service", id: service } });

beforeAll(async () => {
  const a = await createTestDb();
  const b = await createTestDb();
  db = a.db;
  other = b.db;
  cleanups = [a.cleanup, b.cleanup];
  const made = await makeCampaign(db, { services: 2 });
  campaignId = made.campaign.id;
  services = made.serviceIds;
  for (let i = 0; i < 6; i++) await respond(db, campaignId, { service: services[0], submittedAt: at, answers: { overall: "5" } });
  for (let i = 0; i < 6; i++) bIds.push(await respond(db, campaignId, { service: services[1], submittedAt: at, answers: { overall: "4" } }));
  // A second database in the same process with the same ids and a small service B.
  const twin = await makeCampaign(other, { services: 2 });
  for (let i = 0; i < 6; i++) await respond(other, twin.campaign.id, { service: twin.serviceIds[0], submittedAt: at, answers: { overall: "5" } });
  for (let i = 0; i < 2; i++) await respond(other, twin.campaign.id, { service: twin.serviceIds[1], submittedAt: at, answers: { overall: "4" } });
});
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("the disclosure plan's cache", () => {
  it("keeps the plan while the rollup stands still, and makes it again when a response leaves it", async () => {
    const kind = "parent";
    const first = await disclosureOfKind(db, kind, 5);
    expect(first.respondents(serviceCut(campaignId, services[1]))).toBe(6);
    expect(first.isHidden(serviceCut(campaignId, services[0]))).toBe(false);
    expect(first.isHidden(serviceCut(campaignId, services[1]))).toBe(false);
    expect(await disclosureOfKind(db, kind, 5)).toBe(first);

    // Two of service B's responses leave the counts (as a void does): B has 4, so it is
    // hidden, and A with it (all − A would give B).
    const before = await rollupGeneration(db);
    await db.transaction().execute(async (trx) => {
      for (const id of bIds.slice(0, 2)) {
        await uncountSubmittedResponse(trx, id);
        await trx.updateTable("responses").set({ voided_at: at }).where("id", "=", id).execute();
      }
    });
    expect(await rollupGeneration(db)).toBeGreaterThan(before);
    const second = await disclosureOfKind(db, kind, 5);
    expect(second).not.toBe(first);
    expect(second.respondents(serviceCut(campaignId, services[1]))).toBe(4);
    expect(second.isHidden(serviceCut(campaignId, services[1]))).toBe(true);
    expect(second.isHidden(serviceCut(campaignId, services[0]))).toBe(true);
  });

  it("never hands one database's plan to another with the same ids", async () => {
    const twinCampaign = (await other.selectFrom("campaigns").select("id").executeTakeFirstOrThrow()).id;
    const twinServices = (await other.selectFrom("services").select("id").orderBy("id").execute()).map((s) => s.id);
    const plan = await disclosureOfKind(other, "parent", 5);
    expect(plan.respondents(serviceCut(twinCampaign, twinServices[1]))).toBe(2);
    expect(plan.isHidden(serviceCut(twinCampaign, twinServices[1]))).toBe(true);
  });

  it("makes one plan for views that ask at once", async () => {
    await respond(db, campaignId, { service: services[0], submittedAt: at, answers: { overall: "5" } });
    const [a, b] = await Promise.all([disclosureOfKind(db, "parent", 5), disclosureOfKind(db, "parent", 5)]);
    expect(a).toBe(b);
  });

  it("builds a view again when a response is counted while it is being built, so figures and plan agree", async () => {
    let builds = 0;
    const view = await consistentWithRollup(db, async () => {
      builds++;
      const plan = await disclosureOfKind(db, "parent", 5);
      // Another request's response lands between the plan and the figures, the first time only.
      if (builds === 1) await respond(db, campaignId, { service: services[1], submittedAt: at, answers: { overall: "4" } });
      return plan.respondents(serviceCut(campaignId, services[1]));
    });
    expect(builds).toBe(2);
    expect(view).toBe(5);
  });

  it("says 'try again' rather than show figures the plan never saw, when the counts never stand still", async () => {
    let builds = 0;
    await expect(
      consistentWithRollup(
        db,
        async () => {
          builds++;
          await respond(db, campaignId, { service: services[0], submittedAt: at, answers: { overall: "3" } });
          return "view";
        },
        { deadlineMs: 0 },
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(builds).toBe(3);
  });
});
