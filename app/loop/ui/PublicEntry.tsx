import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { LOOP_RATINGS } from "@db/schema";
import { ChoiceField, FilterButtons, SelectField } from "~/ui/forms";
import type { Choice, EntryView, LangText, OrganisationGroup } from "../public-view.server";

type Level = 1 | 2 | 3 | 4;
type Heading = "h1" | "h2" | "h3" | "h4" | "h5";
const heading = (level: number) => `h${Math.min(level, 5)}` as Heading;

export const entryPath = (id: number) => `/you-said-we-did/${id}`;

/** A text from the database in its own language (the English stands in for a missing Urdu). */
export function Text({ value, as: Tag = "p", className }: { value: LangText; as?: "p" | "span"; className?: string }) {
  const { i18n } = useTranslation();
  const own = value.lang === i18n.language;
  return (
    <Tag className={className} lang={own ? undefined : value.lang} dir={own ? undefined : value.lang === "ur" ? "rtl" : "ltr"}>
      {value.text}
    </Tag>
  );
}

/**
 * One public entry: what families said, what was done (or is being done, or is
 * overdue — said in words, not only colour), how many raised it, dated updates.
 * `level` is its heading's level; `titleLink` makes the heading a link to its page.
 */
export function PublicEntryCard({
  entry,
  level,
  titleLink,
  showService,
  children,
}: {
  entry: EntryView;
  level: Level;
  titleLink?: boolean;
  showService?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation(["yswd", "loop_common"]);
  const H = heading(level);
  const Part = heading(level + 1);
  const titleId = `entry-${entry.id}-title`;
  const title = t("yswd:entry_title", { theme: entry.theme, term: entry.term });
  return (
    <article className="yswd-entry" aria-labelledby={level === 1 ? undefined : titleId}>
      {level === 1 ? null : (
        <H className="yswd-entry__title" id={titleId}>
          {titleLink ? <Link to={entryPath(entry.id)}>{title}</Link> : title}
        </H>
      )}
      {showService || entry.also.length ? (
        <dl className="yswd-entry__meta">
          {showService ? (
            <>
              <dt>{t("yswd:meta.service")}</dt>
              <dd>
                {entry.service} <span className="yswd-entry__org">({entry.organisation})</span>
              </dd>
            </>
          ) : null}
          {entry.also.length ? (
            <>
              <dt>{t("yswd:meta.also")}</dt>
              <dd>{entry.also.join(t("yswd:list_separator"))}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <div className="yswd-pair">
        <div className="yswd-pair__part">
          <Part className="yswd-pair__heading">{t("loop_common:youSaid")}</Part>
          <Text value={entry.youSaid} className="yswd-pair__text" />
          <p className="yswd-entry__families">{entry.families}</p>
        </div>
        {entry.did ? (
          <div className="yswd-pair__part yswd-pair__part--did">
            <Part className="yswd-pair__heading">{t("loop_common:weDid")}</Part>
            <p className={`yswd-outcome yswd-outcome--${entry.did.outcome}`}>
              <span className="yswd-outcome__label">{t("yswd:outcome")}</span> {entry.did.outcomeLabel}
            </p>
            <Text value={entry.did.weDid} className="yswd-pair__text" />
            {entry.did.inPlaceSince ? <p className="yswd-entry__since">{entry.did.inPlaceSince}</p> : null}
          </div>
        ) : null}
        {entry.doing ? (
          <div className="yswd-pair__part yswd-pair__part--doing">
            <Part className="yswd-pair__heading">{t("loop_common:weAreDoing")}</Part>
            <p className={entry.doing.overdue ? "yswd-due yswd-due--overdue" : "yswd-due"}>
              <strong>{entry.doing.line}</strong>
            </p>
          </div>
        ) : null}
      </div>
      {entry.updates.length ? (
        <div className="yswd-updates">
          <Part className="yswd-pair__heading">{t("yswd:updates_title")}</Part>
          <ul className="yswd-updates__list">
            {entry.updates.map((u) => (
              <li key={u.iso}>
                <time dateTime={u.iso}>{u.date}</time>
                <Text value={u.text} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
    </article>
  );
}

export type RatingState = "ask" | "thanks" | "already";

/** "Did this help?": radios and a button (a plain POST to the entry's page), or the thanks after answering. */
export function RatingBlock({
  entryId,
  state,
  error,
  selected,
}: {
  entryId: number;
  state: RatingState;
  error?: string;
  selected?: string;
}) {
  const { t } = useTranslation(["yswd", "loop_common"]);
  if (state !== "ask") {
    return (
      <div className="yswd-rating yswd-rating--done">
        <p role="status">{state === "thanks" ? t("yswd:rating.thanks") : t("yswd:rating.already")}</p>
        <p>
          <Link to={`${entryPath(entryId)}/look-again`}>{t("yswd:rating.look_again")}</Link>
        </p>
      </div>
    );
  }
  return (
    <Form method="post" action={entryPath(entryId)} className="yswd-rating" preventScrollReset>
      {/* i18n-dynamic: loop_common:ratings. */}
      <ChoiceField
        id={`rating-${entryId}`}
        name="rating"
        label={t("yswd:rating.legend")}
        error={error}
        selected={selected ? [selected] : []}
        options={LOOP_RATINGS.map((r) => ({
          value: r,
          label: t(`loop_common:ratings.${r}`),
        }))}
      />
      <button type="submit" className="button button--secondary">
        {t("yswd:rating.submit")}
      </button>
    </Form>
  );
}

/** The filters: a plain GET form, so a filtered page has its own address to share or print. */
export function PublicFilters({
  action,
  choices,
  values,
}: {
  action: string;
  choices: {
    organisations: Choice[];
    services: Choice[];
    terms: Choice[];
    themes: Choice[];
  };
  values: {
    organisation: string;
    service: string;
    term: string;
    theme: string;
  };
}) {
  const { t } = useTranslation("yswd");
  const selects = [
    {
      name: "organisation",
      label: t("filters.organisation"),
      all: t("filters.all_organisations"),
      options: choices.organisations,
    },
    {
      name: "service",
      label: t("filters.service"),
      all: t("filters.all_services"),
      options: choices.services,
    },
    {
      name: "term",
      label: t("filters.term"),
      all: t("filters.all_terms"),
      options: choices.terms,
    },
    {
      name: "theme",
      label: t("filters.theme"),
      all: t("filters.all_themes"),
      options: choices.themes,
    },
  ] as const;
  return (
    <Form method="get" action={action} className="results-filters yswd-filters" key={Object.values(values).join("|")}>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t("filters.legend")}</legend>
        <div className="results-filters__fields">
          {selects.map((s) => (
            <div className="results-filters__field" key={s.name}>
              <SelectField
                id={`filter-${s.name}`}
                name={s.name}
                label={s.label}
                placeholder={s.all}
                value={values[s.name]}
                options={[...s.options]}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <FilterButtons apply={t("filters.apply")} clear={t("filters.clear")} clearTo={action} />
    </Form>
  );
}

/** Entries under their organisation (h2) and lead service (h3); each entry's heading is an h4. */
export function EntryGroups({ groups, renderEntry }: { groups: OrganisationGroup[]; renderEntry: (entry: EntryView) => React.ReactNode }) {
  return (
    <>
      {groups.map((org) => (
        <section key={org.key} className="yswd-org" aria-labelledby={`org-${org.key}`}>
          <h2 id={`org-${org.key}`}>{org.name}</h2>
          {org.services.map((service) => (
            <section key={service.key} className="yswd-service" aria-labelledby={`service-${org.key}-${service.key}`}>
              <h3 id={`service-${org.key}-${service.key}`}>{service.name}</h3>
              {service.entries.map(renderEntry)}
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
