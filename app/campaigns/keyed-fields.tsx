import { useTranslation } from "~/i18n/react";
import { Question } from "~/responding/SurveyPage";
import { fieldName, type AnswerValues, type FieldError, type FieldErrors } from "~/responding/form";
import { ChoiceField, TextField, type SummaryError } from "~/ui/forms";
import { KEYED_CHANNELS } from "./keyed";
import type { keyedQuestions } from "./keyed.server";

export interface KeyedFieldsProps {
  meta: Record<"channel" | "language" | "service" | "completed_on", string>;
  values: AnswerValues;
  errors: Record<string, string>;
  answerErrors: FieldErrors;
  services: { value: string; label: string }[];
  questions: ReturnType<typeof keyedQuestions>;
  /** The first and last day a form may have been completed on, as the page shows them. */
  range: { first: string; last: string };
}

/** The messages of a keyed form's errors, for the fields and for the error summary. */
export function useKeyedErrors(props: Pick<KeyedFieldsProps, "errors" | "answerErrors" | "questions" | "range">) {
  const { t } = useTranslation(["campaigns", "survey"]);
  // i18n-dynamic: campaigns:keyed.errors.
  const metaMessage = (field: string) => (props.errors[field] ? t(`keyed.errors.${props.errors[field]}`, props.range) : undefined);
  const answerMessage = (e: FieldError | undefined) => (e ? t(`survey:errors.${e.code}`, { max: e.max }) : undefined);
  const summary: SummaryError[] = [
    ...(["completed_on", "channel", "language", "service"] as const).filter((f) => props.errors[f]).map((f) => ({ href: f, text: metaMessage(f) ?? "" })),
    ...props.questions
      .filter((q) => props.answerErrors[q.key])
      .map((q) => ({ href: fieldName(q.key), text: `${q.text} – ${answerMessage(props.answerErrors[q.key])}` })),
  ];
  if (props.errors.form_token) summary.push({ href: "completed_on", text: metaMessage("form_token") ?? "" });
  return { metaMessage, answerMessage, summary };
}

/** Date completed, channel, language, service and every answer: the new form and the correction share them. */
export function KeyedFields(props: KeyedFieldsProps) {
  const { t } = useTranslation(["campaigns", "survey"]);
  const { metaMessage, answerMessage } = useKeyedErrors(props);
  const { meta } = props;
  return (
    <>
      <TextField
        id="completed_on"
        name="completed_on"
        type="date"
        label={t("keyed.completed_on")}
        hint={t("keyed.completed_on_hint", props.range)}
        value={meta.completed_on}
        error={metaMessage("completed_on")}
      />
      <ChoiceField
        id="channel"
        name="channel"
        label={t("keyed.channel")}
        // i18n-dynamic: campaigns:keyed.channels.
        options={KEYED_CHANNELS.map((c) => ({ value: c, label: t(`keyed.channels.${c}`) }))}
        selected={meta.channel ? [meta.channel] : []}
        error={metaMessage("channel")}
      />
      <LanguageField label={t("keyed.language")} selected={meta.language} error={metaMessage("language")} />
      <ChoiceField id="service" name="service" label={t("keyed.service")} options={props.services} selected={meta.service ? [meta.service] : []} error={metaMessage("service")} />
      <h2>{t("keyed.answers")}</h2>
      {props.questions.map((q) => (
        <Question key={q.key} q={q} selected={props.values[q.key] ?? []} error={answerMessage(props.answerErrors[q.key])} />
      ))}
    </>
  );
}

/** The language a keyed form or a tally's forms were answered in. */
export function LanguageField({ label, selected, error }: { label: string; selected: string | undefined; error?: string }) {
  const { t } = useTranslation("campaigns");
  return (
    <ChoiceField
      id="language"
      name="language"
      label={label}
      options={[
        { value: "en", label: t("keyed.languages.en") },
        { value: "ur", label: t("keyed.languages.ur") },
      ]}
      selected={selected ? [selected] : []}
      error={error}
    />
  );
}
