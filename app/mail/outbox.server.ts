import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";

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
