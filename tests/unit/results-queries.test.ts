import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import {
  coAssessment,
  coAssessmentByService,
  comments,
  filterOptions,
  headlineByKindAndTerm,
  headlineByPeriod,
  headlineCounts,
  questionDistributions,
  rawAnswers,
  type RawAnswerRow,
} from "~/results/queries.server";
import { returnRates } from "~/results/return-rates.server";
import type { ReturnRates } from "~/results/return-rates";
import { createTestDb } from "../support/db";
import { buildResultsData } from "../support/results-data";

// The data set and its table of responses: tests/support/results-data.ts. Every expected
// number below is counted by hand from that table.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let d: Awaited<ReturnType<typeof buildResultsData>>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  d = await buildResultsData(db);
});
afterEach(async () => cleanup());

const counts = (positive: number, neutral: number, negative: number, dontKnow: number) => ({ positive, neutral, negative, dontKnow });
const term = (key: string) => ({ type: "term" as const, key });
const month = (key: string) => ({ type: "month" as const, key });

describe("headline satisfaction counts", () => {
  it("count every submitted headline answer, 'don't know' apart, never the unsubmitted u1", async () => {
    // r1 5, r2 4, r6 5, r7 4, r9 4, r10 5 positive; r5 3, r11 3 neutral; r3 2, r8 1 negative; r4 don't know.
    // u1's "1" would be a third negative.
    expect(await headlineCounts(db, {})).toEqual(counts(6, 2, 2, 1));
  });

  it("narrow by every cut", async () => {
    const { S1, S2, S3 } = d.services;
    // Parent survey, both versions: r1 5, r2 4, r3 2, r4 dk, r5 3, r6 5.
    expect(await headlineCounts(db, { surveyId: d.surveys.parent })).toEqual(counts(3, 1, 1, 1));
    expect(await headlineCounts(db, { kind: "parent" })).toEqual(counts(3, 1, 1, 1));
    // C1: r1 5, r2 4, r3 2, r4 dk.
    expect(await headlineCounts(db, { campaignId: d.campaigns.C1 })).toEqual(counts(2, 0, 1, 1));
    // S1: r1 5, r2 4, r5 3, r6 5, r9 4.
    expect(await headlineCounts(db, { serviceIds: [S1] })).toEqual(counts(4, 1, 0, 0));
    // S2 and S3: r7 4, r10 5; r11 3; r3 2, r8 1; r4 dk.
    expect(await headlineCounts(db, { serviceIds: [S2, S3] })).toEqual(counts(2, 1, 2, 1));
    expect(await headlineCounts(db, { serviceIds: [] })).toEqual(counts(0, 0, 0, 0));
    // Organisation B is S3: r7 4, r8 1, r10 5, r11 3.
    expect(await headlineCounts(db, { organisationId: d.organisations.B })).toEqual(counts(2, 1, 1, 0));
    // North is S1 and S3: everything but r3 and r4 (S2).
    expect(await headlineCounts(db, { locality: "north" })).toEqual(counts(6, 2, 1, 0));
    expect(await headlineCounts(db, { locality: "south" })).toEqual(counts(0, 0, 1, 1));
    // Setting surveys: r7 4, r8 1.
    expect(await headlineCounts(db, { kind: "setting" })).toEqual(counts(1, 0, 1, 0));
    expect(await headlineCounts(db, { kind: "partner" })).toEqual(counts(0, 0, 0, 0));
    // Urdu: r2 4, r6 5, r11 3. Paper: r2 4, r11 3.
    expect(await headlineCounts(db, { language: "ur" })).toEqual(counts(2, 1, 0, 0));
    expect(await headlineCounts(db, { channel: "paper" })).toEqual(counts(1, 1, 0, 0));
    expect(await headlineCounts(db, { channel: "phone" })).toEqual(counts(0, 0, 0, 1));
    // By submission: spring 2026 is r1 (Feb), r2 (Mar), r4 (Feb); summer r3 (2 Apr, though C1
    // opened in spring), r7, r8; autumn r5, r6, r9, r10, r11. September: r5 3, r9 4, r10 5.
    expect(await headlineCounts(db, { period: term("2026-spring") })).toEqual(counts(2, 0, 0, 1));
    expect(await headlineCounts(db, { period: term("2026-summer") })).toEqual(counts(1, 0, 2, 0));
    expect(await headlineCounts(db, { period: term("2026-autumn") })).toEqual(counts(3, 2, 0, 0));
    expect(await headlineCounts(db, { period: month("2026-09") })).toEqual(counts(2, 1, 0, 0));
    expect(await headlineCounts(db, { period: term("2025-autumn") })).toEqual(counts(0, 0, 0, 0));
    // Cuts combine: parent survey, English, spring: r1 5, r4 dk.
    expect(await headlineCounts(db, { surveyId: d.surveys.parent, language: "en", period: term("2026-spring") })).toEqual(counts(1, 0, 0, 1));
  });

  it("refuse a period key that is not one", async () => {
    await expect(headlineCounts(db, { period: term("2026-13") })).rejects.toThrow("Not a term key");
  });

  it("make a trend by term or month of submission, oldest first", async () => {
    expect(await headlineByPeriod(db, { surveyId: d.surveys.parent }, "term")).toEqual([
      { period: "2026-spring", counts: counts(2, 0, 0, 1) },
      { period: "2026-summer", counts: counts(0, 0, 1, 0) },
      { period: "2026-autumn", counts: counts(1, 1, 0, 0) },
    ]);
    expect(await headlineByPeriod(db, { surveyId: d.surveys.parent }, "month")).toEqual([
      { period: "2026-02", counts: counts(1, 0, 0, 1) },
      { period: "2026-03", counts: counts(1, 0, 0, 0) },
      { period: "2026-04", counts: counts(0, 0, 1, 0) },
      { period: "2026-09", counts: counts(0, 1, 0, 0) },
      { period: "2026-10", counts: counts(1, 0, 0, 0) },
    ]);
  });

  it("give the board parent, setting and partner satisfaction for the terms asked, empty cells included", async () => {
    const board = await headlineByKindAndTerm(db, ["2026-summer", "2026-autumn"]);
    expect(board).toEqual([
      { kind: "parent", term: "2026-summer", counts: counts(0, 0, 1, 0) },
      { kind: "parent", term: "2026-autumn", counts: counts(1, 1, 0, 0) },
      { kind: "setting", term: "2026-summer", counts: counts(1, 0, 1, 0) },
      { kind: "setting", term: "2026-autumn", counts: counts(0, 0, 0, 0) },
      { kind: "partner", term: "2026-summer", counts: counts(0, 0, 0, 0) },
      { kind: "partner", term: "2026-autumn", counts: counts(0, 0, 0, 0) },
    ]);
  });
});

