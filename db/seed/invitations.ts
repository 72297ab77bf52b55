import type { Transaction } from "kysely";
import type { Database, Language } from "../schema";
import { getCampaignById } from "../../app/campaigns/campaigns.server";
import { campaignEmailFor } from "../../app/campaigns/invitations.server";
import { enqueueEmail } from "../../app/mail/outbox.server";

/** The campaign the demo invites by email, so its overview, return rate and mailbox have something to show. */
export const DEMO_INVITED_CAMPAIGN = "partner-organisation-2026-27";
const SENT_AT = "2026-09-02T08:30:00.000Z";
const REMINDED_AT = "2026-10-01T08:30:00.000Z";

/**
 * Invites the partner organisations to the current partner survey: one invitation per
 * response submitted through a personal link (completed in its month), plus contacts who have not answered, one
 * whose address bounced and one who opted out; the emails as already delivered, and a
 * reminder round by hand to those still to answer. Fake addresses on example.org.
 */
export async function seedDemoInvitations(
  trx: Transaction<Database>,
  token: () => string,
  publicUrl: string,
): Promise<number> {
  const campaign = await trx.selectFrom("campaigns").select("id").where("slug", "=", DEMO_INVITED_CAMPAIGN).executeTakeFirstOrThrow();
  const detail = (await getCampaignById(trx, campaign.id))!;
  const answered = await trx
    .selectFrom("responses")
    .select(["service_id", "submitted_at"])
    .where("campaign_id", "=", campaign.id)
    .where("submitted_at", "is not", null)
    .where("channel", "=", "invitation")
    .orderBy("id")
    .execute();
  const people: { serviceId: number; language: Language; completedOn: string | null; state?: "bounced" | "opted_out" }[] = [
    ...answered.map((r, i) => ({ serviceId: r.service_id!, language: (i % 4 === 3 ? "ur" : "en") as Language, completedOn: r.submitted_at!.slice(0, 7) })),
    ...detail.services.map((s, i) => ({ serviceId: s.id, language: (i === 1 ? "ur" : "en") as Language, completedOn: null })),
    { serviceId: detail.services[0].id, language: "en", completedOn: null, state: "bounced" },
    { serviceId: detail.services[1].id, language: "en", completedOn: null, state: "opted_out" },
  ];
  const toRemind: number[] = [];
  for (const [i, p] of people.entries()) {
    const invitation = await trx
      .insertInto("invitations")
      .values({
        campaign_id: campaign.id,
        service_id: p.serviceId,
        email: `partner.${String(i + 1).padStart(2, "0")}@example.org`,
        language: p.language,
        token: token(),
        created_at: SENT_AT,
        sent_at: SENT_AT,
        bounced_at: p.state === "bounced" ? SENT_AT : null,
        completed_on: p.completedOn,
        opted_out_at: p.state === "opted_out" ? "2026-09-03T19:12:00.000Z" : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const id = await enqueueEmail(trx, campaignEmailFor("invitation", detail, invitation, publicUrl), new Date(SENT_AT));
    await trx
      .updateTable("outbox")
      .set(
        p.state === "bounced"
          ? { status: "failed", attempts: 1, last_error: "550 5.1.1 <" + invitation.email + ">: mailbox unavailable" }
          : { status: "sent", attempts: 1, sent_at: SENT_AT, message_id: `<demo.${id}@said-and-done.local>` },
      )
      .where("id", "=", id)
      .execute();
    if (!p.completedOn && !p.state) toRemind.push(invitation.id);
  }
  // A reminder by hand, four weeks on, to those still to answer: only they, never the others.
  const admin = await trx.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirst();
  const round = await trx
    .insertInto("reminder_rounds")
    .values({ campaign_id: campaign.id, kind: "manual", day_offset: null, sent_at: REMINDED_AT, recipient_count: toRemind.length, created_by_user_id: admin?.id ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const invitationId of toRemind) {
    const invitation = await trx.selectFrom("invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    await trx.insertInto("invitation_reminders").values({ invitation_id: invitationId, reminder_round_id: round.id, day_offset: null }).execute();
    await trx.updateTable("invitations").set({ last_reminded_at: REMINDED_AT, reminder_count: 1 }).where("id", "=", invitationId).execute();
    const id = await enqueueEmail(trx, campaignEmailFor("reminder", detail, invitation, publicUrl), new Date(REMINDED_AT));
    await trx.updateTable("outbox").set({ status: "sent", attempts: 1, sent_at: REMINDED_AT, message_id: `<demo.${id}@said-and-done.local>` }).where("id", "=", id).execute();
  }
  return people.length;
}
