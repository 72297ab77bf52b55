import { useEffect, useRef } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Language, QuestionType, SurveyKind } from "@db/schema";
import { StaffForm } from "~/ui/StaffForm";
import { allowedValues } from "~/responding/form";
import { translationStatus, type BuilderQuestion, type PublishProblem, type TextUnit } from "./builder";

/** Readable names of survey kinds and question types (builder namespace). */
export const KIND_KEYS: Record<SurveyKind, string> = {
  parent: "kinds.parent",
  young_person: "kinds.young_person",
  setting: "kinds.setting",
  partner: "kinds.partner",
  co_assessment: "kinds.co_assessment",
};

export const TYPE_KEYS: Record<QuestionType, string> = {
  satisfaction: "types.satisfaction",
  agreement: "types.agreement",
  single_choice: "types.single_choice",
  multiple_choice: "types.multiple_choice",
  yes_no_not_sure: "types.yes_no_not_sure",
  short_text: "types.short_text",
  long_text: "types.long_text",
};

export function StatusTag({ status }: { status: "draft" | "published" }) {
  const { t } = useTranslation("builder");
  return <strong className="tag">{status === "draft" ? t("status.draft") : t("status.published")}</strong>;
}

/** Text badges for texts whose Urdu is missing or out of date (never colour alone). */
export function TranslationTags({ units }: { units: TextUnit[] }) {
  const { t } = useTranslation("builder");
  const statuses = units.map(translationStatus);
  const missing = statuses.filter((s) => s === "missing").length;
  const stale = statuses.filter((s) => s === "stale").length;
  if (missing === 0 && stale === 0) return <span>{t("badges.ok")}</span>;
  return (
    <span className="tag-list">
      {missing > 0 ? <strong className="tag tag--missing">{t("badges.missing", { count: missing })}</strong> : null}
      {stale > 0 ? <strong className="tag tag--stale">{t("badges.stale", { count: stale })}</strong> : null}
    </span>
  );
}

/** The id of the form field holding a text in one language (on the editor or a question page). */
export function unitFieldId(unit: TextUnit, lang: Language): string {
  return unit.field === "label" ? `option_${unit.option!.index}_label_${lang}` : `${unit.field}_${lang}`;
}

/** Where a text can be changed: the editor for the title and introduction, else its question's page. */
export function unitHref(unit: TextUnit, lang: Language, base: string): string {
  return `${unit.question ? `${base}/questions/${unit.question.id}` : base}#${unitFieldId(unit, lang)}`;
}

function useUnitNames() {
  const { t } = useTranslation("builder");
  const where = (q: PublishProblem["question"]) => (q ? t("where.question", { number: q.number, key: q.key }) : t("where.survey"));
  const field = (unit: TextUnit) => {
    switch (unit.field) {
      case "title":
        return t("fields.title");
      case "intro":
        return t("fields.intro");
      case "text":
        return t("fields.text");
      case "hint":
        return t("fields.hint");
      case "label":
        return t("fields.label", { value: unit.option!.value });
    }
  };
  return { t, where, field };
}

function problemHref(p: PublishProblem, base: string): string {
  const question = p.question ? `${base}/questions/${p.question.id}` : base;
  if (p.unit) return unitHref(p.unit, p.lang ?? "ur", base);
  switch (p.code) {
    case "no_questions":
      return `${base}/questions/new`;
    case "no_headline":
    case "headline_missing":
      return `${base}#questions`;
    case "headline_not_satisfaction":
      return `${question}#headline`;
    case "duplicate_key":
      return `${question}#key`;
    case "too_few_options":
    case "duplicate_option_value":
      return `${question}#options`;
    default:
      return `${question}#show_if`;
  }
}