describe("return rates", () => {
  // C1 has invitations but none of its responses came through one (they are open link,
  // paper and phone); C2 has an eligible count of 10 and two open-link responses; C3 and
  // C4 have no denominator. See tests/unit/results-return-rates.test.ts for a campaign
  // with every kind of denominator.
  const combined = (r: ReturnRates) => r.combined;
  const left = (r: ReturnRates) => Object.fromEntries(r.channels.filter((c) => c.withoutDenominator > 0).map((c) => [c.channel, c.withoutDenominator]));

  it("count invitation responses over delivered invitations, the forms' channels over the eligible count, the rest beside", async () => {
    const rates = await returnRates(db, {});
    // Delivered: C1's 5 invitations less 1 bounced and 1 never sent = 3; eligible: C2's 10.
    expect(rates).toMatchObject({ delivered: 3, eligible: 10 });
    expect(combined(rates)).toEqual({ kind: "rate", returned: 0, denominator: 13 });
    // Open link r1 r3 r5 r6 r7 r9 r10; paper r2 (C1) r11 (C4); phone r4 (C1); interpreted r8 (C3); never u1.
    expect(left(rates)).toEqual({ open_link: 7, paper: 2, phone: 1, interpreted: 1 });
  });

  it("cut by period: responses completed in it, over the campaigns open during it", async () => {
    // Spring 2026: only C1 was open; r1 (open link), r2 (paper), r4 (phone) were completed then (r3 in April).
    const spring = await returnRates(db, { period: term("2026-spring") });
    expect(combined(spring)).toEqual({ kind: "rate", returned: 0, denominator: 3 });
    expect(left(spring)).toEqual({ open_link: 1, paper: 1, phone: 1 });
    // September 2026: C1 (still open), C2, C3 and C4: 3 delivered + 10 eligible; r5, r9, r10 by open link.
    const september = await returnRates(db, { period: month("2026-09") });
    expect(combined(september)).toEqual({ kind: "rate", returned: 0, denominator: 13 });
    expect(left(september)).toEqual({ open_link: 3 });
  });

  it("cut by service: that service's invitations, and a total eligible count only when the cut covers the whole campaign", async () => {
    const { S1, S2 } = d.services;
    // S1: C1's 2 delivered to S1; C2's 10 cover S1 and S2, so they cannot be split.
    const s1 = await returnRates(db, { serviceIds: [S1] });
    expect(s1).toMatchObject({ delivered: 2, eligible: null });
    expect(left(s1)).toEqual({ open_link: 4, paper: 1 });
    expect(combined(await returnRates(db, { serviceIds: [S2] }))).toEqual({ kind: "rate", returned: 0, denominator: 1 });
    // Organisation A is S1 + S2: the whole of C1 and C2.
    expect(combined(await returnRates(db, { organisationId: d.organisations.A }))).toEqual({ kind: "rate", returned: 0, denominator: 13 });
    expect(combined(await returnRates(db, { serviceIds: [] }))).toEqual({ kind: "none" });
  });

  it("keep an eligible count recorded per service in a service cut", async () => {
    const { S1, S2 } = d.services;
    const { C2 } = d.campaigns;
    await db.updateTable("campaigns").set({ eligible_count: null }).where("id", "=", C2).execute();
    await db
      .insertInto("campaign_eligible_counts")
      .values([
        { campaign_id: C2, service_id: S1, eligible_count: 6 },
        { campaign_id: C2, service_id: S2, eligible_count: 4 },
      ])
      .execute();
    expect(await returnRates(db, { serviceIds: [S1] })).toMatchObject({ delivered: 2, eligible: 6, combined: { kind: "rate", returned: 0, denominator: 8 } });
    expect(await returnRates(db, { serviceIds: [S2] })).toMatchObject({ delivered: 1, eligible: 4, combined: { kind: "rate", returned: 0, denominator: 5 } });
    expect(await returnRates(db, {})).toMatchObject({ eligible: 10, combined: { kind: "rate", returned: 0, denominator: 13 } });
  });

  it("have no denominator cut by language; a channel cut gives that channel's rate", async () => {
    const urdu = await returnRates(db, { language: "ur" });
    expect(combined(urdu)).toEqual({ kind: "none" });
    // Urdu r2 (C1 paper), r6 (C2 open link), r11 (C4 paper).
    expect(left(urdu)).toEqual({ paper: 2, open_link: 1 });
    // Paper: C2's 10 forms, none returned on paper there; r2 and r11 have no eligible count.
    const paper = await returnRates(db, { channel: "paper" });
    expect(combined(paper)).toEqual({ kind: "rate", returned: 0, denominator: 10 });
    expect(left(paper)).toEqual({ paper: 2 });
  });
});

