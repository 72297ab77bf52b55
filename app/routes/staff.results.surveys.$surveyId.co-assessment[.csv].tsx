import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { languageFromRequest } from "~/i18n/i18n";
import { coAssessmentCsvRows, loadCoAssessment } from "~/results/co-assessment-page.server";
import { csvFileName, csvResponse, toCsv } from "~/results/csv";
import { surveyIdOr404 } from "~/results/survey-page.server";

// The co-assessment tables as CSV, with the page's filters and hidden cells.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "results");
  const lng = languageFromRequest(request);
  const surveyId = surveyIdOr404(params.surveyId);
  const view = await loadCoAssessment(db, user, surveyId, new URL(request.url).searchParams, lng, env.SUPPRESSION_THRESHOLD);
  const now = new Date();
  return csvResponse(toCsv(coAssessmentCsvRows(view, lng)), csvFileName([view.survey.slug, "co-assessment"], now));
}
