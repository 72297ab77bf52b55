import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { requireStaffUser } from "~/auth/session.server";
import { listSurveys } from "~/surveys/builder.server";
import { KIND_KEYS, StatusTag, TableWrap } from "~/surveys/builder-ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "builder")("list.title"), surveys: await listSurveys(db), lng });
}

export default function SurveyList() {
  const { surveys, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("builder");
  return (
    <>
      <h1 id="surveys-title">{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <div className="button-group">
        <Link to="/staff/surveys/new" className="button">
          {t("list.create")}
        </Link>
        <Link to="/staff/surveys/import" className="button button--secondary">
          {t("list.import")}
        </Link>
      </div>
      {surveys.length === 0 ? (
        <p className="inset">{t("list.empty")}</p>
      ) : (
        <TableWrap labelledBy="surveys-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("list.col_survey")}</th>
                <th scope="col">{t("list.col_kind")}</th>
                <th scope="col">{t("list.col_version")}</th>
                <th scope="col">{t("list.col_status")}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => {
                // A draft may have no Urdu title yet: its English is shown, marked as English.
                const inUrdu = lng === "ur" && s.latest.title_ur !== "";
                return (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/staff/surveys/${s.id}`} lang={inUrdu || lng === "en" ? undefined : "en"}>
                        {(inUrdu ? s.latest.title_ur : s.latest.title_en) || s.slug}
                      </Link>
                      <br />
                      <span className="caption">
                        <bdi>{s.slug}</bdi>
                      </span>
                    </th>
                    <td>{t(KIND_KEYS[s.kind])}</td>
                    <td>
                      <Link to={`/staff/surveys/${s.id}/versions/${s.latest.id}`}>
                        {t("list.version", { version: s.latest.version })}
                        <span className="visually-hidden"> ({s.slug})</span>
                      </Link>
                    </td>
                    <td>
                      <StatusTag status={s.latest.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
