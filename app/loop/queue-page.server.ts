/**
 * The queues page (/staff/loop) for one viewer: which lists they get, in their language,
 * and its two actions (publish selected, mark a family's request dealt with).
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import { LOOP_STATUSES, type Database, type Language, type LoopStatus } from "@db/schema";
import { isServiceRole, type StaffUser } from "~/auth/permissions";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n";
import type { QueueRow } from "./ui/QueueTable";
import { statusLabel } from "./labels";
import { publishEntries, type LoopResult } from "./loop.server";
import type { PublicationSettings } from "./subscriptions.server";
import { todayOf } from "./loop-states";
import {
  awaitingPublication,
  dealWithRequest,
  dueMark,
  forumDrafts,
  mayDealWithRequests,
  myOpenEntries,
  openLookAgainRequests,
  serviceEntries,
  type QueueEntry,
} from "./queues.server";

type Db = Kysely<Database>;

export function toQueueRow(e: QueueEntry, lng: Language, today: string): QueueRow {
  const tc = getFixedT(lng, "loop_common");
  const name = (s: { en: string; ur: string }) => (lng === "ur" ? s.ur : s.en);
  const useUrdu = lng === "ur" && e.youSaidUr.trim() !== "";
  return {
    id: e.id,
    youSaid: useUrdu ? e.youSaidUr : e.youSaidEn,
    youSaidLang: useUrdu ? "ur" : "en",
    services: [name(e.leadService), ...e.contributing.map(name)].join(getFixedT(lng, "loop")("list_separator")),
    status: statusLabel(tc, e.status),
    owner: e.ownerName,
    dueOn: e.dueOn ? formatDate(`${e.dueOn}T00:00:00.000Z`, lng) : null,
    dueMark: dueMark(e, today),
  };
}

export const StatusFilterSchema = z.enum(LOOP_STATUSES).optional().catch(undefined);

export async function loadQueues(db: Db, user: StaffUser, lng: Language, status: LoopStatus | undefined, now: Date) {
  const today = todayOf(now);
  const rows = (entries: QueueEntry[]) => entries.map((e) => toQueueRow(e, lng, today));
  const serviceStaff = isServiceRole(user.role);
  const reviewer = mayDealWithRequests(user);
  return {
    mine: serviceStaff ? rows(await myOpenEntries(db, user.id)) : null,
    /** Service staff: their services' entries; the PCF and admins: every entry. */
    entries: {
      scope: serviceStaff ? ("own" as const) : ("all" as const),
      status: status ?? "",
      rows: rows(await serviceEntries(db, serviceStaff ? user.serviceIds : null, status)),
    },
    review: reviewer
      ? {
          closed: rows(await awaitingPublication(db)),
          requests: (await openLookAgainRequests(db)).map((r) => ({
            id: r.id,
            reason: r.reason,
            language: r.language,
            askedAt: formatDate(r.askedAt, lng),
            entryId: r.entry.id,
            youSaid: lng === "ur" && r.entry.youSaidUr ? r.entry.youSaidUr : r.entry.youSaidEn,
            youSaidLang: (lng === "ur" && r.entry.youSaidUr ? "ur" : "en") as Language,
          })),
          forum: rows(await forumDrafts(db)),
        }
      : null,
    canDraft: user.role === "admin" || user.role === "pcf" || (serviceStaff && user.serviceIds.length > 0),
  };
}

export const QueueFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish_selected"), entry: z.array(z.coerce.number().int()).default([]) }),
  z.object({ intent: z.literal("deal"), review: z.coerce.number().int(), note: z.string().default("") }),
]);

/** The queue page's actions: publish the ticked entries, or mark one request dealt with. */
export async function actOnQueues(
  db: Db,
  user: StaffUser,
  form: FormData,
  now: Date,
  publication: PublicationSettings,
): Promise<{ form: string; values: Record<string, string>; result: LoopResult<unknown> } | null> {
  const parsed = QueueFormSchema.safeParse({
    intent: form.get("intent"),
    entry: form.getAll("entry"),
    review: form.get("review") ?? undefined,
    note: form.get("note") ?? undefined,
  });
  if (!parsed.success) return null;
  const f = parsed.data;
  if (f.intent === "publish_selected") {
    return { form: "publish", values: {}, result: await publishEntries(db, user, f.entry, now, publication) };
  }
  return { form: `deal-${f.review}`, values: { note: f.note }, result: await dealWithRequest(db, user, f.review, f.note, now) };
}
