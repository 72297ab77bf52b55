import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { languageFromRequest } from "~/i18n/i18n";
import { csvFileName, csvResponse, toCsv } from "~/results/csv";
import { dashboardCsvRows, loadDashboard, loopCsvRows } from "~/results/dashboard-page.server";

// The dashboard's tables as CSV: the same terms, figures and hidden cells as the page.
// `?table=loop` gives the You Said, We Did figures; anything else the KPIs.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "dashboard");
  const lng = languageFromRequest(request);
  const now = new Date();
  const search = new URL(request.url).searchParams;
  const view = await loadDashboard(db, user, search, lng, env.SUPPRESSION_THRESHOLD, now);
  if (search.get("table") === "loop") return csvResponse(toCsv(loopCsvRows(view, lng)), csvFileName(["you-said-we-did", view.term], now));
  return csvResponse(toCsv(dashboardCsvRows(view, lng)), csvFileName(["dashboard", view.term], now));
}
