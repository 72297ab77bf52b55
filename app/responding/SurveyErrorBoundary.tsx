import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN = ["unknown_link", "closed", "too_large"] as const;

/** Clear pages for a respondent's dead ends: an unknown link, a closed survey, a post too large. */
export function SurveyErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation(["survey", "common"]);
  const reason = isRouteErrorResponse(error) ? (error.data as { reason?: string } | null)?.reason : undefined;
  if (reason && (KNOWN as readonly string[]).includes(reason)) {
    return (
      <>
        <h1>{t(`survey:${reason}.title`)}</h1>
        <p>{t(`survey:${reason}.body`)}</p>
        <p>
          <a href="/">{t("common:home_link")}</a>
        </p>
      </>
    );
  }
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  return (
    <>
      <h1>{notFound ? t("common:not_found.title") : t("common:server_error.title")}</h1>
      <p>{notFound ? t("common:not_found.body") : t("common:server_error.body")}</p>
      <p>
        <a href="/">{t("common:home_link")}</a>
      </p>
    </>
  );
}
