/**
 * The hidden cuts of a survey kind (disclosure.ts), from one query of the rollup's
 * response counts for every campaign of the kind. The plan is kept per kind and
 * threshold while the counts it was made from are unchanged: the query runs each time
 * (a few thousand rows), the plan is made again only when a count, a campaign or a
 * service's place has changed.
 */
import type { Kysely } from "kysely";
import type { Database, Locality, SurveyKind } from "@db/schema";
import { planDisclosure, type Disclosure, type FineCell, type PlaceCut } from "./disclosure";
import type { MonthKey } from "./types";
import { BOARD_KINDS } from "./queries.server";

type Db = Kysely<Database>;

const cache = new Map<string, { fingerprint: string; plan: Disclosure }>();
/** Kinds × thresholds × databases a process sees are few; a bound keeps tests' many databases from piling up. */
const CACHE_LIMIT = 32;

/** A 2 × 32-bit hash of numbers and strings, fast enough to run over every fine cell on every page view. */
function fingerprintOf(parts: Iterable<number | string>): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let count = 0;
  const mix = (x: number) => {
    h1 = Math.imul(h1 ^ x, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (x + 0x9e3779b9), 0x85ebca6b) >>> 0;
  };
  for (const p of parts) {
    count++;
    if (typeof p === "number") mix(p | 0);
    else for (let i = 0; i < p.length; i++) mix(p.charCodeAt(i));
    mix(0x2c);
  }
  return `${h1.toString(36)}.${h2.toString(36)}.${count}`;
}

/** The disclosure plan of every survey of a kind. */
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
  const rows = campaigns.length
    ? await db
        .selectFrom("response_counts")
        .select(["campaign_id", "month", "service_id", "language", "channel", "n"])
        .where(
          "campaign_id",
          "in",
          campaigns.map((c) => c.id),
        )
        .execute()
    : [];
  const fingerprint = fingerprintOf(
    (function* () {
      yield threshold;
      for (const c of campaigns) yield* [c.id, c.surveyId];
      yield -1;
      for (const s of services) yield* [s.id, s.organisationId, s.locality ?? ""];
      yield -2;
      for (const r of rows) yield* [r.campaign_id, r.month, r.service_id, r.language, r.channel, r.n];
    })(),
  );
  const key = `${kind} ${threshold}`;
  const cached = cache.get(key);
  if (cached?.fingerprint === fingerprint) return cached.plan;
  const cells: FineCell[] = rows.map((r) => ({
    campaignId: r.campaign_id,
    month: r.month as MonthKey,
    serviceId: r.service_id === 0 ? null : r.service_id,
    language: r.language,
    channel: r.channel,
    n: Number(r.n),
  }));
  const plan = planDisclosure(cells, { campaigns, services, kindCuts: (BOARD_KINDS as readonly string[]).includes(kind) }, threshold);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { fingerprint, plan });
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
