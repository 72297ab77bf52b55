import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { dueScheduledOffset, isRemindable, parseReminderDays } from "~/campaigns/reminders";
import { getCampaignById } from "~/campaigns/campaigns.server";
import { createInvitations } from "~/campaigns/invitations.server";
import { countRemindable, sendReminders, sendScheduledReminders } from "~/campaigns/reminders.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { PUBLIC_URL, daysAfter, invite, relayAccepted } from "../support/campaigns";

const sent = new Date("2026-11-02T09:00:00.000Z");
const base = { sent_at: sent.toISOString(), completed_on: null, opted_out_at: null, bounced_at: null };

describe("reminder rules", () => {
  it("read a schedule typed by a person", () => {
    expect(parseReminderDays("7, 14")).toEqual({ days: [7, 14] });
    expect(parseReminderDays(" 14 7 7 ")).toEqual({ days: [7, 14] });
    expect(parseReminderDays("")).toEqual({ days: [] });
    expect(parseReminderDays("seven")).toEqual({ problem: "not_numbers" });
    expect(parseReminderDays("7, -1")).toEqual({ problem: "not_numbers" });
    expect(parseReminderDays("0")).toEqual({ problem: "out_of_range" });
    expect(parseReminderDays("1,2,3,4,5,6")).toEqual({ problem: "too_many" });
  });

  it("never remind those who completed, opted out or bounced, nor anyone not yet sent", () => {
    expect(isRemindable(base)).toBe(true);
    expect(isRemindable({ ...base, completed_on: "2026-11" })).toBe(false);
    expect(isRemindable({ ...base, opted_out_at: "2026-11-03T10:00:00.000Z" })).toBe(false);
    expect(isRemindable({ ...base, bounced_at: "2026-11-02T09:05:00.000Z" })).toBe(false);
    expect(isRemindable({ ...base, sent_at: null })).toBe(false);
  });

  it("find the scheduled offset due: its day has come and it was not sent yet", () => {
    const offsets = [7, 14];
    expect(dueScheduledOffset(base, offsets, [], daysAfter(sent, 6.9))).toBeUndefined();
    expect(dueScheduledOffset(base, offsets, [], daysAfter(sent, 7))).toBe(7);
    expect(dueScheduledOffset(base, offsets, [7], daysAfter(sent, 10))).toBeUndefined();
    expect(dueScheduledOffset(base, offsets, [7], daysAfter(sent, 14))).toBe(14);
    expect(dueScheduledOffset(base, offsets, [7, 14], daysAfter(sent, 40))).toBeUndefined();
    // Both due at once (a schedule set late): one reminder, the latest; the earlier never follows.
    expect(dueScheduledOffset(base, offsets, [], daysAfter(sent, 20))).toBe(14);
    expect(dueScheduledOffset(base, offsets, [14], daysAfter(sent, 21))).toBeUndefined();
    expect(dueScheduledOffset({ ...base, completed_on: "2026-11" }, offsets, [], daysAfter(sent, 8))).toBeUndefined();
  });
});

