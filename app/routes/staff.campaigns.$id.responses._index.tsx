import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireStaffUser } from "~/auth/session.server";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { listKeyedResponses } from "~/campaigns/keyed-corrections.server";
import { formatDate } from "~/i18n/format";
import { getFixedT, languageFromRequest, pick } from "~/i18n/i18n";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const user = await requireStaffUser(db, request, "campaigns");
  const { campaign, services, scope } = await requireCampaignForUser(db, user, params.id);
  const lng = languageFromRequest(request);
  const t = getFixedT(lng, "campaigns");
  const serviceName = new Map(services.map((s) => [s.id, pick(s, "name", lng)]));
  const rows = await listKeyedResponses(db, campaign.id, scope);
  return json({
    pageTitle: t("keyed_list.title"),
    id: campaign.id,
    name: pick(campaign, "name", lng),
    rows: rows.map((r, i) => ({
      id: r.id,
      row: rows.length - i,
      keyedBy: r.keyedBy,
      keyedOn: formatDate(r.keyedAt, lng),
      completedOn: formatDate(r.completedOn, lng),
      // i18n-dynamic: campaigns:keyed.channels.
      channel: t(`keyed.channels.${r.channel}`),
      service: r.serviceId ? (serviceName.get(r.serviceId) ?? "") : "",
      // i18n-dynamic: campaigns:keyed_list.corrected_ (plural forms)
      status: r.voidedAt ? t("keyed_list.voided") : r.corrections > 0 ? t(`keyed_list.corrected`, { count: r.corrections }) : t("keyed_list.counted"),
    })),
  });
}

export default function KeyedResponses() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("campaigns");
  const base = `/staff/campaigns/${data.id}`;
  return (
    <>
      <span className="caption">{data.name}</span>
      <h1>{t("keyed_list.title")}</h1>
      <p>{t("keyed_list.intro")}</p>
      <p>
        <Link to={`${base}/responses/new`} className="button">
          {t("keyed_list.key_in")}
        </Link>
      </p>
      {data.rows.length === 0 ? (
        <p>{t("keyed_list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("keyed_list.row")}</th>
                <th scope="col">{t("keyed_list.completed_on")}</th>
                <th scope="col">{t("keyed_list.channel")}</th>
                <th scope="col">{t("keyed_list.service")}</th>
                <th scope="col">{t("keyed_list.keyed_by")}</th>
                <th scope="col">{t("keyed_list.keyed_on")}</th>
                <th scope="col">{t("keyed_list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`${base}/responses/${r.id}`}>
                      {t("keyed_list.open")}
                      <span className="visually-hidden"> {t("keyed_list.open_hidden", { row: r.row })}</span>
                    </Link>
                  </td>
                  <td>{r.completedOn}</td>
                  <td>{r.channel}</td>
                  <td>{r.service}</td>
                  <td>
                    <bdi>{r.keyedBy}</bdi>
                  </td>
                  <td>{r.keyedOn}</td>
                  <td>{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={base}>{t("keyed_list.back")}</Link>
      </p>
    </>
  );
}
