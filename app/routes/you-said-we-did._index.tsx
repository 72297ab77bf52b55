import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT } from "~/i18n/i18n";
import { loadPublicList } from "~/loop/public-view.server";
import { readRatedIds } from "~/loop/rating-cookie";
import { EntryGroups, PublicEntryCard, PublicFilters, RatingBlock } from "~/loop/ui/PublicEntry";
import { publicLoopLinks } from "~/loop/ui/public-styles";
import { ErrorPage } from "~/ui/ErrorPage";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

// "You Said, We Did" for everyone: no account, no JavaScript needed.

export const links = publicLoopLinks;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await loadPublicList(context.db, request, context.env.SUPPRESSION_THRESHOLD);
  const t = getFixedT(list.lng, "yswd");
  return json({
    ...list,
    pageTitle: t("title"),
    feedTitle: t("feed.link_title"),
    rated: readRatedIds(request),
  });
}

/** Feed readers find the Atom feed in the page's language from here. */
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: data.feedTitle,
          href: `/you-said-we-did/feed.xml?lng=${data.lng}`,
        },
      ]
    : [];

export default function YouSaidWeDid() {
  const { groups, count, filtered, choices, values, query, rated, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("yswd");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>{t("intro_more")}</p>
      <ul className="link-list yswd-links">
        <li>
          <Link to="/you-said-we-did/subscribe">{t("links.subscribe")}</Link>
        </li>
        <li>
          <Link to={`/you-said-we-did/print${query}`}>{t("links.print")}</Link>
        </li>
        <li>
          <a href={`/you-said-we-did/feed.xml?lng=${lng}`} type="application/atom+xml">
            {t("links.feed")}
          </a>
        </li>
      </ul>
      <PublicFilters action="/you-said-we-did" choices={choices} values={values} />
      <p role="status" className="yswd-count">
        {t("count", { n: count })}
      </p>
      {count === 0 ? (
        <p className="inset">{filtered ? t("empty_filtered") : t("empty")}</p>
      ) : (
        <EntryGroups
          groups={groups}
          renderEntry={(entry) => (
            <PublicEntryCard key={entry.id} entry={entry} level={4} titleLink>
              {entry.canRate ? <RatingBlock entryId={entry.id} state={rated.includes(entry.id) ? "already" : "ask"} /> : null}
            </PublicEntryCard>
          )}
        />
      )}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
