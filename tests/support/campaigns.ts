import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { getCampaignById } from "~/campaigns/campaigns.server";
import { createInvitations } from "~/campaigns/invitations.server";

export const PUBLIC_URL = "https://said-and-done.example";

/** Invites these addresses (all for the campaign's first service) as an upload would; returns the invitations. */
export async function invite(db: Kysely<Database>, campaignId: number, people: [string, Language][], now: Date) {
  const detail = (await getCampaignById(db, campaignId))!;
  await createInvitations(
    db,
    detail,
    people.map(([email, language], i) => ({ line: i + 2, email, language, serviceId: detail.services[0].id })),
    PUBLIC_URL,
    now,
  );
  return db.selectFrom("invitations").selectAll().where("campaign_id", "=", campaignId).orderBy("id").execute();
}

/**
 * What the sender records when the mail relay accepts a campaign's queued invitation
 * emails (app/mail/sender.server.ts): the emails sent, the invitations delivered at `at`.
 */
export async function relayAccepted(db: Kysely<Database>, campaignId: number, at: Date): Promise<void> {
  const ids = (await db.selectFrom("invitations").select("id").where("campaign_id", "=", campaignId).where("sent_at", "is", null).execute()).map((i) => i.id);
  if (ids.length === 0) return;
  await db.updateTable("outbox").set({ status: "sent", sent_at: at.toISOString() }).where("kind", "=", "invitation").where("invitation_id", "in", ids).execute();
  await db.updateTable("invitations").set({ sent_at: at.toISOString() }).where("id", "in", ids).execute();
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
