import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation } from "@db/schema";
import { enqueueEmail } from "~/mail/outbox.server";
import { POLICIES } from "~/rate-limit/policies";
import { hitPolicy, resetPolicy } from "~/rate-limit/store.server";
import { isCampaignOpen } from "~/surveys/surveys.server";
import { getCampaignById, type CampaignDetail } from "./campaigns.server";
import { campaignEmailFor } from "./invitations.server";
import { dueScheduledOffset, isRemindable, reminderDaysOf } from "./reminders";

type Db = Kysely<Database>;

export interface ManualReminder {
  kind: "manual";
  userId: number;
  /** Only invitees of these services (a service member reminds their own families); all when absent. */
  serviceIds?: readonly number[];
}

export interface ReminderOptions {
  /** The address links start with: `env.PUBLIC_URL`. */
  publicUrl: string;
}

/** Invitations of a campaign that a reminder may go to now (never completed, opted out or bounced). */
async function remindableInvitations(db: Db | Transaction<Database>, campaignId: number, serviceIds?: readonly number[]): Promise<Invitation[]> {
  const rows = await db
    .selectFrom("invitations")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("sent_at", "is not", null)
    .where("completed_on", "is", null)
    .where("opted_out_at", "is", null)
    .where("bounced_at", "is", null)
    .$if(serviceIds !== undefined, (q) => q.where("service_id", "in", serviceIds!.length ? serviceIds! : [-1]))
    .orderBy("id")
    .execute();
  // The rule lives in one pure function; the query above only narrows what it reads.
  return rows.filter(isRemindable);
}

/**
 * One round: its row with how many it went to, a row per invitee (so a scheduled
 * offset is never sent twice), the invitees' reminder times, and the emails.
 * Rounds that would reach nobody are not recorded.
 */
async function recordRound(
  trx: Transaction<Database>,
  detail: CampaignDetail,
  recipients: Invitation[],
  round: { kind: "manual" | "scheduled"; dayOffset: number | null; userId: number | null },
  publicUrl: string,
  now: Date,
): Promise<number | null> {
  if (recipients.length === 0) return null;
  const at = now.toISOString();
  const { id } = await trx
    .insertInto("reminder_rounds")
    .values({
      campaign_id: detail.campaign.id,
      kind: round.kind,
      day_offset: round.dayOffset,
      sent_at: at,
      recipient_count: recipients.length,
      created_by_user_id: round.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const inv of recipients) {
    await trx.insertInto("invitation_reminders").values({ invitation_id: inv.id, reminder_round_id: id, day_offset: round.dayOffset }).execute();
    await trx
      .updateTable("invitations")
      .set((eb) => ({ last_reminded_at: at, reminder_count: eb("reminder_count", "+", 1) }))
      .where("id", "=", inv.id)
      .execute();
    await enqueueEmail(trx, campaignEmailFor("reminder", detail, inv, publicUrl), now);
  }
  return id;
}

/** How many people a reminder sent now would reach. */
export async function countRemindable(db: Db, campaignId: number, serviceIds?: readonly number[]): Promise<number> {
  return (await remindableInvitations(db, campaignId, serviceIds)).length;
}

/**
 * A reminder by hand to every invitee of the campaign (within `serviceIds`) who has
 * not completed, opted out or bounced. Nothing is sent for a closed campaign, nor within
 * a day of the campaign's last reminder by hand (`retryAfterSeconds` then says how long
 * until the next may go), whoever sent it: families get at most one a day.
 */
export async function sendReminders(
  db: Db,
  campaignId: number,
  trigger: ManualReminder,
  now: Date,
  { publicUrl }: ReminderOptions,
): Promise<{ roundId: number | null; recipients: number; retryAfterSeconds?: number }> {
  return db.transaction().execute(async (trx) => {
    // Counted first, so two staff pressing the button at once (in any process) send one round.
    const subject = [String(campaignId)];
    const limit = await hitPolicy(trx, POLICIES.manualReminderPerCampaign, subject, { now });
    if (!limit.allowed) return { roundId: null, recipients: 0, retryAfterSeconds: limit.retryAfterSeconds };
    const detail = await getCampaignById(trx, campaignId);
    const recipients = detail && isCampaignOpen(detail.campaign, now) ? await remindableInvitations(trx, campaignId, trigger.serviceIds) : [];
    // Nothing sent: the day's reminder is still to come.
    if (!detail || recipients.length === 0) {
      await resetPolicy(trx, POLICIES.manualReminderPerCampaign, subject);
      return { roundId: null, recipients: 0 };
    }
    const roundId = await recordRound(trx, detail, recipients, { kind: "manual", dayOffset: null, userId: trigger.userId }, publicUrl, now);
    return { roundId, recipients: recipients.length };
  });
}

/**
 * The scheduled reminders due now, for every open campaign with a schedule: for each
 * offset d, invitees whose invitation went d or more days ago, not completed, opted out
 * or bounced, and not yet reminded for d (or a later offset). One round per campaign
 * and offset. Safe to run as often as wanted: a second run finds nothing new.
 */
export async function sendScheduledReminders(db: Db, now: Date, { publicUrl }: ReminderOptions): Promise<{ rounds: number; emails: number }> {
  const at = now.toISOString();
  const campaigns = await db
    .selectFrom("campaigns")
    .select("id")
    .where("reminder_days", "!=", "")
    .where("opens_at", "<=", at)
    .where("closes_at", ">=", at)
    .orderBy("id")
    .execute();
  let rounds = 0;
  let emails = 0;
  for (const { id } of campaigns) {
    await db.transaction().execute(async (trx) => {
      const detail = await getCampaignById(trx, id);
      if (!detail) return;
      const offsets = reminderDaysOf(detail.campaign.reminder_days);
      if (offsets.length === 0) return;
      const invitations = await remindableInvitations(trx, id);
      if (invitations.length === 0) return;
      const done = await trx
        .selectFrom("invitation_reminders as ir")
        .innerJoin("invitations as i", "i.id", "ir.invitation_id")
        .select(["ir.invitation_id", "ir.day_offset"])
        .where("i.campaign_id", "=", id)
        .where("ir.day_offset", "is not", null)
        .execute();
      const remindedFor = new Map<number, number[]>();
      for (const r of done) (remindedFor.get(r.invitation_id) ?? remindedFor.set(r.invitation_id, []).get(r.invitation_id)!).push(r.day_offset!);
      const byOffset = new Map<number, Invitation[]>();
      for (const inv of invitations) {
        const d = dueScheduledOffset(inv, offsets, remindedFor.get(inv.id) ?? [], now);
        if (d !== undefined) (byOffset.get(d) ?? byOffset.set(d, []).get(d)!).push(inv);
      }
      for (const [dayOffset, recipients] of [...byOffset].sort((a, b) => a[0] - b[0])) {
        const roundId = await recordRound(trx, detail, recipients, { kind: "scheduled", dayOffset, userId: null }, publicUrl, now);
        if (roundId !== null) {
          rounds++;
          emails += recipients.length;
        }
      }
    });
  }
  return { rounds, emails };
}