describe("question distributions", () => {
  it("join both survey versions by key, newest wording and order first, with every value counted", async () => {
    const result = await questionDistributions(db, { surveyId: d.surveys.parent });
    expect(result.map((q) => q.key)).toEqual(["overall", "agree", "contact", "heard", "helped", "comment", "old_q"]);
    const byKey = Object.fromEntries(result.map((q) => [q.key, q]));
    expect(byKey.overall).toMatchObject({
      type: "satisfaction",
      text: { en: "Overall, how satisfied?", ur: "Overall, how satisfied? (ur)" },
      // r1 5, r6 5; r2 4; r5 3; r3 2; r4 don't know.
      counts: { "5": 2, "4": 1, "3": 1, "2": 1, "1": 0, dont_know: 1 },
      answered: 6,
      scale: counts(3, 1, 1, 1),
    });
    // r1 4, r2 dk, r3 1, r5 5, r6 4.
    expect(byKey.agree).toMatchObject({ counts: { "5": 1, "4": 2, "3": 0, "2": 0, "1": 1, dont_know: 1 }, answered: 5, scale: counts(3, 0, 1, 1) });
    // r1 yes, r2 no, r3 not sure, r5 yes.
    expect(byKey.contact).toMatchObject({ counts: { yes: 2, no: 1, not_sure: 1 }, answered: 4, scale: null });
    // r1 a, r2 b, r3 a, r5 c ("c" only in version 2).
    expect(byKey.heard).toMatchObject({
      options: [
        { value: "a", label: { en: "School", ur: "School (ur)" } },
        { value: "b", label: { en: "Doctor", ur: "Doctor (ur)" } },
        { value: "c", label: { en: "Friend", ur: "Friend (ur)" } },
      ],
      counts: { a: 2, b: 1, c: 1 },
      answered: 4,
    });
    // r1 x+y, r2 x, r3 z, r6 y+z: 4 families answered, 6 ticks.
    expect(byKey.helped).toMatchObject({ type: "multiple_choice", counts: { x: 2, y: 2, z: 2 }, answered: 4 });
    // r1, r2, r5 wrote something; u1 never submitted.
    expect(byKey.comment).toMatchObject({ type: "long_text", counts: {}, answered: 3 });
    expect(byKey.old_q).toMatchObject({ counts: { yes: 1, no: 0, not_sure: 0 }, answered: 1, text: { en: "Old question?" } });
  });

  it("narrow by the cuts", async () => {
    // Urdu: r2 (overall 4, helped x, comment), r6 (overall 5, helped y+z).
    const ur = Object.fromEntries((await questionDistributions(db, { surveyId: d.surveys.parent, language: "ur" })).map((q) => [q.key, q]));
    expect(ur.overall.counts).toEqual({ "5": 1, "4": 1, "3": 0, "2": 0, "1": 0, dont_know: 0 });
    expect(ur.helped).toMatchObject({ counts: { x: 1, y: 1, z: 1 }, answered: 2 });
    expect(ur.comment.answered).toBe(1);
    // C1 only is version 1: no option "c", no r5 or r6.
    const c1 = await questionDistributions(db, { campaignId: d.campaigns.C1 });
    expect(c1.map((q) => q.key)).toEqual(["overall", "agree", "contact", "heard", "helped", "comment", "old_q"]);
    expect(c1.find((q) => q.key === "heard")).toMatchObject({ counts: { a: 2, b: 1 }, text: { en: "Where did you hear of us?" } });
    // S2 in the summer: r3 only.
    const s2 = await questionDistributions(db, { surveyId: d.surveys.parent, serviceIds: [d.services.S2], period: term("2026-summer") });
    expect(s2.find((q) => q.key === "overall")!.counts).toEqual({ "5": 0, "4": 0, "3": 0, "2": 1, "1": 0, dont_know: 0 });
    expect(s2.find((q) => q.key === "helped")).toMatchObject({ counts: { x: 0, y: 0, z: 1 }, answered: 1 });
    expect(await questionDistributions(db, { surveyId: 9999 })).toEqual([]);
  });
});

