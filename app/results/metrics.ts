/**
 * The arithmetic of the figures (DESIGN.md "The figures (exact definitions)"), on counts
 * the queries have already made. Pure: no database, no strings, full precision. Round
 * only for display, with `roundPercent` (the pages' `ui/format.ts` writes its text from
 * it, without Intl, so server and browser agree). Hiding small numbers is `suppression.ts`'s.
 *
 * "% of settings positive" and "% of partners positive" are `percentPositive` over the
 * counts of `setting` and `partner` surveys respectively: no separate maths. Return rates
 * have their own rule: return-rates.ts.
 */
import type { Interval, ScaleCounts } from "./types";

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959964;

/** Every answer given, "don't know" included (NHS Friends and Family Test method). */
export function answered(counts: ScaleCounts): number {
  return counts.positive + counts.neutral + counts.negative + counts.dontKnow;
}

/** Answers 4–5 / answered × 100; null when nobody answered. */
export function percentPositive(counts: ScaleCounts): number | null {
  return percentOf(counts.positive, answered(counts));
}

/** Answers 1–2 / answered × 100; null when nobody answered. */
export function percentNegative(counts: ScaleCounts): number | null {
  return percentOf(counts.negative, answered(counts));
}

/** "Don't know" is reported as its own count beside the %. */
export function dontKnowCount(counts: ScaleCounts): number {
  return counts.dontKnow;
}

export function percentOf(successes: number, n: number): number | null {
  return n > 0 ? (successes / n) * 100 : null;
}

/**
 * The 95% Wilson score interval for successes out of n, in percent. Unlike the plain
 * ± interval it stays within 0–100 and is honest at 0/n and n/n, which small services
 * hit often. Null when n = 0 or successes is out of 0..n (no proportion to speak of).
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (n <= 0 || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 100; float noise must not push it past.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return { low: low * 100, high: high * 100 };
}

/**
 * One decimal place, half away from zero. The value is first cut to 12 significant digits
 * so binary noise (29/1000 × 100 = 2.9000000000000004) cannot tip a half either way.
 */
export function roundPercent(value: number): number {
  const tenths = Number((value * 10).toPrecision(12));
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
}
