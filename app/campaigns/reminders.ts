import type { Invitation } from "@db/schema";

export const MAX_REMINDER_OFFSETS = 5;
export const MAX_REMINDER_DAYS = 365;
const DAY_MS = 86_400_000;

export type ScheduleProblem = "not_numbers" | "out_of_range" | "too_many";

/**
 * Reads a reminder schedule typed by a person: "7, 14", "7 14" or "" (none). Returns
 * the days after invitation, sorted and without repeats, or the problem.
 */
export function parseReminderDays(input: string): { days: number[] } | { problem: ScheduleProblem } {
  const parts = input
    .split(/[\s,،;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p))) return { problem: "not_numbers" };
  const days = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (days.some((d) => d < 1 || d > MAX_REMINDER_DAYS)) return { problem: "out_of_range" };
  if (days.length > MAX_REMINDER_OFFSETS) return { problem: "too_many" };
  return { days };
}

/** The stored form of a schedule ("7,14"), and back. */
export function formatReminderDays(days: readonly number[]): string {
  return days.join(",");
}

export function reminderDaysOf(stored: string): number[] {
  const parsed = parseReminderDays(stored);
  return "days" in parsed ? parsed.days : [];
}

type ReminderFacts = Pick<Invitation, "sent_at" | "completed_on" | "opted_out_at" | "bounced_at">;

/**
 * Whether a reminder may go to this invitee at all: invited, and not completed,
 * opted out or bounced. Every reminder, by hand or scheduled, passes this first.
 */
export function isRemindable(inv: ReminderFacts): boolean {
  return inv.sent_at !== null && inv.completed_on === null && inv.opted_out_at === null && inv.bounced_at === null;
}

/**
 * The scheduled reminder due to an invitee now: the latest offset whose day has come
 * (sent_at + offset days <= now), unless a reminder for that offset or a later one has
 * already gone. When a schedule is set late and several offsets are due at once, the
 * invitee gets one reminder (the latest), not a burst. Undefined when none is due.
 */
export function dueScheduledOffset(
  inv: ReminderFacts,
  offsets: readonly number[],
  remindedOffsets: readonly number[],
  now: Date,
): number | undefined {
  if (!isRemindable(inv) || inv.sent_at === null) return undefined;
  const sent = Date.parse(inv.sent_at);
  const due = offsets.filter((d) => sent + d * DAY_MS <= now.getTime());
  if (due.length === 0) return undefined;
  const latest = Math.max(...due);
  return remindedOffsets.some((r) => r >= latest) ? undefined : latest;
}
