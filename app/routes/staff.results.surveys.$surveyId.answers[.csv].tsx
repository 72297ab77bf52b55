import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { languageFromRequest } from "~/i18n/i18n";
import { csvFileName, csvResponse } from "~/results/csv";
import { rawAnswersCsv } from "~/results/raw-export-page.server";
import { surveyIdOr404 } from "~/results/survey-page.server";

// Raw anonymous answers of one survey (admins only), with the results page's filters:
// one row per answer, numbered responses, never an id, a token or an address.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "raw_export");
  const surveyId = surveyIdOr404(params.surveyId);
  const now = new Date();
  const { slug, body } = await rawAnswersCsv(db, surveyId, new URL(request.url).searchParams, languageFromRequest(request));
  return csvResponse(body, csvFileName([slug, "answers"], now));
}
