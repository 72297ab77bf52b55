import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n";
import { loadPublicList } from "~/loop/public-view.server";
import { EntryGroups, PublicEntryCard } from "~/loop/ui/PublicEntry";
import { publicLoopLinks } from "~/loop/ui/public-styles";
import { ErrorPage } from "~/ui/ErrorPage";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// The same entries and filters as /you-said-we-did, laid out for a ward or school
// noticeboard: large type, no forms, each entry kept whole on an A4 page.

export const links = publicLoopLinks;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const now = new Date();
  const list = await loadPublicList(db, request, env.SUPPRESSION_THRESHOLD, now);
  const t = getFixedT(list.lng, "yswd");
  const chosen = (["organisation", "service", "term", "theme"] as const)
    .map((name) => list.choices[`${name}s`].find((c) => c.value === list.values[name])?.label)
    .filter((label): label is string => !!label);
  return json({
    pageTitle: t("print.title"),
    groups: list.groups,
    count: list.count,
    filtered: list.filtered,
    chosen,
    query: list.query,
    address: `${env.PUBLIC_URL}/you-said-we-did`,
    date: formatDate(now.toISOString(), list.lng),
  });
}

export default function PrintYouSaidWeDid() {
  const { groups, count, filtered, chosen, query, address, date } = useLoaderData<typeof loader>();
  const { t } = useTranslation("yswd");
  return (
    <div className="yswd-print">
      <div className="yswd-print__screen-only inset">
        <p>{t("print.hint")}</p>
        <p>
          <Link to={`/you-said-we-did${query}`}>{t("print.back")}</Link>
        </p>
      </div>
      <h1>{t("title")}</h1>
      {chosen.length ? <p className="lead">{t("print.showing", { filters: chosen.join(t("list_separator")) })}</p> : null}
      <p>{t("intro")}</p>
      {count === 0 ? (
        <p className="inset">{filtered ? t("empty_filtered") : t("empty")}</p>
      ) : (
        <EntryGroups groups={groups} renderEntry={(entry) => <PublicEntryCard key={entry.id} entry={entry} level={4} />} />
      )}
      <p className="yswd-print__source">
        {t("print.source", { date })} <bdi>{address}</bdi>
      </p>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
