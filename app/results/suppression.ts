/**
 * Small-number rules (DESIGN.md "Suppression"): who sees a figure from few answers, and
 * how it is hidden from everyone else, in pages and exports alike.
 *
 * The threshold applies to the number of answers a figure is made from: a % to its n
 * (answered, or a return rate's denominator), a count to itself. Zero is never hidden:
 * a figure from no answers is "not available" (there is nothing to show), and a count
 * of 0 is nobody's answer, so it identifies no one. Hiding zeros would not help anyway:
 * cells hidden together that sum to 0 are each known to be 0.
 */
import { isServiceRole } from "~/auth/permissions";
import { percentOf, returnDenominator, wilsonInterval } from "./metrics";
import type { CountCell, Figure, NotAvailableReason, ReturnCounts, Viewer, Visibility } from "./types";

/**
 * PCF and board: always "suppress". Admins: "warn". Service staff: "warn" when every
 * service the figure is about is one of theirs; a figure about no service in particular,
 * or across services including others', is suppressed for them.
 */
export function visibilityFor(viewer: Viewer, figureServiceIds: readonly number[]): Visibility {
  if (viewer.role === "admin") return "warn";
  if (!isServiceRole(viewer.role)) return "suppress";
  const own = figureServiceIds.length > 0 && figureServiceIds.every((id) => viewer.serviceIds.includes(id));
  return own ? "warn" : "suppress";
}

/** What anything published (the public pages, the board's exports) is shown as. */
export const PUBLIC_VISIBILITY: Visibility = "suppress";

/** Under the threshold, and not zero (see the top of the file). */
function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

function suppressed(threshold: number): { kind: "suppressed"; reason: "fewer_than"; threshold: number } {
  return { kind: "suppressed", reason: "fewer_than", threshold };
}

/**
 * A % of successes out of n, with its interval, hidden or flagged when n is under the
 * threshold. n = 0 is not available (`whenEmpty`: "no_answers" unless said otherwise).
 */
export function toFigure(
  successes: number,
  n: number,
  visibility: Visibility,
  threshold: number,
  whenEmpty: NotAvailableReason = "no_answers",
): Figure {
  const percent = percentOf(successes, n);
  if (percent === null) return { kind: "not_available", reason: whenEmpty };
  const small = isSmall(n, threshold);
  if (small && visibility === "suppress") return suppressed(threshold);
  return { kind: "shown", percent, successes, n, interval: wilsonInterval(successes, n), smallNumbers: small };
}

/**
 * The return rate as a figure: its n is the denominator (delivered invitations plus
 * eligible counts), so a rate over fewer than `threshold` invited families is hidden.
 */
export function toReturnFigure(counts: ReturnCounts, visibility: Visibility, threshold: number): Figure {
  return toFigure(counts.completed, returnDenominator(counts), visibility, threshold, "no_denominator");
}

/** A single count standing alone (no total beside it to subtract from). */
export function toCountCell(count: number, visibility: Visibility, threshold: number): CountCell {
  const small = isSmall(count, threshold);
  if (small && visibility === "suppress") return suppressed(threshold);
  return { kind: "shown", count, smallNumbers: small };
}

/**
 * A total shown beside its parts (a distribution of answers, say). Each part under the
 * threshold is hidden; when exactly one is, a second part is hidden too so the first
 * cannot be had by subtracting the shown parts from the total: the smallest other part
 * above zero (a hidden 0 would give the first away to anyone knowing that zeros are
 * never hidden on their own), else the smallest other part, else the total.
 * A total itself under the threshold hides everything.
 * With "warn" nothing is hidden; small cells are flagged.
 */
export function suppressParts(
  total: number,
  parts: readonly number[],
  visibility: Visibility,
  threshold: number,
): { total: CountCell; parts: CountCell[] } {
  if (visibility === "suppress" && isSmall(total, threshold)) {
    return { total: suppressed(threshold), parts: parts.map(() => suppressed(threshold)) };
  }
  const cells = parts.map((part) => toCountCell(part, visibility, threshold));
  const hidden = cells.flatMap((cell, index) => (cell.kind === "suppressed" ? [index] : []));
  if (hidden.length === 1) {
    const complement = smallestOtherPart(parts, hidden[0]);
    if (complement === undefined) return { total: suppressed(threshold), parts: cells };
    cells[complement] = suppressed(threshold);
  }
  return { total: toCountCell(total, visibility, threshold), parts: cells };
}

/** The index of the smallest part above zero other than `except` (else of any other part; the first of equals). */
function smallestOtherPart(parts: readonly number[], except: number): number | undefined {
  const others = parts.flatMap((part, index) => (index === except ? [] : [{ part, index }]));
  const candidates = others.some((o) => o.part > 0) ? others.filter((o) => o.part > 0) : others;
  let best = candidates[0];
  for (const candidate of candidates) if (candidate.part < best.part) best = candidate;
  return best?.index;
}
