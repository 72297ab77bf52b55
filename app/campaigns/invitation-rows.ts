import type { Language } from "@db/schema";
import type { CsvRecord } from "./csv";

/** The most invitations one upload may hold (a 1 MB file is about 20,000 short rows). */
export const MAX_INVITATION_ROWS = 5000;

export interface InvitationRow {
  line: number;
  email: string;
  language: Language;
  serviceId: number;
}

export const ROW_PROBLEMS = [
  "invalid_email",
  "unknown_language",
  "missing_service",
  "unknown_service",
  "service_not_allowed",
  "duplicate_in_file",
  "already_invited",
  "unclosed_quote",
  "too_many_rows",
] as const;
export type RowProblem = (typeof ROW_PROBLEMS)[number];

export interface BadRow {
  line: number;
  /** What the row said (the email, or the whole line when there is none), to help find it. */
  text: string;
  problem: RowProblem;
  /** For a duplicate: the line it repeats. */
  firstLine?: number;
}

export type HeaderProblem = "empty" | "no_header";

export interface InvitationRowsResult {
  good: InvitationRow[];
  bad: BadRow[];
  headerProblem?: HeaderProblem;
}

export interface InvitationRowsContext {
  /** The campaign's services. */
  campaignServices: { id: number; slug: string }[];
  /** Those of them the uploader may invite for (all for an admin). */
  allowedServiceIds: readonly number[];
  /** Addresses already invited to this campaign, lower-case. */
  alreadyInvited: ReadonlySet<string>;
}

const LANGUAGE_NAMES: Record<string, Language> = {
  en: "en",
  english: "en",
  "انگریزی": "en",
  ur: "ur",
  urdu: "ur",
  "اردو": "ur",
};

/** en, ur, English, Urdu (any case) or the language's own name; undefined for anything else. */
export function readLanguage(value: string): Language | undefined {
  return LANGUAGE_NAMES[value.trim().toLowerCase()];
}

// Deliberately simple: one @, something before it, a dot in the domain, no spaces.
const EMAIL_PATTERN = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

export function normaliseEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL_PATTERN.test(email) ? email : undefined;
}

/**
 * Checks the records of an uploaded invitation list (`email,language[,service]`, with a
 * header row in any column order). Every bad row is reported with its line and one
 * reason; good rows are kept, however many bad rows there are.
 */
export function validateInvitationRows(records: CsvRecord[], ctx: InvitationRowsContext): InvitationRowsResult {
  if (records.length === 0) return { good: [], bad: [], headerProblem: "empty" };
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const col = { email: header.indexOf("email"), language: header.indexOf("language"), service: header.indexOf("service") };
  if (col.email < 0 || col.language < 0) return { good: [], bad: [], headerProblem: "no_header" };

  const allowed = ctx.campaignServices.filter((s) => ctx.allowedServiceIds.includes(s.id));
  // A service is needed on each row only when the uploader could mean more than one.
  const defaultService = allowed.length === 1 ? allowed[0].id : undefined;
  const firstSeen = new Map<string, number>();
  const good: InvitationRow[] = [];
  const bad: BadRow[] = [];

  for (const record of records.slice(1)) {
    const cell = (i: number) => (i >= 0 ? (record.fields[i] ?? "").trim() : "");
    const rawEmail = cell(col.email);
    const text = rawEmail || record.fields.join(",").slice(0, 200);
    const report = (problem: RowProblem, extra: Partial<BadRow> = {}) => bad.push({ line: record.line, text, problem, ...extra });

    if (record.unclosedQuote) {
      report("unclosed_quote");
      continue;
    }
    if (good.length >= MAX_INVITATION_ROWS) {
      report("too_many_rows");
      continue;
    }
    const email = normaliseEmail(rawEmail);
    if (!email) {
      report("invalid_email");
      continue;
    }
    const language = readLanguage(cell(col.language));
    if (!language) {
      report("unknown_language");
      continue;
    }
    const serviceSlug = cell(col.service).toLowerCase();
    let serviceId = defaultService;
    if (serviceSlug) {
      const service = ctx.campaignServices.find((s) => s.slug === serviceSlug);
      if (!service) {
        report("unknown_service");
        continue;
      }
      if (!ctx.allowedServiceIds.includes(service.id)) {
        report("service_not_allowed");
        continue;
      }
      serviceId = service.id;
    }
    if (serviceId === undefined) {
      report("missing_service");
      continue;
    }
    const earlier = firstSeen.get(email);
    if (earlier !== undefined) {
      report("duplicate_in_file", { firstLine: earlier });
      continue;
    }
    firstSeen.set(email, record.line);
    if (ctx.alreadyInvited.has(email)) {
      report("already_invited");
      continue;
    }
    good.push({ line: record.line, email, language, serviceId });
  }
  return { good, bad };
}
