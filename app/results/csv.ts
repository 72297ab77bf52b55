import { serialiseCsv } from "~/surveys/translations";

/**
 * Results as CSV for Excel: UTF-8 with a byte order mark (or Excel shows Urdu as
 * mojibake), CRLF line ends, fields with quotes, commas or line breaks quoted (the
 * builder's RFC 4180 writer), and text that a spreadsheet would run as a formula
 * neutralised. Pure: the routes decide what goes in the cells.
 */

/** A cell: text as typed by people (comments, names), or a number the app computed. */
export type CsvCell = string | number | null;

/**
 * Characters that make Excel, LibreOffice or Sheets read a text cell as a formula
 * (OWASP "CSV injection"); a tab or carriage return first does too in some of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will show it: one starting like a formula gets a leading
 * apostrophe, so `=HYPERLINK(...)` in a parent's comment stays text. Numbers are the
 * app's own (a negative gap, say) and are written as they are.
 */
export function csvCellText(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The whole file: a header row and data rows, BOM first, every line ending CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return serialiseCsv(rows.map((row) => row.map(csvCellText)));
}

/** More lines of a file already started by `toCsv` (no second byte order mark). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return rows.length ? toCsv(rows).slice(1) : "";
}

/**
 * "said-and-done-senar-parent-questions-2026-11-25.csv": what, and the day it was made
 * (UTC), in plain ASCII so every browser keeps the name.
 */
export function csvFileName(parts: readonly string[], now: Date): string {
  const slug = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("-");
  return `said-and-done-${slug ? `${slug}-` : ""}${now.toISOString().slice(0, 10)}.csv`;
}

/** A download of a CSV file, never cached (it can hold figures only some staff may see). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
