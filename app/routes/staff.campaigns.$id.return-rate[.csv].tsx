import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { campaignReturnCsvRows, campaignReturnRate } from "~/campaigns/campaign-returns.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { languageFromRequest, pick } from "~/i18n/i18n";
import { csvFileName, csvResponse, toCsv } from "~/results/csv";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const detail = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  const view = await campaignReturnRate(db, user, detail, lng, env.SUPPRESSION_THRESHOLD);
  const now = new Date();
  return csvResponse(toCsv(campaignReturnCsvRows(view, pick(detail.campaign, "name", lng), lng)), csvFileName([detail.campaign.slug, "return-rate"], now));
}
