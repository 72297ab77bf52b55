import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireStaffUser } from "~/auth/session.server";
import { canEnter } from "~/auth/permissions";
import { directionOf, languageFromRequest } from "~/i18n/i18n";
import { loadSurveyResults, queryString, surveyIdOr404, type SurveyResultsView } from "~/results/survey-page.server";
import { BarChart, TrendChart } from "~/results/ui/charts";
import { AboutFigures, CountText, FigureText, useResultsText } from "~/results/ui/figures";
import { Filters, useCommonSelects } from "~/results/ui/Filters";
import { ReturnDetails } from "~/results/ui/ReturnDetails";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "results");
  const lng = languageFromRequest(request);
  const surveyId = surveyIdOr404(params.surveyId);
  const search = new URL(request.url).searchParams;
  const view = await loadSurveyResults(db, user, surveyId, search, lng, env.SUPPRESSION_THRESHOLD);
  return json({
    pageTitle: view.survey.title,
    view,
    query: queryString(view.filters.values),
    canExportRaw: canEnter(user, "raw_export"),
  });
}

export default function SurveyResults() {
  const { view, query, canExportRaw } = useLoaderData<typeof loader>();
  const { t, phrase } = useResultsText();
  const { pathname } = useLocation();
  const f = view.filters;
  const common = useCommonSelects();
  const base = `/staff/results/surveys/${view.survey.id}`;
  const csv = (table: string) => `${base}/export.csv${query ? `${query}&` : "?"}table=${table}`;
  return (
    <>
      <p className="back-link-wrap">
        <Link to="/staff/results">{t("index.back")}</Link>
      </p>
      <h1>{view.survey.title}</h1>
      {view.survey.kind === "co_assessment" ? (
        <p>
          <Link to={`${base}/co-assessment`}>{t("index.co_assessment_link")}</Link>
        </p>
      ) : null}
      <Filters
        action={pathname}
        clearTo={pathname}
        selects={[
          common.campaign(f.values.campaign, f.campaigns),
          {
            name: "service",
            label: t("filters.service"),
            all: t("filters.all_services"),
            value: f.values.service,
            choices: f.services,
            hint: f.ownServicesOnly ? t("filters.own_services_hint") : undefined,
          },
          { name: "organisation", label: t("filters.organisation"), all: t("filters.all_organisations"), value: f.values.organisation, choices: f.organisations },
          { name: "locality", label: t("filters.locality"), all: t("filters.all_localities"), value: f.values.locality, choices: f.localities },
          { name: "language", label: t("filters.language"), all: t("filters.all_languages"), value: f.values.language, choices: f.languages },
          { name: "channel", label: t("filters.channel"), all: t("filters.all_channels"), value: f.values.channel, choices: f.channels },
          common.period(f.values.period, f.terms, f.months),
        ]}
      />
      <p className="results-cut">
        <strong>{t("filters.showing")}</strong>{" "}
        {view.cutDescription.length ? view.cutDescription.map((c) => `${c.name}: ${c.value}`).join(t("filters.separator")) : t("filters.none")}
      </p>
      <AboutFigures visibility={view.visibility} threshold={view.threshold} />
      <nav className="results-downloads" aria-label={t("downloads.label")}>
        <ul className="link-list">
          <li>
            <a href={csv("summary")} download>
              {t("downloads.summary")}
            </a>
          </li>
          <li>
            <a href={csv("trend")} download>
              {t("downloads.trend")}
            </a>
          </li>
          <li>
            <a href={csv("questions")} download>
              {t("downloads.questions")}
            </a>
          </li>
          {view.comments ? (
            <li>
              <a href={csv("comments")} download>
                {t("downloads.comments")}
              </a>
            </li>
          ) : null}
          {canExportRaw ? (
            <li>
              <a href={`${base}/answers.csv${query}`} download>
                {t("downloads.raw")}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>

      <h2>{t("headline.title")}</h2>
      {view.headline ? (
        <dl className="summary-list results-summary">
          <dt>{t("headline.positive")}</dt>
          <dd>
            <FigureText figure={view.headline.positive} explain />
            <div className="hint">{phrase("headline.question", { question: view.headline.question })}</div>
          </dd>
          <dt>{t("headline.negative")}</dt>
          <dd>
            <FigureText figure={view.headline.negative} />
          </dd>
          <dt>{t("headline.dont_know")}</dt>
          <dd>
            <CountText cell={view.headline.dontKnow} />
          </dd>
          <dt>{t("return_rate.title")}</dt>
          <dd>
            <FigureText figure={view.returnRate.figure} explain />
            <ReturnDetails view={view.returnRate} />
          </dd>
        </dl>
      ) : (
        <p className="inset">{t("headline.none")}</p>
      )}

      <h2>{t("trend.title")}</h2>
      {view.trend.length ? (
        <TrendChart
          id="trend"
          title={t("trend.chart_title", { survey: view.survey.title })}
          points={view.trend}
          periodHeading={t("table.term")}
          figureHeading={t("table.percent")}
        />
      ) : (
        <p>{t("trend.none")}</p>
      )}

      <h2>{t("questions.title")}</h2>
      {view.questions.map((q, i) => (
        <section key={q.key} className="results-question" aria-labelledby={`question-${i}`}>
          <h3 id={`question-${i}`}>{q.text}</h3>
          {q.positive ? (
            <p>
              {t("questions.positive")} <FigureText figure={q.positive} />
            </p>
          ) : null}
          {q.bars.length ? (
            <BarChart
              id={`q-${i}`}
              title={t("questions.chart_title", { question: q.text })}
              bars={q.bars}
              total={q.answered}
              answerHeading={t("table.answer")}
            />
          ) : (
            <p>
              {t("questions.text_answered")} <CountText cell={q.answered} />
            </p>
          )}
        </section>
      ))}

      {view.comments ? <Comments comments={view.comments} query={query} surveyId={view.survey.id} filters={view.filters.values} /> : null}
    </>
  );
}

function Comments({
  comments,
  query,
  surveyId,
  filters,
}: {
  comments: NonNullable<SurveyResultsView["comments"]>;
  query: string;
  surveyId: number;
  filters: Record<string, string>;
}) {
  const { t, phrase } = useResultsText();
  const { t: tl } = useTranslation("loop");
  const page = (n: number) => `${query ? `${query}&` : "?"}comments_page=${n}#comments`;
  // A "You said" from this whole cut: the same filters, as evidence (app/loop/evidence.server.ts).
  const cut = new URLSearchParams({ survey: String(surveyId), from: "filter" });
  for (const [k, v] of Object.entries(filters)) if (v) cut.set(k, v);
  const fromCut = `/staff/loop/new?${cut.toString()}`;
  return (
    <section aria-labelledby="comments" className="results-comments">
      <h2 id="comments">{t("comments.title")}</h2>
      <p>{comments.fromServices === "all" ? t("comments.intro_admin") : t("comments.intro_service")}</p>
      {comments.items.length === 0 ? (
        <p className="inset">{t("comments.none")}</p>
      ) : (
        <>
          <p>{phrase("comments.count", { total: String(comments.total) })}</p>
          {comments.responses > 0 ? (
            <p>
              <Link to={fromCut}>{tl("evidence.from_responses", { number: comments.responses })}</Link>
            </p>
          ) : null}
          {/* A GET form: choosing comments works without JavaScript. */}
          <Form method="get" action="/staff/loop/new">
            <input type="hidden" name="survey" value={surveyId} />
            <p className="hint" id="choose-comments-hint">
              {tl("evidence.choose_hint")}
            </p>
            <ul className="card-list">
              {comments.items.map((c, i) => (
                <li key={c.answerId} className="card">
                  <blockquote className="results-comment" id={`comment-${c.answerId}`} lang={c.language} dir={directionOf(c.language)}>
                    {c.text}
                  </blockquote>
                  <p className="card__meta">
                    {c.question}
                    {c.service ? <> · {c.service}</> : null} · <bdi>{c.date}</bdi>
                  </p>
                  <div className="choice">
                    <input className="choice__input" type="checkbox" name="answer" value={c.answerId} id={`choose-${c.answerId}`} aria-describedby={`comment-${c.answerId}`} />
                    <label className="choice__label" htmlFor={`choose-${c.answerId}`}>
                      {tl("evidence.choose", { number: i + 1 })}
                    </label>
                  </div>
                </li>
              ))}
            </ul>
            <button type="submit" className="button button--secondary" aria-describedby="choose-comments-hint">
              {tl("evidence.from_comments")}
            </button>
          </Form>
          {comments.pages > 1 ? (
            <nav aria-label={t("comments.pages")} className="link-list">
              {comments.page > 1 ? <Link to={page(comments.page - 1)}>{t("comments.previous")}</Link> : null}
              <span>{phrase("comments.page", { page: String(comments.page), pages: String(comments.pages) })}</span>
              {comments.page < comments.pages ? <Link to={page(comments.page + 1)}>{t("comments.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
