import type { Kysely, Transaction } from "kysely";
import type { Database, LoopReminderKind } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { renderEmail } from "~/mail/layout";
import { enqueueEmail, type OutgoingEmail } from "~/mail/outbox.server";
import { addDays, todayOf } from "./loop-states";
import { recordEvent } from "./loop.server";
import { auditActionOf, DUE_SOON_DAYS, recipientOf, remindersDue } from "./reminders";

type Db = Kysely<Database>;
type Tx = Transaction<Database>;

export interface LoopReminderSummary {
  /** "Due soon" and "overdue" emails queued for owners. */
  owner: number;
  /** Escalation emails queued for service leads. */
  escalation: number;
}

interface ReminderEntry {
  id: number;
  dueOn: string;
  youSaid: string;
  serviceName: string;
  leadServiceId: number;
  owner: { id: number; name: string; email: string };
}

interface Recipient {
  id: number;
  name: string;
  email: string;
}

/** The staff page of an entry, where the owner closes it out and a lead reassigns it. */
export function entryLink(publicUrl: string, id: number): string {
  return `${publicUrl}/staff/loop/${id}`;
}

/**
 * One reminder or escalation email. Staff have no language preference, so it is in
 * English (the strings exist in Urdu too, for when they do).
 */
export function composeReminderEmail(kind: LoopReminderKind, entry: ReminderEntry, to: Recipient, publicUrl: string): OutgoingEmail {
  const lng = "en";
  const t = getFixedT(lng, "loop_mail");
  const values = { service: entry.serviceName, due: formatDate(entry.dueOn, lng), owner: entry.owner.name, name: to.name };
  const facts = [t("you_said", { text: entry.youSaid }), t("service", values), t("due_on", values)];
  const content =
    kind === "due_soon"
      ? { subject: t("due_soon.subject", values), title: t("due_soon.title", values), first: t("due_soon.intro", values), todo: t("due_soon.todo") }
      : kind === "overdue"
        ? { subject: t("overdue.subject", values), title: t("overdue.title", values), first: t("overdue.intro", values), todo: t("overdue.todo") }
        : {
            subject: t("escalation.subject", values),
            title: t("escalation.title", values),
            first: t("escalation.intro", values),
            todo: t("escalation.todo", values),
          };
  const { html, text } = renderEmail({
    lng,
    title: content.title,
    paragraphs: [t("greeting", values), content.first, ...facts, content.todo],
    action: { label: t("action"), href: entryLink(publicUrl, entry.id) },
    footer: [kind === "escalation" ? t("footer_lead", values) : t("footer_owner")],
  });
  return { kind: `loop_${kind}`, to: to.email, language: lng, subject: content.subject, text, html };
}

/** Active service leads of a service: who an escalation goes to. */
async function activeLeadsOf(db: Db | Tx, serviceId: number): Promise<Recipient[]> {
  return db
    .selectFrom("users")
    .innerJoin("user_services", "user_services.user_id", "users.id")
    .select(["users.id", "users.name", "users.email"])
    .where("user_services.service_id", "=", serviceId)
    .where("users.role", "=", "service_lead")
    .where("users.active", "=", 1)
    .orderBy("users.id")
    .execute();
}

/**
 * Records one reminder and queues its emails and audit events, all in one transaction.
 * Returns how many emails went; 0 when it had already been sent (another run got
 * there first) or there is nobody to send it to (then it is not recorded, so it goes
 * once somebody is).
 */
async function sendOne(db: Db, kind: LoopReminderKind, entry: ReminderEntry, now: Date, publicUrl: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const recipients = recipientOf(kind) === "owner" ? [entry.owner] : await activeLeadsOf(trx, entry.leadServiceId);
    if (recipients.length === 0) return 0;
    const inserted = await trx
      .insertInto("loop_reminders")
      .values({ entry_id: entry.id, kind, due_on: entry.dueOn, sent_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 0;
    for (const to of recipients) {
      await enqueueEmail(trx, composeReminderEmail(kind, entry, to, publicUrl), now);
      await recordEvent(trx, { entryId: entry.id, userId: null, action: auditActionOf(kind), detail: `${kind} · ${to.name} <${to.email}>` }, now);
    }
    return recipients.length;
  });
}

/**
 * The owner reminders and lead escalations due now (rules in reminders.ts), each
 * queued once per entry, kind and due date. Safe to run as often as wanted.
 */
export async function sendLoopReminders(db: Db, now: Date, { publicUrl }: { publicUrl: string }): Promise<LoopReminderSummary> {
  const today = todayOf(now);
  const rows = await db
    .selectFrom("loop_entries as e")
    .innerJoin("users as o", "o.id", "e.owner_id")
    .innerJoin("services as s", "s.id", "e.lead_service_id")
    .select(["e.id", "e.status", "e.owner_id", "e.due_on", "e.you_said_en", "e.lead_service_id", "s.name_en", "o.name as owner_name", "o.email as owner_email", "o.active as owner_active"])
    .where("e.status", "=", "open")
    .where("e.due_on", "is not", null)
    // Nothing applies earlier than a week before the due date.
    .where("e.due_on", "<=", addDays(today, DUE_SOON_DAYS))
    .orderBy("e.due_on")
    .orderBy("e.id")
    .execute();
  const summary: LoopReminderSummary = { owner: 0, escalation: 0 };
  for (const row of rows) {
    const sent = await db.selectFrom("loop_reminders").select(["kind", "due_on as dueOn"]).where("entry_id", "=", row.id).execute();
    const kinds = remindersDue({ status: row.status, ownerId: row.owner_id, dueOn: row.due_on }, today, sent);
    const entry: ReminderEntry = {
      id: row.id,
      dueOn: row.due_on!,
      youSaid: row.you_said_en,
      serviceName: row.name_en,
      leadServiceId: row.lead_service_id,
      owner: { id: row.owner_id!, name: row.owner_name, email: row.owner_email },
    };
    for (const kind of kinds) {
      // A deactivated owner gets no mail (and none is recorded); the escalation still reaches the leads.
      if (recipientOf(kind) === "owner" && !row.owner_active) continue;
      const emails = await sendOne(db, kind, entry, now, publicUrl);
      if (kind === "escalation") summary.escalation += emails;
      else summary.owner += emails;
    }
  }
  return summary;
}
