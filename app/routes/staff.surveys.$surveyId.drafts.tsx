import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { getSurveyOr404, startDraftFrom } from "~/surveys/builder.server";

// "Edit" on a published version posts here: a new draft version, or the draft there already is.
const StartDraftSchema = z.object({ from: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaffUser(request, "surveys");
  return redirect(`/staff/surveys/${params.surveyId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { session, form } = await requireStaffForm(request, "surveys", db);
  const survey = await getSurveyOr404(db, params.surveyId);
  const parsed = StartDraftSchema.safeParse({ from: form.get("from") });
  if (!parsed.success) throw json({ reason: "not_found" }, { status: 404 });
  const { versionId, created } = await startDraftFrom(db, survey.id, parsed.data.from, new Date().toISOString());
  return redirectWithFlash(db, session, `/staff/surveys/${survey.id}/versions/${versionId}`, {
    key: created ? "builder:flash.draft_created" : "builder:flash.draft_exists",
  });
}
