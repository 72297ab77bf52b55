import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { Confirmation } from "~/loop/ui/Confirmation";
import { ErrorPage } from "~/ui/ErrorPage";

// After the subscribe form: the same words whether the address was new, waiting or
// already subscribed, so the page tells nobody who subscribes.

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ pageTitle: getFixedT(languageFromRequest(request), "yswd")("subscribe.sent_title") });
}

export default function SubscribeSent() {
  const { t } = useTranslation("yswd");
  return <Confirmation title={t("subscribe.sent_title")} body={`${t("subscribe.sent_body")} ${t("subscribe.sent_not_found")}`} />;
}

export const ErrorBoundary = ErrorPage;
