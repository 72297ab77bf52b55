import type { Kysely } from "kysely";
import { OUTBOX_STATUSES, type Database, type Language, type OutboxMessage, type OutboxStatus } from "@db/schema";
import { hidesRecipient, maskRecipient } from "./mailbox";

type Db = Kysely<Database>;

/** One email as the app composes it; the sender turns it into SMTP. */
export interface OutgoingEmail {
  /** What it is for, e.g. "invitation", "reminder": shown in the mailbox and used in tests. */
  kind: string;
  to: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** For invitation and reminder emails: a permanent failure marks this invitation bounced. */
  invitationId?: number;
}

/**
 * The only way the app sends mail: the message is written to the outbox (in the
 * caller's transaction, if any) and the sender delivers it later with retries, so
 * a mail server that is down delays mail but never loses it.
 */
export async function enqueueEmail(db: Db, email: OutgoingEmail, now = new Date()): Promise<number> {
  const { id } = await db
    .insertInto("outbox")
    .values({
      kind: email.kind,
      to_address: email.to,
      language: email.language,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
      headers_json: JSON.stringify(email.headers ?? {}),
      invitation_id: email.invitationId ?? null,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The extra headers stored with a message (string values only; anything unreadable is left out). */
export function parseStoredHeaders(json: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

// The mailbox: what admins read of the outbox.

export const MAILBOX_PAGE_SIZE = 50;

export interface MailboxFilter {
  status?: OutboxStatus;
  kind?: string;
}

/** How many messages are in each state, every state present (0 when none). */
export async function countOutboxByStatus(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom("outbox").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** The kinds of email in the outbox, for the mailbox filter. */
export async function listOutboxKinds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("outbox").select("kind").distinct().orderBy("kind").execute();
  return rows.map((r) => r.kind);
}

/** One page of the outbox, newest first, without the bodies. */
export async function listOutbox(db: Db, filter: MailboxFilter, page: number, pageSize = MAILBOX_PAGE_SIZE) {
  let query = db.selectFrom("outbox");
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const messages = await query
    .select(["id", "kind", "to_address", "language", "subject", "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { messages, total: Number(total) };
}

export async function findOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A message as the mailbox may show it: `to_address` is null when its kind hides the recipient. */
export type MailboxMessage = Omit<OutboxMessage, "to_address"> & { to_address: string | null };

/** One page of the mailbox: `listOutbox` with the recipients of reminders hidden. */
export async function listMailbox(db: Db, filter: MailboxFilter, page: number, pageSize = MAILBOX_PAGE_SIZE) {
  const { messages, total } = await listOutbox(db, filter, page, pageSize);
  return {
    total,
    messages: messages.map((m) =>
      hidesRecipient(m.kind) ? { ...m, to_address: null, last_error: m.last_error === null ? null : maskRecipient(m.last_error, [m.to_address]) } : m,
    ),
  };
}

/**
 * One message for the mailbox. For a kind that hides its recipient (a reminder), the
 * address is gone, and the address and personal token are masked in the subject,
 * bodies, headers and last error: the same token is in the invitation email, beside
 * the address, so either would name a family who has not answered.
 */
export async function findMailboxMessage(db: Db, id: number): Promise<MailboxMessage | undefined> {
  const message = await findOutboxMessage(db, id);
  if (!message || !hidesRecipient(message.kind)) return message;
  const invitation = message.invitation_id
    ? await db.selectFrom("invitations").select(["token", "email"]).where("id", "=", message.invitation_id).executeTakeFirst()
    : undefined;
  const secrets = [message.to_address, invitation?.token ?? "", invitation?.email ?? ""];
  const mask = (text: string) => maskRecipient(text, secrets);
  return {
    ...message,
    to_address: null,
    subject: mask(message.subject),
    text_body: mask(message.text_body),
    html_body: mask(message.html_body),
    headers_json: JSON.stringify(Object.fromEntries(Object.entries(parseStoredHeaders(message.headers_json)).map(([k, v]) => [k, mask(v)]))),
    last_error: message.last_error === null ? null : mask(message.last_error),
  };
}

/** Whether a message in this state may be put back for an immediate try. */
export function canRetry(status: OutboxStatus): boolean {
  return status === "pending" || status === "failed";
}

/**
 * "Try again now": a failed or waiting message is due at once, with a fresh count of
 * attempts (so it gets the whole backoff again). False when it is being sent or was sent.
 */
export async function retryEmailNow(db: Db, id: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "pending", next_attempt_at: now.toISOString(), attempts: 0 })
    .where("id", "=", id)
    .where("status", "in", OUTBOX_STATUSES.filter(canRetry))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
