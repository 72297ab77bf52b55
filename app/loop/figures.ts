/**
 * The loop's figures for the board (DESIGN.md "The figures": time to close, loops
 * closed on time, "Did it help?"), from entry and rating rows the queries read. Pure.
 *
 * For a term (start inclusive, end exclusive, as app/results/periods.ts makes them):
 * - opened: entries whose `opened_at` falls in the term;
 * - closed: entries closed or published whose latest close-out (`closed_at`; a send-back
 *   clears it and the next close sets it again) falls in the term;
 * - closed on time: of the entries due in the term (`due_on` in it; never drafts or
 *   discarded ones), those closed or published with a close-out on or before the due
 *   date. An entry due but still open counts in the denominator only;
 * - median days to close: whole days from `opened_at` to `closed_at` over the entries
 *   closed in the term (an even count takes the mean of the middle two);
 * - did it help: "yes" ratings out of all ratings given in the term, with "partly"
 *   and "no" as counts.
 * Overdue now (open, due before today) is about today, not a term.
 * Entries count under their lead service, so services add up to the total.
 *
 * Entry counts are not anyone's answers and are never hidden; "Did it help?" is made
 * of families' answers and is suppressed under the threshold like every other KPI.
 */
import type { LoopRating, LoopStatus } from "@db/schema";
import { wilsonInterval, percentOf } from "~/results/metrics";
import { suppressParts, toFigure } from "~/results/suppression";
import type { CountCell, Figure, Visibility } from "~/results/types";
import { daysBetween } from "./loop-states";

export interface LoopEntryRow {
  serviceId: number;
  status: LoopStatus;
  openedAt: string | null;
  closedAt: string | null;
  dueOn: string | null;
}

export interface LoopRatingRow {
  serviceId: number;
  rating: LoopRating;
  ratedAt: string;
}

/** A term or any span: ISO timestamps, start inclusive, end exclusive. */
export interface Span {
  start: string;
  end: string;
}

export interface LoopCounts {
  opened: number;
  closed: number;
  /** Entries due in the term (the on-time share's denominator). */
  due: number;
  /** Of those, closed out on or before their due date. */
  closedOnTime: number;
  /** Whole days from opening to close-out, one per entry closed in the term. */
  daysToClose: number[];
  ratings: Record<LoopRating, number>;
}

const inSpan = (iso: string | null, span: Span): iso is string => iso !== null && iso >= span.start && iso < span.end;
/** A YYYY-MM-DD date within a span of timestamps: compared by calendar date. */
const dateInSpan = (date: string | null, span: Span): date is string =>
  date !== null && date >= span.start.slice(0, 10) && date < span.end.slice(0, 10);
const isClosedOut = (e: LoopEntryRow) => (e.status === "closed" || e.status === "published") && e.closedAt !== null;

export function loopCounts(entries: readonly LoopEntryRow[], ratings: readonly LoopRatingRow[], span: Span): LoopCounts {
  const counted = entries.filter((e) => e.status !== "draft" && e.status !== "discarded");
  const closed = counted.filter((e) => isClosedOut(e) && inSpan(e.closedAt, span));
  const due = counted.filter((e) => dateInSpan(e.dueOn, span));
  const tally: Record<LoopRating, number> = { yes: 0, partly: 0, no: 0 };
  for (const r of ratings) if (inSpan(r.ratedAt, span)) tally[r.rating] += 1;
  return {
    opened: counted.filter((e) => inSpan(e.openedAt, span)).length,
    closed: closed.length,
    due: due.length,
    closedOnTime: due.filter((e) => isClosedOut(e) && e.closedAt!.slice(0, 10) <= e.dueOn!).length,
    daysToClose: closed.filter((e) => e.openedAt !== null).map((e) => daysBetween(e.openedAt!, e.closedAt!)),
    ratings: tally,
  };
}

/** Open entries past their due date on `today` (YYYY-MM-DD): the same rule as the queues and public pages. */
export function overdueNow(entries: readonly LoopEntryRow[], today: string): number {
  return entries.filter((e) => e.status === "open" && e.dueOn !== null && e.dueOn < today).length;
}

/** The middle value; of an even count, the mean of the middle two. Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A share of entries: always shown with its count and interval (entries are not
 * answers, so no suppression and no small-numbers warning).
 */
export function entryShare(successes: number, n: number): Figure {
  const percent = percentOf(successes, n);
  if (percent === null) return { kind: "not_available", reason: "no_entries_due" };
  return { kind: "shown", percent, successes, n, interval: wilsonInterval(successes, n), smallNumbers: false };
}

export interface LoopFigures {
  opened: number;
  closed: number;
  onTime: Figure;
  /** Median whole days to close; null when nothing closed in the term. */
  medianDays: number | null;
  /** "Yes" out of all ratings: families' answers, hidden under the threshold. */
  helped: Figure;
  partly: CountCell;
  no: CountCell;
}

/**
 * The figures of one cut. "Partly" and "no" are the rest of the ratings beside the
 * "yes" share, so when one is hidden the other is too (nothing comes back by subtraction).
 */
export function loopFigures(counts: LoopCounts, visibility: Visibility, threshold: number): LoopFigures {
  const { yes, partly, no } = counts.ratings;
  const total = yes + partly + no;
  const helped = toFigure(yes, total, visibility, threshold, "no_ratings");
  const hidden = { kind: "suppressed", reason: "fewer_than", threshold } as const;
  const rest = helped.kind === "suppressed" ? [hidden, hidden] : suppressParts(total - yes, [partly, no], visibility, threshold).parts;
  return {
    opened: counts.opened,
    closed: counts.closed,
    onTime: entryShare(counts.closedOnTime, counts.due),
    medianDays: median(counts.daysToClose),
    helped,
    partly: rest[0],
    no: rest[1],
  };
}

/** A service's row: no "partly" and "no" counts, which could be had from the total's by subtraction. */
export type LoopServiceFigures = Omit<LoopFigures, "partly" | "no">;

/**
 * Figures by service beside their total: a service's "Did it help?" is hidden when
 * its ratings are few, and when exactly one would be, a second goes too, so a hidden
 * service cannot be had by subtracting the others from the all-services figure.
 */
export function loopFiguresByService(counts: readonly LoopCounts[], visibility: Visibility, threshold: number): LoopServiceFigures[] {
  const ns = counts.map((c) => c.ratings.yes + c.ratings.partly + c.ratings.no);
  const total = ns.reduce((a, b) => a + b, 0);
  const cells = suppressParts(total, ns, visibility, threshold).parts;
  return counts.map((c, i) => {
    const { partly: _partly, no: _no, ...figures } = loopFigures(c, visibility, threshold);
    return cells[i].kind === "suppressed" ? { ...figures, helped: { kind: "suppressed", reason: "fewer_than", threshold } } : figures;
  });
}
