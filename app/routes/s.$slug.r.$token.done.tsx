import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { getLinkedResponseOr404 } from "~/responding/survey-page.server";
import { ErrorPage } from "~/ui/ErrorPage";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const { db } = context;
  const { response, path } = await getLinkedResponseOr404(db, params.slug ?? "", params.token ?? "");
  if (!response.submitted_at) throw redirect(path);
  const t = getFixedT(lng, "survey");
  return json({ surveyTitle: pick(response, "title", lng), pageTitle: t("done.title") });
}

export default function SurveyDone() {
  const { surveyTitle } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["survey", "yswd"]);
  return (
    <>
      <div className="panel">
        <h1 className="panel__title">{t("done.title")}</h1>
        <p className="panel__body">{surveyTitle}</p>
      </div>
      <h2>{t("done.next_title")}</h2>
      <p>{t("done.next_read")}</p>
      <p>{t("done.next_publish")}</p>
      {/* Hearing what happens next: an email sign-up kept apart from this response. */}
      <p>{t("yswd:survey_done.body")}</p>
      <ul className="link-list">
        <li>
          <Link to="/you-said-we-did/subscribe">{t("yswd:survey_done.subscribe")}</Link>
        </li>
        <li>
          <Link to="/you-said-we-did">{t("yswd:survey_done.page")}</Link>
        </li>
      </ul>
      <p>
        <Link to="/">{t("done.more_surveys")}</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
