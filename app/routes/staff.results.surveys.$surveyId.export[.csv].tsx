import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { languageFromRequest } from "~/i18n/i18n";
import { csvFileName, csvResponse, toCsv } from "~/results/csv";
import { loadSurveyResults, SURVEY_TABLES, surveyCsvRows, surveyIdOr404, type SurveyTable } from "~/results/survey-page.server";

// One table of a survey's results page as CSV (?table=summary|trend|questions|comments),
// with the page's filters and exactly what the page shows this viewer.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "results");
  const lng = languageFromRequest(request);
  const surveyId = surveyIdOr404(params.surveyId);
  const search = new URL(request.url).searchParams;
  const table = search.get("table") as SurveyTable;
  if (!SURVEY_TABLES.includes(table)) throw json({ reason: "not_found" }, { status: 404 });
  const view = await loadSurveyResults(db, user, surveyId, search, lng, env.SUPPRESSION_THRESHOLD, { allComments: table === "comments" });
  const now = new Date();
  const rows = surveyCsvRows(view, table, lng, now);
  // Comments are for admins and the service's own staff only.
  if (!rows) throw json({ reason: "forbidden" }, { status: 403 });
  return csvResponse(toCsv(rows), csvFileName([view.survey.slug, table], now));
}
