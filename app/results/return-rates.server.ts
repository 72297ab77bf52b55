/**
 * The return-rate queries: the counts app/results/return-rates.ts turns into rates, for
 * any cut of the results (DESIGN.md "Return rate"; docs/decisions/016-return-rates.md).
 *
 * - Numerators: submitted, not voided responses from the rollup (`response_counts`), by
 *   channel, in the cut's services, language and the months of its period (by the date
 *   each was completed, like every other figure).
 * - Denominators: delivered invitations (app/campaigns/delivered.server.ts) to the cut's
 *   services, and eligible counts: per service where a campaign records them per service,
 *   else the campaign's one total, kept only when the cut takes in every one of its
 *   services. A language cut has no denominator (invitations and forms handed out are not
 *   counted by the language a family answers in).
 * - Periods: a campaign's denominators are not split by day. A period cut takes every
 *   campaign open during any part of it, with its whole denominators, and counts the
 *   responses completed in the period: "returned in this period". A campaign's months (or
 *   terms) add up to its whole return rate.
 */
import type { Kysely } from "kysely";
import type { Channel, Database } from "@db/schema";
import { countDeliveredSql } from "~/campaigns/delivered.server";
import { monthsOf } from "./periods";
import { campaignScope, periodOfFilter, servicesOf, type ResultsFilter } from "./queries.server";
import { onlyChannel, returnRatesOf, type ReturnRates, type ReturnUnit } from "./return-rates";
import type { Period } from "./types";

type Db = Kysely<Database>;

/** The responses of no service in the rollup. */
const NO_SERVICE = 0;

/** One campaign's return units in the cut (see ReturnUnit). */
export interface CampaignReturnUnits {
  campaignId: number;
  units: ReturnUnit[];
}

/**
 * Each campaign's return units in the cut. A campaign with eligible counts per service
 * gives a unit per service (responses of a service without a count, or of none, have no
 * eligible denominator); any other campaign one unit.
 */
export async function campaignReturnUnits(db: Db, filter: ResultsFilter): Promise<CampaignReturnUnits[]> {
  const services = await servicesOf(db, filter);
  if (services !== null && services.length === 0) return [];
  const period = periodOfFilter(filter);
  let campaigns = await campaignScope(db, filter)
    .select(["c.id", "c.eligible_count"])
    .$if(period !== undefined, (q) => q.where("c.opens_at", "<", period!.end).where("c.closes_at", ">=", period!.start))
    .orderBy("c.opens_at")
    .orderBy("c.id")
    .execute();
  if (campaigns.length === 0) return [];
  const links = await db
    .selectFrom("campaign_services")
    .select(["campaign_id", "service_id"])
    .where(
      "campaign_id",
      "in",
      campaigns.map((c) => c.id),
    )
    .execute();
  const servicesOfCampaign = new Map<number, number[]>();
  for (const l of links) servicesOfCampaign.set(l.campaign_id, [...(servicesOfCampaign.get(l.campaign_id) ?? []), l.service_id]);
  const wanted = services === null ? null : new Set(services);
  // A service cut takes the campaigns about any of its services.
  if (wanted) campaigns = campaigns.filter((c) => (servicesOfCampaign.get(c.id) ?? []).some((s) => wanted.has(s)));
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);

  const byLanguage = filter.language !== undefined;
  const perService = await db
    .selectFrom("campaign_eligible_counts")
    .select(["campaign_id", "service_id", "eligible_count"])
    .where("campaign_id", "in", ids)
    .execute();
  const delivered = byLanguage
    ? []
    : await db
        .selectFrom("invitations as i")
        .select(["i.campaign_id", "i.service_id", countDeliveredSql("i").as("delivered")])
        .where("i.campaign_id", "in", ids)
        .$if(services !== null, (q) => q.where("i.service_id", "in", services!))
        .groupBy(["i.campaign_id", "i.service_id"])
        .execute();
  const months = period ? monthsOf(period) : undefined;
  const responses = await db
    .selectFrom("response_counts")
    .select(["campaign_id", "service_id", "channel", (eb) => eb.fn.sum<number>("n").as("n")])
    .where("campaign_id", "in", ids)
    .$if(services !== null, (q) => q.where("service_id", "in", services!))
    .$if(byLanguage, (q) => q.where("language", "=", filter.language!))
    .$if(months !== undefined, (q) => q.where("month", ">=", months![0]).where("month", "<=", months![months!.length - 1]))
    .groupBy(["campaign_id", "service_id", "channel"])
    .execute();

  return campaigns.map((c) => {
    const units = new Map<number, ReturnUnit>();
    const counts = perService.filter((p) => p.campaign_id === c.id);
    // Per service: one unit each; one total: a single unit (key NO_SERVICE).
    const keyOf = (serviceId: number) => (counts.length > 0 ? serviceId : NO_SERVICE);
    const unitOf = (serviceId: number) => {
      const key = keyOf(serviceId);
      let unit = units.get(key);
      if (!unit) units.set(key, (unit = { delivered: 0, eligible: null, responses: {} }));
      return unit;
    };
    if (!byLanguage) {
      if (counts.length > 0) {
        for (const p of counts) if (!wanted || wanted.has(p.service_id)) unitOf(p.service_id).eligible = p.eligible_count;
      } else if (c.eligible_count !== null) {
        const covered = !wanted || (servicesOfCampaign.get(c.id) ?? []).every((s) => wanted.has(s));
        if (covered) unitOf(NO_SERVICE).eligible = c.eligible_count;
      }
    }
    for (const d of delivered) if (d.campaign_id === c.id) unitOf(d.service_id).delivered += Number(d.delivered);
    for (const r of responses) {
      if (r.campaign_id !== c.id) continue;
      const unit = unitOf(r.service_id);
      unit.responses[r.channel] = (unit.responses[r.channel] ?? 0) + Number(r.n);
    }
    return { campaignId: c.id, units: [...units.values()] };
  });
}

/** The return rates of a cut: per channel and combined (a channel cut: that channel's). */
export async function returnRates(db: Db, filter: ResultsFilter): Promise<ReturnRates> {
  // A channel's rate is read off the whole cut, so that channels sharing the eligible
  // count are checked against it together.
  const campaigns = await campaignReturnUnits(db, { ...filter, channel: undefined });
  const rates = returnRatesOf(campaigns.flatMap((c) => c.units));
  return filter.channel ? onlyChannel(rates, filter.channel as Channel) : rates;
}

/** The return rates of a cut in each of some periods (see the top of the file). */
export async function returnRatesByPeriod<P extends Period>(db: Db, filter: ResultsFilter, periods: readonly P[]): Promise<{ period: P; rates: ReturnRates }[]> {
  const result: { period: P; rates: ReturnRates }[] = [];
  for (const period of periods) {
    result.push({ period, rates: await returnRates(db, { ...filter, period: { type: period.kind, key: period.key } }) });
  }
  return result;
}
