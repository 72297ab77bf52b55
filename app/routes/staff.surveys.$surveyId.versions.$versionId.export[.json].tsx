import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { getBuilderVersionOr404 } from "~/surveys/builder.server";
import { surveyFileName, surveyFileOf } from "~/surveys/json";

// The download of a version as a JSON survey file (SurveySpecSchema's shape).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const { survey, version, questions } = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const body = JSON.stringify(surveyFileOf(survey, version, questions), null, 2) + "\n";
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${surveyFileName(survey.slug, version.version)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
