import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { getSurveyOr404, startDraftFrom } from "~/surveys/builder.server";

// "Edit" on a published version posts here: a new draft version, or the draft there already is.
const StartDraftSchema = z.object({ from: z.coerce.number().int().positive() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaffUser(context.db, request, "surveys");
  return redirect(`/staff/surveys/${params.surveyId}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session, form } = await requireStaffForm(db, request, "surveys");
  const survey = await getSurveyOr404(db, params.surveyId);
  const parsed = StartDraftSchema.safeParse({ from: form.get("from") });
  if (!parsed.success) throw json({ reason: "not_found" }, { status: 404 });
  const { versionId, created } = await startDraftFrom(db, survey.id, parsed.data.from, new Date().toISOString());
  return redirectWithFlash(db, session, `/staff/surveys/${survey.id}/versions/${versionId}`, {
    key: created ? "builder:flash.draft_created" : "builder:flash.draft_exists",
  });
}
