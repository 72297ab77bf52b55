import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation } from "@db/schema";
import { enqueueEmail, type OutgoingEmail } from "~/mail/outbox.server";
import type { CampaignDetail } from "./campaigns.server";
import { composeCampaignEmail, type CampaignEmailKind } from "./emails";
import type { InvitationRow } from "./invitation-rows";

type Db = Kysely<Database> | Transaction<Database>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** An unguessable invitation token: 24 random bytes, base64url (32 characters). */
export function newInvitationToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export async function findInvitationByToken(db: Db, token: string | undefined): Promise<Invitation | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  return db.selectFrom("invitations").selectAll().where("token", "=", token).executeTakeFirst();
}

/** Addresses already invited to a campaign (lower-case), to report repeats by line. */
export async function invitedEmails(db: Db, campaignId: number): Promise<Set<string>> {
  const rows = await db.selectFrom("invitations").select("email").where("campaign_id", "=", campaignId).execute();
  return new Set(rows.map((r) => r.email));
}

/** The email of an invitation or reminder, from its campaign's texts. */
export function campaignEmailFor(
  kind: CampaignEmailKind,
  detail: CampaignDetail,
  invitation: Pick<Invitation, "id" | "email" | "language" | "token" | "service_id">,
  publicUrl: string,
) {
  const service = detail.services.find((s) => s.id === invitation.service_id);
  return composeCampaignEmail({
    kind,
    invitation,
    surveyTitle: { en: detail.version.title_en, ur: detail.version.title_ur },
    serviceName: { en: service?.name_en ?? "", ur: service?.name_ur ?? "" },
    closesAt: detail.campaign.closes_at,
    anonymous: Boolean(detail.campaign.anonymous),
    publicUrl,
  });
}

/** Rows per transaction of an upload: each holds the connection for a few milliseconds. */
export const INVITATION_CHUNK = 250;
/**
 * How long an upload's emails wait in the outbox before they may go. The upload releases
 * them the moment its last row is in (usually within seconds); the hold only matters if
 * the process stops mid-upload, and then the rows already in are mailed after it, so a
 * second upload of the same list (which reports them "already invited") completes it.
 */
const HOLD_MS = 15 * 60_000;
const COMPOSE_BATCH = 50;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Creates the invitations and enqueues one invitation email each. `sent_at` stays empty
 * until the mail relay accepts the email (the sender sets it: DESIGN "Delivered"). A row
 * whose address was invited meanwhile (a second upload at the same moment) is skipped.
 *
 * All or nothing, as the officer sees it: either every good row is invited and mailed,
 * or none is and the upload fails. But not in one transaction: a 5,000-row list in one
 * transaction held the process's only database connection for seconds (2–3 s on a fast
 * machine, 5–20 s reported in use: 10,000 awaited inserts, and 5,000 emails composed
 * while holding it), and every family's request waited behind it. So, with every row
 * already checked by the caller:
 *
 * 1. chunks of `INVITATION_CHUNK` rows, each its own short transaction (one multi-row
 *    insert of invitations, then their emails), with the emails composed before it and a
 *    turn of the event loop after it, so other requests run between chunks. (better-sqlite3
 *    is synchronous: inside a transaction Kysely's awaits are only microtasks, so the
 *    one big transaction blocked not just the database but every request, static files
 *    included, for its whole length);
 * 2. the emails wait in the outbox (`next_attempt_at` held back), so the sender, which
 *    runs between chunks too, cannot mail half a list;
 * 3. one last short transaction releases them all: that is the upload's commit point.
 *
 * If any step fails before that, the rows this call inserted are deleted again (emails
 * first) and the error is thrown, as a failed transaction would have. Meanwhile, other
 * pages may briefly see part of the list as invited.
 */
