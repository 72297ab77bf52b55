/**
 * One entry's staff page (/staff/loop/:id): everything about it, its evidence (comments
 * only for those who may read them), its audit trail, and the forms for the moves this
 * user may make now; and the one action all those forms post to.
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import { LOOP_OUTCOMES, LOOP_REMINDER_KINDS, type Database, type Language, type LoopOutcome, type LoopReminderKind, type LoopStatus } from "@db/schema";
import { canWorkOnServices, type StaffUser } from "~/auth/permissions";
import { forbidden } from "~/auth/session.server";
import { formatDate } from "~/i18n/format";
import { getFixedT, pick } from "~/i18n/i18n";
import { formatDateTime } from "~/mail/mailbox";
import { parseTermKey } from "~/results/periods";
import { termLabel } from "~/results/results-page.server";
import type { TermKey } from "~/results/types";
import { draftChoices, draftFromForm, type DraftChoices, type DraftValues } from "./draft-form.server";
import { linkedComments, showComment, type CommentShown } from "./evidence.server";
import { languageOfField, type TextChange } from "./audit";
import { outcomeLabel, statusLabel, themeLabel } from "./labels";
import {
  LOOP_ACTIONS,
  availableActions,
  canEditDraft,
  canAddUpdate,
  canViewEntry,
  editRefusal,
  todayOf,
  transitionProblems,
  transitionRefusal,
  type LoopAction,
  type Problem,
  type TransitionInput,
} from "./loop-states";
import {
  addPublicUpdate,
  applyTransition,
  editDraft,
  eligibleOwners,
  familiesCount,
  findEntryFacts,
  listEvents,
  refused,
  type AuditEvent,
  type LoopResult,
} from "./loop.server";
import { dueMark, type DueMark } from "./queues.server";
import type { PublicationSettings } from "./subscriptions.server";

type Db = Kysely<Database>;

function notFound(): never {
  throw json({ reason: "not_found" }, { status: 404 });
}

/** The entry id in an address, or a 404. */
export function entryIdOr404(param: string | undefined): number {
  const id = Number(param);
  if (!/^\d{1,12}$/.test(param ?? "") || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}


export type FamiliesShown = { kind: "shown"; n: number } | { kind: "fewer_than"; threshold: number };

/**
 * "Raised by N families": for anyone who does not read the comments (the PCF) a count of
 * survey responses under the threshold is hidden, as every figure the PCF sees. A forum
 * entry's count is the PCF's own and always shown.
 */
export function familiesShown(n: number, source: "survey" | "forum", readsEvidence: boolean, threshold: number): FamiliesShown {
  if (source === "survey" && !readsEvidence && n < threshold) return { kind: "fewer_than", threshold };
  return { kind: "shown", n };
}

export interface EntryView {
  id: number;
  status: LoopStatus;
  statusLabel: string;
  leadService: string;
  contributing: string[];
  period: string;
  theme: string;
  source: "survey" | "forum";
  youSaidEn: string;
  youSaidUr: string;
  weDidEn: string | null;
  weDidUr: string | null;
  outcome: LoopOutcome | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  changeEvidence: string | null;
  changeFrom: string | null;
  owner: string | null;
  dueOn: string | null;
  dueMark: DueMark;
  createdBy: string | null;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  publishedOpenAt: string | null;
  discardedAt: string | null;
}

export interface EntryPage {
  entry: EntryView;
  families: FamiliesShown;
  /** Null: this viewer does not read comments. */
  comments: CommentShown[] | null;
  /** Responses linked without a chosen comment (a filtered set). */
  responsesWithoutComment: number;
  surveyTitle: string | null;
  events: AuditRow[];
  updates: { id: number; at: string; bodyEn: string; bodyUr: string }[];
  /** The latest send-back, shown while the entry is open again, so the owner knows what to fix. */
  sentBack: { at: string; who: string | null; reason: string } | null;
  actions: LoopAction[];
  canEdit: boolean;
  canUpdate: boolean;
  owners: { value: string; label: string }[];
  draftChoices: Omit<DraftChoices, "currentTerm"> | null;
  draftValues: DraftValues;
  /** Form defaults for the moves (the entry's current owner and due date, its texts). */
  defaults: { owner: string; dueOn: string };
  /** The close-out form's defaults: the entry's close-out so far (kept when it is sent back). */
  closeDefaults: Record<"outcome" | "weDidEn" | "weDidUr" | "outcomeNote" | "changeEvidence" | "changeFrom", string>;
}

/** One line of the audit trail, in words: when (date and time, UK), who, what, and the texts before and after. */
export interface AuditRow {
  id: number;
  at: string;
  who: string;
  action: string;
  detail: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  changes: { field: string; label: string; before: string | null; after: string | null; lang: Language | null }[];
}

// i18n-dynamic: loop:events.
const eventLabel = (lng: Language, action: string) => getFixedT(lng, "loop")(`events.${action}`);

/** Events without a person: a family's request, or the jobs (reminders, escalations). */
const FAMILY_ACTIONS: readonly string[] = ["look_again"];

/** The reminder job's detail, "due_soon · Name <email>" (app/loop/reminders.server.ts), in words. */
function reminderDetail(lng: Language, detail: string): string {
  const [kind, ...rest] = detail.split(" · ");
  if (!(LOOP_REMINDER_KINDS as readonly string[]).includes(kind)) return detail;
  // i18n-dynamic: loop:audit.reminders.
  return getFixedT(lng, "loop")(`audit.reminders.${kind as LoopReminderKind}`, { to: rest.join(" · ") });
}

/**
 * The audit trail in words (DESIGN.md "The loop"): times in UK time, labels for every
 * status, outcome and field, names for services and owners, "the system" for the jobs.
 */
async function auditRows(db: Db, events: AuditEvent[], lng: Language): Promise<AuditRow[]> {
  const t = getFixedT(lng, "loop");
  const tc = getFixedT(lng, "loop_common");
  const ids = (field: string) =>
    events.flatMap((e) => e.changes.filter((c) => c.field === field || (field === "lead_service" && c.field === "contributing")).flatMap((c) => [c.before, c.after]))
      .flatMap((v) => (v ?? "").split(","))
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
  const serviceIds = [...new Set(ids("lead_service"))];
  const ownerIds = [...new Set(ids("owner"))];
  const services = serviceIds.length ? await db.selectFrom("services").select(["id", "name_en", "name_ur"]).where("id", "in", serviceIds).execute() : [];
  const owners = ownerIds.length ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", ownerIds).execute() : [];
  const serviceName = (id: string) => {
    const found = services.find((x) => String(x.id) === id);
    return found ? pick(found, "name", lng) : id;
  };
  const show = (c: TextChange, value: string | null): string | null => {
    if (value === null) return null;
    switch (c.field) {
      case "lead_service":
      case "contributing":
        return new Intl.ListFormat(lng === "ur" ? "ur" : "en-GB").format(value.split(",").map(serviceName));
      case "owner":
        return owners.find((o) => String(o.id) === value)?.name ?? value;
      case "period":
        return parseTermKey(value) ? termLabel(value as TermKey, lng) : value;
      case "theme":
        return themeLabel(tc, value);
      case "outcome":
        return (LOOP_OUTCOMES as readonly string[]).includes(value) ? outcomeLabel(tc, value as LoopOutcome) : value;
      case "due_on":
      case "change_from":
        return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T00:00:00.000Z`, lng) : value;
      default:
        return value;
    }
  };
  const detailOf = (e: AuditEvent): string | null => {
    if (!e.detail) return null;
    if (e.action === "reminder" || e.action === "escalation") return reminderDetail(lng, e.detail);
    if (e.action === "close") return (LOOP_OUTCOMES as readonly string[]).includes(e.detail) ? outcomeLabel(tc, e.detail as LoopOutcome) : e.detail;
    if (e.action === "open" || e.action === "reassign") {
      // The changes say who and by when; events older than them only have "Name · YYYY-MM-DD".
      if (e.changes.length) return null;
      const [owner, due] = e.detail.split(" · ");
      return due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? t("audit.assigned", { owner, date: formatDate(`${due}T00:00:00.000Z`, lng) }) : e.detail;
    }
    return e.detail;
  };
  return events.map((e) => ({
    id: e.id,
    at: formatDateTime(e.at, lng),
    who: e.userName ?? (FAMILY_ACTIONS.includes(e.action) ? t("audit.family") : t("audit.system")),
    action: eventLabel(lng, e.action),
    detail: detailOf(e),
    from: e.fromStatus ? statusLabel(tc, e.fromStatus) : null,
    to: e.toStatus ? statusLabel(tc, e.toStatus) : null,
    reason: e.reason,
    changes: e.changes.map((c) => ({
      field: c.field,
      // i18n-dynamic: loop:audit.fields.
      label: t(`audit.fields.${c.field}`),
      before: show(c, c.before),
      after: show(c, c.after),
      lang: languageOfField(c.field),
    })),
  }));
}

export async function loadEntryPage(db: Db, user: StaffUser, id: number, lng: Language, threshold: number, now: Date): Promise<EntryPage> {
  const found = await findEntryFacts(db, id);
  if (!found) notFound();
  const { entry, facts } = found;
  if (!canViewEntry(user, facts)) forbidden();
  const tc = getFixedT(lng, "loop_common");
  const serviceIds = [facts.leadServiceId, ...facts.contributingServiceIds];
  const services = await db.selectFrom("services").select(["id", "name_en", "name_ur"]).where("id", "in", serviceIds).execute();
  const nameOf = (sid: number) => {
    const s = services.find((x) => x.id === sid);
    return s ? pick(s, "name", lng) : "";
  };
  const people = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [entry.created_by, entry.owner_id ?? entry.created_by])
    .execute();
  const personName = (uid: number | null) => (uid === null ? null : (people.find((p) => p.id === uid)?.name ?? null));
  const date = (iso: string | null) => (iso ? formatDate(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso, lng) : null);

  // The linked comments are read by admins and staff of the entry's services, as on the results pages.
  const reads = canWorkOnServices(user, serviceIds);
  const n = await familiesCount(db, entry);
  const evidenceRows = await db.selectFrom("loop_evidence").select(["answer_id"]).where("entry_id", "=", id).execute();
  const survey = entry.survey_id
    ? await db.selectFrom("survey_versions").select(["title_en", "title_ur"]).where("survey_id", "=", entry.survey_id).orderBy("version", "desc").executeTakeFirst()
    : undefined;

  const events = await listEvents(db, id);
  const lastSendBack = [...events].reverse().find((e) => e.action === "send_back");
  const updates = await db.selectFrom("loop_updates").selectAll().where("entry_id", "=", id).orderBy("created_at").orderBy("id").execute();

  const actions = availableActions(user, facts);
  const canEdit = canEditDraft(user, facts);
  const owners = actions.includes("open") || actions.includes("reassign") ? await eligibleOwners(db, serviceIds) : [];
  const choices = canEdit ? await draftChoices(db, user, lng, now, entry.period) : null;

  return {
    entry: {
      id: entry.id,
      status: entry.status,
      statusLabel: statusLabel(tc, entry.status),
      leadService: nameOf(entry.lead_service_id),
      contributing: facts.contributingServiceIds.map(nameOf),
      period: termLabel(entry.period as TermKey, lng),
      theme: themeLabel(tc, entry.theme),
      source: entry.source,
      youSaidEn: entry.you_said_en,
      youSaidUr: entry.you_said_ur,
      weDidEn: entry.we_did_en,
      weDidUr: entry.we_did_ur,
      outcome: entry.outcome,
      outcomeLabel: entry.outcome ? outcomeLabel(tc, entry.outcome) : null,
      outcomeNote: entry.outcome_note,
      changeEvidence: entry.change_evidence,
      changeFrom: date(entry.change_from),
      owner: personName(entry.owner_id),
      dueOn: date(entry.due_on),
      dueMark: dueMark({ status: entry.status, dueOn: entry.due_on }, todayOf(now)),
      createdBy: personName(entry.created_by),
      createdAt: date(entry.created_at)!,
      openedAt: date(entry.opened_at),
      closedAt: date(entry.closed_at),
      publishedAt: date(entry.published_at),
      publishedOpenAt: date(entry.published_open_at),
      discardedAt: date(entry.discarded_at),
    },
    families: familiesShown(n, entry.source, reads, threshold),
    comments: reads && entry.source === "survey" ? (await linkedComments(db, id)).map((c) => showComment(c, lng)) : null,
    responsesWithoutComment: reads ? evidenceRows.filter((r) => r.answer_id === null).length : 0,
    surveyTitle: survey ? pick(survey, "title", lng) : null,
    events: await auditRows(db, events, lng),
    updates: updates.map((u) => ({ id: u.id, at: formatDate(u.created_at, lng), bodyEn: u.body_en, bodyUr: u.body_ur })),
    sentBack: entry.status === "open" && lastSendBack?.reason ? { at: formatDate(lastSendBack.at, lng), who: lastSendBack.userName, reason: lastSendBack.reason } : null,
    actions,
    canEdit,
    canUpdate: canAddUpdate(user, facts),
    owners: owners.map((o) => ({ value: String(o.id), label: `${o.name} (${o.email})` })),
    draftChoices: choices ? { leadServices: choices.leadServices, services: choices.services, periods: choices.periods, themes: choices.themes } : null,
    draftValues: {
      leadService: String(entry.lead_service_id),
      contributing: facts.contributingServiceIds.map(String),
      period: entry.period,
      theme: entry.theme,
      youSaidEn: entry.you_said_en,
      youSaidUr: entry.you_said_ur,
      forumFamilies: entry.forum_families === null ? "" : String(entry.forum_families),
    },
    defaults: { owner: entry.owner_id === null ? "" : String(entry.owner_id), dueOn: entry.due_on ?? "" },
    closeDefaults: {
      outcome: entry.outcome ?? "",
      weDidEn: entry.we_did_en ?? "",
      weDidUr: entry.we_did_ur ?? "",
      outcomeNote: entry.outcome_note ?? "",
      changeEvidence: entry.change_evidence ?? "",
      changeFrom: entry.change_from ?? "",
    },
  };
}

// ---- The action ----

export const ENTRY_INTENTS = [...LOOP_ACTIONS, "edit", "add_update"] as const;
export type EntryIntent = (typeof ENTRY_INTENTS)[number];

const field = z.string().optional().default("");
/** Every field any of the entry's forms posts; each intent reads its own. */
export const EntryFormSchema = z.object({
  intent: z.enum(ENTRY_INTENTS),
  owner: field,
  dueOn: field,
  reason: field,
  outcome: field,
  weDidEn: field,
  weDidUr: field,
  outcomeNote: field,
  changeEvidence: field,
  changeFrom: field,
  bodyEn: field,
  bodyUr: field,
  confirm: field,
});
type EntryForm = z.infer<typeof EntryFormSchema>;

export type EntryActionResult = { intent: EntryIntent; values: Record<string, string | string[]>; result: LoopResult };

function transitionInputOf(f: EntryForm): TransitionInput {
  const owner = Number(f.owner);
  return {
    ownerId: Number.isSafeInteger(owner) && owner > 0 ? owner : null,
    dueOn: f.dueOn.trim() || null,
    reason: f.reason,
    outcome: (LOOP_OUTCOMES as readonly string[]).includes(f.outcome) ? (f.outcome as LoopOutcome) : null,
    weDidEn: f.weDidEn,
    weDidUr: f.weDidUr,
    outcomeNote: f.outcomeNote,
    changeEvidence: f.changeEvidence,
    changeFrom: f.changeFrom.trim() || null,
  };
}

/**
 * Does what one of the entry page's forms asked, through the loop's one way of changing
 * entries (app/loop/loop.server.ts). A form without a known intent is a 400.
 */
export async function actOnEntry(
  db: Db,
  user: StaffUser,
  id: number,
  form: FormData,
  now: Date,
  publication: PublicationSettings,
): Promise<EntryActionResult> {
  const parsed = EntryFormSchema.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => k !== "contributing")));
  if (!parsed.success) throw json({ reason: "bad_request" }, { status: 400 });
  const f = parsed.data;
  const { csrf: _csrf, intent: _intent, ...typed } = Object.fromEntries(form.entries()) as Record<string, string>;
  const values: Record<string, string | string[]> = typed;
  if (f.intent === "edit") {
    const { values: draft, input, problems } = await draftFromForm(db, form);
    const result: LoopResult = problems.length ? await refusedOr400(db, user, id, "edit", problems) : await editDraft(db, user, id, input, now);
    return { intent: f.intent, values: draft, result };
  }
  if (f.intent === "add_update") {
    return { intent: f.intent, values, result: await addPublicUpdate(db, user, id, { bodyEn: f.bodyEn, bodyUr: f.bodyUr }, now) };
  }
  const input = transitionInputOf(f);
  if (f.intent === "discard" && f.confirm !== "yes") {
    // A discard must be confirmed: asked for with the other problems, after the role and state checks.
    const problems = [...transitionProblems("discard", input, todayOf(now)), { field: "confirm", code: "confirm_missing" }];
    return { intent: f.intent, values, result: await refusedOr400(db, user, id, "discard", problems) };
  }
  return { intent: f.intent, values, result: await applyTransition(db, user, id, f.intent, input, now, publication) };
}

/** A 404, 403 or 409 as the move itself would give, else a 400 with these problems. */
async function refusedOr400(db: Db, user: StaffUser, id: number, intent: "edit" | "discard", problems: Problem[]): Promise<LoopResult> {
  const found = await findEntryFacts(db, id);
  if (!found) return { ok: false, status: 404 };
  const refusal = intent === "edit" ? editRefusal(user, found.facts) : transitionRefusal(user, "discard", found.facts);
  return refusal ? refused(refusal) : { ok: false, status: 400, problems };
}
