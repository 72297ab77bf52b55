import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { LOOP_RATINGS } from "@db/schema";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { publicEntryOr404, recordRating } from "~/loop/public.server";
import { entryView } from "~/loop/public-view.server";
import { ratedCookie, readRatedIds } from "~/loop/rating-cookie";
import { PublicEntryCard, RatingBlock, entryPath } from "~/loop/ui/PublicEntry";
import { publicLoopLinks } from "~/loop/ui/public-styles";
import { formRefusalMessage } from "~/rate-limit/messages";
import { POLICIES } from "~/rate-limit/policies";
import { refusalInit } from "~/rate-limit/responses.server";
import { hitForClient } from "~/rate-limit/store.server";
import { ErrorPage } from "~/ui/ErrorPage";
import { ErrorSummary } from "~/ui/forms";
import { retryAfterFromAction } from "~/rate-limit/headers";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// One public entry, with "Did this help?" for a published "We did". The answer is a
// plain POST here (from this page or the list); the browser remembers it answered.

const RatingSchema = z.object({ rating: z.enum(LOOP_RATINGS) });

// A refused form answers 429 with Retry-After, with or without JavaScript.
export const headers = retryAfterFromAction;

export const links = publicLoopLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const entry = await publicEntryOr404(context.db, params.id, context.env.SUPPRESSION_THRESHOLD);
  const lng = languageFromRequest(request);
  const view = entryView(entry, lng);
  const answered = readRatedIds(request).includes(entry.id);
  const justNow = new URL(request.url).searchParams.has("answered");
  return json({
    pageTitle: getFixedT(lng, "yswd")("entry_title", { theme: view.theme, term: view.term }),
    entry: view,
    rating: !answered ? ("ask" as const) : justNow ? ("thanks" as const) : ("already" as const),
    lng,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, env } = context;
  const entry = await publicEntryOr404(db, params.id, env.SUPPRESSION_THRESHOLD, { rateable: true });
  const parsed = RatingSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const lng = languageFromRequest(request);
    return json({ errors: { rating: getFixedT(lng, "yswd")("rating.error_missing") } }, { status: 400 });
  }
  const rated = readRatedIds(request);
  // One answer per browser: a second one is not stored, and the page says so.
  if (rated.includes(entry.id)) return redirect(entryPath(entry.id));
  const limit = await hitForClient(context, POLICIES.ratingPerIp);
  if (!limit.allowed) {
    const rating = formRefusalMessage(getFixedT(languageFromRequest(request)), limit.retryAfterSeconds);
    return json({ errors: { rating }, values: { rating: parsed.data.rating } }, refusalInit(limit));
  }
  await recordRating(db, entry.id, parsed.data.rating);
  return redirect(`${entryPath(entry.id)}?answered`, { headers: { "Set-Cookie": ratedCookie([...rated, entry.id], env.COOKIE_SECURE) } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ tagName: "link", rel: "alternate", type: "application/atom+xml", href: `/you-said-we-did/feed.xml?lng=${data.lng}` }] : [];

export default function PublicEntryPage() {
  const { entry, rating } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("yswd");
  const error = actionData?.errors.rating;
  // A refused answer (429) stays chosen.
  const chosen = (actionData as { values?: { rating?: string } } | undefined)?.values?.rating;
  return (
    <>
      <p className="back-link-wrap">
        <Link to="/you-said-we-did">{t("back_to_list")}</Link>
      </p>
      <ErrorSummary errors={error ? [{ href: `rating-${entry.id}`, text: error }] : []} />
      <h1>{t("entry_title", { theme: entry.theme, term: entry.term })}</h1>
      <PublicEntryCard entry={entry} level={1} showService>
        {entry.canRate ? <RatingBlock entryId={entry.id} state={error ? "ask" : rating} error={error} selected={chosen} /> : null}
      </PublicEntryCard>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
