/**
 * Charts drawn as SVG on the server: a bar chart of one question's answers and a trend
 * of one figure by term. Each is an image with a title (`role="img"`, `<title>`), and
 * the very same numbers sit beside it in a table with a caption, which is what screen
 * readers read. In Urdu the drawing is mirrored: labels on the right, bars growing to
 * the left, time running from right to left. Meaning never rests on colour alone: every
 * bar is labelled and each kind of answer has its own pattern, which also prints in
 * black and white. A hidden value is drawn as no bar, with the words instead.
 */
import type { ReactNode } from "react";
import type { CountCell, Figure } from "../types";
import { countText, percentText } from "./format";
import { CountText, FigureCells, FigureHeads, Num, useFigureWords, useResultsText } from "./figures";

/** How an answer reads, for its bar's pattern: scale answers by side, anything else "other". */
export type Tone = "positive" | "neutral" | "negative" | "dont_know" | "other";

export interface Bar {
  key: string;
  label: string;
  cell: CountCell;
  /** The share of answers, full precision; null when hidden or nobody answered. */
  percent: number | null;
  tone: Tone;
}

type Dir = "ltr" | "rtl";
type Side = "left" | "right";

/** text-anchor for a physical side, given the text's own direction. */
function anchor(side: Side, textDir: Dir): "start" | "end" {
  return (side === "right") === (textDir === "rtl") ? "start" : "end";
}

/** Splits a label into lines of about `width` characters (at most `max` lines, the last cut with "…"). */
export function wrapLabel(label: string, width: number, max = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]}…`;
  return kept;
}

const TONE_FILL: Record<Tone, string> = {
  positive: "#1d70b8",
  neutral: "url(#{id}-neutral)",
  negative: "url(#{id}-negative)",
  dont_know: "url(#{id}-dont-know)",
  other: "#505a5f",
};

/** The patterns bars are filled with, one per kind of answer, under ids unique to the chart. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-neutral`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#dbe6f1" />
        <path d="M0 3H6" stroke="#1d4f91" strokeWidth="1.5" />
      </pattern>
      <pattern id={`${id}-negative`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#f6d7d2" />
        <path d="M0 0V8M4 0V8" stroke="#942514" strokeWidth="2" />
      </pattern>
      <pattern id={`${id}-dont-know`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#fff" />
        <circle cx="3" cy="3" r="1.4" fill="#0b0c0c" />
      </pattern>
    </defs>
  );
}

const FONT = 14;

/** The image itself: named by its <title>, drawn to scale with the page's width. */
function ChartSvg({ id, title, kind, width, height, children }: { id: string; title: string; kind: string; width: number; height: number; children: ReactNode }) {
  return (
    <svg
      className={`chart chart--${kind}`}
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      preserveAspectRatio="xMinYMin meet"
      fontSize={FONT}
    >
      <title id={`${id}-title`}>{title}</title>
      {children}
    </svg>
  );
}

