/**
 * Tallies of paper forms saved as responses (DESIGN.md "Response"; the rules are tally.ts).
 * A tally of N forms makes N `paper` responses with only the headline question answered,
 * dated in the tally's month, keyed by the officer, counted in the rollup in the same
 * transaction (decision 008). Voiding a tally voids its responses with the keyed-form void
 * flag (`responses.voided_at`), so they leave every figure, and takes them out of the rollup.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, Language, Tally as TallyRow } from "@db/schema";
import { scoreOf } from "~/responding/form";
import { newResumeToken } from "~/responding/responses.server";
import { countTallyResponses, uncountTallyResponses } from "~/results/rollup.server";
import type { ScopedCampaign } from "./campaigns.server";
import { TALLY_VALUES, tallyCutKey, type Tally, type TallyCounts, type TallyRules } from "./tally";

type Db = Kysely<Database>;

/** Rows per insert: 500 responses × 11 columns stays far below SQLite's bound on parameters. */
const CHUNK = 500;

/** The campaign's headline question, when it can take a tally: a satisfaction or agreement scale. */
export interface TallyQuestion {
  id: number;
  type: "satisfaction" | "agreement";
  page: number;
  text_en: string;
  text_ur: string;
}

export async function findTallyQuestion(db: Db | Transaction<Database>, detail: ScopedCampaign): Promise<TallyQuestion | undefined> {
  const key = detail.version.headline_question_key;
  if (!key) return undefined;
  const q = await db
    .selectFrom("questions")
    .select(["id", "type", "page", "text_en", "text_ur"])
    .where("survey_version_id", "=", detail.version.id)
    .where("key", "=", key)
    .executeTakeFirst();
  if (!q || (q.type !== "satisfaction" && q.type !== "agreement")) return undefined;
  return { ...q, type: q.type };
}

/** The tally rules for this campaign and user: their services in it, under `by` (id for the form, slug for CSV). */
export function tallyRulesOf(detail: ScopedCampaign, by: "id" | "slug", today: string): TallyRules {
  return {
    services: detail.services.filter((s) => detail.scope.includes(s.id)).map((s) => ({ key: by === "id" ? String(s.id) : s.slug, id: s.id })),
    campaign: detail.campaign,
    today,
  };
}

/** Cut keys (`tallyCutKey`) of the campaign's live tallies. */
export async function liveTallyKeys(db: Db, campaignId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("tallies")
    .select(["service_id", "month", "language"])
    .where("campaign_id", "=", campaignId)
    .where("voided_at", "is", null)
    .execute();
  return new Set(rows.map((r) => tallyCutKey({ serviceId: r.service_id, month: r.month, language: r.language })));
}

async function insertTally(
  trx: Transaction<Database>,
  input: { campaignId: number; userId: number; question: TallyQuestion; now: Date },
  tally: Tally,
): Promise<number | "already_saved"> {
  const at = input.now.toISOString();
  const live = await trx
    .selectFrom("tallies")
    .select("id")
    .where("campaign_id", "=", input.campaignId)
    .where("service_id", "=", tally.serviceId)
    .where("month", "=", tally.month)
    .where("language", "=", tally.language)
    .where("voided_at", "is", null)
    .executeTakeFirst();
  if (live) return "already_saved";
  const { id } = await trx
    .insertInto("tallies")
    .values({
      campaign_id: input.campaignId,
      service_id: tally.serviceId,
      month: tally.month,
      language: tally.language,
      counts_json: JSON.stringify(tally.counts),
      total: tally.total,
      keyed_by_user_id: input.userId,
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const values = TALLY_VALUES.flatMap((v) => Array.from({ length: tally.counts[v] }, () => v));
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const responses = await trx
      .insertInto("responses")
      .values(
        chunk.map(() => ({
          campaign_id: input.campaignId,
          service_id: tally.serviceId,
          language: tally.language,
          channel: "paper" as const,
          resume_token: newResumeToken(),
          current_page: input.question.page,
          started_at: at,
          updated_at: at,
          submitted_at: at,
          completed_on: tally.completedOn,
          keyed_by_user_id: input.userId,
          tally_id: id,
        })),
      )
      .returning("id")
      .execute();
    await trx
      .insertInto("answers")
      .values(
        responses.map((r, j) => ({ response_id: r.id, question_id: input.question.id, value: chunk[j], score: scoreOf(input.question.type, chunk[j]) })),
      )
      .execute();
  }
  await countTallyResponses(trx, id);
  return id;
}

/**
 * Saves one tally: the tally row and its responses, counted, in one transaction.
 * "already_saved" when the campaign already has a live tally for that service, month and
 * language (the same form posted twice, or the same stack typed again).
 */
export async function saveTally(
  db: Db,
  input: { campaignId: number; userId: number; question: TallyQuestion; now: Date; tally: Tally },
): Promise<{ id: number } | "already_saved"> {
  return db.transaction().execute(async (trx) => {
    const id = await insertTally(trx, input, input.tally);
    return id === "already_saved" ? id : { id };
  });
}

/**
 * Saves every tally of an imported file in one transaction: all of them or, when one
 * finds its cut taken meanwhile, none ("already_saved" with its line).
 */
export async function saveTallies(
  db: Db,
  input: { campaignId: number; userId: number; question: TallyQuestion; now: Date; tallies: (Tally & { line: number })[] },
): Promise<{ saved: number; responses: number } | { alreadySavedLine: number }> {
  class Taken extends Error {
    constructor(readonly line: number) {
      super("taken");
    }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      for (const tally of input.tallies) {
        if ((await insertTally(trx, input, tally)) === "already_saved") throw new Taken(tally.line);
      }
      return { saved: input.tallies.length, responses: input.tallies.reduce((n, t) => n + t.total, 0) };
    });
  } catch (e) {
    if (e instanceof Taken) return { alreadySavedLine: e.line };
    throw e;
  }
}

