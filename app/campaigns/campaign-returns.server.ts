/**
 * The campaign page's return rate (and its CSV file): the same rule and the same view as
 * the results pages and the dashboard, for the services this staff member acts for.
 */
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { getFixedT } from "~/i18n/i18n";
import type { CsvCell } from "~/results/csv";
import { returnRateCsvRows, returnRateView, type ReturnRateView } from "~/results/return-rate-view";
import { returnRates } from "~/results/return-rates.server";
import { visibilityFor } from "~/results/suppression";
import type { ScopedCampaign } from "./campaigns.server";

export async function campaignReturnRate(
  db: Kysely<Database>,
  user: StaffUser,
  detail: ScopedCampaign,
  lng: Language,
  threshold: number,
): Promise<ReturnRateView> {
  // An admin sees the whole campaign (so a total eligible count stands); service staff their services.
  const serviceIds = user.role === "admin" ? undefined : detail.scope;
  const rates = await returnRates(db, { campaignId: detail.campaign.id, serviceIds });
  const visibility = visibilityFor(user, serviceIds ?? detail.services.map((s) => s.id));
  return returnRateView(rates, visibility, threshold, lng);
}

/** The campaign's return rate as CSV rows, as the page shows it. */
export function campaignReturnCsvRows(view: ReturnRateView, campaignName: string, lng: Language): CsvCell[][] {
  const t = getFixedT(lng, "results");
  return [
    [t("csv.campaign"), campaignName],
    [],
    [t("csv.figure"), t("csv.percent"), t("csv.n"), t("csv.interval_low"), t("csv.interval_high"), t("csv.note")],
    ...returnRateCsvRows(view, lng, t("return_rate.title")),
  ];
}
