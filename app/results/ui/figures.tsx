/**
 * How a figure reads on a results page (DESIGN.md "The figures"): the % always with its
 * count and 95% interval; hidden figures as "fewer than 5 responses"; figures that cannot
 * exist as "not available" with why; small numbers flagged in words, never by colour.
 * Numbers sit in <bdi> so they keep their order inside Urdu sentences.
 */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { directionOf, isLanguage, type Language } from "~/i18n/i18n";
import type { CountCell, Figure } from "../types";
import { countText, nText, percentNumber, percentText } from "./format";

const MARK = "\u0001";

/** Numbers, signs and "n =": always left to right, even with nothing strong in them (a "−4.0"). */
const NUMERIC = /^[\d\s.,%+\-\u2212\u2013=n]+$/;

/** A number in running text: isolated, and left to right so its sign and % stay in place. */
export function Num({ children }: { children: string }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/**
 * A translated sentence with its values wrapped in <bdi>: the values go into the
 * translation as markers, and the markers come back out as elements.
 */
export function bdiPhrase(text: (key: string, values: Record<string, string>) => string, key: string, values: Record<string, string>): ReactNode {
  const markers = Object.fromEntries(Object.keys(values).map((name) => [name, `${MARK}${name}${MARK}`]));
  const parts = text(key, markers).split(MARK);
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      NUMERIC.test(values[part]) ? (
        <Num key={i}>{values[part]}</Num>
      ) : (
        <bdi key={i}>{values[part]}</bdi>
      )
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

/** The results namespace's translator, the page language and its direction, and `phrase`. */
export function useResultsText() {
  const { t, i18n } = useTranslation("results");
  const lng: Language = isLanguage(i18n.language) ? i18n.language : "en";
  const text = (key: string, values: Record<string, string>) => t(key, values);
  return {
    t,
    lng,
    dir: directionOf(lng),
    phrase: (key: string, values: Record<string, string>) => bdiPhrase(text, key, values),
  };
}

/** The words of a figure's state, for a table cell or a chart label: "fewer than 5 responses". */
export function useFigureWords() {
  const { t } = useResultsText();
  return {
    suppressed: (threshold: number) => t("figure.suppressed", { threshold }),
    // i18n-dynamic: results:figure.not_available.
    notAvailable: (reason: string) => t(`figure.not_available.${reason}`),
  };
}

/**
 * One figure in a sentence: "62.5% (n = 40, 95% interval 47.0–76.0%)". With `explain`, a
 * hidden figure also says why it is hidden (for the headline and the board's KPIs).
 */
export function FigureText({ figure, explain = false }: { figure: Figure; explain?: boolean }) {
  const { t, phrase } = useResultsText();
  const words = useFigureWords();
  if (figure.kind === "suppressed") {
    return (
      <span className="figure figure--suppressed">
        <span className="figure__hidden">{words.suppressed(figure.threshold)}</span>
        {explain ? <span className="figure__reason"> {t("figure.suppressed_reason", { threshold: figure.threshold })}</span> : null}
      </span>
    );
  }
  if (figure.kind === "not_available") {
    return <span className="figure figure--not-available">{words.notAvailable(figure.reason)}</span>;
  }
  return (
    <span className="figure">
      {figure.interval
        ? phrase("figure.shown", {
            percent: percentText(figure.percent),
            n: nText(figure.n),
            low: percentNumber(figure.interval.low),
            high: percentText(figure.interval.high),
          })
        : phrase("figure.shown_no_interval", { percent: percentText(figure.percent), n: nText(figure.n) })}
      {figure.smallNumbers ? (
        <>
          {" "}
          <SmallNumbers />
        </>
      ) : null}
    </span>
  );
}

/** The small-numbers warning for staff who may see figures from few answers. */
export function SmallNumbers() {
  const { t } = useResultsText();
  return <strong className="tag tag--small-numbers">{t("figure.small_numbers")}</strong>;
}

/** A figure across three table cells: %, n and interval (hidden and impossible figures span them). */
export function FigureCells({ figure }: { figure: Figure }) {
  const { phrase } = useResultsText();
  const words = useFigureWords();
  if (figure.kind === "suppressed") {
    return (
      <td colSpan={3} className="figure--suppressed">
        {words.suppressed(figure.threshold)}
      </td>
    );
  }
  if (figure.kind === "not_available") {
    return (
      <td colSpan={3} className="figure--not-available">
        {words.notAvailable(figure.reason)}
      </td>
    );
  }
  return (
    <>
      <td className="numeric">
        <Num>{percentText(figure.percent)}</Num>
        {figure.smallNumbers ? (
          <>
            {" "}
            <SmallNumbers />
          </>
        ) : null}
      </td>
      <td className="numeric">
        <Num>{countText(figure.n)}</Num>
      </td>
      <td className="numeric">
        {figure.interval
          ? phrase("figure.interval_range", { low: percentNumber(figure.interval.low), high: percentText(figure.interval.high) })
          : "—"}
      </td>
    </>
  );
}

/** The column headings over `FigureCells`: the %, n and the interval. */
export function FigureHeads({ figureHeading }: { figureHeading: string }) {
  const { t } = useResultsText();
  return (
    <>
      <th scope="col" className="numeric">
        {figureHeading}
      </th>
      <th scope="col" className="numeric">
        {t("table.n")}
      </th>
      <th scope="col" className="numeric">
        {t("table.interval")}
      </th>
    </>
  );
}

/** A count in a table cell: the number, or "fewer than 5 responses". */
export function CountText({ cell }: { cell: CountCell }) {
  const words = useFigureWords();
  if (cell.kind === "suppressed") return <span className="figure--suppressed">{words.suppressed(cell.threshold)}</span>;
  return (
    <>
      <Num>{countText(cell.count)}</Num>
      {cell.smallNumbers ? (
        <>
          {" "}
          <SmallNumbers />
        </>
      ) : null}
    </>
  );
}

/**
 * What every results page says once about its figures: how to read them, and what this
 * viewer sees of small numbers (hidden, or shown with a warning).
 */
export function AboutFigures({ visibility, threshold }: { visibility: "suppress" | "warn" | "both"; threshold: number }) {
  const { t } = useResultsText();
  return (
    <section className="inset results-about" aria-labelledby="results-about-title">
      <h2 id="results-about-title" className="results-about__title">
        {t("about.title")}
      </h2>
      <p>{t("about.figures")}</p>
      {visibility !== "warn" ? <p>{t("about.suppressed", { threshold })}</p> : null}
      {visibility !== "suppress" ? <p>{t("about.small_numbers", { threshold })}</p> : null}
    </section>
  );
}
