import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { renderEmail } from "~/mail/layout";
import { enqueueEmail, retryEmailNow } from "~/mail/outbox.server";
import { deliverDueEmails } from "~/mail/sender.server";
import { createMailTransport, type Transporter } from "~/mail/transport.server";
import { CLAIM_TIMEOUT_MS } from "~/mail/delivery-rules";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const FROM = "Said & Done <no-reply@said-and-done.test>";
const now = new Date("2026-12-01T09:00:00.000Z");
const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const sinks: SmtpSink[] = [];
const transports: Transporter[] = [];

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  for (const s of sinks.splice(0)) await s.stop();
  await cleanup();
});

async function sink(opts: Parameters<typeof startSmtpSink>[0] = {}) {
  const s = await startSmtpSink(opts);
  sinks.push(s);
  return s;
}

function transportTo(s: SmtpSink): Transporter {
  const t = createMailTransport(s.url);
  transports.push(t);
  return t;
}

function deliver(transport: Transporter, at = now) {
  return deliverDueEmails(db, transport, at, { from: FROM });
}

const BODY: Record<Language, { subject: string; title: string; paragraph: string }> = {
  en: { subject: "Tell us about SENAR North", title: "Your views matter", paragraph: "Please answer a short survey." },
  ur: { subject: "سینار نارتھ کے بارے میں بتائیں", title: "آپ کی رائے اہم ہے", paragraph: "براہ کرم ایک مختصر سروے کا جواب دیں۔" },
};

