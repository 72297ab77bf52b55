// Pure helpers for the mailbox pages.
import { OUTBOX_STATUSES, type Language, type OutboxStatus } from "@db/schema";
import { z } from "zod";

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
