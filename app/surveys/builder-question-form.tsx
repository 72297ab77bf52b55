import { useTranslation } from "~/i18n/react";
import { QUESTION_TYPES } from "@db/schema";
import { ChoiceField, ErrorSummary, TextField } from "~/ui/forms";
import { StaffForm } from "~/ui/StaffForm";
import { conditionChoices, conditionValue, isStale, type BuilderQuestion, type TextUnit } from "./builder";
import { Checkbox, SelectField, TYPE_KEYS, useValueLabel, type SelectGroup } from "./builder-ui";
import type { FieldErrors, QuestionFormValues } from "./builder-forms";

/** The order fields appear in, so the error summary lists them as the page does. */
const FIELD_ORDER = ["key", "type", "page", "required", "about_you", "headline", "text_en", "text_ur", "hint_en", "hint_ur", "options", "option_", "show_if"];
const orderOf = (field: string) => {
  const i = FIELD_ORDER.findIndex((f) => (f.endsWith("_") ? field.startsWith(f) : field === f));
  return i * 1000 + (Number(field.split("_")[1]) || 0);
};

/**
 * Adding or changing a question: one plain form. Options are rows (blank ones ignored);
 * "Add another option" posts the form and shows it again with one more row, so it works
 * without JavaScript. The condition is one select of "question = value" pairs.
 */
export function QuestionForm(props: {
  values: QuestionFormValues;
  errors: FieldErrors;
  /** Every question of the version; `self` is the one edited (null when adding). */
  questions: BuilderQuestion[];
  self: BuilderQuestion | null;
  keyLocked: boolean;
  units: TextUnit[];
}) {
  const { t } = useTranslation("builder");
  const valueLabel = useValueLabel();
  const { values, errors, self } = props;
  // i18n-dynamic: builder:errors.
  const message = (field: string) => (errors[field] ? t(`errors.${errors[field]}`) : undefined);
  const staleHint = (unitId: string) => (props.units.some((u) => u.id === unitId && isStale(u)) ? t("stale.field_hint") : undefined);
  const summary = Object.keys(errors)
    .filter((f) => f !== "form")
    .sort((a, b) => orderOf(a) - orderOf(b))
    .map((f) => ({ href: f, text: message(f) ?? "" }));

  const others = props.questions.filter((q) => q.id !== self?.id);
  const groups: SelectGroup[] = conditionChoices(others, self?.position ?? Number.MAX_SAFE_INTEGER).map(({ question, values: allowed }) => ({
    label: t("question.condition_group", { number: props.questions.indexOf(question) + 1, key: question.key }),
    options: allowed.map((v) => ({ value: conditionValue(question.key, v), label: t("question.condition_option", { key: question.key, value: valueLabel(question, v) }) })),
  }));
  if (values.show_if && !groups.some((g) => g.options.some((o) => o.value === values.show_if))) {
    groups.push({ label: t("question.condition_invalid_group"), options: [{ value: values.show_if, label: values.show_if }] });
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <StaffForm noValidate>
        {/* Enter in a field saves: the first submit button is the form's default. */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("question.save")}
        </button>
        {props.keyLocked ? (
          <div className="form-group">
            <span className="label">{t("question.key")}</span>
            <p id="key">
              <code>{values.key}</code>
            </p>
            <div className="hint">{t("question.key_locked")}</div>
            <input type="hidden" name="key" value={values.key} />
          </div>
        ) : (
          <TextField id="key" name="key" label={t("question.key")} hint={t("question.key_hint")} value={values.key} error={message("key")} />
        )}
        <ChoiceField
          id="type"
          name="type"
          label={t("question.type")}
          options={QUESTION_TYPES.map((type) => ({ value: type, label: t(TYPE_KEYS[type]) }))}
          selected={[values.type]}
          error={message("type")}
        />
        <TextField id="page" name="page" type="number" label={t("question.page")} hint={t("question.page_hint")} value={values.page} error={message("page")} />
        <Checkbox id="required" name="required" label={t("question.required")} checked={values.required} />
        <Checkbox id="about_you" name="about_you" label={t("question.about_you")} hint={t("question.about_you_hint")} checked={values.about_you} />
        <Checkbox id="headline" name="headline" label={t("question.headline")} hint={t("question.headline_hint")} checked={values.headline} error={message("headline")} />

        <TextField id="text_en" name="text_en" label={t("question.text_en")} value={values.text_en} error={message("text_en")} multiline rows={2} />
        <TextField
          id="text_ur"
          name="text_ur"
          label={t("question.text_ur")}
          hint={staleHint(`question:${self?.key}:text`)}
          value={values.text_ur}
          error={message("text_ur")}
          multiline
          rows={2}
          inputLang="ur"
        />
        <TextField id="hint_en" name="hint_en" label={t("question.hint_en")} hint={t("question.hint_hint")} value={values.hint_en} error={message("hint_en")} multiline rows={2} />
        <TextField
          id="hint_ur"
          name="hint_ur"
          label={t("question.hint_ur")}
          hint={staleHint(`question:${self?.key}:hint`)}
          value={values.hint_ur}
          error={message("hint_ur")}
          multiline
          rows={2}
          inputLang="ur"
        />

        <fieldset className={`fieldset form-group${errors.options ? " form-group--error" : ""}`} id="options" aria-describedby="options-hint">
          <legend className="fieldset__legend">{t("question.options")}</legend>
          <div className="hint" id="options-hint">
            {t("question.options_hint")}
          </div>
          {errors.options ? <p className="error-message">{message("options")}</p> : null}
          <input type="hidden" name="option_rows" value={values.options.length} />
          {values.options.map((o, i) => (
            <fieldset className="fieldset option-row" key={i}>
              <legend className="fieldset__legend">{t("question.option", { number: i + 1 })}</legend>
              <input type="hidden" name={`option_${i}_id`} value={o.id} />
              <TextField id={`option_${i}_value`} name={`option_${i}_value`} label={t("question.option_value")} value={o.value} error={message(`option_${i}_value`)} />
              <TextField id={`option_${i}_label_en`} name={`option_${i}_label_en`} label={t("question.option_label_en")} value={o.label_en} error={message(`option_${i}_label_en`)} />
              <TextField
                id={`option_${i}_label_ur`}
                name={`option_${i}_label_ur`}
                label={t("question.option_label_ur")}
                hint={o.value ? staleHint(`option:${self?.key}:${o.value}`) : undefined}
                value={o.label_ur}
                error={message(`option_${i}_label_ur`)}
                inputLang="ur"
              />
              {o.id || o.value || o.label_en ? (
                <Checkbox id={`option_${i}_remove`} name={`option_${i}_remove`} label={t("question.option_remove", { number: i + 1 })} checked={false} />
              ) : null}
            </fieldset>
          ))}
          <button type="submit" name="intent" value="add_option" className="button button--secondary" formNoValidate>
            {t("question.add_option")}
          </button>
        </fieldset>

        <SelectField
          id="show_if"
          label={t("question.condition")}
          hint={t("question.condition_hint")}
          error={message("show_if")}
          value={values.show_if}
          first={{ value: "", label: t("question.condition_always") }}
          groups={groups}
        />
        <button type="submit" name="intent" value="save" className="button">
          {t("question.save")}
        </button>
      </StaffForm>
    </>
  );
}