/** "Publish" refused: every problem, naming the question and the field, linking to where to fix it. */
export function PublishRefusal({ problems, base }: { problems: PublishProblem[]; base: string }) {
  const { t, where, field } = useUnitNames();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [problems]);
  const language = (lang?: Language) => (lang === "en" ? t("languages.en") : t("languages.ur"));
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="publish-refusal-title" id="publish-refusal">
      <h2 className="error-summary__title" id="publish-refusal-title">
        {t("publish.refused_title")}
      </h2>
      <ul className="error-summary__list">
        {problems.map((p, i) => (
          <li key={i}>
            <a href={problemHref(p, base)}>
              {where(p.question)}:{" "}
              {/* i18n-dynamic: builder:publish.problems. */}
              {t(`publish.problems.${p.code}`, {
                field: p.unit ? field(p.unit) : "",
                language: language(p.lang),
                key: p.target ?? "",
                value: p.value ?? "",
              })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Urdu texts whose English changed after they were translated: the English then and
 * now, a link to change the Urdu, and "Urdu is still right" to confirm it as it is.
 */
export function StaleNotices({ units, base }: { units: TextUnit[]; base: string }) {
  const { t, where, field } = useUnitNames();
  if (units.length === 0) return null;
  return (
    <section className="stale-notices" aria-labelledby="stale-title">
      <h2 id="stale-title">{t("stale.title")}</h2>
      <p>{t("stale.intro")}</p>
      <ul className="card-list">
        {units.map((u) => (
          <li className="card" key={u.id} id={`stale-${u.id.replace(/[^a-z0-9_]/g, "-")}`}>
            <h3 className="card__title">
              {where(u.question)}: {field(u)}
            </h3>
            <dl className="summary-list">
              <dt>{t("stale.was")}</dt>
              <dd>{u.source}</dd>
              <dt>{t("stale.now")}</dt>
              <dd>{u.en}</dd>
              <dt>{t("stale.urdu")}</dt>
              <dd lang="ur" dir="rtl">
                {u.ur}
              </dd>
            </dl>
            <StaffForm className="button-group">
              <input type="hidden" name="unit" value={u.id} />
              <button type="submit" name="intent" value="confirm" className="button button--secondary">
                {t("stale.confirm")}
                <span className="visually-hidden">: {u.question ? `${where(u.question)}, ` : ""}{field(u)}</span>
              </button>
              <a href={unitHref(u, "ur", base)}>{t("stale.change")}</a>
            </StaffForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldError({ id, text }: { id: string; text?: string }) {
  const { t } = useTranslation("common");
  if (!text) return null;
  return (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{t("error_prefix")} </span>
      {text}
    </p>
  );
}

/** A single checkbox with its label (and a hint or error). */
export function Checkbox(props: { id: string; name: string; label: string; hint?: string; error?: string; checked: boolean }) {
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <FieldError id={props.id} text={props.error} />
      <div className="choice">
        <input className="choice__input" type="checkbox" id={props.id} name={props.name} value="yes" defaultChecked={props.checked} aria-describedby={describedBy(props.id, props.hint, props.error)} />
        <label className="choice__label" htmlFor={props.id}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <div className="hint checkbox-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

export interface SelectGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** A labelled select with option groups. */
export function SelectField(props: { id: string; label: string; hint?: string; error?: string; value: string; first: { value: string; label: string }; groups: SelectGroup[] }) {
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <FieldError id={props.id} text={props.error} />
      <select className="select" id={props.id} name={props.id} defaultValue={props.value} aria-describedby={describedBy(props.id, props.hint, props.error)}>
        <option value={props.first.value}>{props.first.label}</option>
        {props.groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A file upload (survey JSON, translations CSV) with its label, hint and error. */
export function FileField(props: { label: string; hint?: string; error?: string; accept: string }) {
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor="file">
        {props.label}
      </label>
      {props.hint ? (
        <div className="hint" id="file-hint">
          {props.hint}
        </div>
      ) : null}
      <FieldError id="file" text={props.error} />
      <input className="file-input" type="file" id="file" name="file" accept={props.accept} aria-describedby={describedBy("file", props.hint, props.error)} />
    </div>
  );
}

/**
 * A table that scrolls sideways on a narrow screen: a focusable, named region, so a
 * keyboard can scroll it too.
 */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

/** A page's links back up the builder: surveys, the survey, the version. */
export function BackLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <p className="back-link-wrap">
      <Link to={to} className="back-link">
        {children}
      </Link>
    </p>
  );
}

/** How a respondent sees an answer value: a scale point's words, an option's label. */
export function useValueLabel() {
  const { t, i18n } = useTranslation("survey");
  return (target: Pick<BuilderQuestion, "type" | "options"> | undefined, value: string): string => {
    if (!target || !(allowedValues(target) ?? []).includes(value)) return value;
    if (target.type === "single_choice" || target.type === "multiple_choice") {
      const o = target.options.find((x) => x.value === value);
      return (i18n.language === "ur" && o?.label_ur) || o?.label_en || value;
    }
    return t(`scale.${target.type}.${value}`);
  };
}

/** A question's text in the page's language, or its English while the Urdu is missing. */
export function useQuestionText() {
  const { i18n } = useTranslation();
  return (q: Pick<BuilderQuestion, "text_en" | "text_ur">) => (i18n.language === "ur" && q.text_ur) || q.text_en;
}
