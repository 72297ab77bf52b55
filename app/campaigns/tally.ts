/**
 * Tallies of paper forms (DESIGN.md "Response"): for one service, month and language, the
 * count of each headline answer, which makes that many paper responses with the headline
 * answered. The rules a tally must keep, typed into the form or read from a CSV file; the
 * saving is tally.server.ts.
 */
import type { Language } from "@db/schema";
import { parseCsv } from "./csv";

/** The headline question's answers, in the order people count them off a stack of forms. */
export const TALLY_VALUES = ["5", "4", "3", "2", "1", "dont_know"] as const;
export type TallyValue = (typeof TALLY_VALUES)[number];
export type TallyCounts = Record<TallyValue, number>;

/** No stack of forms for one service, month and language is bigger: a larger figure is a typing slip. */
export const MAX_TALLY = 100_000;

/** The columns of a tallies CSV file, in the order of the example. */
export const TALLY_CSV_HEADER = ["service", "month", "language", ...TALLY_VALUES] as const;

/** What the officer typed (or a CSV line held), before checking. */
export interface TallyInput {
  service: string;
  month: string;
  language: string;
  counts: Record<TallyValue, string>;
}

export interface TallyRules {
  /** The services a tally may be for, each under the text that names it: its id in the form, its slug in a CSV file. */
  services: readonly { key: string; id: number }[];
  campaign: { opens_at: string; closes_at: string };
  /** YYYY-MM-DD (UTC): a tally cannot be for forms not yet filled in. */
  today: string;
}

export type TallyField = "service" | "month" | "language" | `count_${TallyValue}` | "total";

export type TallyProblem =
  | "service_required"
  | "service_unknown"
  | "month_required"
  | "month_invalid"
  | "month_outside"
  | "month_future"
  | "language_required"
  | "language_invalid"
  | "count_invalid"
  | "count_too_large"
  | "total_zero"
  | "total_too_large";

/** A tally that keeps every rule: ready to save. */
export interface Tally {
  serviceId: number;
  month: string;
  language: Language;
  counts: TallyCounts;
  total: number;
  /** YYYY-MM-DD: the date completed its responses take (see `tallyCompletedOn`). */
  completedOn: string;
}

export type TallyResult = { ok: true; tally: Tally } | { ok: false; errors: Partial<Record<TallyField, TallyProblem>> };

const MONTH = /^(\d{4})-(\d{2})$/;

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The date completed of a tally's responses: the month's first day, or the campaign's
 * opening day when it opens later in that month. Every figure counts them in that month.
 */
export function tallyCompletedOn(month: string, campaign: { opens_at: string }): string {
  const first = `${month}-01`;
  const opens = campaign.opens_at.slice(0, 10);
  return opens > first ? opens : first;
}

function monthProblem(value: string, rules: TallyRules): TallyProblem | undefined {
  if (value === "") return "month_required";
  const match = MONTH.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return "month_invalid";
  // Whole days, as every period: the month overlaps opens_at..closes_at.
  if (lastDayOf(value) < rules.campaign.opens_at.slice(0, 10) || `${value}-01` > rules.campaign.closes_at.slice(0, 10)) {
    return "month_outside";
  }
  if (tallyCompletedOn(value, rules.campaign) > rules.today) return "month_future";
  return undefined;
}

/** A count as typed: blank is none; otherwise a whole number of forms, digits only. */
function readCount(value: string): number | TallyProblem {
  const v = value.trim();
  if (v === "") return 0;
  if (!/^\d+$/.test(v)) return "count_invalid";
  const n = Number(v);
  return n > MAX_TALLY ? "count_too_large" : n;
}

/** Checks a tally; every field with a problem is named, so the officer can mend them all at once. */
export function validateTally(input: TallyInput, rules: TallyRules): TallyResult {
  const errors: Partial<Record<TallyField, TallyProblem>> = {};
  const service = input.service.trim();
  const found = rules.services.find((s) => s.key === service);
  if (service === "") errors.service = "service_required";
  else if (!found) errors.service = "service_unknown";

  const month = input.month.trim();
  const mp = monthProblem(month, rules);
  if (mp) errors.month = mp;

  const language = input.language.trim();
  if (language === "") errors.language = "language_required";
  else if (language !== "en" && language !== "ur") errors.language = "language_invalid";

  const counts = {} as TallyCounts;
  for (const value of TALLY_VALUES) {
    const n = readCount(input.counts[value] ?? "");
    if (typeof n === "number") counts[value] = n;
    else errors[`count_${value}`] = n;
  }
  const total = TALLY_VALUES.reduce((sum, v) => sum + (counts[v] ?? 0), 0);
  if (!TALLY_VALUES.some((v) => errors[`count_${v}`])) {
    if (total === 0) errors.total = "total_zero";
    else if (total > MAX_TALLY) errors.total = "total_too_large";
  }

  if (Object.keys(errors).length > 0 || !found) return { ok: false, errors };
  return {
    ok: true,
    tally: { serviceId: found.id, month, language: language as Language, counts, total, completedOn: tallyCompletedOn(month, rules.campaign) },
  };
}

