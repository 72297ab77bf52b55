/**
 * Periods figures are cut by (DESIGN.md "Periods"): school terms — spring (1 Jan–31 Mar),
 * summer (1 Apr–31 Aug), autumn (1 Sep–31 Dec) — and calendar months, both taken from a
 * response's `submitted_at` in UTC. Keys: "2026-autumn", "2026-09". A term's year is the
 * calendar year its dates fall in, so terms sort spring < summer < autumn within a year.
 * Labels are data ({season, year}); the pages translate the season.
 */
import { sql, type RawBuilder } from "kysely";
import { SEASONS, type MonthKey, type Period, type Season, type TermKey } from "./types";

/** The first month (1–12) of each term; a term runs until the next one starts. */
const FIRST_MONTH: Record<Season, number> = { spring: 1, summer: 4, autumn: 9 };

function seasonOfMonth(month: number): Season {
  if (month >= FIRST_MONTH.autumn) return "autumn";
  if (month >= FIRST_MONTH.summer) return "summer";
  return "spring";
}

function toDate(date: Date | string): Date {
  return typeof date === "string" ? new Date(date) : date;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

export function termKey(year: number, season: Season): TermKey {
  return `${year}-${season}`;
}

export function monthKey(year: number, month: number): MonthKey {
  return `${year}-${pad2(month)}`;
}

/** The term a moment falls in, in UTC: `termOf("2026-09-01T00:00:00.000Z")` is "2026-autumn". */
export function termOf(date: Date | string): TermKey {
  const d = toDate(date);
  return termKey(d.getUTCFullYear(), seasonOfMonth(d.getUTCMonth() + 1));
}

/** The calendar month a moment falls in, in UTC: "2026-09". */
export function monthOf(date: Date | string): MonthKey {
  const d = toDate(date);
  return monthKey(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** The term a month key belongs to: "2026-08" is "2026-summer". */
export function termOfMonth(month: MonthKey): TermKey {
  const parsed = parseMonthKey(month);
  if (!parsed) throw new Error(`Not a month key: ${month}`);
  return termKey(parsed.year, seasonOfMonth(parsed.month));
}

/** "2026-autumn" → {year: 2026, season: "autumn"}; anything else (from a URL, say) → null. */
export function parseTermKey(key: string): { year: number; season: Season } | null {
  const match = /^(\d{4})-([a-z]+)$/.exec(key);
  if (!match || !(SEASONS as readonly string[]).includes(match[2])) return null;
  return { year: Number(match[1]), season: match[2] as Season };
}

/** "2026-09" → {year: 2026, month: 9}; anything else → null. */
export function parseMonthKey(key: string): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

function isoMonthStart(year: number, month: number): string {
  return new Date(Date.UTC(year, month - 1, 1)).toISOString();
}

/** A term's bounds: from its first day (inclusive) to the next term's first day (exclusive). */
export function termPeriod(year: number, season: Season): Period {
  const next = nextSeason(season);
  const nextYear = next === SEASONS[0] ? year + 1 : year;
  return {
    kind: "term",
    key: termKey(year, season),
    season,
    year,
    start: isoMonthStart(year, FIRST_MONTH[season]),
    end: isoMonthStart(nextYear, FIRST_MONTH[next]),
  };
}

/** A month's bounds: from its first day (inclusive) to the next month's (exclusive). */
export function monthPeriod(year: number, month: number): Period {
  return {
    kind: "month",
    key: monthKey(year, month),
    year,
    month,
    start: isoMonthStart(year, month),
    // Date.UTC rolls month 13 over into January of the next year.
    end: new Date(Date.UTC(year, month, 1)).toISOString(),
  };
}

/** A term or month key (from a URL, say) as a period; null when it is neither. */
export function parsePeriodKey(key: string): Period | null {
  const term = parseTermKey(key);
  if (term) return termPeriod(term.year, term.season);
  const month = parseMonthKey(key);
  return month ? monthPeriod(month.year, month.month) : null;
}

/** The month keys a period covers, in order: "2026-autumn" → 2026-09 … 2026-12. */
export function monthsOf(period: Period): MonthKey[] {
  if (period.kind === "month") return [period.key];
  const months: MonthKey[] = [];
  for (let d = new Date(period.start); d.toISOString() < period.end; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(monthOf(d));
  }
  return months;
}

function nextSeason(season: Season): Season {
  return SEASONS[(SEASONS.indexOf(season) + 1) % SEASONS.length];
}

/** The term before: "2026-spring" → "2025-autumn". */
export function previousTerm(term: TermKey): TermKey {
  const [year, season] = yearAndSeason(term);
  const index = SEASONS.indexOf(season);
  return index === 0 ? termKey(year - 1, SEASONS[SEASONS.length - 1]) : termKey(year, SEASONS[index - 1]);
}

/** The `count` terms before `term` (not including it), oldest first, for trends: `[...previousTerms(t, 3), t]`. */
export function previousTerms(term: TermKey, count: number): TermKey[] {
  const terms: TermKey[] = [];
  for (let t = term; terms.length < count; ) {
    t = previousTerm(t);
    terms.unshift(t);
  }
  return terms;
}

/** The `count` months before `month` (not including it), oldest first. */
export function previousMonths(month: MonthKey, count: number): MonthKey[] {
  const parsed = parseMonthKey(month);
  if (!parsed) throw new Error(`Not a month key: ${month}`);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(parsed.year, parsed.month - 1 - (count - i), 1));
    return monthOf(d);
  });
}

/** Term keys sort by date, not as text ("2026-autumn" < "2026-spring" as text). For `Array.sort`. */
export function compareTerms(a: TermKey, b: TermKey): number {
  return termPeriod(...yearAndSeason(a)).start.localeCompare(termPeriod(...yearAndSeason(b)).start);
}

function yearAndSeason(term: TermKey): [number, Season] {
  const parsed = parseTermKey(term);
  if (!parsed) throw new Error(`Not a term key: ${term}`);
  return [parsed.year, parsed.season];
}

/**
 * SQL (SQLite) for the term key of a column holding an ISO timestamp (`submitted_at`) or
 * a month key ("2026-09"): both start "YYYY-MM". Matches `termOf` on the same value.
 * `column` is a trusted reference such as "r.submitted_at" (passed through `sql.ref`).
 */
export function termSql(column: string): RawBuilder<TermKey> {
  const ref = sql.ref(column);
  const month = sql`substr(${ref}, 6, 2)`;
  return sql<TermKey>`(substr(${ref}, 1, 4) || '-' || case
    when ${month} >= ${sql.lit(pad2(FIRST_MONTH.autumn))} then 'autumn'
    when ${month} >= ${sql.lit(pad2(FIRST_MONTH.summer))} then 'summer'
    else 'spring' end)`;
}

/** SQL for the month key of an ISO timestamp column: "2026-09". */
export function monthSql(column: string): RawBuilder<MonthKey> {
  return sql<MonthKey>`substr(${sql.ref(column)}, 1, 7)`;
}
