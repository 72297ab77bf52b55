/**
 * Small-number rules (DESIGN.md "Suppression"): who sees a figure from few respondents,
 * and how it is hidden from everyone else, in pages and exports alike.
 *
 * Results pages hide by respondent group: which cuts are hidden is worked out across
 * every page by disclosure.ts, and `figureOfCut` / `countOfCut` show a cut's figures
 * accordingly. `toFigure`, `toCountCell` and `suppressParts` hide by the count a figure
 * is made from: for figures that are not of a respondent group (loop figures, return
 * rates' own denominators) and for the answers to "about you" questions. Zero is never
 * hidden by them: a figure from no answers is "not available", and a count of 0 is
 * nobody's answer, so it identifies no one.
 */
import { isServiceRole } from "~/auth/permissions";
import { percentOf, wilsonInterval } from "./metrics";
import type { CountCell, Figure, NotAvailableReason, Viewer, Visibility } from "./types";

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
  return figureOfCut(successes, n, isSmall(n, threshold), visibility, threshold, whenEmpty);
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

/**
 * A figure of a respondent group (a cut), hidden or not as a whole (disclosure.ts):
 * a hidden cut shows every figure as "fewer than k responses" to those who may not see
 * small numbers, and with the small-numbers warning to those who may; a shown cut shows
 * every share, small ones included (3 negatives among 200 identify no one).
 */
export function figureOfCut(
  successes: number,
  n: number,
  cutHidden: boolean,
  visibility: Visibility,
  threshold: number,
  whenEmpty: NotAvailableReason = "no_answers",
): Figure {
  const percent = percentOf(successes, n);
  if (percent === null) return { kind: "not_available", reason: whenEmpty };
  if (cutHidden && visibility === "suppress") return suppressed(threshold);
  return { kind: "shown", percent, successes, n, interval: wilsonInterval(successes, n), smallNumbers: cutHidden };
}

/** A count of a respondent group's answers, hidden with its cut (see `figureOfCut`). */
export function countOfCut(count: number, cutHidden: boolean, visibility: Visibility, threshold: number): CountCell {
  if (cutHidden && visibility === "suppress") return suppressed(threshold);
  // Nobody's answer needs no warning.
  return { kind: "shown", count, smallNumbers: cutHidden && count > 0 };
}

/** A figure already made, hidden when its cut is (a return rate, say). */
export function hiddenWithCut(figure: Figure, cutHidden: boolean, visibility: Visibility, threshold: number): Figure {
  if (!cutHidden || figure.kind === "not_available") return figure;
  if (visibility === "suppress") return suppressed(threshold);
  return figure.kind === "shown" ? { ...figure, smallNumbers: true } : figure;
}
