import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { getLinkedResponseOr404 } from "~/responding/survey-page.server";
import { ErrorPage } from "~/ui/ErrorPage";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const { db } = context;
  const { response, path } = await getLinkedResponseOr404(db, params.slug ?? "", params.token ?? "");
  if (response.submitted_at) throw redirect(`${path}/done`);
  const t = getFixedT(lng, "survey");
  // The link may be opened on another device: it carries the respondent's language.
  const link = new URL(`${path}?lng=${lng}`, request.url).toString();
  return json({ path, link, pageTitle: t("saved.title") });
}

export default function SurveySaved() {
  const { path, link } = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  return (
    <>
      <h1>{t("saved.title")}</h1>
      <p id="resume-link-hint">{t("saved.body")}</p>
      <div className="form-group">
        <label className="label" htmlFor="resume-link">
          {t("saved.link_label")}
        </label>
        <input className="input" id="resume-link" type="text" readOnly value={link} dir="ltr" aria-describedby="resume-link-hint" />
      </div>
      <p className="long-link">
        <bdi>
          <a href={link}>{link}</a>
        </bdi>
      </p>
      <p>
        <Link to={path} className="button">
          {t("saved.continue")}
        </Link>
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
