import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { posterLink, qrCodeSvg } from "~/campaigns/poster.server";
import { TextWithBdi, bdiMarks } from "~/campaigns/ui";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const { campaign, version } = await requireCampaignForUser(db, user, params.id);
  // The poster's language is the page's: ?lng=en or ?lng=ur.
  const lng = languageFromRequest(request);
  const t = getFixedT(lng, "campaigns");
  const link = posterLink(env.PUBLIC_URL, campaign.slug, lng);
  return json({
    pageTitle: t("poster.title", { name: pick(campaign, "name", lng) }),
    id: campaign.id,
    lng,
    surveyTitle: pick(version, "title", lng),
    closes: formatDate(campaign.closes_at, lng),
    anonymous: Boolean(campaign.anonymous),
    link,
    svg: await qrCodeSvg(link, t("poster.qr_label", { url: link })),
  });
}

export default function Poster() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("campaigns");
  const other = data.lng === "ur" ? "en" : "ur";
  return (
    <>
      <div className="poster-tools">
        <p>{t("poster.print_hint")}</p>
        <ul>
          <li>
            <Link to={`/staff/campaigns/${data.id}/poster?lng=${other}`} hrefLang={other}>
              {other === "ur" ? t("poster.in_urdu") : t("poster.in_english")}
            </Link>
          </li>
          <li>
            <Link to={`/staff/campaigns/${data.id}`}>{t("poster.back")}</Link>
          </li>
        </ul>
      </div>
      <article className="poster" aria-labelledby="poster-title">
        <p className="poster__kicker">{t("poster.heading")}</p>
        <h1 id="poster-title" className="poster__title">
          {data.surveyTitle}
        </h1>
        <p className="poster__text">{t("poster.invite")}</p>
        {data.anonymous ? <p className="poster__text">{t("poster.anonymous")}</p> : null}
        <p className="poster__text">
          <TextWithBdi text={t("poster.closes", bdiMarks({ date: data.closes }))} values={{ date: data.closes }} />
        </p>
        {/* The SVG is made on the server by the qrcode package from our own link: no user HTML. */}
        <div className="poster__qr" dangerouslySetInnerHTML={{ __html: data.svg }} />
        <p className="poster__text">{t("poster.scan")}</p>
        <p className="poster__link long-link">
          <bdi>{data.link}</bdi>
        </p>
      </article>
    </>
  );
}
