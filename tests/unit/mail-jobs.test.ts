import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { describeJobsSummary, jobsDidWork, runJobs, startJobLoop } from "~/jobs/jobs.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { createMailTransport } from "~/mail/transport.server";
import { createTestDb } from "../support/db";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { testJobSettings } from "../support/context";

const now = new Date("2026-12-01T09:00:00.000Z");
let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let sink: SmtpSink;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  sink = await startSmtpSink();
});
afterEach(async () => {
  await sink.stop();
  await cleanup();
});

const email = (to: string, at = now) =>
  enqueueEmail(db, { kind: "reminder", to, language: "en", subject: "Reminder", text: "t", html: "<p>t</p>" }, at);

describe("the background jobs", () => {
  it("leave mail in the outbox when there is no mail server", async () => {
    await email("a@example.test");
    const summary = await runJobs(db, { ...testJobSettings(), transport: null, now });
    expect(summary).toEqual({ reminders: { rounds: 0, emails: 0 }, loop: { owner: 0, escalation: 0 }, mail: null, mailWaiting: 1 });
    expect(describeJobsSummary(summary)).toBe("Reminders: 0 queued in 0 round(s). Loop: 0 owner reminder(s), 0 escalation(s) queued. Mail: not sent (SMTP_URL is not set); 1 waiting in the outbox.");
    expect(jobsDidWork(summary)).toBe(false);
  });

  it("deliver due mail when there is one", async () => {
    await email("a@example.test");
    await email("b@example.test");
    const transport = createMailTransport(sink.url);
    try {
      const summary = await runJobs(db, { ...testJobSettings(), transport, now });
      expect(summary).toEqual({ reminders: { rounds: 0, emails: 0 }, loop: { owner: 0, escalation: 0 }, mail: { sent: 2, retried: 0, failed: 0, released: 0 }, mailWaiting: 0 });
      expect(describeJobsSummary(summary)).toBe("Reminders: 0 queued in 0 round(s). Loop: 0 owner reminder(s), 0 escalation(s) queued. Mail: 2 sent, 0 to retry, 0 failed; 0 waiting in the outbox.");
      expect(jobsDidWork(summary)).toBe(true);
    } finally {
      transport.close();
    }
    expect(sink.messages).toHaveLength(2);
  });

  it("run in a loop that delivers mail written while it runs, survives a failing run, and stops", async () => {
    const transport = createMailTransport(sink.url);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let runs = 0;
    const loop = startJobLoop(async () => {
      runs++;
      if (runs === 1) throw new Error("database busy");
      await runJobs(db, { ...testJobSettings(), transport });
    }, 10);
    try {
      // The loop runs on the clock: this message is due now.
      await email("loop@example.test", new Date());
      await sink.waitFor(1);
    } finally {
      await loop.stop();
      transport.close();
    }
    expect(logged).toHaveBeenCalledWith("Background jobs failed; trying again shortly.", expect.any(Error));
    const after = runs;
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(after);
  });
});
