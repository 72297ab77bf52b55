import { describe, expect, it } from "vitest";
import { parseTallyCsv, tallyCompletedOn, validateTally, type TallyInput, type TallyRules } from "~/campaigns/tally";

// A campaign open 15 Sep – 31 Dec 2026 for services 11 ("north") and 12 ("south"); today 25 Nov 2026.
const campaign = { opens_at: "2026-09-15T00:00:00.000Z", closes_at: "2026-12-31T23:59:59.999Z" };
const rules = (by: "id" | "slug"): TallyRules => ({
  services: [
    { key: by === "id" ? "11" : "north", id: 11 },
    { key: by === "id" ? "12" : "south", id: 12 },
  ],
  campaign,
  today: "2026-11-25",
});

const input = (over: Partial<Omit<TallyInput, "counts">> & { counts?: Partial<TallyInput["counts"]> } = {}): TallyInput => ({
  service: over.service ?? "11",
  month: over.month ?? "2026-10",
  language: over.language ?? "en",
  counts: { "5": "182", "4": "19", "3": "6", "2": "3", "1": "2", dont_know: "1", ...over.counts },
});

describe("a tally typed into the form", () => {
  it("is the counts of each headline answer, 213 forms dated the first of the month", () => {
    expect(validateTally(input(), rules("id"))).toEqual({
      ok: true,
      tally: {
        serviceId: 11,
        month: "2026-10",
        language: "en",
        counts: { "5": 182, "4": 19, "3": 6, "2": 3, "1": 2, dont_know: 1 },
        total: 213,
        completedOn: "2026-10-01",
      },
    });
  });

  it.each([
    // field, what was typed, problem
    ["service", { service: "" }, "service_required"],
    ["service", { service: "13" }, "service_unknown"],
    ["month", { month: "" }, "month_required"],
    ["month", { month: "2026-13" }, "month_invalid"],
    ["month", { month: "2026-00" }, "month_invalid"],
    ["month", { month: "Oct 2026" }, "month_invalid"],
    ["month", { month: "2026-8" }, "month_invalid"],
    // The campaign runs 15 Sep – 31 Dec: August is before it, January 2027 after.
    ["month", { month: "2026-08" }, "month_outside"],
    ["month", { month: "2027-01" }, "month_outside"],
    // December is in the campaign but after today (25 Nov): no form of it is filled in yet.
    ["month", { month: "2026-12" }, "month_future"],
    ["language", { language: "" }, "language_required"],
    ["language", { language: "fr" }, "language_invalid"],
    ["count_5", { counts: { "5": "-3" } }, "count_invalid"],
    ["count_4", { counts: { "4": "2.5" } }, "count_invalid"],
    ["count_dont_know", { counts: { dont_know: "ten" } }, "count_invalid"],
    ["count_3", { counts: { "3": "100001" } }, "count_too_large"],
  ] as const)("names the %s when it is %j: %s", (field, over, problem) => {
    const result = validateTally(input(over as never), rules("id"));
    expect(result).toEqual({ ok: false, errors: { [field]: problem } });
  });

  it("needs at least one form, and no more than 100,000 in one tally", () => {
    const none = { "5": "0", "4": "", "3": "", "2": "0", "1": "", dont_know: "" };
    expect(validateTally(input({ counts: none }), rules("id"))).toEqual({ ok: false, errors: { total: "total_zero" } });
    const huge = { "5": "60000", "4": "40001", "3": "", "2": "", "1": "", dont_know: "" };
    expect(validateTally(input({ counts: huge }), rules("id"))).toEqual({ ok: false, errors: { total: "total_too_large" } });
    // Exactly 100,000 is fine; blank counts are none.
    const max = { "5": "60000", "4": "40000", "3": "", "2": "", "1": "", dont_know: "" };
    expect(validateTally(input({ counts: max }), rules("id"))).toMatchObject({ ok: true, tally: { total: 100_000 } });
  });

  it("lists every problem at once", () => {
    expect(validateTally({ service: "", month: "2026-13", language: "de", counts: input().counts }, rules("id"))).toEqual({
      ok: false,
      errors: { service: "service_required", month: "month_invalid", language: "language_invalid" },
    });
  });

  it.each([
    ["2026-10", "2026-10-01"],
    ["2026-09", "2026-09-15"],
  ])("dates the responses of %s on %s (the campaign opens on 15 September)", (month, day) => {
    expect(tallyCompletedOn(month, campaign)).toBe(day);
  });
});

