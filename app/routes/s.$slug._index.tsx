import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { languageFromRequest } from "~/i18n/i18n";
import { SurveyPage } from "~/responding/SurveyPage";
import { getOpenCampaignForRespondent, newSurveyPage, surveyPageAction } from "~/responding/survey-page.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { retryAfterFromAction } from "~/rate-limit/headers";
import { clientLimitsOf } from "~/rate-limit/store.server";

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const cs = await getOpenCampaignForRespondent(context.db, request, params.slug ?? "", new Date());
  const page = newSurveyPage(cs, lng);
  return json({ page, pageTitle: page.title });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return surveyPageAction(context.db, request, params.slug ?? "", null, context.env.COOKIE_SECURE, clientLimitsOf(context));
}

export default function StartSurvey() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A first post creates the response under the form's token; keep that token on error.
  const shown = actionData && "token" in actionData ? { ...page, token: actionData.token } : page;
  return <SurveyPage page={shown} actionData={actionData} />;
}

export const ErrorBoundary = ErrorPage;
