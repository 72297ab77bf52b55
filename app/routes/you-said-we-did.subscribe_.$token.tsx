import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { confirmSubscription, findSubscriptionByToken, scopeName } from "~/loop/subscriptions.server";
import { Confirmation } from "~/loop/ui/Confirmation";
import { ErrorPage } from "~/ui/ErrorPage";

// The link in the confirmation email. GET only shows a button (mail scanners follow
// links); the POST confirms.

async function subscriptionOr404(db: AppLoadContext["db"], token: string | undefined) {
  const sub = await findSubscriptionByToken(db, token);
  if (!sub) throw json({ reason: "not_found" }, { status: 404 });
  return sub;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const sub = await subscriptionOr404(context.db, params.token);
  const lng = languageFromRequest(request);
  const state = sub.unsubscribed_at !== null ? "cancelled" : sub.confirmed_at !== null ? "confirmed" : "waiting";
  const t = getFixedT(lng, "yswd");
  // i18n-dynamic: yswd:confirm.title_
  return json(
    { pageTitle: t(`confirm.title_${state}`), state, scope: scopeName(sub, lng), token: sub.token },
    { headers: { "Cache-Control": "no-store" } }
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const { db } = context;
  const sub = await subscriptionOr404(db, params.token);
  await confirmSubscription(db, sub.token);
  return redirect(`/you-said-we-did/subscribe/${sub.token}`);
}

export default function ConfirmSubscription() {
  const { state, scope, token } = useLoaderData<typeof loader>();
  const { t } = useTranslation("yswd");
  if (state === "waiting") {
    return (
      <>
        <h1>{t("confirm.title_waiting")}</h1>
        <p>{t("confirm.body_waiting", { scope })}</p>
        <Form method="post">
          <button type="submit" className="button">
            {t("confirm.button")}
          </button>
        </Form>
      </>
    );
  }
  return state === "confirmed" ? (
    <Confirmation
      title={t("confirm.title_confirmed")}
      body={t("confirm.body_confirmed", { scope })}
      links={[{ to: `/you-said-we-did/unsubscribe/${token}`, text: t("confirm.unsubscribe") }]}
    />
  ) : (
    <Confirmation
      title={t("confirm.title_cancelled")}
      body={t("confirm.body_cancelled")}
      links={[{ to: "/you-said-we-did/subscribe", text: t("unsubscribe.again") }]}
    />
  );
}

export const ErrorBoundary = ErrorPage;
