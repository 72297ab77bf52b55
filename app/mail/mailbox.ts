// Pure helpers for the mailbox pages.
import { OUTBOX_STATUSES, type Language, type OutboxStatus } from "@db/schema";
import { z } from "zod";
import { escapeHtml } from "~/http/html";

const LOCALES: Record<Language, string> = { en: "en-GB", ur: "ur-PK" };

/**
 * A date and time for staff, in UK time: "1 December 2026 at 09:00" (long) or
 * "1 Dec 2026, 09:00" (medium), or their Urdu forms. Done on the server.
 */
export function formatDateTime(iso: string, lng: Language, style: "long" | "medium" = "long"): string {
  return new Intl.DateTimeFormat(LOCALES[lng], { dateStyle: style, timeStyle: "short", timeZone: "Europe/London" }).format(new Date(iso));
}

/** The mailbox list's query string; anything unexpected falls back to "all" or page 1. */
export const MailboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  kind: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export type MailboxQuery = z.output<typeof MailboxQuerySchema>;

export function parseMailboxQuery(url: URL): MailboxQuery {
  const p = url.searchParams;
  return MailboxQuerySchema.parse({ status: p.get("status") ?? undefined, kind: p.get("kind") ?? undefined, page: p.get("page") ?? 1 });
}

/** The address of a mailbox page with these filters (only the ones set). */
export function mailboxHref(query: { status?: OutboxStatus; kind?: string; page?: number }): string {
  const p = new URLSearchParams();
  if (query.status) p.set("status", query.status);
  if (query.kind) p.set("kind", query.kind);
  if (query.page && query.page > 1) p.set("page", String(query.page));
  const qs = p.toString();
  return qs ? `/staff/mailbox?${qs}` : "/staff/mailbox";
}

/** Which rows a page shows: 1-based `from`..`to` of `total`, and how many pages there are. */
export function pageWindow(page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return { pages, from, to };
}

/**
 * Kinds of email whose recipient the mailbox never shows. A reminder goes only to
 * invitees who have not answered, so its address (or its personal link, which the
 * invitation email shows beside the address) would tell staff who has answered
 * (DESIGN.md "Anonymity"; docs/decisions/005). Every other kind keeps its recipient.
 */
export const RECIPIENT_HIDDEN_KINDS: readonly string[] = ["reminder"];

export function hidesRecipient(kind: string): boolean {
  return RECIPIENT_HIDDEN_KINDS.includes(kind);
}

/** What stands for a hidden address or personal token in a masked email. */
export const HIDDEN = "••••••";

const PERSONAL_LINK = /(\/(?:i|unsubscribe|opted-out)\/)[A-Za-z0-9_-]{16,}/g;


/**
 * A text of a masked email with every trace of its recipient replaced by `HIDDEN`: the
 * given secrets (the address, the invitation's token), as written and as HTML escapes
 * them, in any case, and any personal link's token.
 */
export function maskRecipient(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, escapeHtml(secret), encodeURIComponent(secret)])) {
      out = out.replace(new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), HIDDEN);
    }
  }
  return out.replace(PERSONAL_LINK, `$1${HIDDEN}`);
}
