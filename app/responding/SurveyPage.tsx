import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formRefusalMessage } from "~/rate-limit/messages";
import { ChoiceField, ErrorSummary, TextField, type SummaryError } from "~/ui/forms";
import { FORM_ERROR, SCALE_VALUES, SERVICE_FIELD, TEXT_LIMITS, YES_NO_VALUES, fieldName, type AnswerValues, type FieldError, type FieldErrors } from "./form";
import type { SurveyPageData } from "./survey-page.server";

type PageQuestion = SurveyPageData["questions"][number];

/** One page of a survey: works as a plain HTML form, with or without JavaScript. */
export function SurveyPage({ page, actionData }: { page: SurveyPageData; actionData?: { errors: FieldErrors; values: AnswerValues } }) {
  const { t } = useTranslation("survey");
  const navigation = useNavigation();
  const errors = actionData?.errors ?? page.errors;
  const values = actionData ? { ...page.values, ...actionData.values } : page.values;
  // After an error, a question left empty shows empty (not its earlier saved answer).
  if (actionData) for (const q of page.questions) if (!actionData.values[q.key]) delete values[q.key];

  const message = (e: FieldError) => t(`errors.${e.code}`, { max: e.max });
  const summary: SummaryError[] = [];
  // Refused by a rate limit: the answers given are all still on the page; the summary says how long to wait.
  const pageError = errors[FORM_ERROR];
  if (pageError) {
    const first = page.serviceChoice ? SERVICE_FIELD : page.questions[0]?.key;
    summary.push({ href: first ? fieldName(first) : "main", text: formRefusalMessage(t, pageError.retryAfterSeconds ?? 60) });
  }
  if (errors[SERVICE_FIELD]) summary.push({ href: fieldName(SERVICE_FIELD), text: `${t("service_question")} – ${message(errors[SERVICE_FIELD])}` });
  for (const q of page.questions) {
    const e = errors[q.key];
    if (e) summary.push({ href: fieldName(q.key), text: `${q.text} – ${message(e)}` });
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="caption">
        {t("page_progress", { current: page.pageNumber, total: page.pageCount })}
      </span>
      <h1>{page.title}</h1>
      {page.intro ? <p className="lead">{page.intro}</p> : null}
      <Form method="post" key={page.page} noValidate>
        <input type="hidden" name="token" value={page.token} />
        <input type="hidden" name="page" value={page.page} />
        {page.serviceChoice ? (
          <ChoiceField
            id={fieldName(SERVICE_FIELD)}
            name={SERVICE_FIELD}
            label={t("service_question")}
            options={page.serviceChoice.options}
            selected={values[SERVICE_FIELD] ?? []}
            error={errors[SERVICE_FIELD] ? message(errors[SERVICE_FIELD]) : undefined}
          />
        ) : null}
        {page.questions.map((q) => (
          <Question key={q.key} q={q} selected={values[q.key] ?? []} error={errors[q.key] ? message(errors[q.key]) : undefined} />
        ))}
        <div className="button-group">
          <button type="submit" name="intent" value={page.isLast ? "submit" : "next"} className="button" disabled={navigation.state === "submitting"}>
            {page.isLast ? t("submit") : t("continue")}
          </button>
          {!page.isFirst ? (
            <button type="submit" name="intent" value="back" className="button button--secondary">
              {t("back")}
            </button>
          ) : null}
          <button type="submit" name="intent" value="save" className="button button--secondary">
            {t("save_for_later")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** One question as a respondent sees it (also used to key in a paper response, and by the builder's preview). */
export function Question({ q, selected, error }: { q: PageQuestion; selected: string[]; error?: string }) {
  const { t } = useTranslation("survey");
  const id = fieldName(q.key);
  const optionalText = q.required ? undefined : t("optional");
  if (q.type === "short_text" || q.type === "long_text") {
    return (
      <TextField
        id={id}
        name={id}
        label={q.text}
        hint={q.hint || undefined}
        error={error}
        optionalText={optionalText}
        value={selected[0] ?? ""}
        multiline={q.type === "long_text"}
        limitHint={t("text_limit_hint", { max: TEXT_LIMITS[q.type] })}
      />
    );
  }
  let options = q.options;
  if (q.type === "satisfaction" || q.type === "agreement") {
    options = SCALE_VALUES.map((v) => ({ value: v, label: t(`scale.${q.type}.${v}`) }));
  } else if (q.type === "yes_no_not_sure") {
    options = YES_NO_VALUES.map((v) => ({ value: v, label: t(`scale.yes_no_not_sure.${v}`) }));
  }
  return (
    <ChoiceField
      id={id}
      name={id}
      label={q.text}
      hint={q.hint || undefined}
      error={error}
      optionalText={optionalText}
      options={options}
      selected={selected}
      multiple={q.type === "multiple_choice"}
      extraHint={q.type === "multiple_choice" ? t("multiple_hint") : undefined}
      dividerBefore={q.type === "satisfaction" || q.type === "agreement" ? "dont_know" : undefined}
    />
  );
}
