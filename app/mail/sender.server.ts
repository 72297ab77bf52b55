import type { Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import type { Database, OutboxMessage } from "@db/schema";
import { parseStoredHeaders } from "./outbox.server";
import { afterFailure, CLAIM_TIMEOUT_MS, describeSendError, isUnreachable, MAX_ATTEMPTS, type SendError } from "./delivery-rules";

type Db = Kysely<Database>;

export interface DeliverySummary {
  /** Delivered to the mail server. */
  sent: number;
  /** Failed for now; back in the outbox for a later try. */
  retried: number;
  /** Given up: refused for good, or still failing after the last try. */
  failed: number;
  /** Claims left by a sender that stopped mid-way, handed back to the outbox. */
  released: number;
}

export interface DeliveryOptions {
  /** The From header: `env.MAIL_FROM`. */
  from: string;
  /** At most this many messages per call (the job loop calls again soon). */
  batchSize?: number;
  maxAttempts?: number;
}

/**
 * A "sending" row whose claim has expired goes back to "pending". While a row is
 * "sending", `next_attempt_at` holds the time its claim expires.
 *
 * A sender that stopped between handing a message to the server and recording it may
 * have delivered it: releasing the claim can then send it twice. That is the price of
 * never losing one; the stable Message-ID lets mail clients drop the duplicate.
 */
export async function releaseStaleClaims(db: Db, now = new Date()): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set((eb) => ({
      status: "pending",
      attempts: eb("attempts", "+", 1),
      next_attempt_at: now.toISOString(),
      last_error: "The sender stopped before it finished sending this message.",
    }))
    .where("status", "=", "sending")
    .where("next_attempt_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Takes a due message for this sender, in one statement: only one of several senders
 * running at once gets it, so no message is sent twice.
 */
async function claim(db: Db, id: number, now: Date): Promise<OutboxMessage | undefined> {
  return db
    .updateTable("outbox")
    .set({ status: "sending", next_attempt_at: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now.toISOString())
    .returningAll()
    .executeTakeFirst();
}

/** The domain of the From address, for Message-IDs. */
function domainOf(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "said-and-done.local";
}

async function send(transport: Transporter, message: OutboxMessage, from: string): Promise<string> {
  const info = (await transport.sendMail({
    from,
    to: message.to_address,
    subject: message.subject,
    text: message.text_body,
    html: message.html_body,
    // The same Message-ID on every try, so a duplicate after a crash can be recognised.
    messageId: `<outbox.${message.id}.${Date.parse(message.created_at)}@${domainOf(from)}>`,
    headers: { ...parseStoredHeaders(message.headers_json), "Content-Language": message.language },
  })) as { messageId?: string };
  return info.messageId ?? "";
}

async function recordSent(db: Db, message: OutboxMessage, messageId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("outbox")
      .set({ status: "sent", sent_at: now.toISOString(), message_id: messageId, attempts: message.attempts + 1 })
      .where("id", "=", message.id)
      .execute();
    // The relay accepted the invitation: it is delivered from now (DESIGN "Delivered";
    // app/campaigns/delivered.server.ts), a bounce recorded before (a refusal, then a
    // retry by hand) no longer stands. A reminder's acceptance proves nothing new.
    if (message.invitation_id !== null && message.kind === "invitation") {
      await trx.updateTable("invitations").set({ sent_at: now.toISOString(), bounced_at: null }).where("id", "=", message.invitation_id).execute();
    }
  });
}

async function recordFailure(db: Db, message: OutboxMessage, error: unknown, now: Date, maxAttempts: number) {
  const outcome = afterFailure(message.attempts, (error ?? {}) as SendError, now, maxAttempts);
  const lastError = describeSendError(error);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("outbox")
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        last_error: lastError,
        next_attempt_at: (outcome.status === "pending" ? outcome.nextAttemptAt : now).toISOString(),
      })
      .where("id", "=", message.id)
      .execute();
    // A bounced invitation was not delivered: it leaves the return rate's denominator.
    if (outcome.status === "failed" && message.invitation_id !== null) {
      await trx
        .updateTable("invitations")
        .set({ bounced_at: now.toISOString() })
        .where("id", "=", message.invitation_id)
        .where("bounced_at", "is", null)
        .execute();
    }
  });
  return outcome.status;
}

/**
 * Delivers every message that is due: claims it, sends it, records the result.
 * A temporary failure puts it back with a later try (backoff); a permanent one, or
 * too many tries, marks it failed and its invitation bounced. Nothing is deleted.
 */
export async function deliverDueEmails(
  db: Db,
  transport: Transporter,
  now: Date = new Date(),
  opts: DeliveryOptions,
): Promise<DeliverySummary> {
  const from = opts.from;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const summary: DeliverySummary = { sent: 0, retried: 0, failed: 0, released: await releaseStaleClaims(db, now) };
  const due = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now.toISOString())
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(opts.batchSize ?? 100)
    .execute();

  // Once the server cannot be reached, the rest of this round would only wait for the
  // same timeout: they get the same error and their own next try.
  let unreachable: unknown = null;
  const fail = async (message: OutboxMessage, error: unknown) => {
    const status = await recordFailure(db, message, error, now, maxAttempts);
    if (status === "failed") summary.failed++;
    else summary.retried++;
  };
  for (const { id } of due) {
    const message = await claim(db, id, now);
    if (!message) continue;
    if (unreachable !== null) {
      await fail(message, unreachable);
      continue;
    }
    try {
      const messageId = await send(transport, message, from);
      await recordSent(db, message, messageId, now);
      summary.sent++;
    } catch (error) {
      if (isUnreachable((error ?? {}) as SendError)) unreachable = error;
      await fail(message, error);
    }
  }
  return summary;
}
