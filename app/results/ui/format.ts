/**
 * Numbers as the results pages show them, the same on the server and in the browser
 * (no Intl: ICU data differs between Node and browsers, and a different string would
 * break hydration). Percentages always have one decimal place.
 */
import { roundPercent } from "../metrics";

/** "62.5": one decimal place, half away from zero. */
export function percentNumber(value: number): string {
  return roundPercent(value).toFixed(1);
}

/** "62.5%". */
export function percentText(value: number): string {
  return `${percentNumber(value)}%`;
}

/** "1,234": digits grouped in threes, as in English and in Urdu written with Western digits. */
export function countText(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A difference in percentage points with its sign: "+12.5", "−4.0" (a real minus sign), "0.0". */
export function pointsText(value: number): string {
  const rounded = roundPercent(value);
  if (rounded === 0) return "0.0";
  return `${rounded > 0 ? "+" : "\u2212"}${Math.abs(rounded).toFixed(1)}`;
}

/** "n = 40": a figure's count, kept together as one piece inside Urdu text. */
export function nText(n: number): string {
  return `n = ${countText(n)}`;
}
