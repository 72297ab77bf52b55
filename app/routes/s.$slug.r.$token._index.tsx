import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { languageFromRequest } from "~/i18n/i18n";
import { SurveyPage } from "~/responding/SurveyPage";
import { getOpenCampaignForRespondent, resumedSurveyPage, surveyPageAction } from "~/responding/survey-page.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { retryAfterFromAction } from "~/rate-limit/headers";
import { clientLimitsOf } from "~/rate-limit/store.server";

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const { db } = context;
  const cs = await getOpenCampaignForRespondent(db, request, params.slug ?? "", new Date());
  const page = await resumedSurveyPage(db, cs, params.token ?? "", new URL(request.url), lng);
  return json({ page, pageTitle: page.title });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return surveyPageAction(context.db, request, params.slug ?? "", params.token ?? "", context.env.COOKIE_SECURE, clientLimitsOf(context));
}

export default function ResumedSurvey() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <SurveyPage page={page} actionData={actionData} />;
}

export const ErrorBoundary = ErrorPage;