describe("co-assessment", () => {
  it("split each charter principle between families and professionals by their answer to 'role'", async () => {
    // Families r9 (trusted 5, listened 2) and r11 (trusted 1, listened dk); professional r10 (4, 4).
    expect(await coAssessment(db, {})).toEqual([
      { key: "trusted", text: { en: "Families are trusted.", ur: "Families are trusted. (ur)" }, family: counts(1, 0, 1, 0), professional: counts(1, 0, 0, 0) },
      { key: "listened", text: { en: "Families are listened to.", ur: "Families are listened to. (ur)" }, family: counts(0, 0, 1, 1), professional: counts(1, 0, 0, 0) },
    ]);
    // S3: r10 and r11 only.
    const s3 = await coAssessment(db, { serviceIds: [d.services.S3] });
    expect(s3.map((p) => [p.key, p.family, p.professional])).toEqual([
      ["trusted", counts(0, 0, 1, 0), counts(1, 0, 0, 0)],
      ["listened", counts(0, 0, 0, 1), counts(1, 0, 0, 0)],
    ]);
    expect(await coAssessment(db, { surveyId: d.surveys.parent })).toEqual([]);
  });

  it("give the same per service in one go, zeros for a service nobody answered about", async () => {
    const { S1, S2, S3 } = d.services;
    const s1 = await coAssessment(db, { serviceIds: [S1] });
    const s3 = await coAssessment(db, { serviceIds: [S3] });
    expect(s1.map((p) => p.family)).toEqual([counts(1, 0, 0, 0), counts(0, 0, 1, 0)]);
    const zero = (await coAssessment(db, { serviceIds: [S2] })).map((p) => ({ ...p }));
    expect(zero.map((p) => [p.family, p.professional])).toEqual([
      [counts(0, 0, 0, 0), counts(0, 0, 0, 0)],
      [counts(0, 0, 0, 0), counts(0, 0, 0, 0)],
    ]);
    expect(await coAssessmentByService(db, { serviceIds: [S1, S2, S3] })).toEqual([
      { serviceId: S1, principles: s1 },
      { serviceId: S2, principles: zero },
      { serviceId: S3, principles: s3 },
    ]);
    // Without service ids: the services with answers.
    expect((await coAssessmentByService(db, {})).map((x) => x.serviceId)).toEqual([S1, S3]);
  });
});

