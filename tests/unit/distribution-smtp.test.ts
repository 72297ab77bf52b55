import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { invitationCookie } from "~/campaigns/invitation-cookie";
import { setOptedOut } from "~/campaigns/invitations.server";
import { runJobs } from "~/jobs/jobs.server";
import { createMailTransport, type Transporter } from "~/mail/transport.server";
import { getOpenCampaignForRespondent, handleSurveyPost } from "~/responding/survey-page.server";
import { newResumeToken } from "~/responding/responses.server";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";
import { daysAfter, invite, PUBLIC_URL } from "../support/campaigns";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { testJobSettings } from "../support/context";

// Issue 3's "done when", end to end through the outbox, the job runner and a real SMTP
// server on 127.0.0.1: invitations in English and Urdu arrive, scheduled reminders reach
// only those who have not answered (nor opted out), and each email arrives once.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let sink: SmtpSink;
let transport: Transporter;
const invitedAt = new Date("2026-11-02T09:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  sink = await startSmtpSink();
  transport = createMailTransport(sink.url);
});
afterEach(async () => {
  transport.close();
  await sink.stop();
  await cleanup();
});

/** Answers the test survey as the holder of this invitation would, in their browser. */
async function answerAsInvitee(slug: string, invitationToken: string) {
  const cookie = invitationCookie(slug, invitationToken, false).split(";")[0];
  const headers = { Cookie: cookie };
  const url = `http://localhost/s/${slug}`;
  const cs = await getOpenCampaignForRespondent(db, new Request(url, { headers }), slug, invitedAt);
  const token = newResumeToken();
  const fields: [string, string][] = [["token", token], ["page", "1"], ["intent", "next"], ["q_overall", "4"], ["q_contact_known", "yes"]];
  await handleSurveyPost(db, postForm(url, fields, headers), cs, null, "en", invitedAt, false);
  await handleSurveyPost(db, postForm(`${url}/r/${token}`, [["page", "3"], ["intent", "submit"]], headers), cs, token, "en", invitedAt, false);
}

describe("invitations and reminders over real SMTP", () => {
  it("delivers invitations in each invitee's language, then reminds only those who have not answered", async () => {
    const { campaign } = await makeCampaign(db, { closes: "2027-08-31T23:59:59.999Z" });
    await db.updateTable("campaigns").set({ reminder_days: "7" }).where("id", "=", campaign.id).execute();
    const [amina, ben, chloe] = await invite(
      db,
      campaign.id,
      [
        ["amina@example.com", "ur"],
        ["ben@example.com", "en"],
        ["chloe@example.com", "en"],
      ],
      invitedAt,
    );

    await runJobs(db, { ...testJobSettings(), transport, now: invitedAt, publicUrl: PUBLIC_URL });
    const invitations = await sink.waitFor(3);
    const to = (address: string) => invitations.filter((m) => m.to.includes(address));
    expect(invitations.map((m) => m.to[0]).sort()).toEqual(["amina@example.com", "ben@example.com", "chloe@example.com"]);

    const [urdu] = to("amina@example.com");
    expect(urdu.html).toContain('dir="rtl"');
    expect(urdu.html).toContain('lang="ur"');
    expect(urdu.subject).toMatch(/[\u0600-\u06FF]/);
    expect(urdu.text).toContain(`${PUBLIC_URL}/i/${amina.token}`);
    expect(urdu.headers["list-unsubscribe"]).toContain(`${PUBLIC_URL}/unsubscribe/${amina.token}`);
    const [english] = to("ben@example.com");
    expect(english.html).toContain('dir="ltr"');
    expect(english.subject).not.toMatch(/[\u0600-\u06FF]/);
    expect(english.text).toContain(`${PUBLIC_URL}/i/${ben.token}`);

    // Ben answers through his link; Chloe opts out. Only Amina is still to answer.
    await answerAsInvitee(campaign.slug, ben.token);
    await setOptedOut(db, chloe.id, true, daysAfter(invitedAt, 1));

    // Six days on, nothing is due; on day seven the reminder goes, once.
    await runJobs(db, { ...testJobSettings(), transport, now: daysAfter(invitedAt, 6), publicUrl: PUBLIC_URL });
    await runJobs(db, { ...testJobSettings(), transport, now: daysAfter(invitedAt, 7), publicUrl: PUBLIC_URL });
    await runJobs(db, { ...testJobSettings(), transport, now: daysAfter(invitedAt, 8), publicUrl: PUBLIC_URL });
    const all = await sink.waitFor(4);
    const reminders = all.slice(3);
    expect(reminders.map((m) => m.to)).toEqual([["amina@example.com"]]);
    expect(reminders[0].html).toContain('dir="rtl"');
    expect(reminders[0].subject).not.toBe(urdu.subject);

    const round = await db.selectFrom("reminder_rounds").selectAll().where("campaign_id", "=", campaign.id).execute();
    expect(round.map((r) => [r.kind, r.day_offset, r.recipient_count])).toEqual([["scheduled", 7, 1]]);
    const outbox = await db.selectFrom("outbox").select(["to_address", "kind", "status"]).orderBy("id").execute();
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    expect(sink.messages).toHaveLength(4);
  });

  it("keeps invitations in the outbox while the mail server is down and delivers each once when it is back", async () => {
    const { campaign } = await makeCampaign(db);
    await sink.stop();
    await invite(db, campaign.id, [["dana@example.com", "en"], ["emaan@example.com", "ur"]], invitedAt);

    await runJobs(db, { ...testJobSettings(), transport, now: invitedAt, publicUrl: PUBLIC_URL });
    const waiting = await db.selectFrom("outbox").select(["status", "attempts", "last_error"]).execute();
    expect(waiting.map((m) => m.status)).toEqual(["pending", "pending"]);
    expect(waiting.every((m) => m.attempts === 1 && m.last_error)).toBe(true);

    await sink.restart();
    // An hour later the retry is due; two runs at once still send each message once.
    const later = new Date(invitedAt.getTime() + 3_600_000);
    await Promise.all([runJobs(db, { ...testJobSettings(), transport, now: later }), runJobs(db, { ...testJobSettings(), transport, now: later })]);
    await sink.waitFor(2);
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["dana@example.com", "emaan@example.com"]);
    await runJobs(db, { ...testJobSettings(), transport, now: new Date(later.getTime() + 86_400_000) });
    expect(sink.messages).toHaveLength(2);
  });
});
