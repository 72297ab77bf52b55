import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import {
  compareTerms,
  monthOf,
  monthPeriod,
  monthSql,
  monthsOf,
  parseMonthKey,
  parsePeriodKey,
  parseTermKey,
  previousMonths,
  previousTerm,
  previousTerms,
  termOf,
  termOfMonth,
  termPeriod,
  termSql,
} from "./periods";
import type { MonthKey, TermKey } from "./types";

/** The first and last instants of each term of 2026 and the first of 2027, in UTC. */
const EDGES: [string, TermKey][] = [
  ["2026-01-01T00:00:00.000Z", "2026-spring"],
  ["2026-03-31T23:59:59.999Z", "2026-spring"],
  ["2026-04-01T00:00:00.000Z", "2026-summer"],
  ["2026-08-31T23:59:59.999Z", "2026-summer"],
  ["2026-09-01T00:00:00.000Z", "2026-autumn"],
  ["2026-12-31T23:59:59.999Z", "2026-autumn"],
  ["2027-01-01T00:00:00.000Z", "2027-spring"],
];

describe("termOf and monthOf", () => {
  it("put each term's first and last instant in that term", () => {
    for (const [iso, term] of EDGES) {
      expect(termOf(iso), iso).toBe(term);
      expect(termOf(new Date(iso)), iso).toBe(term);
    }
  });

  it("go by UTC, not the offset the time was written with", () => {
    // 23:30 on 31 August at UTC−1 is 00:30 on 1 September UTC.
    expect(termOf("2026-08-31T23:30:00.000-01:00")).toBe("2026-autumn");
    expect(monthOf("2026-08-31T23:30:00.000-01:00")).toBe("2026-09");
  });

  it("give month keys with two digits", () => {
    expect(monthOf("2026-02-14T10:00:00.000Z")).toBe("2026-02");
    expect(monthOf(new Date(Date.UTC(2026, 11, 31)))).toBe("2026-12");
  });

  it("find the term of a month key", () => {
    expect(termOfMonth("2026-03")).toBe("2026-spring");
    expect(termOfMonth("2026-08")).toBe("2026-summer");
    expect(termOfMonth("2026-09")).toBe("2026-autumn");
  });
});

describe("keys from URLs", () => {
  it("parse good term keys and refuse others", () => {
    expect(parseTermKey("2026-autumn")).toEqual({ year: 2026, season: "autumn" });
    for (const bad of ["2026-winter", "26-autumn", "2026-Autumn", "2026-autumn ", "", "2026-27"]) {
      expect(parseTermKey(bad), bad).toBeNull();
    }
  });

  it("parse good month keys and refuse others", () => {
    expect(parseMonthKey("2026-09")).toEqual({ year: 2026, month: 9 });
    for (const bad of ["2026-00", "2026-13", "2026-9", "2026/09", ""]) expect(parseMonthKey(bad), bad).toBeNull();
  });

  it("turn either key into a period, or nothing", () => {
    expect(parsePeriodKey("2026-spring")).toMatchObject({ kind: "term", season: "spring", year: 2026 });
    expect(parsePeriodKey("2026-04")).toMatchObject({ kind: "month", month: 4, year: 2026 });
    expect(parsePeriodKey("spring")).toBeNull();
  });
});

describe("bounds for SQL filters (start inclusive, end exclusive)", () => {
  it("cover each term exactly", () => {
    expect(termPeriod(2026, "spring")).toEqual({
      kind: "term",
      key: "2026-spring",
      season: "spring",
      year: 2026,
      start: "2026-01-01T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
    });
    expect(termPeriod(2026, "summer")).toMatchObject({ start: "2026-04-01T00:00:00.000Z", end: "2026-09-01T00:00:00.000Z" });
    expect(termPeriod(2026, "autumn")).toMatchObject({ start: "2026-09-01T00:00:00.000Z", end: "2027-01-01T00:00:00.000Z" });
  });

  it("agree with termOf at every edge, comparing ISO text as SQL does", () => {
    for (const [iso, term] of EDGES) {
      const period = parsePeriodKey(term)!;
      expect(iso >= period.start && iso < period.end, iso).toBe(true);
    }
  });

  it("cover a month, December running into January", () => {
    expect(monthPeriod(2026, 12)).toEqual({
      kind: "month",
      key: "2026-12",
      year: 2026,
      month: 12,
      start: "2026-12-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
    expect(monthPeriod(2028, 2)).toMatchObject({ start: "2028-02-01T00:00:00.000Z", end: "2028-03-01T00:00:00.000Z" });
  });

  it("list the months of a period, for the monthly rollup", () => {
    expect(monthsOf(termPeriod(2026, "spring"))).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(monthsOf(termPeriod(2026, "summer"))).toEqual(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]);
    expect(monthsOf(termPeriod(2026, "autumn"))).toEqual(["2026-09", "2026-10", "2026-11", "2026-12"]);
    expect(monthsOf(monthPeriod(2026, 5))).toEqual(["2026-05"]);
  });
});

describe("earlier periods, for trends", () => {
  it("step back across the new year", () => {
    expect(previousTerm("2026-autumn")).toBe("2026-summer");
    expect(previousTerm("2026-spring")).toBe("2025-autumn");
  });

  it("list the terms before, oldest first", () => {
    expect(previousTerms("2026-spring", 4)).toEqual(["2024-autumn", "2025-spring", "2025-summer", "2025-autumn"]);
    expect(previousTerms("2026-spring", 0)).toEqual([]);
  });

  it("list the months before, oldest first", () => {
    expect(previousMonths("2026-02", 3)).toEqual(["2025-11", "2025-12", "2026-01"]);
  });

  it("sort term keys by date, not as text", () => {
    const terms: TermKey[] = ["2026-autumn", "2026-spring", "2025-autumn", "2026-summer"];
    expect([...terms].sort(compareTerms)).toEqual(["2025-autumn", "2026-spring", "2026-summer", "2026-autumn"]);
  });
});

describe("termSql and monthSql in SQLite", () => {
  const db = new Kysely<{ t: { at: string } }>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  afterAll(() => db.destroy());

  it("give the same keys as termOf and monthOf, from timestamps and from month keys", async () => {
    await sql`create table t (at text not null)`.execute(db);
    const values = [...EDGES.map(([iso]) => iso), "2026-03", "2026-04", "2026-08", "2026-09", "2026-12"];
    await db.insertInto("t").values(values.map((at) => ({ at }))).execute();
    const rows = await db.selectFrom("t").select(["at", termSql("at").as("term"), monthSql("at").as("month")]).execute();
    for (const row of rows) {
      const isMonthKey = row.at.length === 7;
      expect(row.term, row.at).toBe(isMonthKey ? termOfMonth(row.at as MonthKey) : termOf(row.at));
      expect(row.month, row.at).toBe(isMonthKey ? row.at : monthOf(row.at));
    }
    expect(rows).toHaveLength(values.length);
  });
});
