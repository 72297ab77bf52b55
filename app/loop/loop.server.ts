import type { Kysely, Transaction } from "kysely";
import type { Database, LoopEntry, LoopSource, LoopStatus } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import {
  editRefusal,
  todayOf,
  canAddUpdate,
  targetStatus,
  transitionProblems,
  transitionRefusal,
  SHORT_MAX,
  TEXT_MAX,
  type EntryFacts,
  type LoopAction,
  type LoopNote,
  type Problem,
  type RefusalReason,
  type TransitionInput,
} from "./loop-states";
import { parseTermKey } from "~/results/periods";
import { isLoopTheme } from "./themes";
import { changesBetween, parseChanges, serialiseChanges, type TextChange } from "./audit";
import { queuePublicationEmails, type PublicationSettings } from "./subscriptions.server";

type Db = Kysely<Database>;
type Tx = Kysely<Database> | Transaction<Database>;

/**
 * The loop's data: creating entries, moving them through the state machine (the only
 * place that changes `loop_entries.status`), and the audit trail every change writes to.
 */

export type LoopResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; status: 400; problems: Problem[] }
  | { ok: false; status: 403 | 409; refusal: RefusalReason }
  | { ok: false; status: 404 };

/** The answer to a refused move or edit: 403 for the role, 409 for the state. */
export function refused(refusal: RefusalReason): LoopResult<never> {
  return { ok: false, status: refusal === "not_allowed" ? 403 : 409, refusal };
}

// ---- Reading ----

export async function findEntry(db: Tx, id: number): Promise<LoopEntry | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function contributingServiceIds(db: Tx, entryId: number): Promise<number[]> {
  const rows = await db.selectFrom("loop_entry_services").select("service_id").where("entry_id", "=", entryId).orderBy("service_id").execute();
  return rows.map((r) => r.service_id);
}

export function factsOf(entry: LoopEntry, contributing: readonly number[]): EntryFacts {
  return {
    status: entry.status,
    leadServiceId: entry.lead_service_id,
    contributingServiceIds: contributing,
    ownerId: entry.owner_id,
    createdBy: entry.created_by,
    publishedOpenAt: entry.published_open_at,
  };
}

export async function findEntryFacts(db: Tx, id: number): Promise<{ entry: LoopEntry; facts: EntryFacts } | undefined> {
  const entry = await findEntry(db, id);
  if (!entry) return undefined;
  return { entry, facts: factsOf(entry, await contributingServiceIds(db, id)) };
}

/** How many families raised it: distinct responses in its evidence, or the PCF's count for forum entries. */
export async function familiesCount(db: Tx, entry: Pick<LoopEntry, "id" | "source" | "forum_families">): Promise<number> {
  if (entry.source === "forum") return entry.forum_families ?? 0;
  const { n } = await db
    .selectFrom("loop_evidence")
    .select((eb) => eb.fn.count<number>("response_id").distinct().as("n"))
    .where("entry_id", "=", entry.id)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface AuditEvent {
  id: number;
  at: string;
  action: LoopAction | LoopNote;
  fromStatus: LoopStatus | null;
  toStatus: LoopStatus | null;
  reason: string | null;
  detail: string | null;
  /** The texts the event changed, before and after. */
  changes: TextChange[];
  /** Null for the public and the system. */
  userName: string | null;
}

export async function listEvents(db: Tx, entryId: number): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom("loop_events")
    .leftJoin("users", "users.id", "loop_events.user_id")
    .select([
      "loop_events.id",
      "loop_events.at",
      "loop_events.action",
      "loop_events.from_status",
      "loop_events.to_status",
      "loop_events.reason",
      "loop_events.detail",
      "loop_events.changes",
      "users.name as user_name",
    ])
    .where("loop_events.entry_id", "=", entryId)
    .orderBy("loop_events.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action as LoopAction | LoopNote,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    detail: r.detail,
    changes: parseChanges(r.changes),
    userName: r.user_name,
  }));
}