describe("a CSV file of tallies", () => {
  const header = "service,month,language,5,4,3,2,1,dont_know";

  it("reads Excel's file: a byte order mark, CRLF, quoted fields, blank counts and blank lines", () => {
    const file = `\uFEFF${header}\r\nnorth,2026-10,en,182,19,6,3,2,1\r\n\r\n"south",2026-11,ur,4,1,,,,\r\n`;
    const result = parseTallyCsv(file, rules("slug"));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.tallies.map((t) => [t.line, t.serviceId, t.month, t.language, t.total])).toEqual([
      [2, 11, "2026-10", "en", 213],
      [4, 12, "2026-11", "ur", 5],
    ]);
  });

  it("gives back no tally when any line is wrong, and every problem with its line", () => {
    const file = [
      header,
      "north,2026-10,en,10,0,0,0,0,0",
      "east,2026-10,en,1,0,0,0,0,0",
      "north,2026-11,en,1,0,0,0,0",
      "south,2026-13,en,1,0,0,0,0,0",
      "south,2026-11,en,x,0,0,0,0,0",
      "north,2026-10,en,3,0,0,0,0,0",
      "north,2026-11,ur,0,0,0,0,0,0",
    ].join("\n");
    expect(parseTallyCsv(file, rules("slug"))).toEqual({
      ok: false,
      problems: [
        { line: 3, code: "service_unknown", field: "service", value: "east" },
        { line: 4, code: "fields", found: 8, expected: 9 },
        { line: 5, code: "month_invalid", field: "month", value: "2026-13" },
        { line: 6, code: "count_invalid", field: "count_5", value: "x" },
        { line: 7, code: "duplicate", firstLine: 2 },
        { line: 8, code: "total_zero", field: "total", value: "" },
      ],
    });
  });

  it.each([
    ["", [{ line: 1, code: "header", columns: "" }]],
    ["service,month,language,5,4,3,2,1\nnorth,2026-10,en,1,1,1,1,1", [{ line: 1, code: "header", columns: "service,month,language,5,4,3,2,1" }]],
    [header, [{ line: 1, code: "no_lines" }]],
    [`${header}\nnorth,2026-10,en,"1,1,1,1,1,1\n`, [{ line: 2, code: "unclosed_quote" }]],
  ])("refuses %j", (file, problems) => {
    expect(parseTallyCsv(file, rules("slug"))).toEqual({ ok: false, problems });
  });

  it("accepts the header in capitals and with spaces, and refuses a cut that already has a live tally", () => {
    const file = "Service, Month ,LANGUAGE,5,4,3,2,1,Dont_Know\nnorth,2026-10,en,1,0,0,0,0,0\nsouth,2026-10,en,2,0,0,0,0,0";
    expect(parseTallyCsv(file, rules("slug"), new Set(["12|2026-10|en"]))).toEqual({ ok: false, problems: [{ line: 3, code: "already_saved" }] });
  });

  it("refuses a file of more than 2,000 tallies at the first line too many", () => {
    const lines = Array.from({ length: 2001 }, () => "north,2026-10,en,1,0,0,0,0,0");
    expect(parseTallyCsv([header, ...lines].join("\n"), rules("slug"))).toEqual({ ok: false, problems: [{ line: 2002, code: "too_many_lines", max: 2000 }] });
  });
});
