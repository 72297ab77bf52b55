import { describe, expect, it } from "vitest";
import { principleView } from "~/results/co-assessment-page.server";
import { countCsvCell, figureCsvCells, scaleFigures, trendOf } from "~/results/results-page.server";
import type { CountCell } from "~/results/types";
import { wrapLabel } from "~/results/ui/charts";
import { countText, nText, percentNumber, percentText, pointsText } from "~/results/ui/format";

// The pages' own rules on top of metrics.ts and suppression.ts: figures of one question
// kept consistent, trends, co-assessment sides, and numbers as people read them.

const c = (cell: CountCell) => (cell.kind === "shown" ? cell.count : "hidden");
const scale = (five: number, four: number, three: number, two: number, one: number, dk: number) => ({
  "5": five,
  "4": four,
  "3": three,
  "2": two,
  "1": one,
  dont_know: dk,
});

describe("one scale question's figures", () => {
  const hiding = (visibility: "warn" | "suppress", more: { cutHidden?: boolean; aboutYou?: boolean } = {}) => ({
    cutHidden: more.cutHidden ?? false,
    aboutYou: more.aboutYou ?? false,
    visibility,
    threshold: 5,
  });

  it("show the board every answer count and share of a shown group, small ones included", () => {
    // 29 answered: 17 positive, 7 negative (3 + 4), 2 neutral, 3 don't know. The group is
    // shown (5 or more respondents), so nothing is hidden: 2 dissatisfied among 29
    // identify no one, and FFT comparisons need the % negative.
    const f = scaleFigures(scale(9, 8, 2, 3, 4, 3), hiding("suppress"));
    expect(["5", "4", "3", "2", "1", "dont_know"].map((v) => c(f.cells[v]))).toEqual([9, 8, 2, 3, 4, 3]);
    expect(f.negative).toMatchObject({ kind: "shown", successes: 7, n: 29, smallNumbers: false });
    expect(c(f.dontKnow)).toBe(3);
    expect(f.positive).toMatchObject({ kind: "shown", successes: 17, n: 29 });
  });

  it("hide every figure of a hidden group from the board, and flag them for those who may see them", () => {
    const f = scaleFigures(scale(9, 8, 2, 3, 4, 3), hiding("suppress", { cutHidden: true }));
    expect(c(f.answered)).toBe("hidden");
    expect([f.positive.kind, f.negative.kind]).toEqual(["suppressed", "suppressed"]);
    expect(Object.values(f.cells).every((x) => x.kind === "suppressed")).toBe(true);
    const w = scaleFigures(scale(9, 8, 2, 3, 4, 3), hiding("warn", { cutHidden: true }));
    expect(w.cells["3"]).toEqual({ kind: "shown", count: 2, smallNumbers: true });
    expect(w.positive).toMatchObject({ kind: "shown", successes: 17, n: 29, smallNumbers: true });
  });

  it("on an “about you” question, hide a small answer count with a second one, and the % made of them", () => {
    // 10 10 10 5 6 2: "don't know" (2) is small, so the smallest other above zero, 5
    // ("dissatisfied"), goes with it; the % negative (5 + 6) is hidden with its part.
    const g = scaleFigures(scale(10, 10, 10, 5, 6, 2), hiding("suppress", { aboutYou: true }));
    expect(["5", "4", "3", "2", "1", "dont_know"].map((v) => c(g.cells[v]))).toEqual([10, 10, 10, "hidden", 6, "hidden"]);
    expect(g.negative.kind).toBe("suppressed");
    expect(g.positive).toMatchObject({ kind: "shown", successes: 20, n: 43 });
  });

  it("show nothing of nobody", () => {
    const none = scaleFigures(scale(0, 0, 0, 0, 0, 0), hiding("suppress"));
    expect(none.positive).toEqual({ kind: "not_available", reason: "no_answers" });
    expect(c(none.answered)).toBe(0);
  });
});

