import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffUser } from "~/auth/session.server";
import { getBuilderVersionOr404, unitsOf } from "~/surveys/builder.server";
import { translationsCsv, translationsFileName } from "~/surveys/translations";

// The translator's file: every text's id, English, current Urdu and status, as CSV for Excel.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const bv = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  return new Response(translationsCsv(unitsOf(bv)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${translationsFileName(bv.survey.slug, bv.version.version)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
