import { json } from "@remix-run/node";
import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { Database, LoopOutcome } from "@db/schema";
import { Kept } from "~/http/kept-renders";
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

/** A public entry with every service and organisation it belongs to (lead and contributing), for the filters. */
interface PlacedEntry {
  entry: PublicEntry;
  serviceIds: readonly number[];
  organisationIds: readonly number[];
}

async function complete(db: Tx, rows: Row[], now: Date, threshold: number): Promise<PlacedEntry[]> {
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
      .select(["loop_entry_services.entry_id", "services.id", "services.name_en", "services.name_ur", "services.organisation_id"])
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
  return rows.map((r): PlacedEntry => {
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
    const contributing = also.filter((a) => a.entry_id === r.id);
    const entry: PublicEntry = {
      id: r.id,
      period: r.period,
      theme: r.theme,
      organisation: { id: r.organisation_id, name: { en: r.organisation_en, ur: r.organisation_ur } },
      service: { id: r.service_id, name: { en: r.service_en, ur: r.service_ur } },
      alsoServices: contributing.map((a) => ({ id: a.id, name: { en: a.name_en, ur: a.name_ur } })),
      youSaid: { en: r.you_said_en, ur: r.you_said_ur },
      state,
      families: familiesFigure(families, threshold),
      updates: entryUpdates,
      publicSince,
      updatedAt: times[times.length - 1] ?? publicSince,
    };
    return {
      entry,
      serviceIds: [r.service_id, ...contributing.map((a) => a.id)],
      organisationIds: [r.organisation_id, ...contributing.map((a) => a.organisation_id)],
    };
  });
}

// ---- The public view, kept per database ----

/**
 * Every public entry (newest first) and what the filters offer, read at one generation
 * (migration 014) for one day: the list, the print page, the feed and an entry's page are
 * all cut from it in memory. Shared between requests: read only.
 */
export interface PublicSnapshot {
  readonly entries: readonly PlacedEntry[];
  readonly choices: Awaited<ReturnType<typeof publicFilterChoices>>;
  /** What a page makes of the snapshot (a language and filters), made once while it lasts. */
  memo<T>(key: string, make: () => T): T;
}

/** How many times what the public sees has changed: the public view is kept while this stands still. */
export async function publicGeneration(db: Tx): Promise<number> {
  const row = await db.selectFrom("public_generation").select("n").where("id", "=", 1).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Pages made of one snapshot: languages times filters; a few dozen are ever asked for, ids in the query string are not bounded. */
const MEMO_LIMIT = 64;

async function readSnapshot(db: Tx, now: Date, threshold: number): Promise<PublicSnapshot> {
  const [rows, choices] = await Promise.all([
    baseQuery(db)
      .orderBy((eb) => eb.fn.coalesce("loop_entries.published_at", "loop_entries.published_open_at"), "desc")
      .orderBy("loop_entries.id", "desc")
      .execute(),
    publicFilterChoices(db),
  ]);
  const entries = await complete(db, rows, now, threshold);
  const made = new Kept<unknown>(MEMO_LIMIT);
  return {
    entries,
    choices,
    memo: <T>(key: string, make: () => T) => made.get(key, make) as T,
  };
}

/** Per database (tests open many in one process, issue 16 runs many processes on one), per threshold. */
const snapshots = new WeakMap<Kysely<Database>, Map<number, { fingerprint: string; snapshot: Promise<PublicSnapshot> }>>();

/**
 * The public view as it is now. A view costs one read of the generation: every change to
 * the tables the view is read from adds to it in the change's own transaction (triggers,
 * migration 014), so a publication by any process is seen by the next view; and the day is
 * part of the key, so "We are doing" turns "Overdue" the morning after the due date.
 * The generation is read before the view: a change that lands while the view is read is
 * kept under the older number and read again by the next view, never the other way round.
 * Inside a transaction (which may hold its own uncommitted changes) nothing is kept.
 */
export async function publicSnapshot(db: Tx, now: Date, threshold: number): Promise<PublicSnapshot> {
  if (db.isTransaction) return readSnapshot(db, now, threshold);
  const fingerprint = `${await publicGeneration(db)} ${todayOf(now)}`;
  let cache = snapshots.get(db);
  if (!cache) snapshots.set(db, (cache = new Map()));
  const cached = cache.get(threshold);
  if (cached?.fingerprint === fingerprint) return cached.snapshot;
  // One read at a time: views that miss together wait for the same one.
  const snapshot = readSnapshot(db, now, threshold);
  cache.set(threshold, { fingerprint, snapshot });
  snapshot.catch(() => {
    if (cache.get(threshold)?.snapshot === snapshot) cache.delete(threshold);
  });
  return snapshot;
}

function matches(placed: PlacedEntry, filters: PublicFilters): boolean {
  const { entry } = placed;
  if (filters.service !== undefined && !placed.serviceIds.includes(filters.service)) return false;
  if (filters.organisation !== undefined && !placed.organisationIds.includes(filters.organisation)) return false;
  if (filters.term && entry.period !== filters.term) return false;
  if (filters.theme && entry.theme !== filters.theme) return false;
  return true;
}

/** The snapshot's entries that match the filters (a service or organisation leading or contributing), newest first. */
export function entriesMatching(snapshot: PublicSnapshot, filters: PublicFilters): PublicEntry[] {
  return snapshot.entries.filter((p) => matches(p, filters)).map((p) => p.entry);
}

/** Public entries matching the filters, newest first (pages group them by organisation and service). */
export async function listPublicEntries(
  db: Tx,
  filters: PublicFilters,
  now: Date,
  threshold: number
): Promise<PublicEntry[]> {
  return entriesMatching(await publicSnapshot(db, now, threshold), filters);
}

/** One public entry, or undefined when there is none or the public may not see it. */
export async function findPublicEntry(
  db: Tx,
  id: number,
  now: Date,
  threshold: number
): Promise<PublicEntry | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  if (!db.isTransaction) return (await publicSnapshot(db, now, threshold)).entries.find((p) => p.entry.id === id)?.entry;
  const rows = await baseQuery(db).where("loop_entries.id", "=", id).execute();
  return (await complete(db, rows, now, threshold))[0]?.entry;
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
  const entries = (await complete(db, rows, now, threshold)).map((p) => p.entry);
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
