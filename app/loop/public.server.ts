import { json } from "@remix-run/node";
import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { Database, LoopOutcome } from "@db/schema";
import { parseTermKey } from "~/results/periods";
import { isOverdue, todayOf } from "./loop-states";
import { recordEvent } from "./loop.server";
import { isLoopTheme } from "./themes";

type Tx = Kysely<Database> | Transaction<Database>;

/**
 * What the public may see of the loop ("You Said, We Did", DESIGN.md "Public pages").
 * Every public page, the feed and the subscription emails read entries through this
 * module, so nothing else decides what is public. Visible = published, or open/closed
 * and published as "We are doing". What is never read here: comments and evidence,
 * outcome notes, change-evidence notes, owners.
 */

export interface Bilingual {
  en: string;
  ur: string;
}

export interface NamedRef {
  id: number;
  name: Bilingual;
}

/** "Raised by N families": below the threshold the number itself is never handed out. */
export type FamiliesFigure = { kind: "count"; n: number } | { kind: "fewer_than"; threshold: number };

export function familiesFigure(n: number, threshold: number): FamiliesFigure {
  return n < threshold ? { kind: "fewer_than", threshold } : { kind: "count", n };
}

export type PublicState =
  /** Published: what was done (for "not possible", why not). */
  | { kind: "did"; outcome: LoopOutcome; weDid: Bilingual; changeFrom: string | null }
  /** Published as "We are doing": the due date, and whether it has passed while still open. */
  | { kind: "doing"; dueOn: string | null; overdue: boolean };

export interface PublicEntry {
  id: number;
  /** Term key, e.g. "2026-autumn". */
  period: string;
  theme: string;
  organisation: NamedRef;
  service: NamedRef;
  /** Contributing services. */
  alsoServices: NamedRef[];
  youSaid: Bilingual;
  state: PublicState;
  families: FamiliesFigure;
  /** Dated updates, oldest first. */
  updates: { at: string; body: Bilingual }[];
  /** When it became public (published, or published as "We are doing"). */
  publicSince: string;
  /** The latest public change: for the feed's <updated>. */
  updatedAt: string;
}

export interface PublicFilters {
  organisation?: number;
  service?: number;
  term?: string;
  theme?: string;
}

function positiveId(value: string | null): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** The filters from a query string; anything unreadable is ignored (shows everything). */
export function parsePublicFilters(params: URLSearchParams): PublicFilters {
  const term = params.get("term") ?? "";
  const theme = params.get("theme") ?? "";
  return {
    organisation: positiveId(params.get("organisation")),
    service: positiveId(params.get("service")),
    term: parseTermKey(term) ? term : undefined,
    theme: isLoopTheme(theme) ? theme : undefined,
  };
}

/** "The public can see it" in SQL: isPublic in loop-states.ts. */
function visible(eb: ExpressionBuilder<Database, "loop_entries">) {
  return eb.or([
    eb("loop_entries.status", "=", "published"),
    eb.and([eb("loop_entries.status", "in", ["open", "closed"]), eb("loop_entries.published_open_at", "is not", null)]),
  ]);
}


/** A service and its organisation, named in both languages (joined as "services" and "organisations"). */
const PLACE_COLUMNS = [
  "services.id as service_id",
  "services.name_en as service_en",
  "services.name_ur as service_ur",
  "organisations.id as organisation_id",
  "organisations.name_en as organisation_en",
  "organisations.name_ur as organisation_ur",
] as const;

