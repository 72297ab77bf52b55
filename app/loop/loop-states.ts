import type { LoopOutcome, LoopStatus } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";

/**
 * The loop's state machine (DESIGN.md "The loop"), as pure rules: which moves exist,
 * who may make each, and what each needs. app/loop/loop.server.ts is the only code that
 * changes an entry's status, and it asks these functions first.
 *
 *   draft --open--> open --close--> closed --publish--> published
 *   draft --discard--> discarded          closed --send_back--> open
 *   open --publish_open--> open (shown publicly as "We are doing")
 */
export const LOOP_ACTIONS = ["open", "reassign", "close", "send_back", "publish", "publish_open", "discard"] as const;
export type LoopAction = (typeof LOOP_ACTIONS)[number];

/** Things that are recorded in the audit trail but are not moves of the machine. */
export type LoopNote = "create" | "edit" | "add_update" | "look_again" | "look_again_dealt" | "reminder" | "escalation";

/** What the rules need to know about an entry. */
export interface EntryFacts {
  status: LoopStatus;
  leadServiceId: number;
  contributingServiceIds: readonly number[];
  ownerId: number | null;
  createdBy: number;
  publishedOpenAt: string | null;
}

/** Where each move may start, and where it ends. */
const MOVES: Record<LoopAction, { from: readonly LoopStatus[]; to: (from: LoopStatus) => LoopStatus }> = {
  open: { from: ["draft"], to: () => "open" },
  reassign: { from: ["open"], to: () => "open" },
  close: { from: ["open"], to: () => "closed" },
  send_back: { from: ["closed"], to: () => "open" },
  publish: { from: ["closed"], to: () => "published" },
  publish_open: { from: ["open"], to: () => "open" },
  discard: { from: ["draft"], to: () => "discarded" },
};

export function targetStatus(action: LoopAction, from: LoopStatus): LoopStatus {
  return MOVES[action].to(from);
}

function isStaffOf(user: StaffUser, serviceIds: readonly number[]): boolean {
  return (user.role === "service_lead" || user.role === "service_member") && serviceIds.some((id) => user.serviceIds.includes(id));
}

/** A service lead of the entry's lead service. */
export function isLeadOf(user: StaffUser, entry: Pick<EntryFacts, "leadServiceId">): boolean {
  return user.role === "service_lead" && user.serviceIds.includes(entry.leadServiceId);
}

/** Who may see an entry on the staff side: admins, the PCF, and staff of its lead or contributing services. */
export function canViewEntry(user: StaffUser, entry: Pick<EntryFacts, "leadServiceId" | "contributingServiceIds">): boolean {
  if (user.role === "admin" || user.role === "pcf") return true;
  return isStaffOf(user, [entry.leadServiceId, ...entry.contributingServiceIds]);
}

/** Who may change a draft's texts: admins, whoever drafted it, and staff of its lead service. */
export function canEditDraft(user: StaffUser, entry: EntryFacts): boolean {
  if (entry.status !== "draft") return false;
  return user.role === "admin" || entry.createdBy === user.id || isStaffOf(user, [entry.leadServiceId]);
}

/**
 * Null when the user may edit this entry's draft now; otherwise why not. Role before state,
 * as for moves: someone who could never edit it is told so, whatever its state.
 */
export function editRefusal(user: StaffUser, entry: EntryFacts): RefusalReason | null {
  if (!canEditDraft(user, { ...entry, status: "draft" })) return "not_allowed";
  return entry.status === "draft" ? null : "wrong_state";
}

/**
 * Whether the public can see an entry: published, or open/closed and published as "We are
 * doing". (app/loop/public.server.ts asks the same in SQL.)
 */
export function isPublic(entry: Pick<EntryFacts, "status" | "publishedOpenAt">): boolean {
  return entry.status === "published" || ((entry.status === "open" || entry.status === "closed") && entry.publishedOpenAt !== null);
}

/** Who may add a dated public update to an entry the public can already see. */
export function canAddUpdate(user: StaffUser, entry: EntryFacts): boolean {
  if (!isPublic(entry)) return false;
  return user.role === "admin" || user.role === "pcf" || entry.ownerId === user.id || isLeadOf(user, entry);
}

