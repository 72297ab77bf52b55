import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { listOpenCampaigns } from "~/surveys/surveys.server";
import { KEEP_RENDERED } from "~/ui/page-handle";

export const handle = KEEP_RENDERED;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lng = languageFromRequest(request);
  const campaigns = await listOpenCampaigns(context.db, new Date());
  const t = getFixedT(lng);
  return json({
    pageTitle: t("home.title"),
    surveys: campaigns.map((c) => ({
      slug: c.slug,
      title: pick(c, "title", lng),
      name: pick(c, "name", lng),
      closes: formatDate(c.closes_at, lng),
    })),
  });
}

export default function Home() {
  const { surveys } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["common", "yswd"]);
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <p>{t("home.anonymous_note")}</p>
      <p>
        <Link to="/you-said-we-did">{t("yswd:home_link")}</Link>
      </p>
      {surveys.length === 0 ? (
        <p className="inset">{t("home.empty")}</p>
      ) : (
        <ul className="card-list">
          {surveys.map((s) => (
            <li key={s.slug} className="card">
              <h2 className="card__title">
                <Link to={`/s/${s.slug}`}>{s.title}</Link>
              </h2>
              <p className="card__meta">{s.name}</p>
              <p className="card__meta">{t("home.closes", { date: s.closes })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
