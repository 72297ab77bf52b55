import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation } from "@db/schema";
import { enqueueEmail } from "~/mail/outbox.server";
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

/**
 * Creates the invitations and enqueues one invitation email each, all in one
 * transaction: either every good row is invited and mailed, or none is. `sent_at`
 * is the time the email was handed to the outbox (which owns delivery). A row whose
 * address was invited meanwhile (a second upload at the same moment) is skipped.
 */
export async function createInvitations(
  db: Kysely<Database>,
  detail: CampaignDetail,
  rows: InvitationRow[],
  publicUrl: string,
  now: Date,
): Promise<{ created: number; skippedLines: number[] }> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let created = 0;
    const skippedLines: number[] = [];
    for (const row of rows) {
      const invitation = await trx
        .insertInto("invitations")
        .values({
          campaign_id: detail.campaign.id,
          service_id: row.serviceId,
          email: row.email,
          language: row.language,
          token: newInvitationToken(),
          created_at: at,
          sent_at: at,
        })
        .onConflict((oc) => oc.columns(["campaign_id", "email"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!invitation) {
        skippedLines.push(row.line);
        continue;
      }
      await enqueueEmail(trx, campaignEmailFor("invitation", detail, invitation, publicUrl), now);
      created++;
    }
    return { created, skippedLines };
  });
}

/** Records that an invitation was completed: the day only, never the time (see docs/decisions/005). */
export async function markInvitationCompleted(db: Db, invitationId: number, now: Date): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ completed_on: now.toISOString().slice(0, 10) })
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