function baseQuery(db: Tx) {
  return db
    .selectFrom("loop_entries")
    .innerJoin("services", "services.id", "loop_entries.lead_service_id")
    .innerJoin("organisations", "organisations.id", "services.organisation_id")
    .select([
      "loop_entries.id",
      "loop_entries.period",
      "loop_entries.theme",
      "loop_entries.source",
      "loop_entries.forum_families",
      "loop_entries.status",
      "loop_entries.you_said_en",
      "loop_entries.you_said_ur",
      "loop_entries.we_did_en",
      "loop_entries.we_did_ur",
      "loop_entries.outcome",
      "loop_entries.change_from",
      "loop_entries.due_on",
      "loop_entries.published_at",
      "loop_entries.published_open_at",
      ...PLACE_COLUMNS,
    ])
    .where(visible);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

async function complete(db: Tx, rows: Row[], now: Date, threshold: number): Promise<PublicEntry[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [counts, also, updates] = await Promise.all([
    db
      .selectFrom("loop_evidence")
      .select(["entry_id", (eb) => eb.fn.count<number>("response_id").distinct().as("n")])
      .where("entry_id", "in", ids)
      .groupBy("entry_id")
      .execute(),
    db
      .selectFrom("loop_entry_services")
      .innerJoin("services", "services.id", "loop_entry_services.service_id")
      .select(["loop_entry_services.entry_id", "services.id", "services.name_en", "services.name_ur"])
      .where("loop_entry_services.entry_id", "in", ids)
      .orderBy("services.name_en")
      .execute(),
    db
      .selectFrom("loop_updates")
      .select(["entry_id", "created_at", "body_en", "body_ur"])
      .where("entry_id", "in", ids)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  const countOf = new Map(counts.map((c) => [c.entry_id, Number(c.n)]));
  const day = todayOf(now);
  return rows.map((r): PublicEntry => {
    const families = r.source === "forum" ? r.forum_families ?? 0 : countOf.get(r.id) ?? 0;
    const entryUpdates = updates
      .filter((u) => u.entry_id === r.id)
      .map((u) => ({ at: u.created_at, body: { en: u.body_en, ur: u.body_ur } }));
    const publicSince = (r.status === "published" ? r.published_at : r.published_open_at) ?? r.published_open_at ?? r.published_at ?? "";
    const state: PublicState =
      r.status === "published" && r.outcome
        ? { kind: "did", outcome: r.outcome, weDid: { en: r.we_did_en ?? "", ur: r.we_did_ur ?? "" }, changeFrom: r.change_from }
        : { kind: "doing", dueOn: r.due_on, overdue: isOverdue({ status: r.status, dueOn: r.due_on }, day) };
    const times = [publicSince, ...entryUpdates.map((u) => u.at)].filter(Boolean).sort();
    return {
      id: r.id,
      period: r.period,
      theme: r.theme,
      organisation: { id: r.organisation_id, name: { en: r.organisation_en, ur: r.organisation_ur } },
      service: { id: r.service_id, name: { en: r.service_en, ur: r.service_ur } },
      alsoServices: also.filter((a) => a.entry_id === r.id).map((a) => ({ id: a.id, name: { en: a.name_en, ur: a.name_ur } })),
      youSaid: { en: r.you_said_en, ur: r.you_said_ur },
      state,
      families: familiesFigure(families, threshold),
      updates: entryUpdates,
      publicSince,
      updatedAt: times[times.length - 1] ?? publicSince,
    };
  });
}

/** Public entries matching the filters, newest first (pages group them by organisation and service). */
export async function listPublicEntries(
  db: Tx,
  filters: PublicFilters,
  now: Date,
  threshold: number
): Promise<PublicEntry[]> {
  let query = baseQuery(db);
  if (filters.service !== undefined) {
    const service = filters.service;
    query = query.where((eb) =>
      eb.or([
        eb("loop_entries.lead_service_id", "=", service),
        eb("loop_entries.id", "in", eb.selectFrom("loop_entry_services").select("entry_id").where("service_id", "=", service)),
      ])
    );
  }
  if (filters.organisation !== undefined) {
    const organisation = filters.organisation;
    query = query.where((eb) =>
      eb.or([
        eb("services.organisation_id", "=", organisation),
        eb(
          "loop_entries.id",
          "in",
          eb
            .selectFrom("loop_entry_services")
            .innerJoin("services as contributing", "contributing.id", "loop_entry_services.service_id")
            .select("loop_entry_services.entry_id")
            .where("contributing.organisation_id", "=", organisation)
        ),
      ])
    );
  }
  if (filters.term) query = query.where("loop_entries.period", "=", filters.term);
  if (filters.theme) query = query.where("loop_entries.theme", "=", filters.theme);
  const rows = await query
    .orderBy((eb) => eb.fn.coalesce("loop_entries.published_at", "loop_entries.published_open_at"), "desc")
    .orderBy("loop_entries.id", "desc")
    .execute();
  return complete(db, rows, now, threshold);
}

/** One public entry, or undefined when there is none or the public may not see it. */
export async function findPublicEntry(
  db: Tx,
  id: number,
  now: Date,
  threshold: number
): Promise<PublicEntry | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const rows = await baseQuery(db).where("loop_entries.id", "=", id).execute();
  return (await complete(db, rows, now, threshold))[0];
}

/** Public entries by id (the ones of a publication batch that are public), in the order given. */
export async function findPublicEntries(
  db: Tx,
  ids: readonly number[],
  now: Date,
  threshold: number
): Promise<PublicEntry[]> {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (!unique.length) return [];
  const rows = await baseQuery(db).where("loop_entries.id", "in", unique).execute();
  const entries = await complete(db, rows, now, threshold);
  return unique.map((id) => entries.find((e) => e.id === id)).filter((e): e is PublicEntry => !!e);
}

/** "Did this help?" is asked of published "We did"s only. */
export function mayRate(entry: PublicEntry): boolean {
  return entry.state.kind === "did";
}

/**
 * The public entry an address names (`/you-said-we-did/:id`), or a 404 for an id that is
 * malformed, unknown or not public; with `rateable`, only a published "We did".
 */
export async function publicEntryOr404(
  db: Tx,
  param: string | undefined,
  threshold: number,
  { rateable = false, now = new Date() } = {}
): Promise<PublicEntry> {
  const entry = /^\d{1,9}$/.test(param ?? "") ? await findPublicEntry(db, Number(param), now, threshold) : undefined;
  if (!entry || (rateable && !mayRate(entry))) throw json({ reason: "not_found" }, { status: 404 });
  return entry;
}

/** Stores one anonymous "Did this help?" answer: nothing about who gave it. */
export async function recordRating(db: Tx, entryId: number, rating: "yes" | "partly" | "no", now = new Date()): Promise<void> {
  await db.insertInto("loop_ratings").values({ entry_id: entryId, rating, rated_at: now.toISOString() }).execute();
}

/** What the filters offer: organisations, services, terms and themes that have public entries. */
export async function publicFilterChoices(db: Tx) {
  const rows = await baseQuery(db).execute();
  const also = rows.length
    ? await db
        .selectFrom("loop_entry_services")
        .innerJoin("services", "services.id", "loop_entry_services.service_id")
        .innerJoin("organisations", "organisations.id", "services.organisation_id")
        .select(PLACE_COLUMNS)
        .where(
          "loop_entry_services.entry_id",
          "in",
          rows.map((r) => r.id)
        )
        .execute()
    : [];
  const organisations = new Map<number, NamedRef>();
  const services = new Map<number, NamedRef & { organisationId: number }>();
  for (const r of [...rows, ...also]) {
    organisations.set(r.organisation_id, { id: r.organisation_id, name: { en: r.organisation_en, ur: r.organisation_ur } });
    services.set(r.service_id, { id: r.service_id, name: { en: r.service_en, ur: r.service_ur }, organisationId: r.organisation_id });
  }
  return {
    organisations: [...organisations.values()],
    services: [...services.values()],
    terms: [...new Set(rows.map((r) => r.period))].sort().reverse(),
    themes: [...new Set(rows.map((r) => r.theme))],
  };
}

// ---- Families' requests to look at a "We did" again ----

export async function recordLookAgain(
  db: Kysely<Database>,
  entryId: number,
  reason: string,
  language: "en" | "ur",
  now = new Date()
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("loop_reviews").values({ entry_id: entryId, reason, language, asked_at: now.toISOString() }).execute();
    await recordEvent(trx, { entryId, userId: null, action: "look_again" }, now);
  });
}
