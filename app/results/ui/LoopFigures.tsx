/**
 * The You Said, We Did section of the board dashboard: every service by term, then
 * each service in the chosen term. Entry counts are plain numbers (never hidden);
 * shares are figures with their count and interval; "Did it help?" is hidden under the
 * threshold for the PCF and the board like every other figure from families' answers.
 */
import type { LoopDashboardView } from "~/loop/figures.server";
import type { LoopFigures, LoopServiceFigures } from "~/loop/figures";
import { CountText, FigureCells, FigureHeads, Num, useResultsText } from "./figures";
import { countText } from "./format";

/** "12" or "12.5" days; a dash with words when nothing closed. */
function MedianDays({ days }: { days: number | null }) {
  const { t } = useResultsText();
  if (days === null) return <span className="figure--not-available">{t("loop.none_closed")}</span>;
  return <Num>{Number.isInteger(days) ? String(days) : days.toFixed(1)}</Num>;
}

/** A heading over one column of numbers, spanning both heading rows. */
function NumberHead({ label }: { label: string }) {
  return (
    <th scope="col" rowSpan={2} className="numeric">
      {label}
    </th>
  );
}

/** Two heading rows: single columns, and the two figures' %, n and interval under their names. */
function Heads({ first, withParts }: { first: string; withParts: boolean }) {
  const { t } = useResultsText();
  return (
    <thead>
      <tr>
        <th scope="col" rowSpan={2}>
          {first}
        </th>
        <NumberHead label={t("loop.opened")} />
        <NumberHead label={t("loop.closed")} />
        <th scope="colgroup" colSpan={3}>
          {t("loop.on_time")}
        </th>
        <NumberHead label={t("loop.median_days")} />
        {withParts ? null : <NumberHead label={t("loop.overdue_now")} />}
        <th scope="colgroup" colSpan={3}>
          {t("loop.helped")}
        </th>
        {withParts ? (
          <>
            <NumberHead label={t("loop.partly")} />
            <NumberHead label={t("loop.no")} />
          </>
        ) : null}
      </tr>
      <tr>
        <FigureHeads figureHeading={t("loop.percent_on_time")} />
        <FigureHeads figureHeading={t("loop.percent_yes")} />
      </tr>
    </thead>
  );
}

function CommonCells({ figures }: { figures: LoopFigures | LoopServiceFigures }) {
  return (
    <>
      <td className="numeric">
        <Num>{countText(figures.opened)}</Num>
      </td>
      <td className="numeric">
        <Num>{countText(figures.closed)}</Num>
      </td>
      <FigureCells figure={figures.onTime} />
      <td className="numeric">
        <MedianDays days={figures.medianDays} />
      </td>
    </>
  );
}

export function LoopFiguresSection({ loop, term, csvHref }: { loop: LoopDashboardView; term: string; csvHref: string }) {
  const { t, phrase } = useResultsText();
  return (
    <section className="loop-figures" aria-labelledby="loop-figures-title">
      <h2 id="loop-figures-title">{t("loop.title")}</h2>
      <p>{t("loop.intro")}</p>
      <p className="loop-figures__overdue">{phrase("loop.overdue_sentence", { count: countText(loop.overdueNow) })}</p>
      <p className="results-downloads">
        <a href={csvHref} download>
          {t("downloads.loop")}
        </a>
      </p>
      <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="loop-by-term">
        <table className="co-table">
          <caption id="loop-by-term">{t("loop.by_term_caption")}</caption>
          <Heads first={t("table.term")} withParts />
          <tbody>
            {loop.byTerm.map((row) => (
              <tr key={row.term}>
                <th scope="row">{row.label}</th>
                <CommonCells figures={row.figures} />
                <FigureCells figure={row.figures.helped} />
                <td className="numeric">
                  <CountText cell={row.figures.partly} />
                </td>
                <td className="numeric">
                  <CountText cell={row.figures.no} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loop.byService.length === 0 ? (
        <p className="inset">{t("loop.no_entries")}</p>
      ) : (
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="loop-by-service">
          <table className="co-table">
            <caption id="loop-by-service">{t("loop.by_service_caption", { term })}</caption>
            <Heads first={t("loop.service")} withParts={false} />
            <tbody>
              {loop.byService.map((row) => (
                <tr key={row.serviceId}>
                  <th scope="row">{row.name}</th>
                  <CommonCells figures={row.figures} />
                  <td className="numeric">
                    <Num>{countText(row.overdueNow)}</Num>
                  </td>
                  <FigureCells figure={row.figures.helped} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="loop-figures__definitions">
        <summary>{t("loop.definitions_title")}</summary>
        <dl>
          <dt>{t("loop.opened")}</dt>
          <dd>{t("loop.define.opened")}</dd>
          <dt>{t("loop.closed")}</dt>
          <dd>{t("loop.define.closed")}</dd>
          <dt>{t("loop.on_time")}</dt>
          <dd>{t("loop.define.on_time")}</dd>
          <dt>{t("loop.median_days")}</dt>
          <dd>{t("loop.define.median_days")}</dd>
          <dt>{t("loop.overdue_now")}</dt>
          <dd>{t("loop.define.overdue_now")}</dd>
          <dt>{t("loop.helped")}</dt>
          <dd>{t("loop.define.helped")}</dd>
          <dt>{t("loop.service")}</dt>
          <dd>{t("loop.define.service")}</dd>
        </dl>
      </details>
    </section>
  );
}
