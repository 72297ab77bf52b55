/**
 * The hidden cuts of a survey kind (disclosure.ts), from one query of the rollup's
 * response counts for every campaign of the kind. The plan is kept per database, kind and
 * threshold while the counts it was made from are unchanged (the rollup's generation);
 * it is made again only when a count, a campaign or a service's place changes.
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Locality, SurveyKind } from "@db/schema";
import { planDisclosure, type Disclosure, type FineCell, type PlaceCut } from "./disclosure";
import type { MonthKey } from "./types";
import { BOARD_KINDS } from "./queries.server";
import { rollupGeneration } from "./rollup.server";

type Db = Kysely<Database>;

/** Per database (tests open many in one process), per kind and threshold. */
const caches = new WeakMap<Db, Map<string, { fingerprint: string; plan: Promise<Disclosure> }>>();

/**
 * The disclosure plan of every survey of a kind. Its cache key is cheap to check on every
 * page view: the kind's campaigns, the services' places and the rollup's generation
 * (migration 013: every change of the counts adds to it in its own transaction), so any
 * response added, voided or moved between cells makes a new plan.
 */
export async function disclosureOfKind(db: Db, kind: SurveyKind, threshold: number): Promise<Disclosure> {
  const campaigns = await db
    .selectFrom("campaigns as c")
    .innerJoin("survey_versions as v", "v.id", "c.survey_version_id")
    .innerJoin("surveys as s", "s.id", "v.survey_id")
    .select(["c.id", "v.survey_id as surveyId"])
    .where("s.kind", "=", kind)
    .orderBy("c.id")
    .execute();
  const services = await db.selectFrom("services").select(["id", "organisation_id as organisationId", "locality"]).orderBy("id").execute();
  const generation = await rollupGeneration(db);
  const fingerprint = JSON.stringify([campaigns, services, generation]);
  const key = `${kind} ${threshold}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const cached = cache.get(key);
  if (cached?.fingerprint === fingerprint) return cached.plan;
  // One plan at a time per kind: a second view while it is being made waits for it.
  const plan = makePlan(db, kind, threshold, campaigns, services);
  cache.set(key, { fingerprint, plan });
  plan.catch(() => {
    if (cache.get(key)?.plan === plan) cache.delete(key);
  });
  return plan;
}

async function makePlan(
  db: Db,
  kind: SurveyKind,
  threshold: number,
  campaigns: { id: number; surveyId: number }[],
  services: { id: number; organisationId: number; locality: Locality | null }[],
): Promise<Disclosure> {
  const ids = campaigns.map((c) => c.id);
  const rows = ids.length
    ? await db
        .selectFrom("response_counts")
        .select(["campaign_id", "month", "service_id", "language", "channel", "n"])
        .where("campaign_id", "in", ids)
        // In key order: the plan depends on the order it meets cells in (equal sizes).
        .orderBy("campaign_id")
        .orderBy("month")
        .orderBy("service_id")
        .orderBy("language")
        .orderBy("channel")
        .execute()
    : [];
  const cells: FineCell[] = rows.map((r) => ({
    campaignId: r.campaign_id,
    month: r.month as MonthKey,
    serviceId: r.service_id === 0 ? null : r.service_id,
    language: r.language,
    channel: r.channel,
    n: Number(r.n),
  }));
  const plan = planDisclosure(cells, { campaigns, services, kindCuts: (BOARD_KINDS as readonly string[]).includes(kind) }, threshold);
  return plan;
}

/**
 * The place the results filters pick, as a cut: a service (null when it disagrees with
 * an organisation or locality picked beside it: nobody is in that cut), an organisation
 * within a locality, an organisation, a locality, or all.
 */
export function placeOf(
  picked: { service?: number; organisation?: number; locality?: Locality },
  services: readonly { id: number; organisationId: number; locality: Locality | null }[],
): PlaceCut | null {
  if (picked.service !== undefined) {
    const s = services.find((x) => x.id === picked.service);
    if (!s) return null;
    if (picked.organisation !== undefined && s.organisationId !== picked.organisation) return null;
    if (picked.locality !== undefined && s.locality !== picked.locality) return null;
    return { level: "service", id: s.id };
  }
  if (picked.organisation !== undefined && picked.locality !== undefined) {
    return { level: "organisation_locality", id: picked.organisation, locality: picked.locality };
  }
  if (picked.organisation !== undefined) return { level: "organisation", id: picked.organisation };
  if (picked.locality !== undefined) return { level: "locality", locality: picked.locality };
  return { level: "all" };
}

/** At least this many builds, then more while the deadline lasts. */
const MIN_ATTEMPTS = 3;

/**
 * Builds a results view whose figures and hiding plan were all read at one state of the
 * rollup. Figures are read live, the plan from the counts it was made of: a response
 * submitted between the two (another request's transaction, at any await) could put
 * someone in a cut the plan thought empty, shown unhidden. The rollup's generation
 * (migration 013) is read before and after; if it moved, the view is built again, for up
 * to `deadlineMs` (each try after a move makes a new plan, so under a steady stream of
 * responses a few tries are needed).
 */
export async function consistentWithRollup<T>(db: Db, build: () => Promise<T>, { deadlineMs = 15_000 } = {}): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; attempt <= MIN_ATTEMPTS || Date.now() - started < deadlineMs; attempt++) {
    const before = await rollupGeneration(db);
    const view = await build();
    if ((await rollupGeneration(db)) === before) return view;
  }
  // Responses keep arriving faster than the view is built: better "try again" than a figure
  // the plan did not see.
  throw json({ reason: "busy" }, { status: 503, headers: { "Retry-After": "5" } });
}
