import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { parseCsv } from "./csv";
import type { ScopedCampaign } from "./campaigns.server";
import { validateInvitationRows, type BadRow, type HeaderProblem } from "./invitation-rows";
import { createInvitations, invitedEmails } from "./invitations.server";

/** The largest CSV file (or pasted text) accepted: about 20,000 rows. */
export const MAX_CSV_BYTES = 1_000_000;
/** A request body larger than this is refused before it is read. */
export const MAX_UPLOAD_BODY_BYTES = 2 * MAX_CSV_BYTES + 64 * 1024;

export type UploadProblem = "nothing" | "too_large" | "not_utf8" | HeaderProblem;

/** The CSV text of an upload: the file if one was chosen, else the pasted text. */
export async function readUploadedCsv(form: FormData): Promise<{ text: string } | { problem: UploadProblem }> {
  const file = form.get("file");
  if (file && typeof file === "object" && file.size > 0) {
    if (file.size > MAX_CSV_BYTES) return { problem: "too_large" };
    const text = await file.text();
    // A file saved in a legacy code page decodes to replacement characters.
    if (text.includes("\uFFFD")) return { problem: "not_utf8" };
    return { text };
  }
  const pasted = form.get("csv");
  if (typeof pasted === "string" && pasted.trim() !== "") {
    if (Buffer.byteLength(pasted, "utf8") > MAX_CSV_BYTES) return { problem: "too_large" };
    return { text: pasted };
  }
  return { problem: "nothing" };
}

export interface UploadResult {
  rows: number;
  invited: number;
  bad: BadRow[];
}

/**
 * Checks every row of an uploaded list first, then invites the good ones: all of them,
 * with their emails, or none (`createInvitations` inserts in short chunks so other
 * requests are not kept waiting, and undoes them if a later chunk fails). Bad rows come
 * back with their line and reason.
 */
export async function inviteFromCsv(
  db: Kysely<Database>,
  detail: ScopedCampaign,
  text: string,
  publicUrl: string,
  now: Date,
): Promise<UploadResult | { problem: HeaderProblem }> {
  const records = parseCsv(text);
  const result = validateInvitationRows(records, {
    campaignServices: detail.services.map((s) => ({ id: s.id, slug: s.slug })),
    allowedServiceIds: detail.scope,
    alreadyInvited: await invitedEmails(db, detail.campaign.id),
  });
  if (result.headerProblem) return { problem: result.headerProblem };
  const { created, skippedLines } = await createInvitations(db, detail, result.good, publicUrl, now);
  const raced: BadRow[] = result.good
    .filter((r) => skippedLines.includes(r.line))
    .map((r) => ({ line: r.line, text: r.email, problem: "already_invited" }));
  return {
    rows: records.length - 1,
    invited: created,
    bad: [...result.bad, ...raced].sort((a, b) => a.line - b.line),
  };
}
