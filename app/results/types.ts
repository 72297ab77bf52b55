/**
 * The shapes every part of the results share: raw counts from the queries
 * (`results.server.ts`), the figures the pure rules make of them (`metrics.ts`,
 * `suppression.ts`) and the periods they are cut by (`periods.ts`).
 * The definitions are DESIGN.md "The figures (exact definitions)".
 */
import type { Role } from "@db/schema";

/** Answers to one scale question (the headline question, usually) in some cut. */
export interface ScaleCounts {
  /** Answers scored 4 or 5 ("satisfied", "very satisfied"). */
  positive: number;
  /** Answers scored 3. */
  neutral: number;
  /** Answers scored 1 or 2. */
  negative: number;
  /** Answers "dont_know" (score null). They count as answered (FFT method). */
  dontKnow: number;
}

/** Who is looking at a figure: a `StaffUser` fits. */
export interface Viewer {
  role: Role;
  /** The services a lead or member belongs to; empty for other roles. */
  serviceIds: number[];
}

/**
 * What happens to a figure from fewer answers than the threshold:
 * "suppress" — shown as "fewer than N responses" (PCF, board, anything published,
 * service staff looking at other services); "warn" — shown with a small-numbers warning
 * (admins; service staff on figures about their own services only).
 */
export type Visibility = "suppress" | "warn";

/** A 95% confidence interval, in percent (0–100), full precision. */
export interface Interval {
  low: number;
  high: number;
}

/** Why a figure has no value at all (not the same as hidden). */
export type NotAvailableReason =
  /** Nobody answered the question in this cut (n = 0). */
  | "no_answers"
  /** A return rate for campaigns with neither delivered invitations nor an eligible count. */
  | "no_denominator"
  /** A return rate with more responses than forms handed out (app/results/return-rates.ts). */
  | "more_than_handed_out"
  /** A return rate with more invitation responses than invitations delivered. */
  | "more_than_delivered"
  /** A loop share with nothing to be a share of: no entries were due in the term. */
  | "no_entries_due"
  /** "Did it help?" with no ratings in the cut. */
  | "no_ratings";

/** A percentage as shown, hidden, or impossible. */
export type Figure =
  | {
      kind: "shown";
      /** successes / n × 100, full precision (round only for display: `roundPercent`). */
      percent: number;
      /** The numerator: positive answers, negative answers, completed responses... */
      successes: number;
      /** The count the % is of (answered, or the return rate's denominator). Always shown beside the %. */
      n: number;
      /** 95% Wilson score interval; null only for a return rate above 100% (more responses than delivered). */
      interval: Interval | null;
      /** n is under the threshold: the viewer may see it, with a small-numbers warning. */
      smallNumbers: boolean;
    }
  | {
      kind: "suppressed";
      /** Shown as "fewer than {{threshold}} responses". */
      reason: "fewer_than";
      threshold: number;
    }
  | { kind: "not_available"; reason: NotAvailableReason };

/** A plain count (a "don't know" count, a cell of a distribution, a response count). */
export type CountCell =
  | {
      kind: "shown";
      count: number;
      /** The count is under the threshold and shown with a small-numbers warning. */
      smallNumbers: boolean;
    }
  | { kind: "suppressed"; reason: "fewer_than"; threshold: number };

export const SEASONS = ["spring", "summer", "autumn"] as const;
/** School terms in calendar order within a year: spring (Jan–Mar), summer (Apr–Aug), autumn (Sep–Dec). */
export type Season = (typeof SEASONS)[number];

/** "2026-autumn" (a term) or "2026-09" (a month). */
export type TermKey = `${number}-${Season}`;
export type MonthKey = `${number}-${string}`;
export type PeriodKey = TermKey | MonthKey;

/**
 * A period to cut by. `start` is inclusive and `end` exclusive, both ISO timestamps in
 * UTC in the same format as `responses.submitted_at`, so SQL compares them as text:
 * `submitted_at >= start and submitted_at < end`.
 */
export type Period =
  | { kind: "term"; key: TermKey; season: Season; year: number; start: string; end: string }
  | {
      kind: "month";
      key: MonthKey;
      year: number;
      /** 1–12. */
      month: number;
      start: string;
      end: string;
    };