async function enqueue(to: string, lng: Language = "en", extra: { invitationId?: number; kind?: string } = {}) {
  const { html, text } = renderEmail({
    lng,
    title: BODY[lng].title,
    paragraphs: [BODY[lng].paragraph],
    action: { label: lng === "en" ? "Start the survey" : "سروے شروع کریں", href: "https://said-and-done.test/i/abc" },
    footer: ["https://said-and-done.test/unsubscribe/abc"],
  });
  return enqueueEmail(
    db,
    {
      kind: extra.kind ?? "invitation",
      to,
      language: lng,
      subject: BODY[lng].subject,
      text,
      html,
      headers: { "List-Unsubscribe": "<https://said-and-done.test/unsubscribe/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      invitationId: extra.invitationId,
    },
    now,
  );
}

function outboxRow(id: number) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function makeInvitation(email: string) {
  const { campaign, serviceIds } = await makeCampaign(db);
  const row = await db
    .insertInto("invitations")
    .values({ campaign_id: campaign.id, service_id: serviceIds[0], email, language: "en", token: `token-${email}`, created_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

function bouncedAt(invitationId: number) {
  return db.selectFrom("invitations").select("bounced_at").where("id", "=", invitationId).executeTakeFirstOrThrow();
}

describe("delivering the outbox", () => {
  it("delivers an English and an Urdu email with both parts, their language and the unsubscribe header", async () => {
    const s = await sink();
    const enId = await enqueue("parent.en@example.test", "en");
    const urId = await enqueue("parent.ur@example.test", "ur");

    expect(await deliver(transportTo(s))).toEqual({ sent: 2, retried: 0, failed: 0, released: 0 });

    const byTo = (to: string) => s.messages.find((m) => m.envelopeTo.includes(to))!;
    const en = byTo("parent.en@example.test");
    expect(en.from).toContain("no-reply@said-and-done.test");
    expect(en.to).toEqual(["parent.en@example.test"]);
    expect(en.subject).toBe(BODY.en.subject);
    expect(en.html).toContain('lang="en" dir="ltr"');
    expect(en.text).toContain(BODY.en.paragraph);
    expect(en.text).toContain("https://said-and-done.test/i/abc");
    expect(en.headers["content-language"]).toBe("en");
    expect(en.headers["list-unsubscribe"]).toBe("<https://said-and-done.test/unsubscribe/abc>");
    expect(en.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const ur = byTo("parent.ur@example.test");
    expect(ur.subject).toBe(BODY.ur.subject);
    expect(ur.html).toContain('lang="ur" dir="rtl"');
    expect(ur.html).toContain(BODY.ur.paragraph);
    expect(ur.text).toContain(BODY.ur.paragraph);
    expect(ur.headers["content-language"]).toBe("ur");
    expect(ur.headers["list-unsubscribe"]).toBe("<https://said-and-done.test/unsubscribe/abc>");

    for (const [id, message] of [[enId, en], [urId, ur]] as const) {
      const row = await outboxRow(id);
      expect(row).toMatchObject({ status: "sent", attempts: 1, sent_at: now.toISOString(), last_error: null });
      expect(row.message_id).toBe(message.headers["message-id"]);
    }
    // Nothing is due any more: a second run sends nothing again.
    expect(await deliver(transportTo(s), minutesLater(60))).toEqual({ sent: 0, retried: 0, failed: 0, released: 0 });
    expect(s.messages).toHaveLength(2);
  });

  it("sends nothing that is not yet due", async () => {
    const s = await sink();
    await enqueueEmail(db, { kind: "reminder", to: "later@example.test", language: "en", subject: "Later", text: "t", html: "<p>t</p>" }, minutesLater(30));
    expect((await deliver(transportTo(s))).sent).toBe(0);
    expect((await deliver(transportTo(s), minutesLater(30))).sent).toBe(1);
  });
});

describe("a mail server that is down", () => {
  it("keeps every message, then delivers each exactly once when the server is back, even to two senders at once", async () => {
    const s = await sink();
    const port = s.port;
    await s.stop();
    const ids = [await enqueue("a@example.test"), await enqueue("b@example.test", "ur"), await enqueue("c@example.test")];

    expect(await deliver(transportTo(s))).toEqual({ sent: 0, retried: 3, failed: 0, released: 0 });
    for (const id of ids) {
      const row = await outboxRow(id);
      expect(row.status).toBe("pending");
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain("ECONNREFUSED");
      expect(row.next_attempt_at > now.toISOString()).toBe(true);
    }
    // Not due again yet: a run straight away does not touch them.
    expect(await deliver(transportTo(s), minutesLater(0.5))).toEqual({ sent: 0, retried: 0, failed: 0, released: 0 });

    // The server comes back on the same address.
    await s.restart();
    expect(s.port).toBe(port);

    // Two senders (each with its own SMTP connection) run at the same moment, as when a
    // run of the job loop overlaps `npm run jobs`.
    const later = minutesLater(2);
    const [one, two] = await Promise.all([deliver(transportTo(s), later), deliver(transportTo(s), later)]);
    expect(one.sent + two.sent).toBe(3);
    expect(one.retried + two.retried + one.failed + two.failed).toBe(0);
    await s.waitFor(3);
    expect(s.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(["a@example.test", "b@example.test", "c@example.test"]);
    for (const id of ids) expect((await outboxRow(id)).status).toBe("sent");
    // Each message has its own, stable Message-ID.
    expect(new Set(s.messages.map((m) => m.headers["message-id"])).size).toBe(3);
  });

  it("gives up after the last attempt and counts the invitation as not delivered", async () => {
    const s = await sink();
    await s.stop();
    const invitationId = await makeInvitation("never@example.test");
    const id = await enqueue("never@example.test", "en", { invitationId });
    const t = transportTo(s);

    const first = await deliverDueEmails(db, t, now, { from: FROM, maxAttempts: 2 });
    expect(first).toMatchObject({ retried: 1, failed: 0 });
    expect((await bouncedAt(invitationId)).bounced_at).toBeNull();

    const second = await deliverDueEmails(db, t, minutesLater(60), { from: FROM, maxAttempts: 2 });
    expect(second).toMatchObject({ retried: 0, failed: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: "failed", attempts: 2 });
    expect((await bouncedAt(invitationId)).bounced_at).toBe(minutesLater(60).toISOString());
  });
});

describe("an address the server refuses", () => {
  it("fails the message at once, marks its invitation bounced and still delivers the rest", async () => {
    const s = await sink({ rejectRecipients: (address) => address.startsWith("gone") });
    const invitationId = await makeInvitation("gone@example.test");
    const bad = await enqueue("gone@example.test", "en", { invitationId });
    const good = await enqueue("here@example.test", "ur");

    expect(await deliver(transportTo(s))).toEqual({ sent: 1, retried: 0, failed: 1, released: 0 });
    const row = await outboxRow(bad);
    expect(row).toMatchObject({ status: "failed", attempts: 1, sent_at: null });
    expect(row.last_error).toContain("550");
    expect((await bouncedAt(invitationId)).bounced_at).toBe(now.toISOString());
    expect((await outboxRow(good)).status).toBe("sent");
    expect(s.messages.map((m) => m.envelopeTo[0])).toEqual(["here@example.test"]);

    // A failed message is kept, and is not tried again on its own.
    expect(await deliver(transportTo(s), minutesLater(600))).toEqual({ sent: 0, retried: 0, failed: 0, released: 0 });
  });

  it("delivers a failed message tried again by hand, and the invitation is no longer bounced", async () => {
    let refuse = true;
    const s = await sink({ rejectRecipients: () => refuse });
    const invitationId = await makeInvitation("fixed@example.test");
    const id = await enqueue("fixed@example.test", "en", { invitationId });
    await deliver(transportTo(s));
    expect((await outboxRow(id)).status).toBe("failed");

    refuse = false;
    expect(await retryEmailNow(db, id, minutesLater(5))).toBe(true);
    expect(await outboxRow(id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await deliver(transportTo(s), minutesLater(5))).toMatchObject({ sent: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect((await bouncedAt(invitationId)).bounced_at).toBeNull();
    // A sent message cannot be put back.
    expect(await retryEmailNow(db, id, minutesLater(6))).toBe(false);
  });
});

describe("a sender that stopped mid-way", () => {
  it("hands an expired claim back and delivers it; a live claim is left to its sender", async () => {
    const s = await sink();
    const stale = await enqueue("stale@example.test");
    const live = await enqueue("live@example.test");
    // Both were claimed; while "sending", next_attempt_at is when the claim expires.
    await db.updateTable("outbox").set({ status: "sending", next_attempt_at: minutesLater(-1).toISOString() }).where("id", "=", stale).execute();
    await db
      .updateTable("outbox")
      .set({ status: "sending", next_attempt_at: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() })
      .where("id", "=", live)
      .execute();

    expect(await deliver(transportTo(s))).toEqual({ sent: 1, retried: 0, failed: 0, released: 1 });
    expect(await outboxRow(stale)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await outboxRow(live)).toMatchObject({ status: "sending", attempts: 0 });
    expect(s.messages.map((m) => m.envelopeTo[0])).toEqual(["stale@example.test"]);
  });
});
