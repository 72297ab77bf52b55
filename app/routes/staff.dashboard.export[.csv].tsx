import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { languageFromRequest } from "~/i18n/i18n";
import { csvFileName, csvResponse, toCsv } from "~/results/csv";
import { dashboardCsvRows, loadDashboard } from "~/results/dashboard-page.server";
import { suppressionThreshold } from "~/results/results-page.server";

// The dashboard's table as CSV: the same terms, figures and hidden cells as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const user = await requireStaffUser(request, "dashboard", db);
  const lng = languageFromRequest(request);
  const now = new Date();
  const view = await loadDashboard(db, user, new URL(request.url).searchParams, lng, suppressionThreshold(), now);
  return csvResponse(toCsv(dashboardCsvRows(view, lng)), csvFileName(["dashboard", view.term], now));
}