describe("comments", () => {
  it("list free text newest first with the total, never from an unsubmitted response", async () => {
    const { S1 } = d.services;
    const first = await comments(db, { surveyId: d.surveys.parent }, { limit: 2, offset: 0 });
    expect(first).toEqual({
      total: 3,
      comments: [
        { answerId: expect.any(Number), responseId: expect.any(Number), questionKey: "comment", questionText: { en: "Anything else?", ur: "Anything else? (ur)" }, text: "Better", language: "en", serviceId: S1, campaignId: d.campaigns.C2, submittedOn: "2026-09-15" },
        { answerId: expect.any(Number), responseId: expect.any(Number), questionKey: "comment", questionText: { en: "Anything else?", ur: "Anything else? (ur)" }, text: "Slow", language: "ur", serviceId: S1, campaignId: d.campaigns.C1, submittedOn: "2026-03-15" },
      ],
    });
    const second = await comments(db, { surveyId: d.surveys.parent }, { limit: 2, offset: 2 });
    expect(second.total).toBe(3);
    expect(second.comments.map((c) => c.text)).toEqual(["Good"]);
    expect((await comments(db, {}, { limit: 10, offset: 0 })).comments.map((c) => c.text)).not.toContain("Never sent");
    // limit -1: all of them, from the offset on.
    expect((await comments(db, {}, { limit: -1, offset: 0 })).comments.map((c) => c.text)).toEqual(["Better", "Slow", "Good"]);
    expect((await comments(db, {}, { limit: -1, offset: 1 })).comments.map((c) => c.text)).toEqual(["Slow", "Good"]);
    expect((await comments(db, {}, { limit: 5, offset: 3 })).comments).toEqual([]);
  });

  it("narrow by the cuts", async () => {
    const texts = async (filter: Parameters<typeof comments>[1]) => {
      const page = await comments(db, filter, { limit: 10, offset: 0 });
      return [page.total, page.comments.map((c) => c.text)];
    };
    expect(await texts({ serviceIds: [d.services.S2] })).toEqual([0, []]);
    expect(await texts({ language: "ur" })).toEqual([1, ["Slow"]]);
    expect(await texts({ campaignId: d.campaigns.C1 })).toEqual([2, ["Slow", "Good"]]);
    expect(await texts({ period: term("2026-autumn") })).toEqual([1, ["Better"]]);
    expect(await texts({ kind: "setting" })).toEqual([0, []]);
  });
});

