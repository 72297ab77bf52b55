import { describe, expect, it } from "vitest";
import type { Channel } from "@db/schema";
import { denominatorOf, onlyChannel, returnFigure, returnRatesOf, withoutDenominatorCells, type ReturnUnit } from "./return-rates";

const unit = (delivered: number, eligible: number | null, responses: Partial<Record<Channel, number>>): ReturnUnit => ({ delivered, eligible, responses });
const rateOf = (units: ReturnUnit[], channel: Channel) => returnRatesOf(units).channels.find((c) => c.channel === channel)!;

describe("which channels each denominator covers", () => {
  it.each([
    ["invitation", "delivered"],
    ["paper", "eligible"],
    ["phone", "eligible"],
    ["interpreted", "eligible"],
    ["open_link", "none"],
  ] as const)("%s responses are counted against %s", (channel, denominator) => {
    expect(denominatorOf(channel)).toBe(denominator);
  });
});

describe("return rates per channel and combined", () => {
  // The mixed campaign: 150 forms, 2 of 4 invitations delivered, 2 invitation,
  // 3 open-link and 30 paper responses.
  const mixed = unit(2, 150, { invitation: 2, open_link: 3, paper: 30 });

  it.each([
    // [name, units, invitation, paper, combined]
    ["the mixed campaign", [mixed], { returned: 2, denominator: 2 }, { returned: 30, denominator: 150 }, { returned: 32, denominator: 152 }],
    ["invitations only", [unit(17, null, { invitation: 8 })], { returned: 8, denominator: 17 }, null, { returned: 8, denominator: 17 }],
    ["forms only", [unit(0, 30, { paper: 12 })], null, { returned: 12, denominator: 30 }, { returned: 12, denominator: 30 }],
    [
      "two campaigns, one of each",
      [unit(17, null, { invitation: 8 }), unit(0, 30, { paper: 12, phone: 3 })],
      { returned: 8, denominator: 17 },
      { returned: 12, denominator: 30 },
      { returned: 23, denominator: 47 },
    ],
  ])("%s", (_name, units, invitation, paper, combined) => {
    const rates = returnRatesOf(units);
    const state = (x: { returned: number; denominator: number } | null) => (x ? { kind: "rate", ...x } : { kind: "none" });
    expect(rateOf(units, "invitation").rate).toEqual(state(invitation));
    expect(rateOf(units, "paper").rate).toEqual(state(paper));
    expect(rates.combined).toEqual(state(combined));
  });

  it("leaves open-link responses out of the rate and reports them beside it", () => {
    const rates = returnRatesOf([mixed]);
    expect(rateOf([mixed], "open_link")).toMatchObject({ returned: 0, withoutDenominator: 3, rate: { kind: "none" } });
    expect(withoutDenominatorCells(rates, "warn", 5)).toEqual([{ channel: "open_link", responses: { kind: "shown", count: 3, smallNumbers: true } }]);
  });

  it("gives phone and interpreted answers the eligible count too, each its own share of it", () => {
    const units = [unit(0, 200, { paper: 50, phone: 10, interpreted: 4 })];
    expect(rateOf(units, "phone").rate).toEqual({ kind: "rate", returned: 10, denominator: 200 });
    expect(rateOf(units, "interpreted").rate).toEqual({ kind: "rate", returned: 4, denominator: 200 });
    expect(returnRatesOf(units).combined).toEqual({ kind: "rate", returned: 64, denominator: 200 }); // 32 %
  });

  it("reports the responses of a unit without its denominator beside the rate, not in it", () => {
    // Service A has 100 forms; service B none recorded: B's 7 paper responses are left out.
    const units = [unit(0, 100, { paper: 20 }), unit(0, null, { paper: 7 }), unit(0, null, { invitation: 1 })];
    expect(rateOf(units, "paper")).toMatchObject({ returned: 20, withoutDenominator: 7, rate: { kind: "rate", returned: 20, denominator: 100 } });
    expect(rateOf(units, "invitation")).toMatchObject({ returned: 0, withoutDenominator: 1, rate: { kind: "none" } });
    expect(returnRatesOf(units).combined).toEqual({ kind: "rate", returned: 20, denominator: 100 });
  });

  it("is not available without any denominator, never 0 or 100", () => {
    for (const units of [[], [unit(0, null, { open_link: 9 })], [unit(0, null, { paper: 4, invitation: 2 })]]) {
      const rates = returnRatesOf(units);
      expect(rates.combined).toEqual({ kind: "none" });
      expect(returnFigure(rates.combined, "warn", 5)).toEqual({ kind: "not_available", reason: "no_denominator" });
    }
  });

  it("counts delivered invitations that nobody answered: 0 of 10 is 0 %", () => {
    expect(returnRatesOf([unit(10, null, {})]).combined).toEqual({ kind: "rate", returned: 0, denominator: 10 });
  });
});

