/**
 * The mail relay's bounce list, as an admin uploads it for a campaign: a CSV file of
 * addresses (one a line, or an address column among others), with or without a header
 * row, a byte order mark and CRLF line ends tolerated. Pure: every line is checked, and
 * one bad line refuses the whole file (bounces.server.ts saves nothing then), so a list
 * is never half applied.
 */
import { parseCsv } from "./csv";
import { normaliseEmail } from "./invitation-rows";

/** The most addresses one list may hold (a 1 MB file is about 20,000 short lines). */
export const MAX_BOUNCE_ROWS = 20_000;

/** Header cells that name the address column. */
const ADDRESS_HEADERS = ["email", "e-mail", "email address", "address", "recipient", "to"];

export type BounceLineProblem = "invalid_email" | "unclosed_quote";

export interface BounceLineError {
  /** The line in the file (1 = the first line), as a text editor counts them. */
  line: number;
  text: string;
  problem: BounceLineProblem;
}

export type BounceListResult =
  | { ok: true; emails: string[]; lines: number }
  | { ok: false; problem: "empty" | "too_many_rows" }
  | { ok: false; problem: "bad_lines"; errors: BounceLineError[] };

/** The addresses of a bounce list, lower-case, each once; or why the file is refused. */
export function parseBounceList(text: string): BounceListResult {
  const records = parseCsv(text);
  if (records.length === 0) return { ok: false, problem: "empty" };
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const named = header.findIndex((h) => ADDRESS_HEADERS.includes(h));
  // A first line without an address in it is a header, whatever it calls the column.
  const hasHeader = named >= 0 || header.every((h) => !h.includes("@"));
  const column = named >= 0 ? named : 0;
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > MAX_BOUNCE_ROWS) return { ok: false, problem: "too_many_rows" };
  const emails = new Set<string>();
  const errors: BounceLineError[] = [];
  for (const record of rows) {
    const raw = (record.fields[column] ?? "").trim();
    const text = (raw || record.fields.join(",")).slice(0, 200);
    if (record.unclosedQuote) {
      errors.push({ line: record.line, text, problem: "unclosed_quote" });
      continue;
    }
    const email = normaliseEmail(raw);
    if (!email) errors.push({ line: record.line, text, problem: "invalid_email" });
    else emails.add(email);
  }
  if (errors.length > 0) return { ok: false, problem: "bad_lines", errors };
  return { ok: true, emails: [...emails], lines: rows.length };
}
