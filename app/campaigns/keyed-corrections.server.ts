/**
 * Keyed responses after they are saved: the list an officer checks, the running count,
 * and correcting or voiding a mis-keyed form. Both changes take the response out of the
 * rollup as it was and (for a correction) add it back as it is now, in one transaction,
 * and leave an audit row with who, when, why and the form before and after.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, KeyedAuditAction, Language } from "@db/schema";
import type { AnswerValues, FormQuestion } from "~/responding/form";
import { scoreOf } from "~/responding/form";
import { loadAnswerValues } from "~/responding/responses.server";
import { countSubmittedResponse, uncountSubmittedResponse } from "~/results/rollup.server";
import type { KeyedChannel } from "./keyed";
import type { KeyedResponseData } from "./keyed.server";

type Db = Kysely<Database>;
type Q = FormQuestion & { id: number };

/** Keying in counts as "today" in UTC, as every period does. */
function dayBounds(now: Date): [string, string] {
  const start = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + 86_400_000).toISOString();
  return [start, end];
}

/** Forms this user has keyed in this campaign today (UTC), voided ones included: the work done, not the figures. */
export async function countKeyedToday(db: Db, campaignId: number, userId: number, now: Date): Promise<number> {
  const [start, end] = dayBounds(now);
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("keyed_by_user_id", "=", userId)
    .where("tally_id", "is", null)
    .where("submitted_at", ">=", start)
    .where("submitted_at", "<", end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface KeyedResponseRow {
  id: number;
  keyedBy: string;
  keyedAt: string;
  completedOn: string;
  channel: KeyedChannel;
  language: Language;
  serviceId: number | null;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  corrections: number;
}

/** The keyed responses of a campaign about `serviceIds` (the services the viewer keys for), latest keyed first. */
export async function listKeyedResponses(db: Db, campaignId: number, serviceIds: readonly number[]): Promise<KeyedResponseRow[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .selectFrom("responses as r")
    .innerJoin("users as k", "k.id", "r.keyed_by_user_id")
    .leftJoin("users as v", "v.id", "r.voided_by_user_id")
    .select((eb) => [
      "r.id",
      "k.name as keyedBy",
      "r.submitted_at",
      "r.completed_on",
      "r.channel",
      "r.language",
      "r.service_id",
      "r.voided_at",
      "v.name as voidedBy",
      "r.void_reason",
      eb
        .selectFrom("keyed_response_audit as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.response_id", "=", "r.id")
        .where("a.action", "=", "corrected")
        .as("corrections"),
    ])
    .where("r.campaign_id", "=", campaignId)
    .where("r.submitted_at", "is not", null)
    .where("r.tally_id", "is", null)
    .where("r.service_id", "in", serviceIds)
    .orderBy("r.submitted_at", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    keyedBy: r.keyedBy,
    keyedAt: r.submitted_at!,
    completedOn: r.completed_on!,
    channel: r.channel as KeyedChannel,
    language: r.language,
    serviceId: r.service_id,
    voidedAt: r.voided_at,
    voidedBy: r.voidedBy,
    voidReason: r.void_reason,
    corrections: Number(r.corrections ?? 0),
  }));
}

/** A keyed response as its form shows it: the stored fields and answers by question key. */
export interface KeyedResponseRecord extends KeyedResponseData {
  id: number;
  campaignId: number;
  voidedAt: string | null;
  /** Who keyed it, and when. */
  keyedBy: string;
  keyedAt: string;
}

/**
 * One keyed, submitted response of the campaign, about one of `serviceIds`; undefined for
 * anything else (an online response, another campaign's, another service's).
 */
export async function findKeyedResponse(
  db: Db,
  campaignId: number,
  responseId: number,
  serviceIds: readonly number[],
  questions: Q[],
): Promise<KeyedResponseRecord | undefined> {
  if (!Number.isSafeInteger(responseId) || serviceIds.length === 0) return undefined;
  const r = await db
    .selectFrom("responses")
    .innerJoin("users as k", "k.id", "responses.keyed_by_user_id")
    .selectAll("responses")
    .select("k.name as keyed_by")
    .where("responses.id", "=", responseId)
    .where("campaign_id", "=", campaignId)
    .where("submitted_at", "is not", null)
    // A tally's responses are corrected as a whole, by voiding the tally (app/campaigns/tally.server.ts).
    .where("tally_id", "is", null)
    .where("service_id", "in", serviceIds)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    channel: r.channel as KeyedChannel,
    language: r.language,
    serviceId: r.service_id!,
    completedOn: r.completed_on!,
    answers: await loadAnswerValues(db, r.id, questions),
    voidedAt: r.voided_at,
    keyedBy: r.keyed_by,
    keyedAt: r.submitted_at!,
  };
}

/** What the audit row keeps of a response: everything a correction may change. */
function snapshotOf(r: KeyedResponseData): string {
  return JSON.stringify({
    completed_on: r.completedOn,
    channel: r.channel,
    language: r.language,
    service_id: r.serviceId,
    // Key order does not matter: the same answers make the same snapshot.
    answers: Object.fromEntries(Object.entries(r.answers).sort(([a], [b]) => a.localeCompare(b))),
  });
}

async function audit(
  trx: Transaction<Database>,
  row: { responseId: number; campaignId: number; userId: number; at: Date; action: KeyedAuditAction; reason: string | null; before: KeyedResponseData; after: KeyedResponseData | null },
): Promise<void> {
  await trx
    .insertInto("keyed_response_audit")
    .values({
      response_id: row.responseId,
      campaign_id: row.campaignId,
      user_id: row.userId,
      at: row.at.toISOString(),
      action: row.action,
      reason: row.reason,
      before_json: snapshotOf(row.before),
      after_json: row.after ? snapshotOf(row.after) : null,
    })
    .execute();
}

