import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaffUser } from "~/auth/session.server";
import { canEnter } from "~/auth/permissions";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { filterOptions } from "~/results/queries.server";
import { textOf } from "~/results/results-page.server";
import { useResultsText } from "~/results/ui/figures";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "results");
  const lng = languageFromRequest(request);
  const options = await filterOptions(db, {});
  const kinds = getFixedT(lng, "builder");
  return json({
    pageTitle: getFixedT(lng, "results")("index.title"),
    canSeeDashboard: canEnter(user, "dashboard"),
    surveys: options.surveys.map((s) => ({
      id: s.id,
      title: textOf(s.title, lng),
      // i18n-dynamic: builder:kinds.
      kind: kinds(`kinds.${s.kind}`),
      coAssessment: s.kind === "co_assessment",
      campaigns: options.campaigns.filter((c) => c.surveyId === s.id).map((c) => ({ id: c.id, name: textOf(c.name, lng) })),
    })),
  });
}

export default function ResultsIndex() {
  const { surveys, canSeeDashboard } = useLoaderData<typeof loader>();
  const { t } = useResultsText();
  return (
    <>
      <h1>{t("index.title")}</h1>
      <p className="lead">{t("index.intro")}</p>
      {canSeeDashboard ? (
        <p>
          <Link to="/staff/dashboard">{t("index.dashboard_link")}</Link>
        </p>
      ) : null}
      {surveys.length === 0 ? (
        <p className="inset">{t("index.empty")}</p>
      ) : (
        <ul className="card-list">
          {surveys.map((s) => (
            <li key={s.id} className="card">
              <h2 className="card__title">
                <Link to={`/staff/results/surveys/${s.id}`}>{s.title}</Link>
              </h2>
              <p className="card__meta">{s.kind}</p>
              {s.coAssessment ? (
                <p>
                  <Link to={`/staff/results/surveys/${s.id}/co-assessment`}>{t("index.co_assessment_link")}</Link>
                </p>
              ) : null}
              {s.campaigns.length ? (
                <>
                  <h3 className="results-index__campaigns">{t("index.campaigns")}</h3>
                  <ul className="link-list">
                    {s.campaigns.map((c) => (
                      <li key={c.id}>
                        <Link to={`/staff/results/surveys/${s.id}?campaign=${c.id}`}>{c.name}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
