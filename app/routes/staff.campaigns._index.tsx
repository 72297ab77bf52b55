import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { canEnter } from "~/auth/permissions";
import { requireStaffUser } from "~/auth/session.server";
import { listCampaignsForUser } from "~/campaigns/campaigns.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const lng = languageFromRequest(request);
  const rows = await listCampaignsForUser(db, user, new Date());
  return json({
    pageTitle: getFixedT(lng, "campaigns")("list.title"),
    canCreate: canEnter(user, "campaign_setup"),
    isAdmin: user.role === "admin",
    campaigns: rows.map((r) => ({
      id: r.id,
      name: pick(r, "name", lng),
      survey: pick(r, "title", lng),
      services: r.services.map((s) => pick(s, "name", lng)),
      opens: formatDate(r.opens_at, lng),
      closes: formatDate(r.closes_at, lng),
      open: r.open,
      invited: r.invited,
      completed: r.completed,
    })),
  });
}

export default function CampaignList() {
  const { campaigns, canCreate, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation("campaigns");
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p>{isAdmin ? t("list.intro_admin") : t("list.intro_service")}</p>
      {canCreate ? (
        <p>
          <Link to="/staff/campaigns/new" className="button">
            {t("list.new")}
          </Link>
        </p>
      ) : null}
      {campaigns.length === 0 ? (
        <p className="inset">{t("list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.campaign")}</th>
                <th scope="col">{t("list.survey")}</th>
                <th scope="col">{t("list.services")}</th>
                <th scope="col">{t("list.dates")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.invited")}</th>
                <th scope="col">{t("list.completed")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/staff/campaigns/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{c.survey}</td>
                  <td>{c.services.join(t("list.separator"))}</td>
                  <td>
                    <bdi>{c.opens}</bdi> – <bdi>{c.closes}</bdi>
                  </td>
                  <td>
                    <span className="tag">{c.open ? t("status.open") : t("status.closed")}</span>
                  </td>
                  <td>
                    <bdi>{c.invited}</bdi>
                  </td>
                  <td>
                    <bdi>{c.completed}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
