import { Form } from "@remix-run/react";
import { FilterButtons } from "~/ui/forms";
import { useResultsText } from "./figures";

export interface SelectChoice {
  value: string;
  label: string;
}

export interface FilterSelect {
  name: string;
  label: string;
  /** The first option's words: "All campaigns". */
  all: string;
  value: string;
  choices?: SelectChoice[];
  /** Choices under headings (terms, then months). */
  groups?: { label: string; choices: SelectChoice[] }[];
  hint?: string;
}

/** The campaign and period filters every results page has, with their words. */
export function useCommonSelects() {
  const { t } = useResultsText();
  return {
    campaign: (value: string, choices: SelectChoice[]): FilterSelect => ({
      name: "campaign",
      label: t("filters.campaign"),
      all: t("filters.all_campaigns"),
      value,
      choices,
    }),
    period: (value: string, terms: SelectChoice[], months: SelectChoice[]): FilterSelect => ({
      name: "period",
      label: t("filters.period"),
      all: t("filters.all_periods"),
      value,
      groups: [
        { label: t("filters.terms"), choices: terms },
        { label: t("filters.months"), choices: months },
      ],
    }),
  };
}

/**
 * The results filters: a plain GET form, so a filtered page has its own address (to
 * bookmark, share or print) and works without JavaScript.
 */
export function Filters({ selects, action, clearTo }: { selects: FilterSelect[]; action: string; clearTo: string }) {
  const { t } = useResultsText();
  return (
    // Keyed by the values, so the selects show the filters in use after each search.
    <Form method="get" action={action} className="results-filters" key={selects.map((s) => s.value).join("|")}>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t("filters.legend")}</legend>
        <div className="results-filters__fields">
          {selects.map((s) => (
            <div className="form-group results-filters__field" key={s.name}>
              <label className="label" htmlFor={`filter-${s.name}`}>
                {s.label}
              </label>
              {s.hint ? (
                <div className="hint" id={`filter-${s.name}-hint`}>
                  {s.hint}
                </div>
              ) : null}
              <select
                className="select"
                id={`filter-${s.name}`}
                name={s.name}
                defaultValue={s.value}
                aria-describedby={s.hint ? `filter-${s.name}-hint` : undefined}
              >
                <option value="">{s.all}</option>
                {s.choices?.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
                {s.groups?.map((g) =>
                  g.choices.length ? (
                    <optgroup key={g.label} label={g.label}>
                      {g.choices.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </optgroup>
                  ) : null,
                )}
              </select>
            </div>
          ))}
        </div>
      </fieldset>
      <FilterButtons apply={t("filters.apply")} clear={t("filters.clear")} clearTo={clearTo} />
    </Form>
  );
}
