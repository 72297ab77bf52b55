import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";

export interface SummaryError {
  /** The id of the field (or first radio) the link lands on. */
  href: string;
  text: string;
}

/**
 * GOV.UK error summary: first on the page, focused on load, links to each field. `autoFocus`
 * focuses it on pages served without scripts; the effect does it when a hydrated page shows
 * new errors without a page load.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const { t } = useTranslation("survey");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" autoFocus>
      <h2 className="error-summary__title" id="error-summary-title">
        {t("error_summary_title")}
      </h2>
      <ul className="error-summary__list">
        {errors.map((e) => (
          <li key={e.href}>
            <a href={`#${e.href}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorMessage({ id, text }: { id: string; text?: string }) {
  const { t } = useTranslation("common");
  if (!text) return null;
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">{t("error_prefix")} </span>
      {text}
    </p>
  );
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optionalText?: string;
}

function describedBy(id: string, hint?: string, error?: string, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, extra ?? null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Radios or checkboxes in a fieldset with a legend; the first input carries the field id. */
export function ChoiceField(
  props: FieldProps & {
    multiple?: boolean;
    options: { value: string; label: string }[];
    selected: string[];
    /** Visually separates a trailing "don't know" answer. */
    dividerBefore?: string;
    extraHint?: string;
  },
) {
  const { id, name, label, hint, error, options, selected, multiple, optionalText } = props;
  const type = multiple ? "checkbox" : "radio";
  const extraId = props.extraHint ? `${id}-extra-hint` : undefined;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error, extraId)}>
        <legend className="fieldset__legend">
          {label}
          {optionalText ? <span className="optional"> {optionalText}</span> : null}
        </legend>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {props.extraHint ? (
          <div className="hint" id={extraId}>
            {props.extraHint}
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`} text={error} />
        <div className={multiple ? "checkboxes" : "radios"}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div key={o.value}>
                {props.dividerBefore === o.value ? <div className="radios__divider" aria-hidden="true" /> : null}
                <div className="choice">
                  <input
                    className="choice__input"
                    id={inputId}
                    name={name}
                    type={type}
                    value={o.value}
                    defaultChecked={selected.includes(o.value)}
                  />
                  <label className="choice__label" htmlFor={inputId}>
                    {o.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A labelled text input or textarea with hint and error. */
export function TextField(
  props: FieldProps & {
    multiline?: boolean;
    value: string;
    limitHint?: string;
    type?: "text" | "email" | "password" | "date" | "number";
    autoComplete?: string;
    rows?: number;
    /** The language of the text typed in, when it differs from the page's (an Urdu text on an English page). */
    inputLang?: "en" | "ur";
  },
) {
  const { id, name, label, hint, error, value, multiline, optionalText } = props;
  const limitId = props.limitHint ? `${id}-limit` : undefined;
  const aria = describedBy(id, hint, error, limitId);
  const lang = props.inputLang ? { lang: props.inputLang, dir: props.inputLang === "ur" ? "rtl" : "ltr" } : {};
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
        {optionalText ? <span className="optional"> {optionalText}</span> : null}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {props.limitHint ? (
        <div className="hint" id={limitId}>
          {props.limitHint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} text={error} />
      {multiline ? (
        <textarea
          className={`textarea${error ? " input--error" : ""}`}
          id={id}
          name={name}
          rows={props.rows ?? 5}
          defaultValue={value}
          aria-describedby={aria}
          aria-invalid={error ? true : undefined}
          {...lang}
        />
      ) : (
        <input
          className={`input${error ? " input--error" : ""}`}
          id={id}
          name={name}
          type={props.type ?? "text"}
          autoComplete={props.autoComplete}
          defaultValue={value}
          aria-describedby={aria}
          aria-invalid={error ? true : undefined}
          {...lang}
        />
      )}
    </div>
  );
}

/** A labelled select with hint and error, in the same pattern as TextField. */
export function SelectField(
  props: FieldProps & {
    value: string;
    /** The first, empty choice ("Choose ..."). */
    placeholder: string;
    options: { value: string; label: string }[];
  },
) {
  const { id, name, label, hint, error, value, placeholder, options } = props;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} text={error} />
      <select
        className={`select${error ? " input--error" : ""}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET filter form's buttons: show what is chosen, or go back to everything. */
export function FilterButtons({ apply, clear, clearTo }: { apply: string; clear: string; clearTo: string }) {
  return (
    <div className="button-group">
      <button type="submit" className="button">
        {apply}
      </button>
      <Link to={clearTo} className="button button--secondary">
        {clear}
      </Link>
    </div>
  );
}
