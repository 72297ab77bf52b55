import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { TallyListRowView } from "./tally-page.server";

/** The campaign's tallies, newest first; a live one can be voided, a voided one says who, when and why. */
export function TallyList({ campaignId, tallies }: { campaignId: number; tallies: TallyListRowView[] }) {
  const { t } = useTranslation("campaigns");
  return (
    <section>
      <h2 id="tallies-title">{t("tally.list_title")}</h2>
      {tallies.length === 0 ? (
        <p>{t("tally.list_empty")}</p>
      ) : (
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="tallies-title">
          <table>
            <caption className="visually-hidden">{t("tally.list_title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tally.col_tally")}</th>
                {tallies[0].counts.map((c) => (
                  <th scope="col" key={c.value}>
                    {c.label}
                  </th>
                ))}
                <th scope="col">{t("tally.col_total")}</th>
                <th scope="col">{t("tally.col_keyed")}</th>
                <th scope="col">{t("tally.col_status")}</th>
              </tr>
            </thead>
            <tbody>
              {tallies.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.service}, <bdi>{row.month}</bdi>, {row.language}
                  </th>
                  {row.counts.map((c) => (
                    <td key={c.value}>
                      <bdi>{c.n}</bdi>
                    </td>
                  ))}
                  <td>
                    <bdi>{row.total}</bdi>
                  </td>
                  <td>
                    {row.keyedBy}, <bdi>{row.keyedOn}</bdi>
                  </td>
                  <td>
                    {row.voided ? (
                      t("tally.voided_status", { date: row.voided.on, name: row.voided.by, reason: row.voided.reason })
                    ) : (
                      <>
                        {t("tally.counted")}{" "}
                        <Link to={`/staff/campaigns/${campaignId}/tallies/${row.id}/void`}>
                          {t("tally.void_link")}
                          <span className="visually-hidden"> {t("tally.void_link_context", { service: row.service, month: row.month })}</span>
                        </Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