describe("sending reminders", () => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ db, cleanup } = await createTestDb());
  });
  afterEach(async () => cleanup());

  /** A campaign with five invitees: two who may be reminded, and one each completed, opted out and bounced. */
  async function campaignWithInvitees(reminderDays = "") {
    const { campaign } = await makeCampaign(db);
    await db.updateTable("campaigns").set({ reminder_days: reminderDays }).where("id", "=", campaign.id).execute();
    const invitations = await invite(
      db,
      campaign.id,
      [
        ["waiting.one@example.com", "en"],
        ["waiting.two@example.com", "ur"],
        ["done@example.com", "en"],
        ["stop@example.com", "ur"],
        ["bounce@example.com", "en"],
      ],
      sent,
    );
    // Reminders go to delivered invitations: the relay accepted these at once.
    await relayAccepted(db, campaign.id, sent);
    const byEmail = Object.fromEntries(invitations.map((i) => [i.email, i.id]));
    await db.updateTable("invitations").set({ completed_on: "2026-11" }).where("id", "=", byEmail["done@example.com"]).execute();
    await db.updateTable("invitations").set({ opted_out_at: "2026-11-03T10:00:00.000Z" }).where("id", "=", byEmail["stop@example.com"]).execute();
    await db.updateTable("invitations").set({ bounced_at: "2026-11-02T09:01:00.000Z" }).where("id", "=", byEmail["bounce@example.com"]).execute();
    return { campaign, byEmail };
  }

  const reminderMail = () =>
    db.selectFrom("outbox").select(["to_address", "language", "invitation_id"]).where("kind", "=", "reminder").orderBy("id").execute();
  const rounds = () => db.selectFrom("reminder_rounds").selectAll().orderBy("id").execute();

  it("by hand: go only to those who have not completed, opted out or bounced, and say how many", async () => {
    const { campaign, byEmail } = await campaignWithInvitees();
    const admin = await makeStaff(db, "admin");
    expect(await countRemindable(db, campaign.id)).toBe(2);

    const result = await sendReminders(db, campaign.id, { kind: "manual", userId: admin.id }, daysAfter(sent, 3), { publicUrl: PUBLIC_URL });
    expect(result.recipients).toBe(2);
    expect((await reminderMail()).map((m) => m.to_address)).toEqual(["waiting.one@example.com", "waiting.two@example.com"]);
    expect(await rounds()).toEqual([
      expect.objectContaining({ campaign_id: campaign.id, kind: "manual", day_offset: null, recipient_count: 2, created_by_user_id: admin.id }),
    ]);
    const reminded = await db.selectFrom("invitations").select(["email", "reminder_count", "last_reminded_at"]).where("id", "=", byEmail["waiting.one@example.com"]).executeTakeFirstOrThrow();
    expect(reminded).toEqual({ email: "waiting.one@example.com", reminder_count: 1, last_reminded_at: daysAfter(sent, 3).toISOString() });
    const links = await db.selectFrom("invitation_reminders").selectAll().execute();
    expect(links.map((l) => l.invitation_id).sort()).toEqual([byEmail["waiting.one@example.com"], byEmail["waiting.two@example.com"]].sort());
  });

  it("by hand: a service member reminds only their own service's invitees", async () => {
    const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
    const [first, second] = serviceIds;
    const detail = (await getCampaignById(db, campaign.id))!;
    await createInvitations(
      db,
      detail,
      [
        { line: 2, email: "a@example.com", language: "en", serviceId: first },
        { line: 3, email: "b@example.com", language: "en", serviceId: second },
      ],
      PUBLIC_URL,
      sent,
    );
    await relayAccepted(db, campaign.id, sent);
    const member = await makeStaff(db, "service_member", [second]);
    const result = await sendReminders(db, campaign.id, { kind: "manual", userId: member.id, serviceIds: [second] }, daysAfter(sent, 1), { publicUrl: PUBLIC_URL });
    expect(result.recipients).toBe(1);
    expect((await reminderMail()).map((m) => m.to_address)).toEqual(["b@example.com"]);
  });

  it("by hand: nothing is sent or recorded when nobody is left, or the campaign has closed", async () => {
    const { campaign, byEmail } = await campaignWithInvitees();
    const admin = await makeStaff(db, "admin");
    await db
      .updateTable("invitations")
      .set({ completed_on: "2026-11" })
      .where("id", "in", [byEmail["waiting.one@example.com"], byEmail["waiting.two@example.com"]])
      .execute();
    expect(await sendReminders(db, campaign.id, { kind: "manual", userId: admin.id }, daysAfter(sent, 5), { publicUrl: PUBLIC_URL })).toEqual({ roundId: null, recipients: 0 });
    expect(await rounds()).toEqual([]);

    const { campaign: closed } = await makeCampaign(db, { closes: "2026-11-10T23:59:59.999Z" });
    await invite(db, closed.id, [["late@example.com", "en"]], sent);
    await relayAccepted(db, closed.id, sent);
    expect((await sendReminders(db, closed.id, { kind: "manual", userId: admin.id }, daysAfter(sent, 30), { publicUrl: PUBLIC_URL })).recipients).toBe(0);
    expect(await reminderMail()).toEqual([]);
  });

  it("on a schedule: each offset once, on its day, to non-completers only", async () => {
    const { campaign, byEmail } = await campaignWithInvitees("7,14");
    const run = (days: number) => sendScheduledReminders(db, daysAfter(sent, days), { publicUrl: PUBLIC_URL });

    expect(await run(6)).toEqual({ rounds: 0, emails: 0 });
    expect(await run(7)).toEqual({ rounds: 1, emails: 2 });
    expect(await run(8)).toEqual({ rounds: 0, emails: 0 });
    // One of the two answers before the second reminder.
    await db.updateTable("invitations").set({ completed_on: "2026-11" }).where("id", "=", byEmail["waiting.one@example.com"]).execute();
    expect(await run(14)).toEqual({ rounds: 1, emails: 1 });
    expect(await run(40)).toEqual({ rounds: 0, emails: 0 });

    expect((await rounds()).map((r) => [r.kind, r.day_offset, r.recipient_count, r.created_by_user_id])).toEqual([
      ["scheduled", 7, 2, null],
      ["scheduled", 14, 1, null],
    ]);
    expect((await reminderMail()).map((m) => m.to_address)).toEqual(["waiting.one@example.com", "waiting.two@example.com", "waiting.two@example.com"]);
    const two = await db.selectFrom("invitations").select("reminder_count").where("id", "=", byEmail["waiting.two@example.com"]).executeTakeFirstOrThrow();
    expect(two.reminder_count).toBe(2);
    expect((await db.selectFrom("reminder_rounds").select("campaign_id").execute()).every((r) => r.campaign_id === campaign.id)).toBe(true);
  });

  it("on a schedule: a manual reminder does not use up a scheduled one", async () => {
    const { campaign } = await campaignWithInvitees("7");
    const admin = await makeStaff(db, "admin");
    await sendReminders(db, campaign.id, { kind: "manual", userId: admin.id }, daysAfter(sent, 2), { publicUrl: PUBLIC_URL });
    expect(await sendScheduledReminders(db, daysAfter(sent, 7), { publicUrl: PUBLIC_URL })).toEqual({ rounds: 1, emails: 2 });
  });

  it("on a schedule set late: one reminder (the latest offset due), not a burst", async () => {
    await campaignWithInvitees("7,14");
    expect(await sendScheduledReminders(db, daysAfter(sent, 20), { publicUrl: PUBLIC_URL })).toEqual({ rounds: 1, emails: 2 });
    expect(await sendScheduledReminders(db, daysAfter(sent, 21), { publicUrl: PUBLIC_URL })).toEqual({ rounds: 0, emails: 0 });
    expect((await rounds()).map((r) => r.day_offset)).toEqual([14]);
  });

  it("on a schedule: nothing for closed campaigns or campaigns without a schedule", async () => {
    await campaignWithInvitees("");
    const { campaign: closed } = await makeCampaign(db, { closes: "2026-11-05T23:59:59.999Z" });
    await db.updateTable("campaigns").set({ reminder_days: "1" }).where("id", "=", closed.id).execute();
    await invite(db, closed.id, [["late@example.com", "en"]], sent);
    await relayAccepted(db, closed.id, sent);
    expect(await sendScheduledReminders(db, daysAfter(sent, 8), { publicUrl: PUBLIC_URL })).toEqual({ rounds: 0, emails: 0 });
  });
});
