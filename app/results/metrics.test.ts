import { describe, expect, it } from "vitest";
import {
  answered,
  dontKnowCount,
  percentNegative,
  percentPositive,
  roundPercent,
  wilsonInterval,
} from "./metrics";
import type { ScaleCounts } from "./types";

describe("satisfaction (FFT method)", () => {
  // 6 positive + 2 neutral + 1 negative + 1 don't know = 10 answered.
  const counts: ScaleCounts = { positive: 6, neutral: 2, negative: 1, dontKnow: 1 };

  it("counts don't know as answered", () => {
    expect(answered(counts)).toBe(10);
    expect(dontKnowCount(counts)).toBe(1);
  });

  it("gives % positive and % negative over everything answered", () => {
    expect(percentPositive(counts)).toBe(60); // 6 / 10 × 100
    expect(percentNegative(counts)).toBe(10); // 1 / 10 × 100
  });

  it("gives 0% positive, not 'not available', when every answer is don't know", () => {
    const allDontKnow = { positive: 0, neutral: 0, negative: 0, dontKnow: 7 };
    expect(answered(allDontKnow)).toBe(7);
    expect(percentPositive(allDontKnow)).toBe(0);
    expect(percentNegative(allDontKnow)).toBe(0);
  });

  it("has no % when nobody answered", () => {
    const none = { positive: 0, neutral: 0, negative: 0, dontKnow: 0 };
    expect(percentPositive(none)).toBeNull();
    expect(percentNegative(none)).toBeNull();
  });
});

describe("wilsonInterval", () => {
  // centre = (p + z²/2n) / (1 + z²/n); half = z/(1 + z²/n) × √(p(1−p)/n + z²/4n²); z² = 3.841459.
  it("8 of 10: 49.0–94.3%", () => {
    // p = 0.8; 1 + z²/n = 1.3841459; centre = (0.8 + 0.1920730) / 1.3841459 = 0.716735
    // half = (1.959964 / 1.3841459) × √(0.016 + 0.0096036) = 1.416006 × 0.160011 = 0.226577
    const interval = wilsonInterval(8, 10)!;
    expect(interval.low).toBeCloseTo(49.02, 2);
    expect(interval.high).toBeCloseTo(94.33, 2);
  });

  it("0 of 5: from exactly 0 to 43.4%", () => {
    // 1 + z²/n = 1.7682918; centre = 0.3841459 / 1.7682918 = 0.217241
    // half = (1.959964 / 1.7682918) × √(3.841459 / 100) = 1.108393 × 0.195996 = 0.217240
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(wilsonInterval(0, 5)!.high).toBeCloseTo(43.45, 2);
  });

  it("5 of 5: from 56.6% to exactly 100", () => {
    // The mirror of 0 of 5: 100 − 43.45 = 56.55.
    expect(wilsonInterval(5, 5)!.low).toBeCloseTo(56.55, 2);
    expect(wilsonInterval(5, 5)!.high).toBe(100);
  });

  it("50 of 100: symmetric about 50%", () => {
    // centre = (0.5 + 0.0192073) / 1.0384146 = 0.5; half = (1.959964 / 1.0384146) × √(0.0025 + 0.0000960)
    // = 1.887460 × 0.0509513 = 0.0961686 → 40.38–59.62
    const interval = wilsonInterval(50, 100)!;
    expect(interval.low).toBeCloseTo(40.38, 2);
    expect(interval.high).toBeCloseTo(59.62, 2);
  });

  it("takes another z", () => {
    // z = 0: no width, the interval is the point 8/10 = 80%.
    expect(wilsonInterval(8, 10, 0)).toEqual({ low: 80, high: 80 });
  });

  it("is not available with no answers, or more successes than answers", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(6, 5)).toBeNull();
  });
});

describe("rounding for display", () => {
  it("rounds to one decimal place, halves away from zero", () => {
    expect(roundPercent(37.5)).toBe(37.5); // 3 / 8
    expect(roundPercent((1 / 16) * 100)).toBe(6.3); // 6.25
    expect(roundPercent((1 / 400) * 100)).toBe(0.3); // 0.25, whatever the float noise
    expect(roundPercent((7 / 60) * 100)).toBe(11.7); // 11.666…
    expect(roundPercent((29 / 1000) * 100)).toBe(2.9); // 2.9000000000000004 in floats
    expect(roundPercent(49.0162)).toBe(49);
    expect(roundPercent(-4.05)).toBe(-4.1); // a change in points can be negative
  });
});
