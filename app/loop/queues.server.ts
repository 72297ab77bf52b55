/**
 * The staff work queues of the loop (/staff/loop): an owner's open entries, every entry
 * of a service (or of all services), and the PCF's review queue (closed entries waiting
 * to be published, families' "look at this again" requests, forum drafts).
 */
import type { Kysely } from "kysely";
import type { Database, Language, LoopSource, LoopStatus } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { SHORT_MAX, addDays, isOverdue, type Problem } from "./loop-states";
import { DUE_SOON_DAYS } from "./reminders";
import { recordEvent, type LoopResult } from "./loop.server";

type Db = Kysely<Database>;

/** How close an open entry is to its due date, said in words on every list. */
export type DueMark = "overdue" | "due_soon" | null;

/** Overdue: open and past its due date; due soon: open and due within the owner's reminder window (today included). */
export function dueMark(entry: { status: LoopStatus; dueOn: string | null }, today: string): DueMark {
  if (entry.status !== "open" || entry.dueOn === null) return null;
  if (isOverdue(entry, today)) return "overdue";
  if (entry.dueOn <= addDays(today, DUE_SOON_DAYS)) return "due_soon";
  return null;
}

export interface QueueEntry {
  id: number;
  youSaidEn: string;
  youSaidUr: string;
  status: LoopStatus;
  source: LoopSource;
  period: string;
  theme: string;
  leadService: { id: number; en: string; ur: string };
  /** Contributing services, by name. */
  contributing: { id: number; en: string; ur: string }[];
  ownerName: string | null;
  dueOn: string | null;
  createdAt: string;
  closedAt: string | null;
}

function entryRows(db: Db) {
  return db
    .selectFrom("loop_entries as e")
    .innerJoin("services as s", "s.id", "e.lead_service_id")
    .leftJoin("users as o", "o.id", "e.owner_id")
    .select([
      "e.id",
      "e.you_said_en",
      "e.you_said_ur",
      "e.status",
      "e.source",
      "e.period",
      "e.theme",
      "e.lead_service_id",
      "s.name_en as lead_en",
      "s.name_ur as lead_ur",
      "o.name as owner_name",
      "e.due_on",
      "e.created_at",
      "e.closed_at",
    ]);
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof entryRows>["execute"]>>[number];

async function withContributing(db: Db, rows: EntryRow[]): Promise<QueueEntry[]> {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .selectFrom("loop_entry_services as les")
        .innerJoin("services as s", "s.id", "les.service_id")
        .select(["les.entry_id", "s.id", "s.name_en", "s.name_ur"])
        .where("les.entry_id", "in", ids)
        .orderBy("s.name_en")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    youSaidEn: r.you_said_en,
    youSaidUr: r.you_said_ur,
    status: r.status,
    source: r.source,
    period: r.period,
    theme: r.theme,
    leadService: { id: r.lead_service_id, en: r.lead_en, ur: r.lead_ur },
    contributing: links.filter((l) => l.entry_id === r.id).map((l) => ({ id: l.id, en: l.name_en, ur: l.name_ur })),
    ownerName: r.owner_name,
    dueOn: r.due_on,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  }));
}

/** "My entries": the open entries this person owns, soonest due first. */
export async function myOpenEntries(db: Db, userId: number): Promise<QueueEntry[]> {
  const rows = await entryRows(db).where("e.owner_id", "=", userId).where("e.status", "=", "open").orderBy("e.due_on").orderBy("e.id").execute();
  return withContributing(db, rows);
}

/**
 * Every entry whose lead or a contributing service is one of `serviceIds` (null: every
 * entry), optionally of one status; open entries soonest due first, then newest.
 */
