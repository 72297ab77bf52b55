import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TOO_MANY_REQUESTS, type TooManyRequestsData } from "~/rate-limit/messages";

/** Reasons a route may throw that have their own explained page (in the survey namespace). */
const EXPLAINED = ["unknown_link", "closed", "too_large"] as const;

export function errorPageKeys(error: unknown): { title: string; body: string; values?: { count: number } } {
  const reason = isRouteErrorResponse(error) ? (error.data as { reason?: string } | null)?.reason : undefined;
  // A rate limit's refusal (429): the wait in minutes, from the data when it says.
  if (reason === TOO_MANY_REQUESTS || (isRouteErrorResponse(error) && error.status === 429)) {
    const minutes = isRouteErrorResponse(error) ? Number((error.data as Partial<TooManyRequestsData> | null)?.retryAfterMinutes) : NaN;
    const count = Number.isSafeInteger(minutes) && minutes > 0 ? minutes : 1;
    return { title: "common:too_many_requests.title", body: "common:too_many_requests.body", values: { count } };
  }
  if (reason && (EXPLAINED as readonly string[]).includes(reason)) {
    return { title: `survey:${reason}.title`, body: `survey:${reason}.body` };
  }
  // i18n-dynamic: common:forbidden.
  // i18n-dynamic: common:csrf.
  // i18n-dynamic: common:busy.
  if (reason === "forbidden" || reason === "csrf" || reason === "busy") {
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
      <p>{keys.values ? t(keys.body, keys.values) : t(keys.body)}</p>
      <p>
        <a href="/">{t("common:home_link")}</a>
      </p>
    </>
  );
}
