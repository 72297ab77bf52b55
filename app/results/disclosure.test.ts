import { describe, expect, it } from "vitest";
import type { Channel, Language, Locality } from "@db/schema";
import { planDisclosure, wholeOf, type Cut, type FineCell, type LatticeShape, type PlaceCut } from "./disclosure";
import type { MonthKey, TermKey } from "./types";

// Hand-worked lattices. One survey (id 1) with one campaign (id 10) unless said otherwise;
// every response in English on paper in October 2026 unless said otherwise, so the
// language and channel cuts are the same groups as "all".

const survey = { level: "survey", id: 1 } as const;
const cut = (place: PlaceCut = { level: "all" }, more: Partial<Cut> = {}): Cut => ({ ...wholeOf(survey), place, ...more });
const service = (id: number): PlaceCut => ({ level: "service", id });
const organisation = (id: number): PlaceCut => ({ level: "organisation", id });

function cell(serviceId: number | null, n: number, more: { month?: MonthKey; language?: Language; channel?: Channel; campaignId?: number } = {}): FineCell {
  return { campaignId: more.campaignId ?? 10, month: more.month ?? "2026-10", serviceId, language: more.language ?? "en", channel: more.channel ?? "paper", n };
}

function shape(services: [id: number, organisationId: number, locality: Locality | null][], campaigns = [{ id: 10, surveyId: 1 }]): LatticeShape {
  return { campaigns, services: services.map(([id, organisationId, locality]) => ({ id, organisationId, locality })), kindCuts: false };
}