export async function serviceEntries(db: Db, serviceIds: readonly number[] | null, status?: LoopStatus): Promise<QueueEntry[]> {
  if (serviceIds !== null && serviceIds.length === 0) return [];
  const rows = await entryRows(db)
    .$if(serviceIds !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb("e.lead_service_id", "in", [...serviceIds!]),
          eb.exists(
            eb
              .selectFrom("loop_entry_services as les")
              .select("les.entry_id")
              .whereRef("les.entry_id", "=", "e.id")
              .where("les.service_id", "in", [...serviceIds!]),
          ),
        ]),
      ),
    )
    .$if(status !== undefined, (q) => q.where("e.status", "=", status!))
    .orderBy((eb) => eb.case().when("e.status", "=", "open").then(0).else(1).end())
    .orderBy("e.due_on")
    .orderBy("e.id", "desc")
    .execute();
  return withContributing(db, rows);
}

/** The PCF's queue: closed entries waiting to be published, longest waiting first. */
export async function awaitingPublication(db: Db): Promise<QueueEntry[]> {
  const rows = await entryRows(db).where("e.status", "=", "closed").orderBy("e.closed_at").orderBy("e.id").execute();
  return withContributing(db, rows);
}

/** Drafts the PCF made from what families told the forum, not yet opened or discarded. */
export async function forumDrafts(db: Db): Promise<QueueEntry[]> {
  const rows = await entryRows(db).where("e.status", "=", "draft").where("e.source", "=", "forum").orderBy("e.created_at").orderBy("e.id").execute();
  return withContributing(db, rows);
}

export interface LookAgainRequest {
  id: number;
  reason: string;
  language: Language;
  askedAt: string;
  entry: { id: number; youSaidEn: string; youSaidUr: string; status: LoopStatus };
}

/** Families' "look at this again" requests nobody has dealt with yet, oldest first. */
export async function openLookAgainRequests(db: Db): Promise<LookAgainRequest[]> {
  const rows = await db
    .selectFrom("loop_reviews as r")
    .innerJoin("loop_entries as e", "e.id", "r.entry_id")
    .select(["r.id", "r.reason", "r.language", "r.asked_at", "e.id as entry_id", "e.you_said_en", "e.you_said_ur", "e.status"])
    .where("r.dealt_at", "is", null)
    .orderBy("r.asked_at")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    language: r.language,
    askedAt: r.asked_at,
    entry: { id: r.entry_id, youSaidEn: r.you_said_en, youSaidUr: r.you_said_ur, status: r.status },
  }));
}

/** Who deals with families' requests: the PCF and admins. */
export function mayDealWithRequests(user: StaffUser): boolean {
  return user.role === "pcf" || user.role === "admin";
}

/**
 * Marks a "look at this again" request dealt with, with a note, and writes
 * "look_again_dealt" to its entry's audit trail. A request already dealt with is a 409.
 */
export async function dealWithRequest(db: Db, user: StaffUser, reviewId: number, note: string, now = new Date()): Promise<LoopResult> {
  if (!mayDealWithRequests(user)) return { ok: false, status: 403, refusal: "not_allowed" };
  const text = note.trim();
  const problems: Problem[] = [];
  if (!text) problems.push({ field: "note", code: "note_missing" });
  else if (text.length > SHORT_MAX) problems.push({ field: "note", code: "too_long" });
  return db.transaction().execute(async (trx): Promise<LoopResult> => {
    const review = Number.isSafeInteger(reviewId)
      ? await trx.selectFrom("loop_reviews as r").innerJoin("loop_entries as e", "e.id", "r.entry_id").select(["r.entry_id", "r.dealt_at", "e.status"]).where("r.id", "=", reviewId).executeTakeFirst()
      : undefined;
    if (!review) return { ok: false, status: 404 };
    if (review.dealt_at !== null) return { ok: false, status: 409, refusal: "wrong_state" };
    if (problems.length) return { ok: false, status: 400, problems };
    const { numUpdatedRows } = await trx
      .updateTable("loop_reviews")
      .set({ dealt_at: now.toISOString(), dealt_by: user.id, dealt_note: text })
      .where("id", "=", reviewId)
      .where("dealt_at", "is", null)
      .executeTakeFirst();
    if (Number(numUpdatedRows) !== 1) return { ok: false, status: 409, refusal: "wrong_state" };
    await recordEvent(trx, { entryId: review.entry_id, userId: user.id, action: "look_again_dealt", from: review.status, to: review.status, reason: text }, now);
    return { ok: true, value: undefined };
  });
}
