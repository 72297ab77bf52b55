/**
 * Which owner reminders and lead escalations an entry is due (DESIGN.md "The loop":
 * owners are emailed 7 days before the due date and on the day it passes; 14 days
 * overdue the service lead is emailed too). Pure: the job in reminders.server.ts reads
 * the entries and what was already sent, and asks this.
 *
 * Each reminder goes once per entry, kind and due date, so a new due date (a reassign)
 * starts afresh. Only what applies today is due: after a long pause the job sends
 * "overdue" (and the escalation, if 14 days have passed), never a stale "due soon".
 */
import type { LoopReminderKind, LoopStatus } from "@db/schema";
import { addDays, isIsoDate } from "./loop-states";

/** Days before the due date the owner hears that it is coming. */
export const DUE_SOON_DAYS = 7;
/** Days after the due date the lead service's leads are told. */
export const ESCALATION_DAYS = 14;

export interface ReminderFacts {
  status: LoopStatus;
  ownerId: number | null;
  /** YYYY-MM-DD, the last day to close out. */
  dueOn: string | null;
}

/** The kinds that apply on `today` (YYYY-MM-DD, UTC), whatever was sent before, in sending order. */
export function remindersApplying(entry: ReminderFacts, today: string): LoopReminderKind[] {
  if (entry.status !== "open" || entry.ownerId === null || !isIsoDate(entry.dueOn)) return [];
  const due = entry.dueOn;
  if (today > due) return today >= addDays(due, ESCALATION_DAYS) ? ["overdue", "escalation"] : ["overdue"];
  return today >= addDays(due, -DUE_SOON_DAYS) ? ["due_soon"] : [];
}

/**
 * The kinds to send now: those applying today that have not gone for this due date.
 * `sent` holds the (kind, due date) pairs already recorded for the entry.
 */
export function remindersDue(entry: ReminderFacts, today: string, sent: readonly { kind: LoopReminderKind; dueOn: string }[]): LoopReminderKind[] {
  return remindersApplying(entry, today).filter((kind) => !sent.some((s) => s.kind === kind && s.dueOn === entry.dueOn));
}

/** Who a reminder goes to: the owner, or every active lead of the entry's lead service. */
export function recipientOf(kind: LoopReminderKind): "owner" | "leads" {
  return kind === "escalation" ? "leads" : "owner";
}

/** The audit trail's action for a kind. */
export function auditActionOf(kind: LoopReminderKind): "reminder" | "escalation" {
  return kind === "escalation" ? "escalation" : "reminder";
}