/**
 * Replaces a response's answers with `answers`, keeping the rows that stay the same (loop
 * evidence may point at them) and rewriting a changed free text in place.
 */
async function replaceAnswers(trx: Transaction<Database>, responseId: number, questions: Q[], answers: AnswerValues): Promise<void> {
  const stored = await trx.selectFrom("answers").select(["id", "question_id", "value"]).where("response_id", "=", responseId).execute();
  for (const q of questions) {
    const wanted = answers[q.key] ?? [];
    const have = stored.filter((a) => a.question_id === q.id);
    const isText = q.type === "short_text" || q.type === "long_text";
    if (isText && have.length === 1 && wanted.length === 1) {
      if (have[0].value !== wanted[0]) await trx.updateTable("answers").set({ value: wanted[0] }).where("id", "=", have[0].id).execute();
      continue;
    }
    const gone = have.filter((a) => !wanted.includes(a.value)).map((a) => a.id);
    if (gone.length > 0) await trx.deleteFrom("answers").where("id", "in", gone).execute();
    const added = wanted.filter((v) => !have.some((a) => a.value === v));
    if (added.length > 0) {
      await trx
        .insertInto("answers")
        .values(added.map((value) => ({ response_id: responseId, question_id: q.id, value, score: scoreOf(q.type, value) })))
        .execute();
    }
  }
}

export type KeyedChangeResult = "changed" | "unchanged" | "voided_already";

/**
 * Corrects a keyed response (answers, date completed, service, language, channel): the
 * rollup loses the old form and gains the new one, and an audit row keeps both, in one
 * transaction. The caller has checked `next` with `validateKeyedResponse`.
 */
export async function correctKeyedResponse(
  db: Db,
  input: { record: KeyedResponseRecord; next: KeyedResponseData; questions: Q[]; userId: number; reason: string | null; now: Date },
): Promise<KeyedChangeResult> {
  const { record, next } = input;
  if (record.voidedAt) return "voided_already";
  const before: KeyedResponseData = { channel: record.channel, language: record.language, serviceId: record.serviceId, completedOn: record.completedOn, answers: record.answers };
  if (snapshotOf(before) === snapshotOf(next)) return "unchanged";
  return db.transaction().execute(async (trx) => {
    // Read again inside the transaction: a void posted meanwhile wins.
    const current = await trx.selectFrom("responses").select("voided_at").where("id", "=", record.id).executeTakeFirstOrThrow();
    if (current.voided_at) return "voided_already";
    await uncountSubmittedResponse(trx, record.id);
    await trx
      .updateTable("responses")
      .set({ channel: next.channel, language: next.language, service_id: next.serviceId, completed_on: next.completedOn, updated_at: input.now.toISOString() })
      .where("id", "=", record.id)
      .execute();
    await replaceAnswers(trx, record.id, input.questions, next.answers);
    await countSubmittedResponse(trx, record.id);
    await audit(trx, { responseId: record.id, campaignId: record.campaignId, userId: input.userId, at: input.now, action: "corrected", reason: input.reason, before, after: next });
    return "changed";
  });
}

/**
 * Voids a keyed response: it leaves every figure (the rollup loses it), the row stays with
 * who voided it, when and why, and an audit row keeps the form as it was.
 */
export async function voidKeyedResponse(
  db: Db,
  input: { record: KeyedResponseRecord; userId: number; reason: string; now: Date },
): Promise<KeyedChangeResult> {
  const { record } = input;
  if (record.voidedAt) return "voided_already";
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("responses").select("voided_at").where("id", "=", record.id).executeTakeFirstOrThrow();
    if (current.voided_at) return "voided_already";
    await uncountSubmittedResponse(trx, record.id);
    const at = input.now.toISOString();
    await trx
      .updateTable("responses")
      .set({ voided_at: at, voided_by_user_id: input.userId, void_reason: input.reason, updated_at: at })
      .where("id", "=", record.id)
      .execute();
    const before: KeyedResponseData = { channel: record.channel, language: record.language, serviceId: record.serviceId, completedOn: record.completedOn, answers: record.answers };
    await audit(trx, { responseId: record.id, campaignId: record.campaignId, userId: input.userId, at: input.now, action: "voided", reason: input.reason, before, after: null });
    return "changed";
  });
}

export interface KeyedAuditRow {
  at: string;
  user: string;
  action: KeyedAuditAction;
  reason: string | null;
  before: KeyedResponseData;
  after: KeyedResponseData | null;
}

function parseSnapshot(json: string): KeyedResponseData {
  const s = JSON.parse(json) as { completed_on: string; channel: KeyedChannel; language: Language; service_id: number; answers: AnswerValues };
  return { completedOn: s.completed_on, channel: s.channel, language: s.language, serviceId: s.service_id, answers: s.answers };
}

/** A keyed response's audit trail, oldest first. */
export async function keyedAuditTrail(db: Db, responseId: number): Promise<KeyedAuditRow[]> {
  const rows = await db
    .selectFrom("keyed_response_audit as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.at", "u.name", "a.action", "a.reason", "a.before_json", "a.after_json"])
    .where("a.response_id", "=", responseId)
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    at: r.at,
    user: r.name,
    action: r.action,
    reason: r.reason,
    before: parseSnapshot(r.before_json),
    after: r.after_json ? parseSnapshot(r.after_json) : null,
  }));
}