describe("a trend by term", () => {
  const counts = (positive: number, rest: number) => ({ positive, neutral: rest, negative: 0, dontKnow: 0 });
  it("hides the terms whose cuts are hidden, and only those", () => {
    const t = trendOf(
      [
        { period: "2026-spring", counts: counts(6, 4) },
        { period: "2026-summer", counts: counts(2, 2) },
        { period: "2026-autumn", counts: counts(9, 6) },
      ],
      "en",
      "suppress",
      5,
      (term) => term !== "2026-autumn",
    );
    expect(t.map((p) => [p.label, p.figure.kind])).toEqual([
      ["Spring term 2026", "suppressed"],
      ["Summer term 2026", "suppressed"],
      ["Autumn term 2026", "shown"],
    ]);
    expect(trendOf([{ period: "2026-10", counts: counts(1, 1) }], "ur", "warn", 5, () => true)[0]).toMatchObject({ figure: { kind: "shown", smallNumbers: true } });
  });
});

describe("a co-assessment principle", () => {
  const agree = (positive: number, rest: number) => ({ positive, neutral: rest, negative: 0, dontKnow: 0 });
  it("hides both sides when one is small, and then the gap", () => {
    expect(principleView("k", "t", agree(4, 3), agree(2, 0), "suppress", 5)).toMatchObject({
      family: { kind: "suppressed" },
      professional: { kind: "suppressed" },
      gap: { kind: "unknown" },
    });
  });
  it("hides both sides of a hidden service", () => {
    expect(principleView("k", "t", agree(40, 3), agree(20, 10), "suppress", 5, true)).toMatchObject({
      family: { kind: "suppressed" },
      professional: { kind: "suppressed" },
      gap: { kind: "unknown" },
    });
  });
  it("takes the gap from the %s as shown", () => {
    // 4/7 = 57.142…% shows 57.1; 2/3 = 66.666…% shows 66.7: the gap is −9.6 (not −9.5).
    const p = principleView("k", "t", agree(4, 3), agree(2, 1), "warn", 5);
    expect(p.gap).toEqual({ kind: "shown", points: -9.6 });
  });
});

describe("numbers for people", () => {
  it("always show one decimal, group thousands, sign a gap", () => {
    expect(percentText(62.5)).toBe("62.5%");
    expect(percentText(100)).toBe("100.0%");
    expect(percentNumber(2.95)).toBe("3.0");
    expect(percentNumber((29 / 1000) * 100)).toBe("2.9");
    expect(countText(1234567)).toBe("1,234,567");
    expect(nText(40)).toBe("n = 40");
    expect(pointsText(12.5)).toBe("+12.5");
    expect(pointsText(-4)).toBe("\u22124.0");
    expect(pointsText(0.04)).toBe("0.0");
  });

  it("write hidden and impossible figures in words in CSV, in the viewer's language", () => {
    expect(figureCsvCells({ kind: "suppressed", reason: "fewer_than", threshold: 5 }, "en").slice(0, 2)).toEqual([
      "fewer than 5 responses",
      "fewer than 5 responses",
    ]);
    expect(figureCsvCells({ kind: "suppressed", reason: "fewer_than", threshold: 5 }, "ur")[0]).toBe("5 سے کم جوابات");
    expect(figureCsvCells({ kind: "not_available", reason: "no_answers" }, "en")[0]).toBe("not available: nobody answered");
    expect(figureCsvCells({ kind: "shown", percent: 200 / 3, successes: 2, n: 3, interval: { low: 20.765, high: 93.85 }, smallNumbers: true }, "en")).toEqual([
      66.7,
      3,
      20.8,
      93.9,
      "Small numbers: treat with care",
    ]);
    expect(countCsvCell({ kind: "suppressed", reason: "fewer_than", threshold: 10 }, "en")).toBe("fewer than 10 responses");
  });

  it("wrap long chart labels into a few lines", () => {
    expect(wrapLabel("Neither satisfied nor dissatisfied", 30)).toEqual(["Neither satisfied nor", "dissatisfied"]);
    expect(wrapLabel("a b c d e f g h", 3, 2)).toEqual(["a b", "c d…"]);
  });
});
