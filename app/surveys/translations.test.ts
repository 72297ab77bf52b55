import { describe, expect, it } from "vitest";
import { parseCsv, planTranslationImport, serialiseCsv, translationsCsv } from "./translations";
import type { TextUnit } from "./builder";

const unit = (id: string, en: string, ur: string, source = en, optional = false): TextUnit => ({
  id,
  field: id.endsWith(":hint") ? "hint" : "text",
  en,
  ur,
  source,
  optional,
});

describe("CSV", () => {
  it("round-trips Urdu, commas, quotes and line breaks, with a byte order mark for Excel", () => {
    const rows = [
      ["id", "english", "urdu", "status"],
      ["question:overall:text", 'How "satisfied", overall?', "آپ کتنے مطمئن ہیں، مجموعی طور پر؟", "ok"],
      ["question:comment:hint", "Line one\nLine two", "پہلی سطر\r\nدوسری سطر", "stale"],
      ["survey:intro", " padded ", "", "missing"],
    ];
    const csv = serialiseCsv(rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain('"How ""satisfied"", overall?"');
    const parsed = parseCsv(csv);
    expect(parsed).toEqual({
      records: [
        { line: 1, cells: rows[0] },
        { line: 2, cells: rows[1] },
        { line: 3, cells: rows[2] },
        // The record before holds two line breaks, so this one starts two lines further on.
        { line: 6, cells: rows[3] },
      ],
    });
  });

  it("reads LF files, skips blank lines and reads semicolon-separated files", () => {
    expect(parseCsv("a,b\n\nc,d\n")).toEqual({ records: [{ line: 1, cells: ["a", "b"] }, { line: 3, cells: ["c", "d"] }] });
    expect(parseCsv("id;english;urdu\nx;y;z")).toEqual({ records: [{ line: 1, cells: ["id", "english", "urdu"] }, { line: 2, cells: ["x", "y", "z"] }] });
  });

  it("reports a broken file by line", () => {
    expect(parseCsv('id,english,urdu\nx,"open\nstill open')).toEqual({ error: { line: 2, code: "unclosed_quote" } });
    expect(parseCsv('id,english,urdu\nx,y,z\nx,ab"c",d')).toEqual({ error: { line: 3, code: "stray_quote" } });
    expect(parseCsv('id,english,urdu\nx,"y"z,d')).toEqual({ error: { line: 2, code: "stray_quote" } });
  });
});

describe("translation file", () => {
  const units = [
    unit("survey:title", "Title", "عنوان"),
    unit("question:overall:text", "Overall?", ""),
    unit("question:overall:hint", "", "", "", true),
    unit("question:contact:text", "Who to call?", "کس کو فون کریں؟", "Who to contact?"),
  ];

  it("lists every text with its status, leaving out hints that exist in neither language", () => {
    const parsed = parseCsv(translationsCsv(units));
    expect("records" in parsed && parsed.records.map((r) => r.cells)).toEqual([
      ["id", "english", "urdu", "status", "confirmed"],
      ["survey:title", "Title", "عنوان", "ok", ""],
      ["question:overall:text", "Overall?", "", "missing", ""],
      ["question:contact:text", "Who to call?", "کس کو فون کریں؟", "stale", ""],
    ]);
  });

  it("keeps good rows, and reports unknown ids, changed English, empty Urdu and bad rows by line", () => {
    const csv = [
      "id,english,urdu,status",
      "survey:title,Title,عنوان,ok",
      'question:overall:text,Overall?,"مجموعی طور پر، کیسا رہا؟",missing',
      "question:contact:text,Who to call?,کس کو فون کریں؟,stale,yes",
      "question:gone:text,Gone,گیا,ok",
      "survey:title,Title,عنوان دوبارہ,ok",
      "question:overall:hint,Old hint,پرانی وضاحت,ok",
      "only,two",
    ].join("\r\n");
    const plan = planTranslationImport(units, csv);
    expect(plan.updates.map((u) => [u.unit.id, u.ur])).toEqual([
      ["question:overall:text", "مجموعی طور پر، کیسا رہا؟"],
      // The same Urdu, confirmed in the file for the English now: no longer stale.
      ["question:contact:text", "کس کو فون کریں؟"],
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.stillStale).toBe(0);
    expect(plan.problems).toEqual([
      { line: 5, code: "unknown_id", id: "question:gone:text" },
      { line: 6, code: "duplicate_id", id: "survey:title" },
      { line: 7, code: "english_changed", id: "question:overall:hint" },
      { line: 8, code: "wrong_columns" },
    ]);
  });

  it("refuses rows whose English changed since export, and empty Urdu", () => {
    const plan = planTranslationImport(units, "id,english,urdu\nsurvey:title,Old title,پرانا عنوان\nquestion:overall:text,Overall?,  \n");
    expect(plan.updates).toEqual([]);
    expect(plan.problems).toEqual([
      { line: 2, code: "english_changed", id: "survey:title" },
      { line: 3, code: "empty_urdu", id: "question:overall:text" },
    ]);
  });

  it("imports nothing from a file without the header or with a broken quote", () => {
    expect(planTranslationImport(units, "survey:title,Title,عنوان")).toEqual({ updates: [], unchanged: 0, stillStale: 0, problems: [{ line: 1, code: "bad_header" }] });
    expect(planTranslationImport(units, 'id,english,urdu\nsurvey:title,Title,"عنوان').problems).toEqual([{ line: 2, code: "unclosed_quote" }]);
  });

  it("clears out of date only for an Urdu that changed or that the file confirms: the file as downloaded clears nothing", () => {
    const stale = [
      unit("survey:title", "Title", "عنوان"),
      unit("question:a:text", "Who to call?", "کس کو فون کریں؟", "Who to contact?"),
      unit("question:b:text", "When?", "کب؟", "What time?"),
      unit("question:c:text", "Where?", "کہاں؟", "Which place?"),
    ];
    const asDownloaded = planTranslationImport(stale, translationsCsv(stale));
    expect(asDownloaded).toEqual({ updates: [], unchanged: 1, stillStale: 3, problems: [] });

    const csv = [
      "id,english,urdu,status,confirmed",
      "survey:title,Title,عنوان,ok,",
      // Changed Urdu: written, confirmed or not.
      "question:a:text,Who to call?,کسے فون کریں؟,stale,",
      // Same Urdu, confirmed (in English or Urdu): made current.
      "question:b:text,When?,کب؟,stale, Yes ",
      "question:c:text,Where?,کہاں؟,stale,ہاں",
    ].join("\r\n");
    const plan = planTranslationImport(stale, csv);
    expect(plan.updates.map((u) => [u.unit.id, u.ur])).toEqual([
      ["question:a:text", "کسے فون کریں؟"],
      ["question:b:text", "کب؟"],
      ["question:c:text", "کہاں؟"],
    ]);
    expect(plan).toMatchObject({ unchanged: 1, stillStale: 0, problems: [] });

    // Anything but yes is no confirmation; a file without the column (4 columns) confirms nothing.
    const unconfirmed = "id,english,urdu,status,confirmed\nquestion:b:text,When?,کب؟,stale,no\nquestion:c:text,Where?,کہاں؟,stale";
    expect(planTranslationImport(stale, unconfirmed)).toEqual({ updates: [], unchanged: 0, stillStale: 2, problems: [] });
  });
});