/** Whether the user's role lets them make this move on this entry at all (whatever its state). */
export function mayAct(user: StaffUser, action: LoopAction, entry: EntryFacts): boolean {
  if (user.role === "admin") return true;
  switch (action) {
    case "open":
    case "reassign":
      return isLeadOf(user, entry);
    case "close":
      return entry.ownerId === user.id || isLeadOf(user, entry);
    case "send_back":
    case "publish":
    case "publish_open":
      return user.role === "pcf";
    case "discard":
      return entry.createdBy === user.id || isLeadOf(user, entry);
  }
}

export type RefusalReason = "not_allowed" | "wrong_state" | "already_public";

/** Null when the move is allowed now; otherwise why not. Role is checked before state. */
export function transitionRefusal(user: StaffUser, action: LoopAction, entry: EntryFacts): RefusalReason | null {
  if (!mayAct(user, action, entry)) return "not_allowed";
  if (!MOVES[action].from.includes(entry.status)) return "wrong_state";
  if (action === "publish_open" && entry.publishedOpenAt !== null) return "already_public";
  return null;
}

export function canTransition(user: StaffUser, action: LoopAction, entry: EntryFacts): boolean {
  return transitionRefusal(user, action, entry) === null;
}

/** The moves the user could make now, for showing only the buttons that will work. */
export function availableActions(user: StaffUser, entry: EntryFacts): LoopAction[] {
  return LOOP_ACTIONS.filter((action) => canTransition(user, action, entry));
}

// ---- What each move needs ----

export const TEXT_MAX = 2000;
export const SHORT_MAX = 500;

/** Everything a move may carry; each move reads only its own fields. */
export interface TransitionInput {
  ownerId?: number | null;
  dueOn?: string | null;
  youSaidEn?: string;
  youSaidUr?: string;
  outcome?: LoopOutcome | null;
  weDidEn?: string;
  weDidUr?: string;
  outcomeNote?: string;
  changeEvidence?: string;
  changeFrom?: string | null;
  reason?: string;
}

/** A problem with a field, named by the form field it belongs to. The code is an i18n key in loop:problems. */
export interface Problem {
  field: string;
  code: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function requireText(problems: Problem[], field: string, value: string | undefined, max = TEXT_MAX): void {
  const text = (value ?? "").trim();
  if (!text) problems.push({ field, code: `${field}_missing` });
  else if (text.length > max) problems.push({ field, code: "too_long" });
}

/**
 * What is missing or wrong for a move, given the entry's texts as they will be (`input`
 * merged over the entry by the caller) and today's date (YYYY-MM-DD).
 */
export function transitionProblems(action: LoopAction, input: TransitionInput, today: string): Problem[] {
  const problems: Problem[] = [];
  switch (action) {
    case "open":
    case "reassign":
      if (!input.ownerId) problems.push({ field: "owner", code: "owner_missing" });
      if (!input.dueOn) problems.push({ field: "dueOn", code: "dueOn_missing" });
      else if (!isIsoDate(input.dueOn)) problems.push({ field: "dueOn", code: "dueOn_invalid" });
      else if (input.dueOn < today) problems.push({ field: "dueOn", code: "dueOn_past" });
      if (action === "open") {
        requireText(problems, "youSaidEn", input.youSaidEn);
        requireText(problems, "youSaidUr", input.youSaidUr);
      } else {
        requireText(problems, "reason", input.reason, SHORT_MAX);
      }
      break;
    case "close":
      if (!input.outcome) problems.push({ field: "outcome", code: "outcome_missing" });
      requireText(problems, "weDidEn", input.weDidEn);
      requireText(problems, "weDidUr", input.weDidUr);
      requireText(problems, "outcomeNote", input.outcomeNote);
      if (input.outcome === "done" || input.outcome === "partly_done") {
        requireText(problems, "changeEvidence", input.changeEvidence);
        if (!input.changeFrom) problems.push({ field: "changeFrom", code: "changeFrom_missing" });
        else if (!isIsoDate(input.changeFrom)) problems.push({ field: "changeFrom", code: "changeFrom_invalid" });
      }
      break;
    case "send_back":
    case "discard":
      requireText(problems, "reason", input.reason, SHORT_MAX);
      break;
    case "publish":
    case "publish_open":
      break;
  }
  return problems;
}

/** Whether an entry the public can see is past its due date and still not closed out. */
export function isOverdue(entry: { status: LoopStatus; dueOn: string | null }, today: string): boolean {
  return entry.status === "open" && entry.dueOn !== null && entry.dueOn < today;
}

/** Today's date (YYYY-MM-DD, UTC): the loop's due dates and terms are UTC dates. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Days between two ISO dates or date-times, by calendar date (UTC). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