export async function createInvitations(
  db: Kysely<Database>,
  detail: CampaignDetail,
  rows: InvitationRow[],
  publicUrl: string,
  now: Date,
  opts: { chunkSize?: number } = {},
): Promise<{ created: number; skippedLines: number[] }> {
  const at = now.toISOString();
  const heldUntil = new Date(now.getTime() + HOLD_MS).toISOString();
  const invitationIds: number[] = [];
  const outboxIds: number[] = [];
  const skippedLines: number[] = [];
  try {
    for (const chunk of chunksOf(rows, opts.chunkSize ?? INVITATION_CHUNK)) {
      // Composed outside the transaction, with a turn of the event loop every
      // COMPOSE_BATCH emails: at about 0.3 ms an email it is most of an upload's time.
      const planned: { row: InvitationRow; invitation: Pick<Invitation, "id" | "email" | "language" | "token" | "service_id">; email: OutgoingEmail }[] = [];
      for (const row of chunk) {
        const invitation = { id: 0, email: row.email, language: row.language, token: newInvitationToken(), service_id: row.serviceId };
        planned.push({ row, invitation, email: campaignEmailFor("invitation", detail, invitation, publicUrl) });
        if (planned.length % COMPOSE_BATCH === 0) await nextTick();
      }
      const done = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("invitations")
          .values(
            planned.map(({ row, invitation }) => ({
              campaign_id: detail.campaign.id,
              service_id: row.serviceId,
              email: row.email,
              language: row.language,
              token: invitation.token,
              created_at: at,
              sent_at: null,
            })),
          )
          .onConflict((oc) => oc.columns(["campaign_id", "email"]).doNothing())
          .returning(["id", "token"])
          .execute();
        const idByToken = new Map(inserted.map((i) => [i.token, i.id]));
        const result = { invitations: [] as number[], outbox: [] as number[], skipped: [] as number[] };
        for (const { row, invitation, email } of planned) {
          const id = idByToken.get(invitation.token);
          if (id === undefined) {
            result.skipped.push(row.line);
            continue;
          }
          result.invitations.push(id);
          result.outbox.push(await enqueueEmail(trx, { ...email, invitationId: id }, now));
        }
        if (result.outbox.length > 0) {
          await trx.updateTable("outbox").set({ next_attempt_at: heldUntil }).where("id", "in", result.outbox).execute();
        }
        return result;
      });
      // Only what committed: a chunk that failed left nothing to undo.
      invitationIds.push(...done.invitations);
      outboxIds.push(...done.outbox);
      skippedLines.push(...done.skipped);
      await nextTick();
    }
    await db.transaction().execute(async (trx) => {
      for (const ids of chunksOf(outboxIds, 500)) {
        await trx.updateTable("outbox").set({ next_attempt_at: at }).where("id", "in", ids).execute();
      }
    });
  } catch (error) {
    // Undone in one transaction; if even that fails (the database is gone), the held
    // emails go after the hold, as after a crash. The upload's own error is the one thrown.
    await db
      .transaction()
      .execute(async (trx) => {
        for (const ids of chunksOf(outboxIds, 500)) await trx.deleteFrom("outbox").where("id", "in", ids).execute();
        for (const ids of chunksOf(invitationIds, 500)) await trx.deleteFrom("invitations").where("id", "in", ids).execute();
      })
      .catch(() => undefined);
    throw error;
  }
  return { created: invitationIds.length, skippedLines: skippedLines.sort((a, b) => a - b) };
}

/**
 * Records that an invitation was completed: the month only (YYYY-MM, UTC), never the day
 * or time, which staff could match to the one response of that day (DESIGN.md "Anonymity").
 */
export async function markInvitationCompleted(db: Db, invitationId: number, now: Date): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ completed_on: now.toISOString().slice(0, 7) })
    .where("id", "=", invitationId)
    .where("completed_on", "is", null)
    .execute();
}

/** Opts an invitee out of (or, to undo, back into) reminders. */
export async function setOptedOut(db: Db, invitationId: number, optedOut: boolean, now: Date): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ opted_out_at: optedOut ? now.toISOString() : null })
    .where("id", "=", invitationId)
    .$if(optedOut, (q) => q.where("opted_out_at", "is", null))
    .execute();
}
