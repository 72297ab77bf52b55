import type { ReturnRateView } from "../return-rate-view";
import { CountText, FigureText, useResultsText } from "./figures";
import { countText } from "./format";

/**
 * What a return rate is made of, under it: each channel's rate, the denominators, and
 * the responses left out for want of one ("3 open-link responses have no denominator").
 */
export function ReturnDetails({ view }: { view: ReturnRateView }) {
  const { t, phrase } = useResultsText();
  const lines = [];
  if (view.notForThisCut) lines.push(<li key="cut">{t("return_rate.not_for_this_cut")}</li>);
  if (view.byPeriod) lines.push(<li key="period">{t("return_rate.period_note")}</li>);
  if (view.delivered !== null) lines.push(<li key="delivered">{phrase("return_rate.delivered", { delivered: countText(view.delivered) })}</li>);
  if (view.eligible !== null) lines.push(<li key="eligible">{phrase("return_rate.eligible", { eligible: countText(view.eligible) })}</li>);
  for (const w of view.withoutDenominator) {
    lines.push(
      <li key={`without-${w.channel}`}>
        {w.responses.kind === "shown" ? (
          // i18n-dynamic: results:return_rate.without_denominator.
          phrase(`return_rate.without_denominator.${w.channel}`, { count: countText(w.responses.count) })
        ) : (
          <>
            {t("return_rate.without_denominator_hidden", { channel: w.label })} <CountText cell={w.responses} />
          </>
        )}
      </li>,
    );
  }
  return (
    <>
      {view.channels.length > 0 ? (
        <div className="table-wrap">
          <table className="results-table">
            <caption>{t("return_rate.by_channel")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("return_rate.channel")}</th>
                <th scope="col">{t("return_rate.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {view.channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{c.label}</th>
                  <td>
                    <FigureText figure={c.figure} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {lines.length ? <ul className="results-details">{lines}</ul> : null}
    </>
  );
}
