import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { findSubscriptionByToken, unsubscribeByToken } from "~/loop/subscriptions.server";
import { Confirmation } from "~/loop/ui/Confirmation";
import { ErrorPage } from "~/ui/ErrorPage";

// The unsubscribe address in every update email.
// - GET (one click on the link) unsubscribes and says so, in the subscriber's language;
// - POST (a mail program's one-click unsubscribe, RFC 8058) unsubscribes and answers 200.
// The page has no form, so nothing revalidates this loader after it ran once.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const sub = await findSubscriptionByToken(db, params.token);
  if (!sub) throw json({ reason: "not_found" }, { status: 404 });
  await unsubscribeByToken(db, sub.token);
  return json(
    { pageTitle: getFixedT(languageFromRequest(request), "yswd")("unsubscribe.title") },
    { headers: { "Cache-Control": "no-store" } }
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const done = await unsubscribeByToken(context.db, params.token);
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  return done ? new Response("Unsubscribed\n", { status: 200, headers }) : new Response("Not found\n", { status: 404, headers });
}

export default function Unsubscribed() {
  const { t } = useTranslation("yswd");
  return (
    <Confirmation
      title={t("unsubscribe.title")}
      body={t("unsubscribe.body")}
      links={[{ to: "/you-said-we-did/subscribe", text: t("unsubscribe.again") }]}
    />
  );
}

export const ErrorBoundary = ErrorPage;