export interface TallyListRow {
  id: number;
  serviceId: number;
  service: { en: string; ur: string };
  month: string;
  language: Language;
  counts: TallyCounts;
  total: number;
  keyedBy: string;
  createdAt: string;
  voided: { at: string; by: string; reason: string } | null;
}

/** The campaign's tallies for these services, newest first, voided ones too (with who, when and why). */
export async function listTallies(db: Db, campaignId: number, serviceIds: readonly number[]): Promise<TallyListRow[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .selectFrom("tallies as t")
    .innerJoin("services as s", "s.id", "t.service_id")
    .innerJoin("users as k", "k.id", "t.keyed_by_user_id")
    .leftJoin("users as v", "v.id", "t.voided_by_user_id")
    .select([
      "t.id",
      "t.service_id",
      "s.name_en",
      "s.name_ur",
      "t.month",
      "t.language",
      "t.counts_json",
      "t.total",
      "k.name as keyed_by",
      "t.created_at",
      "t.voided_at",
      "v.name as voided_by",
      "t.void_reason",
    ])
    .where("t.campaign_id", "=", campaignId)
    .where("t.service_id", "in", serviceIds)
    .orderBy("t.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    service: { en: r.name_en, ur: r.name_ur },
    month: r.month,
    language: r.language,
    counts: JSON.parse(r.counts_json) as TallyCounts,
    total: r.total,
    keyedBy: r.keyed_by,
    createdAt: r.created_at,
    voided: r.voided_at ? { at: r.voided_at, by: r.voided_by ?? "", reason: r.void_reason ?? "" } : null,
  }));
}

export async function findTally(db: Db, campaignId: number, tallyId: number): Promise<TallyRow | undefined> {
  return db.selectFrom("tallies").selectAll().where("id", "=", tallyId).where("campaign_id", "=", campaignId).executeTakeFirst();
}

/**
 * Voids a live tally and every response it made, in one transaction: they leave the
 * rollup first, then carry who voided them, when and why. "already_voided" for a
 * tally voided before.
 */
export async function voidTally(
  db: Db,
  input: { tallyId: number; userId: number; reason: string; now: Date },
): Promise<"voided" | "already_voided"> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const tally = await trx.selectFrom("tallies").select(["id", "voided_at"]).where("id", "=", input.tallyId).executeTakeFirstOrThrow();
    if (tally.voided_at) return "already_voided" as const;
    await uncountTallyResponses(trx, tally.id);
    await trx
      .updateTable("responses")
      .set({ voided_at: at, voided_by_user_id: input.userId, void_reason: input.reason })
      .where("tally_id", "=", tally.id)
      .where("voided_at", "is", null)
      .execute();
    await trx
      .updateTable("tallies")
      .set({ voided_at: at, voided_by_user_id: input.userId, void_reason: input.reason })
      .where("id", "=", tally.id)
      .execute();
    return "voided" as const;
  });
}