describe("never above 100 %", () => {
  it("says to check the eligible count when the forms' channels together pass it", () => {
    // 100 paper + 60 phone > 150 forms, though each alone is under.
    const units = [unit(20, 150, { invitation: 5, paper: 100, phone: 60 })];
    const rates = returnRatesOf(units);
    expect(rateOf(units, "paper").rate).toMatchObject({ kind: "over", cause: "eligible" });
    expect(rates.combined).toMatchObject({ kind: "over", cause: "eligible" });
    expect(rateOf(units, "invitation").rate).toEqual({ kind: "rate", returned: 5, denominator: 20 });
    expect(returnFigure(rates.combined, "suppress", 5)).toEqual({ kind: "not_available", reason: "more_than_handed_out" });
  });

  it("does not let one campaign's spare forms hide another's wrong count", () => {
    // 40 paper / 30 forms in one campaign, 10 / 500 in another: 50 / 530 would look fine.
    const units = [unit(0, 30, { paper: 40 }), unit(0, 500, { paper: 10 })];
    expect(returnRatesOf(units).combined).toMatchObject({ kind: "over", cause: "eligible" });
  });

  it("says to check the bounce list when more invitations were answered than delivered", () => {
    const rates = returnRatesOf([unit(10, null, { invitation: 12 })]);
    expect(returnFigure(rates.combined, "warn", 5)).toEqual({ kind: "not_available", reason: "more_than_delivered" });
  });

  it("hides an over-full rate from a few forms like any small figure", () => {
    const rates = returnRatesOf([unit(0, 3, { paper: 4 })]);
    expect(returnFigure(rates.combined, "suppress", 5)).toEqual({ kind: "suppressed", reason: "fewer_than", threshold: 5 });
  });
});

describe("as figures", () => {
  it("shows the rate with its denominator as n and the Wilson interval", () => {
    const figure = returnFigure({ kind: "rate", returned: 30, denominator: 150 }, "suppress", 5);
    expect(figure).toMatchObject({ kind: "shown", percent: 20, successes: 30, n: 150 });
    // Wilson 95 % for 30/150: 14.38–27.11 %.
    if (figure.kind !== "shown") throw new Error("shown");
    expect(figure.interval!.low).toBeCloseTo(14.38, 2);
    expect(figure.interval!.high).toBeCloseTo(27.11, 2);
  });

  it("hides a rate over fewer than 5 delivered invitations from the board", () => {
    expect(returnFigure({ kind: "rate", returned: 2, denominator: 2 }, "suppress", 5)).toEqual({ kind: "suppressed", reason: "fewer_than", threshold: 5 });
    expect(returnFigure({ kind: "rate", returned: 2, denominator: 2 }, "warn", 5)).toMatchObject({ kind: "shown", percent: 100, smallNumbers: true });
  });

  it("gives a channel cut that channel's rate as the whole", () => {
    const rates = returnRatesOf([unit(2, 150, { invitation: 2, open_link: 3, paper: 30 })]);
    expect(onlyChannel(rates, "paper")).toMatchObject({ combined: { kind: "rate", returned: 30, denominator: 150 }, delivered: 0, eligible: 150 });
    expect(onlyChannel(rates, "open_link").combined).toEqual({ kind: "none" });
  });
});
