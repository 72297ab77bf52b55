import { describe, expect, it } from "vitest";
import { suppressParts, toCountCell, toFigure, visibilityFor } from "./suppression";
import type { CountCell } from "./types";

const HIDDEN = { kind: "suppressed", reason: "fewer_than", threshold: 5 } as const;
const shown = (count: number, smallNumbers = false): CountCell => ({ kind: "shown", count, smallNumbers });

describe("visibilityFor", () => {
  it("suppresses for the PCF and the board, even on one service", () => {
    expect(visibilityFor({ role: "pcf", serviceIds: [] }, [1])).toBe("suppress");
    expect(visibilityFor({ role: "board", serviceIds: [] }, [1, 2])).toBe("suppress");
  });

  it("warns admins, whatever the figure is about", () => {
    expect(visibilityFor({ role: "admin", serviceIds: [] }, [1, 2])).toBe("warn");
    expect(visibilityFor({ role: "admin", serviceIds: [] }, [])).toBe("warn");
  });

  it("warns service staff only on figures wholly about their own services", () => {
    for (const role of ["service_lead", "service_member"] as const) {
      const viewer = { role, serviceIds: [1, 2] };
      expect(visibilityFor(viewer, [1])).toBe("warn");
      expect(visibilityFor(viewer, [2, 1])).toBe("warn");
      expect(visibilityFor(viewer, [1, 3])).toBe("suppress");
      expect(visibilityFor(viewer, [3])).toBe("suppress");
      expect(visibilityFor(viewer, [])).toBe("suppress");
    }
  });
});

describe("toFigure", () => {
  it("hides a % from 4 answers and shows one from 5, at the default threshold", () => {
    expect(toFigure(3, 4, "suppress", 5)).toEqual(HIDDEN);
    // 4 / 5 × 100 = 80%. Wilson: 1 + z²/5 = 1.7682918; centre = (0.8 + 0.3841459) / 1.7682918 = 0.669654;
    // half = 1.108393 × √(0.032 + 0.0384146) = 1.108393 × 0.265357 = 0.294120 → 37.55–96.38%
    const figure = toFigure(4, 5, "suppress", 5);
    expect(figure).toMatchObject({ kind: "shown", percent: 80, successes: 4, n: 5, smallNumbers: false });
    expect(figure.kind === "shown" && figure.interval!.low).toBeCloseTo(37.55, 2);
    expect(figure.kind === "shown" && figure.interval!.high).toBeCloseTo(96.38, 2);
  });

  it("shows a % from 4 answers with a warning to those allowed to see it", () => {
    expect(toFigure(3, 4, "warn", 5)).toMatchObject({ kind: "shown", percent: 75, n: 4, smallNumbers: true }); // 3 / 4
  });

  it("takes the threshold as a parameter", () => {
    expect(toFigure(5, 9, "suppress", 10)).toEqual({ ...HIDDEN, threshold: 10 });
    expect(toFigure(5, 10, "suppress", 10)).toMatchObject({ kind: "shown", percent: 50, smallNumbers: false });
    expect(toFigure(5, 9, "warn", 10)).toMatchObject({ kind: "shown", smallNumbers: true });
  });

  it("is not available, not hidden, when nobody answered", () => {
    expect(toFigure(0, 0, "suppress", 5)).toEqual({ kind: "not_available", reason: "no_answers" });
    expect(toFigure(0, 0, "warn", 5)).toEqual({ kind: "not_available", reason: "no_answers" });
  });

  it("treats all don't know as answers: 0% positive from 7, shown", () => {
    // positive 0 of answered 7 (all don't know) → 0%, above the threshold.
    expect(toFigure(0, 7, "suppress", 5)).toMatchObject({ kind: "shown", percent: 0, n: 7 });
    expect(toFigure(0, 3, "suppress", 5)).toEqual(HIDDEN);
  });
});

describe("toCountCell", () => {
  it("hides 1 to 4, shows 5, and never hides 0", () => {
    expect(toCountCell(4, "suppress", 5)).toEqual(HIDDEN);
    expect(toCountCell(1, "suppress", 5)).toEqual(HIDDEN);
    expect(toCountCell(5, "suppress", 5)).toEqual(shown(5));
    expect(toCountCell(0, "suppress", 5)).toEqual(shown(0));
    expect(toCountCell(4, "warn", 5)).toEqual(shown(4, true));
    expect(toCountCell(0, "warn", 5)).toEqual(shown(0));
  });
});

/**
 * What someone who sees the result can work out: the hidden parts sum to the total minus
 * the shown parts. A hidden part is recovered when every way of filling the hidden cells
 * with whole numbers 0..total that adds up gives it the same value (every subtraction tried).
 */
