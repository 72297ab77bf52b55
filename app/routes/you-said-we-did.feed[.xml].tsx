import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT, type Language } from "~/i18n/i18n";
import { escapeHtml, renderAtom } from "~/loop/feed";
import { listPublicEntries } from "~/loop/public.server";
import { entryHeading, entryParagraphs, entryView } from "~/loop/public-view.server";

// The Atom feed of public entries, one per language: /you-said-we-did/feed.xml (English)
// and ?lng=ur (Urdu). Feed readers keep no cookie, so only ?lng= chooses.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lng: Language = new URL(request.url).searchParams.get("lng") === "ur" ? "ur" : "en";
  const { db, env } = context;
  const base = env.PUBLIC_URL;
  const t = getFixedT(lng, "yswd");
  const now = new Date();
  const entries = await listPublicEntries(db, {}, now, env.SUPPRESSION_THRESHOLD);
  const pageUrl = `${base}/you-said-we-did?lng=${lng}`;
  const xml = renderAtom({
    lang: lng,
    id: `${base}/you-said-we-did/feed.xml?lng=${lng}`,
    title: t("title"),
    subtitle: t("intro"),
    author: getFixedT(lng, "common")("app_name"),
    selfUrl: `${base}/you-said-we-did/feed.xml?lng=${lng}`,
    alternateUrl: pageUrl,
    updated:
      entries
        .map((e) => e.updatedAt)
        .sort()
        .pop() ?? now.toISOString(),
    entries: entries.map((entry) => {
      const view = entryView(entry, lng);
      const link = `${base}/you-said-we-did/${entry.id}?lng=${lng}`;
      return {
        id: link,
        title: entryHeading(view, lng),
        updated: entry.updatedAt,
        published: entry.publicSince,
        link,
        html: entryParagraphs(view, lng)
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join(""),
      };
    }),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
