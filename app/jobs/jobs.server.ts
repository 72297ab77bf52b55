import type { Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import type { Database } from "@db/schema";
import { deliverDueEmails, type DeliverySummary } from "~/mail/sender.server";
import { sendScheduledReminders } from "~/campaigns/reminders.server";
import { sendLoopReminders, type LoopReminderSummary } from "~/loop/reminders.server";

type Db = Kysely<Database>;

export interface JobsOptions {
  /** The SMTP transport; null when SMTP_URL is unset (mail then waits in the outbox). */
  transport?: Transporter | null;
  now?: Date;
  /** The address links in emails start with: `env.PUBLIC_URL`. */
  publicUrl: string;
  /** The From address of every email: `env.MAIL_FROM`. */
  mailFrom: string;
}

export interface JobsSummary {
  /** Scheduled campaign reminders queued in this run. */
  reminders: { rounds: number; emails: number };
  /** You Said, We Did owner reminders and lead escalations queued in this run. */
  loop: LoopReminderSummary;
  /** Null when there is no transport: nothing was sent. */
  mail: DeliverySummary | null;
  /** Messages still waiting to be sent after this run. */
  mailWaiting: number;
}

/**
 * The background work, run by `npm run jobs` once and by `npm start` every few
 * seconds. A list of steps, each safe to run again at any time.
 */
export async function runJobs(db: Db, { transport = null, now = new Date(), publicUrl, mailFrom }: JobsOptions): Promise<JobsSummary> {
  // 1. Queue the campaign reminders that are due (they go out in step 2 of this run).
  const reminders = await sendScheduledReminders(db, now, { publicUrl });

  // 2. Queue the loop's owner reminders and lead escalations that are due.
  const loop = await sendLoopReminders(db, now, { publicUrl });

  // 3. Deliver the mail that is due.
  const mail = transport ? await deliverDueEmails(db, transport, now, { from: mailFrom }) : null;

  const { n } = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirstOrThrow();
  return { reminders, loop, mail, mailWaiting: Number(n) };
}

/** One line for the console, e.g. "Mail: 3 sent, 1 to retry, 0 failed; 1 waiting in the outbox." */
export function describeJobsSummary(summary: JobsSummary): string {
  const reminders = `Reminders: ${summary.reminders.emails} queued in ${summary.reminders.rounds} round(s). `;
  const loop = `Loop: ${summary.loop.owner} owner reminder(s), ${summary.loop.escalation} escalation(s) queued. `;
  return reminders + loop + describeMail(summary);
}

function describeMail(summary: JobsSummary): string {
  const waiting = `${summary.mailWaiting} waiting in the outbox`;
  if (!summary.mail) return `Mail: not sent (SMTP_URL is not set); ${waiting}.`;
  const { sent, retried, failed, released } = summary.mail;
  const resumed = released ? `, ${released} interrupted send(s) resumed` : "";
  return `Mail: ${sent} sent, ${retried} to retry, ${failed} failed${resumed}; ${waiting}.`;
}

/** Whether a run did anything worth a line in the server log. */
export function jobsDidWork(summary: JobsSummary): boolean {
  const m = summary.mail;
  if (summary.reminders.rounds > 0) return true;
  if (summary.loop.owner + summary.loop.escalation > 0) return true;
  return !!m && m.sent + m.retried + m.failed + m.released > 0;
}

export interface JobLoop {
  /** Stops the loop, waiting for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then again `intervalMs` after each run ends, so two runs never
 * overlap. A failing run is logged and the loop carries on.
 */
export function startJobLoop(run: () => Promise<void>, intervalMs = 5000): JobLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = run()
      .catch((error: unknown) => console.error("Background jobs failed; trying again shortly.", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
