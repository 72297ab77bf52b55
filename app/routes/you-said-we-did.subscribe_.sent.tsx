import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { ErrorPage } from "~/ui/ErrorPage";

// After the subscribe form: the same words whether the address was new, waiting or
// already subscribed, so the page tells nobody who subscribes.

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ pageTitle: getFixedT(languageFromRequest(request), "yswd")("subscribe.sent_title") });
}

export default function SubscribeSent() {
  const { t } = useTranslation("yswd");
  return (
    <>
      <div className="notification notification--success" role="status">
        <h1>{t("subscribe.sent_title")}</h1>
        <p>{t("subscribe.sent_body")}</p>
      </div>
      <p>{t("subscribe.sent_not_found")}</p>
      <p>
        <Link to="/you-said-we-did">{t("back_to_list")}</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