/** The parts of a tally that make it the same stack of forms: one live tally each. */
export function tallyCutKey(t: { serviceId: number; month: string; language: string }): string {
  return `${t.serviceId}|${t.month}|${t.language}`;
}

// ---------------------------------------------------------------------------------------
// CSV import

export type TallyCsvProblem =
  | { line: number; code: "header"; columns: string }
  | { line: number; code: "fields"; found: number; expected: number }
  | { line: number; code: "unclosed_quote" }
  | { line: number; code: "no_lines" }
  | { line: number; code: "too_many_lines"; max: number }
  | { line: number; code: "duplicate"; firstLine: number }
  | { line: number; code: "already_saved" }
  | { line: number; code: TallyProblem; field: TallyField; value: string };

export type TallyCsvResult = { ok: true; tallies: (Tally & { line: number })[] } | { ok: false; problems: TallyCsvProblem[] };

/** At most this many tallies in one file: a year's, for dozens of services, fit. */
export const MAX_TALLY_CSV_LINES = 2_000;

function headerOf(fields: string[]): string[] {
  return fields.map((f) => f.trim().toLowerCase());
}

/**
 * Reads a tallies CSV file (header `service,month,language,5,4,3,2,1,dont_know`, service
 * by slug; Excel's UTF-8 byte order mark and CRLF line ends are fine) and checks every
 * line. All or nothing: any problem and no tally comes back, only the problems with their
 * line numbers. `alreadySaved` holds the cut keys (`tallyCutKey`) of live tallies.
 */
export function parseTallyCsv(text: string, rules: TallyRules, alreadySaved: ReadonlySet<string> = new Set()): TallyCsvResult {
  const records = parseCsv(text);
  if (records.length === 0) return { ok: false, problems: [{ line: 1, code: "header", columns: "" }] };
  const [head, ...rows] = records;
  const header = headerOf(head.fields);
  const expected = TALLY_CSV_HEADER as readonly string[];
  if (header.length !== expected.length || header.some((h, i) => h !== expected[i])) {
    return { ok: false, problems: [{ line: head.line, code: "header", columns: head.fields.join(",") }] };
  }
  if (rows.length === 0) return { ok: false, problems: [{ line: head.line, code: "no_lines" }] };
  if (rows.length > MAX_TALLY_CSV_LINES) {
    return { ok: false, problems: [{ line: rows[MAX_TALLY_CSV_LINES].line, code: "too_many_lines", max: MAX_TALLY_CSV_LINES }] };
  }

  const problems: TallyCsvProblem[] = [];
  const tallies: (Tally & { line: number })[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of rows) {
    const { line, fields } = record;
    if (record.unclosedQuote) {
      problems.push({ line, code: "unclosed_quote" });
      continue;
    }
    if (fields.length !== expected.length) {
      problems.push({ line, code: "fields", found: fields.length, expected: expected.length });
      continue;
    }
    const [service, month, language, ...counts] = fields;
    const input: TallyInput = {
      service,
      month,
      language,
      counts: Object.fromEntries(TALLY_VALUES.map((v, i) => [v, counts[i]])) as Record<TallyValue, string>,
    };
    const checked = validateTally(input, rules);
    if (!checked.ok) {
      for (const [field, code] of Object.entries(checked.errors) as [TallyField, TallyProblem][]) {
        problems.push({ line, code, field, value: fieldValue(input, field) });
      }
      continue;
    }
    const key = tallyCutKey(checked.tally);
    const first = firstLineOf.get(key);
    if (first !== undefined) problems.push({ line, code: "duplicate", firstLine: first });
    else if (alreadySaved.has(key)) problems.push({ line, code: "already_saved" });
    else {
      firstLineOf.set(key, line);
      tallies.push({ ...checked.tally, line });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tallies };
}

function fieldValue(input: TallyInput, field: TallyField): string {
  if (field === "service" || field === "month" || field === "language") return input[field].trim();
  if (field === "total") return "";
  return (input.counts[field.slice("count_".length) as TallyValue] ?? "").trim();
}
