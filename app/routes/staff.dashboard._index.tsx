import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requireStaffUser } from "~/auth/session.server";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { loadDashboard } from "~/results/dashboard-page.server";
import { TrendChart } from "~/results/ui/charts";
import { AboutFigures, FigureText, useResultsText } from "~/results/ui/figures";
import { Filters } from "~/results/ui/Filters";
import { LoopFiguresSection } from "~/results/ui/LoopFigures";
import { ReturnDetails } from "~/results/ui/ReturnDetails";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "dashboard");
  const lng = languageFromRequest(request);
  const view = await loadDashboard(db, user, new URL(request.url).searchParams, lng, env.SUPPRESSION_THRESHOLD, new Date());
  return json({ pageTitle: getFixedT(lng, "results")("dashboard.title"), view });
}

export default function Dashboard() {
  const { view } = useLoaderData<typeof loader>();
  const { t, phrase } = useResultsText();
  const { search } = useLocation();
  const loopCsv = new URLSearchParams(search);
  loopCsv.set("table", "loop");
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{phrase("dashboard.intro", { term: view.termLabel })}</p>
      <Filters
        action="/staff/dashboard"
        clearTo="/staff/dashboard"
        selects={[{ name: "term", label: t("dashboard.term"), all: t("dashboard.current_term"), value: view.termAsked, choices: view.termChoices }]}
      />
      <AboutFigures visibility={view.visibility} threshold={view.threshold} />
      <p className="results-downloads">
        <a href={`/staff/dashboard/export.csv${search}`} download>
          {t("downloads.dashboard")}
        </a>
      </p>
      <ul className="kpi-list">
        {view.kpis.map((k) => (
          <li key={k.key} className="kpi">
            <h2 className="kpi__title">{k.title}</h2>
            <p className="kpi__definition">{k.definition}</p>
            <p className="kpi__current">
              <span className="kpi__term">{k.current.label}: </span>
              <FigureText figure={k.current.figure} explain />
            </p>
            {k.current.returns ? <ReturnDetails view={k.current.returns} /> : null}
            <TrendChart
              id={`kpi-${k.key}`}
              title={t("dashboard.trend_title", { kpi: k.title })}
              points={k.points}
              periodHeading={t("table.term")}
              figureHeading={k.key === "parent_return" ? t("table.percent_returned") : t("table.percent")}
            />
          </li>
        ))}
      </ul>
      <LoopFiguresSection loop={view.loop} term={view.termLabel} csvHref={`/staff/dashboard/export.csv?${loopCsv.toString()}`} />
    </>
  );
}
