import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Reasons a route may throw that have their own explained page (in the survey namespace). */
const EXPLAINED = ["unknown_link", "closed", "too_large"] as const;

export function errorPageKeys(error: unknown): { title: string; body: string } {
  const reason = isRouteErrorResponse(error) ? (error.data as { reason?: string } | null)?.reason : undefined;
  if (reason && (EXPLAINED as readonly string[]).includes(reason)) {
    return { title: `survey:${reason}.title`, body: `survey:${reason}.body` };
  }
  // i18n-dynamic: common:forbidden.
  // i18n-dynamic: common:csrf.
  if (reason === "forbidden" || reason === "csrf") {
    return { title: `common:${reason}.title`, body: `common:${reason}.body` };
  }
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return notFound
    ? { title: "common:not_found.title", body: "common:not_found.body" }
    : { title: "common:server_error.title", body: "common:server_error.body" };
}

/** Every error boundary's page: a heading, what to do, a way home. Unexpected errors are logged. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation(["common", "survey"]);
  const keys = errorPageKeys(error);
  if (keys.title === "common:server_error.title") console.error(error);
  return (
    <>
      <h1>{t(keys.title)}</h1>
      <p>{t(keys.body)}</p>
      <p>
        <a href="/">{t("common:home_link")}</a>
      </p>
    </>
  );
}
