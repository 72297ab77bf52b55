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
        // A list, not a table: it sits inside the figures' summary list and must reflow at 320 px.
        <>
          <p className="results-details__title">{t("return_rate.by_channel")}</p>
          <ul className="results-details">
            {view.channels.map((c) => (
              <li key={c.channel}>
                <bdi>{c.label}</bdi>: <FigureText figure={c.figure} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {lines.length ? <ul className="results-details">{lines}</ul> : null}
    </>
  );
}
