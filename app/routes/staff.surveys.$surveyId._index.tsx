import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { languageFromRequest } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { requireStaffUser } from "~/auth/session.server";
import { getSurveyOr404, listVersions } from "~/surveys/builder.server";
import { surveyFileName } from "~/surveys/json";
import { BackLink, KIND_KEYS, StatusTag, TableWrap } from "~/surveys/builder-ui";
import { StaffForm } from "~/ui/StaffForm";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const lng = languageFromRequest(request);
  const survey = await getSurveyOr404(db, params.surveyId);
  const rows = await listVersions(db, survey.id);
  const versions = rows.map((v) => ({
    id: v.id,
    version: v.version,
    status: v.status,
    campaigns: v.campaigns,
    publishedOn: v.published_at ? formatDate(v.published_at, lng) : null,
    fileName: surveyFileName(survey.slug, v.version),
  }));
  const latest = rows[0];
  const title = (lng === "ur" && latest.title_ur) || latest.title_en || survey.slug;
  return json({
    pageTitle: title,
    title,
    survey: { id: survey.id, slug: survey.slug, kind: survey.kind },
    versions,
    draft: versions.find((v) => v.status === "draft") ?? null,
  });
}

export default function SurveyVersions() {
  const { title, survey, versions, draft } = useLoaderData<typeof loader>();
  const { t } = useTranslation("builder");
  const base = `/staff/surveys/${survey.id}`;
  return (
    <>
      <BackLink to="/staff/surveys">{t("back.surveys")}</BackLink>
      <span className="caption">
        <bdi>{survey.slug}</bdi> · {t(KIND_KEYS[survey.kind])}
      </span>
      <h1>{title}</h1>
      {draft ? (
        <div className="inset">
          <p>{t("survey.draft_exists", { version: draft.version })}</p>
          <Link to={`${base}/versions/${draft.id}`} className="button">
            {t("survey.continue_draft", { version: draft.version })}
          </Link>
        </div>
      ) : (
        <p>{t("survey.edit_explained")}</p>
      )}
      <h2 id="versions-title">{t("survey.versions")}</h2>
      <TableWrap labelledBy="versions-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("survey.col_version")}</th>
              <th scope="col">{t("survey.col_status")}</th>
              <th scope="col">{t("survey.col_published")}</th>
              <th scope="col">{t("survey.col_campaigns")}</th>
              <th scope="col">{t("survey.col_actions")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`${base}/versions/${v.id}`}>{t("list.version", { version: v.version })}</Link>
                </th>
                <td>
                  <StatusTag status={v.status} />
                </td>
                <td>{v.publishedOn ?? t("survey.not_published")}</td>
                <td>
                  <bdi>{v.campaigns}</bdi>
                </td>
                <td>
                  <div className="row-actions">
                    {v.status === "published" && !draft ? (
                      <StaffForm action={`${base}/drafts`}>
                        <input type="hidden" name="from" value={v.id} />
                        <button type="submit" className="button button--secondary">
                          {t("survey.edit")}
                          <span className="visually-hidden"> {t("list.version", { version: v.version })}</span>
                        </button>
                      </StaffForm>
                    ) : null}
                    <a href={`${base}/versions/${v.id}/export.json`} download={v.fileName} className="download-link">
                      {t("survey.download_json")}
                      <span className="visually-hidden"> ({t("list.version", { version: v.version })})</span>
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <Link to="/staff/surveys/import">{t("survey.import_link")}</Link>
      </p>
    </>
  );
}