export async function recordEvent(
  db: Tx,
  event: {
    entryId: number;
    userId: number | null;
    action: LoopAction | LoopNote;
    from?: LoopStatus | null;
    to?: LoopStatus | null;
    reason?: string | null;
    detail?: string | null;
    changes?: readonly TextChange[];
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto("loop_events")
    .values({
      entry_id: event.entryId,
      at: now.toISOString(),
      user_id: event.userId,
      action: event.action,
      from_status: event.from ?? null,
      to_status: event.to ?? null,
      reason: event.reason ?? null,
      detail: event.detail ?? null,
      changes: serialiseChanges(event.changes ?? []),
    })
    .execute();
}

// ---- Creating and editing drafts ----

export interface DraftInput {
  leadServiceId: number;
  contributingServiceIds: number[];
  /** Term key, e.g. "2026-autumn". */
  period: string;
  theme: string;
  youSaidEn: string;
  youSaidUr: string;
  source: LoopSource;
  surveyId?: number | null;
  forumFamilies?: number | null;
  /** Responses (and the comment chosen from each, if any) the "You said" came from. */
  evidence?: { responseId: number; answerId: number | null }[];
}

export function draftProblems(input: DraftInput): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isSafeInteger(input.leadServiceId) || input.leadServiceId <= 0) problems.push({ field: "leadService", code: "leadService_missing" });
  if (!parseTermKey(input.period)) problems.push({ field: "period", code: "period_invalid" });
  if (!isLoopTheme(input.theme)) problems.push({ field: "theme", code: "theme_missing" });
  const en = input.youSaidEn.trim();
  if (!en) problems.push({ field: "youSaidEn", code: "youSaidEn_missing" });
  else if (en.length > TEXT_MAX) problems.push({ field: "youSaidEn", code: "too_long" });
  if (input.youSaidUr.trim().length > TEXT_MAX) problems.push({ field: "youSaidUr", code: "too_long" });
  if (input.source === "forum") {
    const n = input.forumFamilies;
    if (n !== null && n !== undefined && (!Number.isSafeInteger(n) || n < 0 || n > 1_000_000)) {
      problems.push({ field: "forumFamilies", code: "forumFamilies_invalid" });
    }
  }
  return problems;
}

/** Service staff draft for their own services; the PCF drafts from the forum for any service; admins anything. */
export function mayDraftFor(user: StaffUser, leadServiceId: number, source: LoopSource): boolean {
  if (user.role === "admin") return true;
  if (user.role === "pcf") return source === "forum";
  if (user.role === "service_lead" || user.role === "service_member") return source === "survey" && user.serviceIds.includes(leadServiceId);
  return false;
}

export async function createDraft(db: Db, user: StaffUser, input: DraftInput, now = new Date()): Promise<LoopResult<number>> {
  if (!mayDraftFor(user, input.leadServiceId, input.source)) return { ok: false, status: 403, refusal: "not_allowed" };
  const problems = draftProblems(input);
  if (problems.length) return { ok: false, status: 400, problems };
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("loop_entries")
      .values({
        lead_service_id: input.leadServiceId,
        period: input.period,
        theme: input.theme,
        source: input.source,
        survey_id: input.source === "survey" ? (input.surveyId ?? null) : null,
        forum_families: input.source === "forum" ? (input.forumFamilies ?? null) : null,
        you_said_en: input.youSaidEn.trim(),
        you_said_ur: input.youSaidUr.trim(),
        status: "draft",
        created_by: user.id,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setContributing(trx, id, input.leadServiceId, input.contributingServiceIds);
    const evidence = input.source === "survey" ? (input.evidence ?? []) : [];
    for (let i = 0; i < evidence.length; i += 200) {
      await trx
        .insertInto("loop_evidence")
        .values(evidence.slice(i, i + 200).map((e) => ({ entry_id: id, response_id: e.responseId, answer_id: e.answerId })))
        .execute();
    }
    const texts = { you_said_en: input.youSaidEn.trim(), you_said_ur: input.youSaidUr.trim() };
    await recordEvent(trx, { entryId: id, userId: user.id, action: "create", to: "draft", changes: changesBetween({}, texts) }, now);
    return id;
  });
  return { ok: true, value: id };
}

async function setContributing(trx: Tx, entryId: number, leadServiceId: number, serviceIds: readonly number[]): Promise<void> {
  await trx.deleteFrom("loop_entry_services").where("entry_id", "=", entryId).execute();
  const ids = [...new Set(serviceIds)].filter((id) => id !== leadServiceId);
  if (ids.length) await trx.insertInto("loop_entry_services").values(ids.map((service_id) => ({ entry_id: entryId, service_id }))).execute();
}

