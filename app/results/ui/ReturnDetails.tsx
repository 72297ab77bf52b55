import type { ReturnRateView } from "../survey-page.server";
import { CountText, useResultsText } from "./figures";
import { countText } from "./format";

/** What a return rate is made of, under it: returned, delivered, bounced, eligible, left out. */
export function ReturnDetails({ view }: { view: ReturnRateView }) {
  const { t, phrase } = useResultsText();
  const lines = [];
  if (view.notForThisCut) lines.push(<li key="cut">{t("return_rate.not_for_this_cut")}</li>);
  if (view.completed !== null) lines.push(<li key="completed">{phrase("return_rate.completed", { completed: countText(view.completed) })}</li>);
  if (view.delivered !== null && view.delivered > 0) {
    lines.push(<li key="delivered">{phrase("return_rate.delivered", { delivered: countText(view.delivered) })}</li>);
  }
  if (view.bounced) {
    lines.push(
      <li key="bounced">
        {t("return_rate.bounced")} <CountText cell={view.bounced} />
      </li>,
    );
  }
  if (view.eligible !== null) lines.push(<li key="eligible">{phrase("return_rate.eligible", { eligible: countText(view.eligible) })}</li>);
  if (view.campaignsWithoutDenominator > 0) {
    lines.push(<li key="left-out">{phrase("return_rate.left_out", { campaigns: countText(view.campaignsWithoutDenominator) })}</li>);
  }
  return lines.length ? <ul className="results-details">{lines}</ul> : null;
}