describe("raw answers", () => {
  async function all(filter: Parameters<typeof rawAnswers>[1], batch?: number) {
    const rows: RawAnswerRow[] = [];
    for await (const b of rawAnswers(db, filter, batch)) rows.push(...b);
    return rows;
  }

  it("number responses within the export, in the order submitted, one row per answer (per option ticked)", async () => {
    const rows = await all({ campaignId: d.campaigns.C1 });
    // r1: 8 rows (helped twice), r2: 6, r3: 5, r4: 1. u1 is not there.
    expect(rows).toHaveLength(20);
    expect(rows.slice(0, 8)).toEqual(
      [
        ["overall", "5"],
        ["agree", "4"],
        ["contact", "yes"],
        ["heard", "a"],
        ["helped", "x"],
        ["helped", "y"],
        ["comment", "Good"],
        ["old_q", "yes"],
      ].map(([questionKey, value]) => ({
        responseNumber: 1,
        campaign: "c1",
        service: "s1",
        language: "en",
        channel: "open_link",
        submittedOn: "2026-02-10",
        questionKey,
        value,
      })),
    );
    // Then in the order submitted: r4 (20 Feb), r2 (15 Mar), r3 (2 Apr).
    expect(rows.slice(8).map((r) => r.responseNumber)).toEqual([2, ...Array(6).fill(3), ...Array(5).fill(4)]);
    expect(rows[8]).toMatchObject({ service: "s2", channel: "phone", submittedOn: "2026-02-20", questionKey: "overall", value: "dont_know" });
    expect(rows[9]).toMatchObject({ service: "s1", language: "ur", channel: "paper", submittedOn: "2026-03-15", questionKey: "overall", value: "4" });
    expect(rows.map((r) => r.value)).not.toContain("Never sent");
    // Batches of one response give the same rows.
    expect(await all({ campaignId: d.campaigns.C1 }, 1)).toEqual(rows);
  });

  it("follow the cuts", async () => {
    const rows = await all({ language: "ur" });
    // r2 (6 answers), r6 (4), r11 (4).
    expect(rows).toHaveLength(14);
    expect([...new Set(rows.map((r) => r.campaign))]).toEqual(["c1", "c2", "c4"]);
    expect(await all({ serviceIds: [] })).toEqual([]);
  });
});

describe("filter options", () => {
  it("list surveys, campaigns, services and the periods with responses", async () => {
    const all = await filterOptions(db);
    expect(all.surveys.map((s) => [s.kind, s.title.en])).toEqual([
      ["parent", "Parent survey, revised"],
      ["setting", "Setting survey"],
      ["co_assessment", "Co-assessment"],
    ]);
    expect(all.services.map((s) => s.slug)).toEqual(["s1", "s2", "s3"]);
    expect(all.organisations.map((o) => o.slug)).toEqual(["org-a", "org-b"]);
    expect(all.localities).toEqual(["north", "south"]);
    expect(all.terms).toEqual(["2026-spring", "2026-summer", "2026-autumn"]);
    expect(all.months).toEqual(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-09", "2026-10"]);

    const parent = await filterOptions(db, { surveyId: d.surveys.parent, serviceIds: [d.services.S2] });
    expect(parent.campaigns.map((c) => c.slug)).toEqual(["c2", "c1"]);
    expect(parent.services.map((s) => s.slug)).toEqual(["s2"]);
    expect(parent.organisations.map((o) => o.slug)).toEqual(["org-a"]);
    expect(parent.months).toEqual(["2026-02", "2026-03", "2026-04", "2026-09", "2026-10"]);
    expect((await filterOptions(db, { campaignId: d.campaigns.C3 })).terms).toEqual(["2026-summer"]);
  });
});