/** Multi-line text: one <tspan> per line, each under the one before. */
function Lines({ lines, x, lineHeight }: { lines: string[]; x: number; lineHeight: number }) {
  return (
    <>
      {lines.map((line, j) => (
        <tspan key={j} x={x} dy={j === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </>
  );
}

/** A chart and its data table side by side (stacked on a narrow screen or paper). */
function ChartPair({ chart, table }: { chart: ReactNode; table: ReactNode }) {
  return (
    <div className="chart-pair">
      <div className="chart-pair__chart">{chart}</div>
      <div className="chart-pair__table table-wrap">{table}</div>
    </div>
  );
}

/**
 * One question's answers as horizontal bars, in the order given (scales from the most
 * positive answer to the most negative, then "don't know"), with the counts and shares
 * in a table beside it. `total` is the number who answered.
 */
export function BarChart({
  id,
  title,
  bars,
  total,
  answerHeading,
}: {
  id: string;
  title: string;
  bars: Bar[];
  total: CountCell;
  answerHeading: string;
}) {
  const { t, dir } = useResultsText();
  const words = useFigureWords();
  const width = 640;
  const labelWidth = 230;
  const gap = 10;
  const barMax = 290;
  const lineHeight = dir === "rtl" ? 26 : 18;
  const padding = 10;
  const rows = bars.map((bar) => ({ bar, lines: wrapLabel(bar.label, 30) }));
  const heights = rows.map((r) => Math.max(r.lines.length * lineHeight, 22) + padding * 2);
  const height = heights.reduce((a, b) => a + b, 0) + 4;
  // Positions are worked out left to right and mirrored for Urdu.
  const x = (v: number) => (dir === "rtl" ? width - v : v);
  const near: Side = dir === "rtl" ? "right" : "left";
  const far: Side = dir === "rtl" ? "left" : "right";
  const barStart = labelWidth + gap;
  let top = 0;
  const chart = (
    <ChartSvg id={id} title={title} kind="bars" width={width} height={height}>
      <Patterns id={id} />
      <line x1={x(barStart)} x2={x(barStart)} y1={0} y2={height} stroke="#0b0c0c" strokeWidth="1" />
      {rows.map(({ bar, lines }, i) => {
        const rowTop = top;
        top += heights[i];
        const middle = rowTop + heights[i] / 2;
        const labelTop = middle - ((lines.length - 1) * lineHeight) / 2;
        const length = bar.percent === null ? 0 : (Math.min(bar.percent, 100) / 100) * barMax;
        const barEnd = barStart + length;
        const value =
          bar.cell.kind === "suppressed"
            ? words.suppressed(bar.cell.threshold)
            : bar.percent === null
              ? countText(bar.cell.count)
              : `${percentText(bar.percent)} (${countText(bar.cell.count)})`;
        const fill = TONE_FILL[bar.tone].replace("{id}", id);
        return (
          <g key={bar.key}>
            <text direction={dir} textAnchor={anchor(far, dir)} x={x(labelWidth)} y={labelTop} dominantBaseline="middle">
              <Lines lines={lines} x={x(labelWidth)} lineHeight={lineHeight} />
            </text>
            {bar.cell.kind === "shown" && length > 0 ? (
              <rect
                x={Math.min(x(barStart), x(barEnd))}
                y={middle - 10}
                width={length}
                height={20}
                fill={fill}
                stroke="#0b0c0c"
                strokeWidth="1"
              />
            ) : null}
            <text
              direction={bar.cell.kind === "suppressed" ? dir : "ltr"}
              textAnchor={anchor(near, bar.cell.kind === "suppressed" ? dir : "ltr")}
              x={x(barEnd + 6)}
              y={middle}
              dominantBaseline="middle"
              fontStyle={bar.cell.kind === "suppressed" ? "italic" : undefined}
            >
              {value}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
  const table = (
    <table className="chart-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{answerHeading}</th>
          <th scope="col" className="numeric">
            {t("table.count")}
          </th>
          <th scope="col" className="numeric">
            {t("table.share")}
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.key}>
            <th scope="row">{bar.label}</th>
            {bar.cell.kind === "suppressed" ? (
              <td colSpan={2} className="figure--suppressed">
                {words.suppressed(bar.cell.threshold)}
              </td>
            ) : (
              <>
                <td className="numeric">
                  <CountText cell={bar.cell} />
                </td>
                <td className="numeric">{bar.percent === null ? "—" : <Num>{percentText(bar.percent)}</Num>}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("table.answered")}</th>
          <td className="numeric" colSpan={2}>
            <CountText cell={total} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
  return <ChartPair chart={chart} table={table} />;
}

export interface TrendPoint {
  key: string;
  label: string;
  figure: Figure;
}

/**
 * One figure by term, oldest first in reading order: a dot for each term with its 95%
 * interval as a whisker, joined by a line (broken where a term is hidden or empty), and
 * a table of the same figures with counts and intervals beside it.
 */
export function TrendChart({
  id,
  title,
  points,
  periodHeading,
  figureHeading,
}: {
  id: string;
  title: string;
  points: TrendPoint[];
  periodHeading: string;
  figureHeading: string;
}) {
  const { dir } = useResultsText();
  const words = useFigureWords();
  const width = 640;
  const height = 300;
  const plot = { left: 56, right: 24, top: 36, bottom: 64 };
  const plotWidth = width - plot.left - plot.right;
  const plotHeight = height - plot.top - plot.bottom;
  const x = (v: number) => (dir === "rtl" ? width - v : v);
  const y = (percent: number) => plot.top + plotHeight * (1 - Math.min(Math.max(percent, 0), 100) / 100);
  const step = plotWidth / Math.max(points.length, 1);
  const px = (i: number) => plot.left + step * (i + 0.5);
  const axisSide: Side = dir === "rtl" ? "right" : "left";
  const segments: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.figure.kind === "shown") run.push(`${x(px(i)).toFixed(1)},${y(p.figure.percent).toFixed(1)}`);
    else {
      if (run.length > 1) segments.push(run.join(" "));
      run = [];
    }
  });
  if (run.length > 1) segments.push(run.join(" "));
  const lineHeight = dir === "rtl" ? 24 : 16;
  const chart = (
    <ChartSvg id={id} title={title} kind="trend" width={width} height={height}>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={x(plot.left)} x2={x(width - plot.right)} y1={y(tick)} y2={y(tick)} stroke="#b1b4b6" strokeWidth="1" />
          <text direction="ltr" textAnchor={anchor(axisSide === "left" ? "right" : "left", "ltr")} x={x(plot.left - 8)} y={y(tick)} dominantBaseline="middle">
            {`${tick}%`}
          </text>
        </g>
      ))}
      {segments.map((points, i) => (
        <polyline key={i} points={points} fill="none" stroke="#1d70b8" strokeWidth="3" />
      ))}
      {points.map((p, i) => {
        const cx = x(px(i));
        const label = wrapLabel(p.label, 16, 2);
        return (
          <g key={p.key}>
            <text direction={dir} textAnchor="middle" x={cx} y={height - plot.bottom + 20} dominantBaseline="middle">
              <Lines lines={label} x={cx} lineHeight={lineHeight} />
            </text>
            {p.figure.kind === "shown" ? (
              <>
                {p.figure.interval ? (
                  <g stroke="#0b0c0c" strokeWidth="1.5">
                    <line x1={cx} x2={cx} y1={y(p.figure.interval.low)} y2={y(p.figure.interval.high)} />
                    <line x1={cx - 6} x2={cx + 6} y1={y(p.figure.interval.low)} y2={y(p.figure.interval.low)} />
                    <line x1={cx - 6} x2={cx + 6} y1={y(p.figure.interval.high)} y2={y(p.figure.interval.high)} />
                  </g>
                ) : null}
                <circle cx={cx} cy={y(p.figure.percent)} r="6" fill="#1d70b8" stroke="#0b0c0c" strokeWidth="1.5" />
                <text
                  direction="ltr"
                  textAnchor={anchor(dir === "rtl" ? "right" : "left", "ltr")}
                  x={x(px(i) + 10)}
                  y={y(p.figure.percent)}
                  dominantBaseline="middle"
                  fontWeight="700"
                >
                  {percentText(p.figure.percent)}
                </text>
              </>
            ) : (
              <text direction={dir} textAnchor="middle" x={cx} y={y(50)} dominantBaseline="middle" fontStyle="italic">
                <Lines
                  lines={wrapLabel(p.figure.kind === "suppressed" ? words.suppressed(p.figure.threshold) : words.notAvailable(p.figure.reason), 16, 3)}
                  x={cx}
                  lineHeight={lineHeight}
                />
              </text>
            )}
          </g>
        );
      })}
    </ChartSvg>
  );
  const table = (
    <table className="chart-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{periodHeading}</th>
          <FigureHeads figureHeading={figureHeading} />
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.key}>
            <th scope="row">{p.label}</th>
            <FigureCells figure={p.figure} />
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <ChartPair chart={chart} table={table} />;
}
