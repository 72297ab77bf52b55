import { MAX_TEXT, translationStatus, type TextUnit } from "./builder";

/**
 * The translation file: a CSV a translator opens in Excel, fills in the Urdu column of,
 * and sends back. UTF-8 with a byte order mark, or Excel shows Urdu as mojibake.
 */

/**
 * `confirmed` is the translator's word that an Urdu text they did not change is right for
 * the English now: "yes" clears "out of date" for it. Without it an unchanged Urdu stays
 * out of date, so importing the downloaded file as it is clears nothing.
 */
export const TRANSLATION_COLUMNS = ["id", "english", "urdu", "status", "confirmed"] as const;
const BOM = "\uFEFF";

function quoteCell(cell: string, delimiter: string): string {
  return cell.includes('"') || cell.includes(delimiter) || /[\r\n]/.test(cell) || /^\s|\s$/.test(cell)
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
}

/** RFC 4180: comma-separated, CRLF line ends, fields with quotes, commas or line breaks quoted. */
export function serialiseCsv(rows: string[][]): string {
  return BOM + rows.map((r) => r.map((c) => quoteCell(c, ",")).join(",")).join("\r\n") + "\r\n";
}

export interface CsvRecord {
  /** The line of the file the record starts on (1-based), for error messages. */
  line: number;
  cells: string[];
}

export type CsvError = { line: number; code: "unclosed_quote" | "stray_quote" };

/**
 * Reads a CSV into records, each with the line it starts on. Quoted fields may hold
 * commas, quotes ("") and line breaks. Blank lines are skipped. A semicolon-separated
 * file (Excel in some regions) is read too, judged from its first line.
 */
export function parseCsv(input: string): { records: CsvRecord[] } | { error: CsvError } {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const delimiter = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let closedQuote = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: start, cells });
    cells = [];
    cell = "";
    closedQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        closedQuote = true;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      closedQuote = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else if (ch === '"') {
      if (cell !== "" || closedQuote) return { error: { line, code: "stray_quote" } };
      quoted = true;
    } else {
      if (closedQuote) return { error: { line, code: "stray_quote" } };
      cell += ch;
    }
  }
  if (quoted) return { error: { line: start, code: "unclosed_quote" } };
  endRecord();
  return { records };
}

/** The texts a translator sees: every text with English or Urdu (an unused hint has neither). */
export function translatableUnits(units: TextUnit[]): TextUnit[] {
  return units.filter((u) => u.en.trim() !== "" || u.ur.trim() !== "");
}

export function translationsCsv(units: TextUnit[]): string {
  return serialiseCsv([
    [...TRANSLATION_COLUMNS],
    ...translatableUnits(units).map((u) => [u.id, u.en, u.ur, translationStatus(u), ""]),
  ]);
}

export type TranslationImportProblemCode =
  | CsvError["code"]
  | "bad_header"
  | "wrong_columns"
  | "unknown_id"
  | "duplicate_id"
  | "english_changed"
  | "empty_urdu"
  | "too_long";

export interface TranslationImportProblem {
  line: number;
  code: TranslationImportProblemCode;
  id?: string;
}

export interface TranslationImportPlan {
  /** Rows to write: the Urdu becomes a translation of the English as it is now. */
  updates: { unit: TextUnit; ur: string }[];
  /** Good rows whose Urdu was already there and up to date. */
  unchanged: number;
  /** Rows whose Urdu is out of date and was neither changed nor confirmed: it stays out of date. */
  stillStale: number;
  problems: TranslationImportProblem[];
}

/** What a translator may write in the `confirmed` column to confirm an unchanged Urdu. */
const CONFIRMATIONS = new Set(["yes", "y", "ہاں", "جی ہاں"]);

function isConfirmed(cell: string | undefined): boolean {
  return CONFIRMATIONS.has((cell ?? "").trim().toLowerCase());
}

const normalise = (s: string) => s.replace(/\r\n?/g, "\n").trim();

/**
 * What importing a translation file would do. A row is refused, with its line, when its
 * id is unknown, when its English is not the English of the survey now (the translator
 * worked on older text), when the Urdu is empty or too long. Of the good rows, a changed
 * Urdu is written (and so made current), and an unchanged one only when the row says
 * `confirmed` "yes": the file as downloaded leaves every out-of-date text out of date.
 */
export function planTranslationImport(units: TextUnit[], csv: string): TranslationImportPlan {
  const plan: TranslationImportPlan = { updates: [], unchanged: 0, stillStale: 0, problems: [] };
  const parsed = parseCsv(csv);
  if ("error" in parsed) {
    plan.problems.push(parsed.error);
    return plan;
  }
  const [header, ...rows] = parsed.records;
  const names = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  if (names[0] !== "id" || names[1] !== "english" || names[2] !== "urdu") {
    plan.problems.push({ line: header?.line ?? 1, code: "bad_header" });
    return plan;
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    if (cells.length < 3 || cells.length > TRANSLATION_COLUMNS.length) {
      plan.problems.push({ line, code: "wrong_columns" });
      continue;
    }
    const id = cells[0].trim();
    const unit = byId.get(id);
    const problem = (code: TranslationImportProblemCode) => plan.problems.push({ line, code, id });
    if (!unit) problem("unknown_id");
    else if (seen.has(id)) problem("duplicate_id");
    else if (normalise(cells[1]) !== normalise(unit.en)) problem("english_changed");
    else {
      const ur = normalise(cells[2]);
      if (ur === "" && unit.en.trim() === "") continue;
      if (ur === "") problem("empty_urdu");
      else if (ur.length > MAX_TEXT) problem("too_long");
      else if (ur !== normalise(unit.ur)) plan.updates.push({ unit, ur });
      else if (unit.source === unit.en) plan.unchanged++;
      else if (isConfirmed(cells[4])) plan.updates.push({ unit, ur });
      else plan.stillStale++;
    }
    seen.add(id);
  }
  return plan;
}

export function translationsFileName(slug: string, version: number): string {
  return `translations-${slug}-v${version}.csv`;
}