/** Changes a draft's texts, services, period and theme. Evidence stays as it was drafted. */
export async function editDraft(
  db: Db,
  user: StaffUser,
  id: number,
  input: Omit<DraftInput, "source" | "surveyId" | "evidence">,
  now = new Date(),
): Promise<LoopResult> {
  return db.transaction().execute(async (trx): Promise<LoopResult> => {
    const found = await findEntryFacts(trx, id);
    if (!found) return { ok: false, status: 404 };
    const refusal = editRefusal(user, found.facts);
    if (refusal) return refused(refusal);
    if (user.role !== "admin" && user.role !== "pcf" && !user.serviceIds.includes(input.leadServiceId)) {
      return { ok: false, status: 403, refusal: "not_allowed" };
    }
    const problems = draftProblems({ ...input, source: found.entry.source });
    if (problems.length) return { ok: false, status: 400, problems };
    await trx
      .updateTable("loop_entries")
      .set({
        lead_service_id: input.leadServiceId,
        period: input.period,
        theme: input.theme,
        you_said_en: input.youSaidEn.trim(),
        you_said_ur: input.youSaidUr.trim(),
        forum_families: found.entry.source === "forum" ? (input.forumFamilies ?? null) : null,
      })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .execute();
    await setContributing(trx, id, input.leadServiceId, input.contributingServiceIds);
    const { entry } = found;
    const changes = changesBetween(
      {
        lead_service: entry.lead_service_id,
        contributing: found.facts.contributingServiceIds,
        period: entry.period,
        theme: entry.theme,
        forum_families: entry.forum_families,
        you_said_en: entry.you_said_en,
        you_said_ur: entry.you_said_ur,
      },
      {
        lead_service: input.leadServiceId,
        contributing: await contributingServiceIds(trx, id),
        period: input.period,
        theme: input.theme,
        forum_families: entry.source === "forum" ? (input.forumFamilies ?? null) : null,
        you_said_en: input.youSaidEn.trim(),
        you_said_ur: input.youSaidUr.trim(),
      },
    );
    await recordEvent(trx, { entryId: id, userId: user.id, action: "edit", from: "draft", to: "draft", changes }, now);
    return { ok: true, value: undefined };
  });
}

// ---- Moves ----

/** Whether a user can own an entry: an active lead or member of its lead or a contributing service. */
export async function isEligibleOwner(db: Tx, userId: number, serviceIds: readonly number[]): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .innerJoin("user_services", "user_services.user_id", "users.id")
    .select("users.id")
    .where("users.id", "=", userId)
    .where("users.active", "=", 1)
    .where("users.role", "in", ["service_lead", "service_member"])
    .where("user_services.service_id", "in", serviceIds.length ? [...serviceIds] : [0])
    .executeTakeFirst();
  return !!row;
}

/** The people who may own an entry, for the owner picker. */
export async function eligibleOwners(db: Tx, serviceIds: readonly number[]): Promise<{ id: number; name: string; email: string }[]> {
  return db
    .selectFrom("users")
    .innerJoin("user_services", "user_services.user_id", "users.id")
    .select(["users.id", "users.name", "users.email"])
    .distinct()
    .where("users.active", "=", 1)
    .where("users.role", "in", ["service_lead", "service_member"])
    .where("user_services.service_id", "in", serviceIds.length ? [...serviceIds] : [0])
    .orderBy("users.name")
    .execute();
}

function clean(value: string | undefined): string {
  return (value ?? "").trim();
}

/**
 * Makes one move, or refuses it and changes nothing. Role, state and what the move
 * needs are all checked here (from app/loop/loop-states.ts), inside the transaction
 * that writes the change and its audit event, so a double submit finds the entry
 * already moved and gets 409.
 */
export async function applyTransition(
  db: Db,
  user: StaffUser,
  id: number,
  action: LoopAction,
  input: TransitionInput,
  now: Date,
  publication: PublicationSettings,
): Promise<LoopResult> {
  return db.transaction().execute(async (trx) => {
    const result = await transitionIn(trx, user, id, action, input, now);
    if (result.ok && action === "publish") await queuePublicationEmails(trx, [id], now, publication);
    return result;
  });
}

/**
 * Publishes several closed entries at once (the PCF's review queue): each subscriber
 * gets one email listing all of them. All or nothing.
 */
