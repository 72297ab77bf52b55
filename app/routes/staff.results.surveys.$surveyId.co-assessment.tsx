import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireStaffUser } from "~/auth/session.server";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { loadCoAssessment } from "~/results/co-assessment-page.server";
import { queryString, surveyIdOr404 } from "~/results/survey-page.server";
import { AboutFigures, FigureCells, FigureHeads, useResultsText } from "~/results/ui/figures";
import { Filters, useCommonSelects } from "~/results/ui/Filters";
import { pointsText } from "~/results/ui/format";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "results");
  const lng = languageFromRequest(request);
  const surveyId = surveyIdOr404(params.surveyId);
  const view = await loadCoAssessment(db, user, surveyId, new URL(request.url).searchParams, lng, env.SUPPRESSION_THRESHOLD);
  return json({
    pageTitle: getFixedT(lng, "results")("co.title", { survey: view.survey.title }),
    view,
    query: queryString(view.filters.values),
  });
}

export default function CoAssessmentResults() {
  const { view, query } = useLoaderData<typeof loader>();
  const { t, phrase } = useResultsText();
  const { pathname } = useLocation();
  const f = view.filters;
  const common = useCommonSelects();
  const warned = view.services.filter((s) => s.visibility === "warn").length;
  // Service staff see their own services with small numbers and the others hidden: both rules apply.
  const about = warned === 0 ? "suppress" : warned === view.services.length ? "warn" : "both";
  return (
    <>
      <p className="back-link-wrap">
        <Link to={`/staff/results/surveys/${view.survey.id}`}>{t("co.back", { survey: view.survey.title })}</Link>
      </p>
      <h1>{t("co.title", { survey: view.survey.title })}</h1>
      <p className="lead">{t("co.intro")}</p>
      <Filters
        action={pathname}
        clearTo={pathname}
        selects={[
          common.campaign(f.values.campaign, f.campaigns),
          { name: "service", label: t("filters.service"), all: t("filters.all_services"), value: f.values.service, choices: f.services },
          common.period(f.values.period, f.terms, f.months),
        ]}
      />
      <AboutFigures visibility={about} threshold={view.threshold} />
      <p className="results-downloads">
        <a href={`${pathname}.csv${query}`} download>
          {t("downloads.co_assessment")}
        </a>
      </p>
      {view.services.length === 0 ? <p className="inset">{t("co.none")}</p> : null}
      {view.services.map((s) => (
        <section key={s.id} aria-labelledby={`service-${s.id}`} className="results-question">
          <h2 id={`service-${s.id}`}>{s.name}</h2>
          <div className="table-wrap">
            <table className="co-table">
              <caption>{t("co.caption", { service: s.name })}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t("co.principle")}
                  </th>
                  <th scope="colgroup" colSpan={3}>
                    {t("co.families")}
                  </th>
                  <th scope="colgroup" colSpan={3}>
                    {t("co.professionals")}
                  </th>
                  <th scope="col" rowSpan={2} className="numeric">
                    {t("co.gap")}
                  </th>
                </tr>
                <tr>
                  <FigureHeads figureHeading={t("table.percent_agree")} />
                  <FigureHeads figureHeading={t("table.percent_agree")} />
                </tr>
              </thead>
              <tbody>
                {s.principles.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">{p.text}</th>
                    <FigureCells figure={p.family} />
                    <FigureCells figure={p.professional} />
                    <td className="numeric">
                      {p.gap.kind === "shown" ? phrase("co.points", { points: pointsText(p.gap.points) }) : t("co.gap_unknown")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