describe("planDisclosure", () => {
  it("hides a service of 3 and its smallest sibling in a 3-service organisation; the rest and the whole stay", () => {
    // Organisation 1: A (3), B (10), C (20). A is under 5; B, the smallest other, goes
    // with it (3 + 10 = 13 hidden together); C and the organisation (33) are shown.
    const d = planDisclosure([cell(1, 3), cell(2, 10), cell(3, 20)], shape([[1, 1, null], [2, 1, null], [3, 1, null]]), 5);
    expect([1, 2, 3].map((s) => d.isHidden(cut(service(s))))).toEqual([true, true, false]);
    expect(d.isHidden(cut(organisation(1)))).toBe(false);
    expect(d.isHidden(cut())).toBe(false);
    expect(d.respondents(cut(organisation(1)))).toBe(33);
    // The same service is hidden whatever else the cut says (all languages or English: the same people).
    expect(d.isHidden(cut(service(1), { language: "en", channel: "paper" }))).toBe(true);
  });

  it("hides a service when all services minus it is 4 (responses without a service)", () => {
    // A has 40; 4 responses have no service. All = 44; all − A = 4 could be had by
    // subtracting, so A (and its organisation, the same 40 people) is hidden.
    const d = planDisclosure([cell(1, 40), cell(null, 4)], shape([[1, 1, null]]), 5);
    expect(d.isHidden(cut(service(1)))).toBe(true);
    expect(d.isHidden(cut(organisation(1)))).toBe(true);
    expect(d.isHidden(cut())).toBe(false);
    expect(d.respondents(cut())).toBe(44);
  });

  it("hides a month of 3 and the smallest other month of its term; the term is shown", () => {
    // Autumn 2026: September 3, October 10, November 12 (one service). September is
    // hidden, October (the smallest other) with it; November and the term (25) shown.
    const d = planDisclosure([cell(1, 3, { month: "2026-09" }), cell(1, 10), cell(1, 12, { month: "2026-11" })], shape([[1, 1, null]]), 5);
    const month = (key: MonthKey) => cut({ level: "all" }, { period: { level: "month", key } });
    expect(["2026-09", "2026-10", "2026-11"].map((m) => d.isHidden(month(m as MonthKey)))).toEqual([true, true, false]);
    const term = cut({ level: "all" }, { period: { level: "term", key: "2026-autumn" as TermKey } });
    expect(d.isHidden(term)).toBe(false);
    expect(d.respondents(term)).toBe(25);
  });

  it("hides a language within a service and its other language, and then the language beside it in the sibling", () => {
    // Organisation 1: A — English 30, Urdu 2; B — English 20, Urdu 10.
    // A in Urdu (2) is small: A in English (30) goes with it, or it is A − A in English.
    // All in Urdu (12) splits into A 2 (hidden) + B 10: B in Urdu goes too (2 + 10 = 12).
    // B in English (20), A (32), B (30), all in English (50), all in Urdu (12), all (62) stay.
    const d = planDisclosure(
      [cell(1, 30), cell(1, 2, { language: "ur" }), cell(2, 20), cell(2, 10, { language: "ur" })],
      shape([[1, 1, null], [2, 1, null]]),
      5,
    );
    const at = (place: PlaceCut, language: Language | "all") => d.isHidden(cut(place, { language }));
    expect([at(service(1), "ur"), at(service(1), "en"), at(service(2), "ur")]).toEqual([true, true, true]);
    expect([at(service(2), "en"), at(service(1), "all"), at(service(2), "all"), at({ level: "all" }, "en"), at({ level: "all" }, "ur"), at({ level: "all" }, "all")]).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("iterates to a fixed point across the organisation and locality hierarchies", () => {
    // Organisation 1: A (3, north), B (6, south), C (40, east); organisation 2: D (30, south).
    // - A is under 5, and so are organisation 1 in the north and the north (A alone).
    // - Organisation 1 by service: B (the smallest other) goes with A: 3 + 6 = 9.
    // - Organisation 1 in the south is B alone (6): the same group, hidden too (and it is
    //   the smallest other part of organisation 1 by locality).
    // - All by locality: the north (3) is hidden, so the smallest other, the south (6 + 30 = 36), goes too.
    // - Shown: C and organisation 1 in the east (40), D, organisation 2 and 2 in the south (30), organisation 1 (49), the east (40), all (79).
    const d = planDisclosure(
      [cell(1, 3), cell(2, 6), cell(3, 40), cell(4, 30)],
      shape([[1, 1, "north"], [2, 1, "south"], [3, 1, "east"], [4, 2, "south"]]),
      5,
    );
    expect([1, 2, 3, 4].map((s) => d.isHidden(cut(service(s))))).toEqual([true, true, false, false]);
    const pair = (id: number, locality: Locality) => d.isHidden(cut({ level: "organisation_locality", id, locality }));
    expect([pair(1, "north"), pair(1, "south"), pair(1, "east"), pair(2, "south")]).toEqual([true, true, false, false]);
    const locality = (l: Locality) => d.isHidden(cut({ level: "locality", locality: l }));
    expect([locality("north"), locality("south"), locality("east")]).toEqual([true, true, false]);
    expect([organisation(1), organisation(2), { level: "all" } as PlaceCut].map((p) => d.isHidden(cut(p)))).toEqual([false, false, false]);
    expect(d.respondents(cut({ level: "locality", locality: "south" }))).toBe(36);
  });

  it("hides a service whose difference from a wider cut is 4", () => {
    // Organisation 1: A (40, north), B (4, north), C (20, south). Organisation 1 in the
    // north is A + B = 44, and 44 − A = 4: A is hidden by the difference, and B (4) is
    // small (and hides A as its complement too). In organisation 1, A + B = 44 are hidden
    // together, so C stays.
    const d = planDisclosure([cell(1, 40), cell(2, 4), cell(3, 20)], shape([[1, 1, "north"], [2, 1, "north"], [3, 1, "south"]]), 5);
    expect([1, 2, 3].map((s) => d.isHidden(cut(service(s))))).toEqual([true, true, false]);
    expect(d.isHidden(cut({ level: "organisation_locality", id: 1, locality: "north" }))).toBe(false);
  });

  it("hides a hidden whole's smallest part when every part is shown: a campaign whose survey differs from the kind by 2", () => {
    // Kind: survey 1 (campaigns 10: 20, 11: 30) and survey 2 (campaign 20: 2). Survey 2 is
    // small; survey 1 (50) goes with it in the kind's split, and then, being hidden with
    // both its campaigns shown, loses its smallest campaign (10: 20), and 20 ≥ 5 is enough.
    const d = planDisclosure(
      [cell(1, 20), cell(1, 30, { campaignId: 11 }), cell(1, 2, { campaignId: 20 })],
      { ...shape([[1, 1, null]], [{ id: 10, surveyId: 1 }, { id: 11, surveyId: 1 }, { id: 20, surveyId: 2 }]), kindCuts: true },
      5,
    );
    const kindTerm: Cut = { ...wholeOf({ level: "kind" }), period: { level: "term", key: "2026-autumn" as TermKey } };
    expect(d.isHidden(kindTerm)).toBe(false);
    expect(d.respondents(kindTerm)).toBe(52);
    expect(d.isHidden(wholeOf({ level: "survey", id: 2 }))).toBe(true);
    expect(d.isHidden(wholeOf({ level: "survey", id: 1 }))).toBe(true);
    expect(d.isHidden(wholeOf({ level: "campaign", id: 10 }))).toBe(true);
    expect(d.isHidden(wholeOf({ level: "campaign", id: 11 }))).toBe(false);
  });

  it("shows a large group with a few of anything in it, and never hides a cut nobody is in", () => {
    // 200 responses, 3 of them on the phone: the phone cut is hidden (3), paper (197) with
    // it; the whole stays. A service nobody answered for has 0 and is not hidden.
    const d = planDisclosure([cell(1, 197), cell(1, 3, { channel: "phone" })], shape([[1, 1, null], [2, 1, null]]), 5);
    expect(d.isHidden(cut())).toBe(false);
    expect(d.isHidden(cut({ level: "all" }, { channel: "phone" }))).toBe(true);
    expect(d.isHidden(cut({ level: "all" }, { channel: "paper" }))).toBe(true);
    expect(d.isHidden(cut(service(2)))).toBe(false);
    expect(d.respondents(cut(service(2)))).toBe(0);
  });

  it("takes the threshold as a parameter", () => {
    const cells = [cell(1, 7), cell(2, 30)];
    const services = shape([[1, 1, null], [2, 1, null]]);
    expect(planDisclosure(cells, services, 5).isHidden(cut(service(1)))).toBe(false);
    expect(planDisclosure(cells, services, 10).isHidden(cut(service(1)))).toBe(true);
  });
});