function recoveredParts(total: number, parts: readonly number[], result: ReturnType<typeof suppressParts>): number[] {
  if (result.total.kind === "suppressed") return [];
  const hidden = result.parts.flatMap((cell, i) => (cell.kind === "suppressed" ? [i] : []));
  const shownSum = result.parts.reduce((sum, cell) => sum + (cell.kind === "shown" ? cell.count : 0), 0);
  const hiddenSum = total - shownSum;
  const seen = hidden.map(() => new Set<number>());
  const fill = (k: number, remaining: number, values: number[]) => {
    if (k === hidden.length - 1) {
      [...values, remaining].forEach((v, i) => seen[i].add(v));
      return;
    }
    for (let v = 0; v <= remaining; v++) fill(k + 1, remaining - v, [...values, v]);
  };
  if (hidden.length > 0) fill(0, hiddenSum, []);
  return hidden.filter((_, i) => seen[i].size === 1).map((i) => parts[i]);
}

describe("suppressParts", () => {
  it("(the check below catches a lone hidden part)", () => {
    const naive = { total: shown(30), parts: [shown(12), HIDDEN, shown(6), shown(9)] };
    expect(recoveredParts(30, [12, 3, 6, 9], naive)).toEqual([3]);
  });

  it("hides a second part beside one small part, the smallest other", () => {
    // 12 + 3 + 6 + 9 = 30: 3 is small; the next smallest, 6, goes too. Shown: 12, 9 and 30 → hidden sum 9.
    const result = suppressParts(30, [12, 3, 6, 9], "suppress", 5);
    expect(result).toEqual({ total: shown(30), parts: [shown(12), HIDDEN, HIDDEN, shown(9)] });
    expect(recoveredParts(30, [12, 3, 6, 9], result)).toEqual([]);
  });

  it("does not pick a 0 as the second part", () => {
    // 0 shown, 3 and 7 hidden: 10 − 0 = 10 could be 3 + 7, 5 + 5, …
    expect(suppressParts(10, [3, 0, 7], "suppress", 5).parts).toEqual([HIDDEN, shown(0), HIDDEN]);
  });

  it("needs no second part when two are already small", () => {
    expect(suppressParts(20, [2, 3, 15], "suppress", 5).parts).toEqual([HIDDEN, HIDDEN, shown(15)]);
  });

  it("hides everything when the total is under the threshold", () => {
    expect(suppressParts(4, [1, 0, 3, 0], "suppress", 5)).toEqual({ total: HIDDEN, parts: [HIDDEN, HIDDEN, HIDDEN, HIDDEN] });
  });

  it("hides the total when a small part has no other to pair with", () => {
    // A multiple-choice option counted against the responses that answered: parts need not sum to the total.
    expect(suppressParts(10, [3], "suppress", 5)).toEqual({ total: HIDDEN, parts: [HIDDEN] });
  });

  it("shows everything to those warned, flagging the small parts", () => {
    expect(suppressParts(30, [12, 3, 6, 9], "warn", 5)).toEqual({
      total: shown(30),
      parts: [shown(12), shown(3, true), shown(6), shown(9)],
    });
    expect(suppressParts(4, [1, 3], "warn", 5)).toEqual({ total: shown(4, true), parts: [shown(1, true), shown(3, true)] });
  });

  it("shows all don't know in full: nothing small to hide", () => {
    // positive, neutral, negative, don't know: 0 + 0 + 0 + 7
    expect(suppressParts(7, [0, 0, 0, 7], "suppress", 5).parts).toEqual([shown(0), shown(0), shown(0), shown(7)]);
  });

  it("shows zeros when there are no valid answers", () => {
    expect(suppressParts(0, [0, 0, 0, 0], "suppress", 5)).toEqual({ total: shown(0), parts: [shown(0), shown(0), shown(0), shown(0)] });
  });

  it("takes the threshold as a parameter", () => {
    // 12 + 8 + 15 = 35 at threshold 10: 8 is small, 12 goes with it.
    expect(suppressParts(35, [12, 8, 15], "suppress", 10).parts).toEqual([
      { ...HIDDEN, threshold: 10 },
      { ...HIDDEN, threshold: 10 },
      shown(15),
    ]);
  });

  it("never shows a small part nor leaves one recoverable, for every 3-part split up to 12 each", () => {
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const parts = [a, b, c];
          const total = a + b + c;
          const result = suppressParts(total, parts, "suppress", 5);
          const cells = [result.total, ...result.parts];
          for (const cell of cells) if (cell.kind === "shown") expect(cell.count === 0 || cell.count >= 5).toBe(true);
          expect(result.parts.filter((cell) => cell.kind === "suppressed")).not.toHaveLength(1);
          expect(recoveredParts(total, parts, result), `parts ${parts.join(", ")}`).toEqual([]);
        }
      }
    }
  });
});
