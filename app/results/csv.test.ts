import { describe, expect, it } from "vitest";
import { csvCellText, csvFileName, csvLines, csvResponse, toCsv } from "./csv";
import { parseCsv } from "~/surveys/translations";

describe("results CSV", () => {
  it("starts with a byte order mark and ends every line with CRLF", () => {
    const csv = toCsv([
      ["term", "%"],
      ["Autumn term 2026", 62.5],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe("\uFEFFterm,%\r\nAutumn term 2026,62.5\r\n");
  });

  it("quotes commas, quotes and line breaks, and reads back the same", () => {
    const rows = [["a, b", 'she said "no"', "line one\nline two", "plain"]];
    const csv = toCsv(rows);
    expect(csv).toBe('\uFEFF"a, b","she said ""no""","line one\nline two",plain\r\n');
    const parsed = parseCsv(csv);
    expect("records" in parsed && parsed.records[0].cells).toEqual(rows[0]);
  });

  it("keeps Urdu exactly as it is", () => {
    const csv = toCsv([["بہت مطمئن", "5 سے کم جوابات"]]);
    expect(csv).toBe("\uFEFFبہت مطمئن,5 سے کم جوابات\r\n");
    // As bytes: the BOM is EF BB BF, then the Urdu in UTF-8.
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8").startsWith("بہت مطمئن")).toBe(true);
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvCellText("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(csvCellText("+44 121")).toBe("'+44 121");
    expect(csvCellText("-1")).toBe("'-1");
    expect(csvCellText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCellText("\tx")).toBe("'\tx");
    expect(csvCellText("\rx")).toBe("'\rx");
    expect(csvCellText("a=b")).toBe("a=b");
    // A comment starting with a formula and holding a comma: apostrophe inside the quotes.
    expect(toCsv([["=1+2,3"]])).toBe("\uFEFF\"'=1+2,3\"\r\n");
  });

  it("writes the app's numbers as numbers, a negative gap included, and null as empty", () => {
    expect(csvCellText(-12.5)).toBe("-12.5");
    expect(csvCellText(0)).toBe("0");
    expect(csvCellText(null)).toBe("");
    expect(csvCellText(Number.NaN)).toBe("");
    expect(toCsv([[1, null, -3]])).toBe("\uFEFF1,,-3\r\n");
  });

  it("continues a file without a second byte order mark", () => {
    expect(toCsv([["a"]]) + csvLines([["=b"], [2]])).toBe("\uFEFFa\r\n'=b\r\n2\r\n");
    expect(csvLines([])).toBe("");
  });

  it("names files with what they hold and the day, in ASCII", () => {
    const now = new Date("2026-11-25T23:59:00Z");
    expect(csvFileName(["dashboard"], now)).toBe("said-and-done-dashboard-2026-11-25.csv");
    expect(csvFileName(["SENAR parent", "questions"], now)).toBe("said-and-done-senar-parent-questions-2026-11-25.csv");
    expect(csvFileName(["سروے"], now)).toBe("said-and-done-2026-11-25.csv");
  });

  it("downloads as an uncached UTF-8 CSV attachment", async () => {
    const res = csvResponse(toCsv([["x"]]), "said-and-done-x-2026-11-25.csv");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="said-and-done-x-2026-11-25.csv"');
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    // The BOM is in the bytes sent (text() would decode it away).
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x78, 0x0d, 0x0a]);
  });
});
