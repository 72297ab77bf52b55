import { useTranslation } from "react-i18next";

/** A labelled select with hint and error, in the same pattern as TextField. */
export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  /** The first, empty choice ("Choose ..."). */
  placeholder: string;
  options: { value: string; label: string }[];
}) {
  const { id, name, label, hint, error, value, placeholder, options } = props;
  const { t } = useTranslation("common");
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t("error_prefix")} </span>
          {error}
        </p>
      ) : null}
      <select
        className={`select${error ? " input--error" : ""}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy}
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