export async function publishEntries(
  db: Db,
  user: StaffUser,
  ids: readonly number[],
  now: Date,
  publication: PublicationSettings,
): Promise<LoopResult<number[]>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return { ok: false, status: 400, problems: [{ field: "entries", code: "entries_missing" }] };
  try {
    await db.transaction().execute(async (trx) => {
      for (const id of unique) {
        const result = await transitionIn(trx, user, id, "publish", {}, now);
        if (!result.ok) throw new Refused(result);
      }
      await queuePublicationEmails(trx, unique, now, publication);
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
  return { ok: true, value: unique };
}

class Refused extends Error {
  constructor(readonly result: Exclude<LoopResult, { ok: true }>) {
    super("refused");
  }
}

async function transitionIn(trx: Tx, user: StaffUser, id: number, action: LoopAction, input: TransitionInput, now: Date): Promise<LoopResult> {
  const found = await findEntryFacts(trx, id);
  if (!found) return { ok: false, status: 404 };
  const { entry, facts } = found;
  const refusal = transitionRefusal(user, action, facts);
  if (refusal) return refused(refusal);

  const merged: TransitionInput = {
    ...input,
    youSaidEn: entry.you_said_en,
    youSaidUr: entry.you_said_ur,
  };
  const problems = transitionProblems(action, merged, todayOf(now));
  if ((action === "open" || action === "reassign") && input.ownerId && !problems.some((p) => p.field === "owner")) {
    const serviceIds = [facts.leadServiceId, ...facts.contributingServiceIds];
    if (!(await isEligibleOwner(trx, input.ownerId, serviceIds))) problems.push({ field: "owner", code: "owner_invalid" });
  }
  if (problems.length) return { ok: false, status: 400, problems };

  const to = targetStatus(action, entry.status);
  const at = now.toISOString();
  let update = trx.updateTable("loop_entries").where("id", "=", id).where("status", "=", entry.status);
  let detail: string | null = null;
  let reason: string | null = null;
  let changes: TextChange[] = [];
  switch (action) {
    case "open":
    case "reassign": {
      const owner = await trx.selectFrom("users").select("name").where("id", "=", input.ownerId!).executeTakeFirstOrThrow();
      detail = `${owner.name} · ${input.dueOn}`;
      reason = action === "reassign" ? clean(input.reason) : null;
      update = update.set({ status: to, owner_id: input.ownerId!, due_on: input.dueOn! });
      changes = changesBetween({ owner: entry.owner_id, due_on: entry.due_on }, { owner: input.ownerId!, due_on: input.dueOn! });
      if (action === "open") update = update.set({ opened_at: at });
      break;
    }
    case "close": {
      const claimsChange = input.outcome === "done" || input.outcome === "partly_done";
      detail = input.outcome!;
      const closeOut = {
        outcome: input.outcome!,
        we_did_en: clean(input.weDidEn),
        we_did_ur: clean(input.weDidUr),
        outcome_note: clean(input.outcomeNote),
        change_evidence: claimsChange ? clean(input.changeEvidence) : null,
        change_from: claimsChange ? input.changeFrom! : null,
      };
      // After a send-back the entry still holds the first close-out: this event keeps both.
      changes = changesBetween(entry, closeOut);
      update = update.set({ status: to, ...closeOut, closed_at: at });
      break;
    }
    case "send_back":
      // The close-out texts stay, for the owner to correct (DESIGN.md "The loop").
      reason = clean(input.reason);
      update = update.set({ status: to, closed_at: null });
      break;
    case "publish":
      update = update.set({ status: to, published_at: at });
      break;
    case "publish_open":
      update = update.set({ published_open_at: at });
      break;
    case "discard":
      reason = clean(input.reason);
      update = update.set({ status: to, discarded_at: at });
      break;
  }
  const { numUpdatedRows } = await update.executeTakeFirst();
  if (numUpdatedRows !== 1n && Number(numUpdatedRows) !== 1) return { ok: false, status: 409, refusal: "wrong_state" };
  await recordEvent(trx, { entryId: id, userId: user.id, action, from: entry.status, to, reason, detail, changes }, now);
  return { ok: true, value: undefined };
}

// ---- Updates to public entries ----

export async function addPublicUpdate(
  db: Db,
  user: StaffUser,
  id: number,
  input: { bodyEn: string; bodyUr: string },
  now = new Date(),
): Promise<LoopResult> {
  return db.transaction().execute(async (trx): Promise<LoopResult> => {
    const found = await findEntryFacts(trx, id);
    if (!found) return { ok: false, status: 404 };
    // Role before state, as for moves: asked as if the entry were public, then whether it is.
    if (!canAddUpdate(user, { ...found.facts, status: "published" })) return { ok: false, status: 403, refusal: "not_allowed" };
    if (!canAddUpdate(user, found.facts)) return { ok: false, status: 409, refusal: "wrong_state" };
    const problems: Problem[] = [];
    for (const [field, value] of [
      ["bodyEn", input.bodyEn],
      ["bodyUr", input.bodyUr],
    ] as const) {
      const text = value.trim();
      if (!text) problems.push({ field, code: `${field}_missing` });
      else if (text.length > TEXT_MAX) problems.push({ field, code: "too_long" });
    }
    if (problems.length) return { ok: false, status: 400, problems };
    await trx
      .insertInto("loop_updates")
      .values({ entry_id: id, body_en: input.bodyEn.trim(), body_ur: input.bodyUr.trim(), created_at: now.toISOString(), created_by: user.id })
      .execute();
    const changes = changesBetween({}, { update_en: input.bodyEn.trim(), update_ur: input.bodyUr.trim() });
    await recordEvent(trx, { entryId: id, userId: user.id, action: "add_update", from: found.entry.status, to: found.entry.status, changes }, now);
    return { ok: true, value: undefined };
  });
}

export { SHORT_MAX, TEXT_MAX };
