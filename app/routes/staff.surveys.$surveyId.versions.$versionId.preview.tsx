import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { requireStaffUser } from "~/auth/session.server";
import { getBuilderVersionOr404 } from "~/surveys/builder.server";
import { BackLink, useValueLabel } from "~/surveys/builder-ui";
import { Question } from "~/responding/SurveyPage";

// A version as a respondent would see it, every page one after another, in the page's
// language (?lng=ur or ?lng=en). There is no form: nothing can be sent from here.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  await requireStaffUser(db, request, "surveys");
  const lng = languageFromRequest(request);
  const { survey, version, questions } = await getBuilderVersionOr404(db, params.surveyId, params.versionId);
  const t = getFixedT(lng, "builder");
  const text = (s: string) => s || t("preview.missing_text");
  const pages = [...new Set(questions.map((q) => q.page))].sort((a, b) => a - b);
  return json({
    pageTitle: t("preview.title", { title: pick(version, "title", lng) || version.title_en }),
    surveyId: survey.id,
    version: { id: version.id, version: version.version },
    title: text(pick(version, "title", lng)),
    intro: text(pick(version, "intro", lng)),
    pages: pages.map((page) => ({
      page,
      questions: questions
        .filter((q) => q.page === page)
        .map((q) => ({
          key: q.key,
          type: q.type,
          required: Boolean(q.required),
          text: text(pick(q, "text", lng)),
          hint: pick(q, "hint", lng),
          options: q.options.map((o) => ({ value: o.value, label: text(pick(o, "label", lng)) })),
          condition: q.show_if_key ? { key: q.show_if_key, value: q.show_if_value ?? "" } : null,
        })),
    })),
    targets: questions.map((q) => ({ key: q.key, type: q.type, options: q.options })),
  });
}

export default function Preview() {
  const { surveyId, version, title, intro, pages, targets } = useLoaderData<typeof loader>();
  const { t } = useTranslation("builder");
  const valueLabel = useValueLabel();
  return (
    <>
      <BackLink to={`/staff/surveys/${surveyId}/versions/${version.id}`}>{t("back.version", { version: version.version })}</BackLink>
      <div className="notification" role="note">
        <p>{t("preview.note")}</p>
      </div>
      <span className="caption">{t("preview.caption")}</span>
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
      {pages.map((p, i) => (
        <section key={p.page} className="preview-page" aria-labelledby={`preview-page-${p.page}`}>
          <h2 id={`preview-page-${p.page}`}>{t("survey:page_progress", { current: i + 1, total: pages.length })}</h2>
          {p.questions.map((q) => (
            <div key={q.key}>
              {q.condition ? (
                <p className="preview-condition">
                  {t("preview.condition", { key: q.condition.key, value: valueLabel(targets.find((x) => x.key === q.condition?.key), q.condition.value) })}
                </p>
              ) : null}
              <Question q={q} selected={[]} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
