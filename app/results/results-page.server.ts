/**
 * What the results pages share: who sees what (visibility and the threshold), one
 * question's figures and a trend hidden with their cut (disclosure.ts), and labels for
 * periods and cuts. The pages and their CSV files are
 * built from the same views, so a CSV never shows what its page hides.
 */
import type { Channel, Language, QuestionType } from "@db/schema";
import { CHANNELS } from "@db/schema";
import { getFixedT, pick } from "~/i18n/i18n";
import { answered, roundPercent as roundTenth } from "./metrics";
import { parseMonthKey, parseTermKey } from "./periods";
import type { QuestionDistribution } from "./queries.server";
import { countOfCut, figureOfCut, suppressParts } from "./suppression";
import type { CountCell, Figure, MonthKey, ScaleCounts, TermKey, Visibility } from "./types";
import type { Bar, Tone, TrendPoint } from "./ui/charts";

// ---------------------------------------------------------------------------------------
// Labels

const LOCALES: Record<Language, string> = { en: "en-GB", ur: "ur-PK" };

/** "Autumn term 2026" / "خزاں کی ٹرم 2026". */
export function termLabel(term: TermKey, lng: Language): string {
  const parsed = parseTermKey(term);
  if (!parsed) return term;
  // i18n-dynamic: results:periods.term.
  return getFixedT(lng, "results")(`periods.term.${parsed.season}`, { year: parsed.year });
}

/** "November 2026" in the page's language (made on the server: no hydration drift). */
export function monthLabel(month: MonthKey, lng: Language): string {
  const parsed = parseMonthKey(month);
  if (!parsed) return month;
  return new Intl.DateTimeFormat(LOCALES[lng], { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(parsed.year, parsed.month - 1, 1)),
  );
}

export function periodLabel(key: string, lng: Language): string {
  return parseTermKey(key) ? termLabel(key as TermKey, lng) : monthLabel(key as MonthKey, lng);
}

export function channelLabel(channel: Channel, lng: Language): string {
  // i18n-dynamic: results:channels.
  return getFixedT(lng, "results")(`channels.${channel}`);
}

export function languageLabel(language: Language, lng: Language): string {
  // i18n-dynamic: results:languages.
  return getFixedT(lng, "results")(`languages.${language}`);
}

export { CHANNELS };

/** A bilingual text from the queries ({en, ur}) in the page's language. */
export function textOf(text: { en: string; ur: string }, lng: Language): string {
  return pick({ text_en: text.en, text_ur: text.ur }, "text", lng);
}

// ---------------------------------------------------------------------------------------
// One question's figures

/** Scale answers in their deliberate order: most positive first, "don't know" last. */
export const SCALE_ORDER = ["5", "4", "3", "2", "1", "dont_know"] as const;
const YES_NO_ORDER = ["yes", "no", "not_sure"] as const;

function toneOf(value: string): Tone {
  if (value === "5" || value === "4") return "positive";
  if (value === "3") return "neutral";
  if (value === "1" || value === "2") return "negative";
  return "dont_know";
}

/**
 * How a question's figures are hidden: with its cut (every figure of a hidden respondent
 * group; disclosure.ts), and, on a question marked "about you" in a shown group, an answer
 * count of 1 to k−1 with a second one (`suppressParts`).
 */
export interface QuestionHiding {
  cutHidden: boolean;
  aboutYou: boolean;
  visibility: Visibility;
  threshold: number;
}

/**
 * The figures of one scale question. In a shown group every answer count and share is
 * shown, small ones included; on an "about you" question, a % is hidden when one of the
 * answers it is made of is.
 */
export function scaleFigures(
  counts: Record<string, number>,
  hiding: QuestionHiding,
): {
  answered: CountCell;
  positive: Figure;
  negative: Figure;
  dontKnow: CountCell;
  /** By value, in SCALE_ORDER. */
  cells: Record<string, CountCell>;
  n: number;
} {
  const { cutHidden, visibility, threshold } = hiding;
  const c = (v: string) => counts[v] ?? 0;
  const scale: ScaleCounts = {
    positive: c("5") + c("4"),
    neutral: c("3"),
    negative: c("2") + c("1"),
    dontKnow: c("dont_know"),
  };
  const n = answered(scale);
  const values = SCALE_ORDER.map(c);
  const parts =
    hiding.aboutYou && !cutHidden
      ? suppressParts(n, values, visibility, threshold)
      : { total: countOfCut(n, cutHidden, visibility, threshold), parts: values.map((v) => countOfCut(v, cutHidden, visibility, threshold)) };
  const cells = Object.fromEntries(SCALE_ORDER.map((v, i) => [v, parts.parts[i]]));
  const share = (successes: number, of: readonly string[]): Figure =>
    of.some((v) => cells[v].kind === "suppressed") && n > 0
      ? { kind: "suppressed", reason: "fewer_than", threshold }
      : figureOfCut(successes, n, cutHidden, visibility, threshold);
  return {
    answered: parts.total,
    positive: share(scale.positive, ["5", "4"]),
    negative: share(scale.negative, ["2", "1"]),
    dontKnow: cells.dont_know,
    cells,
    n,
  };
}

export interface QuestionView {
  key: string;
  type: QuestionType;
  text: string;
  /** Responses that answered. */
  answered: CountCell;
  /** % positive (scale questions only), consistent with the bars. */
  positive: Figure | null;
  negative: Figure | null;
  dontKnow: CountCell | null;
  /** Empty for text questions. */
  bars: Bar[];
}

function shareOf(cell: CountCell, of: number): number | null {
  return cell.kind === "shown" && of > 0 ? (cell.count / of) * 100 : null;
}

/**
 * One question as the page shows it: the answers in a deliberate order (scales from the
 * most positive to the most negative, then "don't know"; choices in the survey's order),
 * each a count and a share of those who answered, hidden per `hiding`.
 */
export function questionView(d: QuestionDistribution, lng: Language, hiding: QuestionHiding): QuestionView {
  const { cutHidden, visibility, threshold } = hiding;
  const text = textOf(d.text, lng);
  const base = { key: d.key, type: d.type, text };
  if (d.type === "satisfaction" || d.type === "agreement") {
    const f = scaleFigures(d.counts, hiding);
    const survey = getFixedT(lng, "survey");
    return {
      ...base,
      answered: f.answered,
      positive: f.positive,
      negative: f.negative,
      dontKnow: f.dontKnow,
      bars: SCALE_ORDER.map((value) => ({
        key: value,
        // i18n-dynamic: survey:scale.
        label: survey(`scale.${d.type}.${value}`),
        cell: f.cells[value],
        percent: shareOf(f.cells[value], f.n),
        tone: toneOf(value),
      })),
    };
  }
  if (d.type === "short_text" || d.type === "long_text") {
    return { ...base, answered: countOfCut(d.answered, cutHidden, visibility, threshold), positive: null, negative: null, dontKnow: null, bars: [] };
  }
  const options =
    d.type === "yes_no_not_sure"
      ? YES_NO_ORDER.map((value) => ({ value, label: getFixedT(lng, "survey")(`scale.yes_no_not_sure.${value}`) }))
      : d.options.map((o) => ({ value: o.value, label: textOf(o.label, lng) }));
  const counts = options.map((o) => d.counts[o.value] ?? 0);
  // "About you": a small answer count is hidden with a second one. (Multiple choice options
  // are no parts of a total, but a second is hidden all the same, as DESIGN says.)
  const { total, parts } =
    hiding.aboutYou && !cutHidden
      ? suppressParts(d.answered, counts, visibility, threshold)
      : { total: countOfCut(d.answered, cutHidden, visibility, threshold), parts: counts.map((n) => countOfCut(n, cutHidden, visibility, threshold)) };
  return {
    ...base,
    answered: total,
    positive: null,
    negative: null,
    dontKnow: null,
    bars: options.map((o, i) => ({ key: o.value, label: o.label, cell: parts[i], percent: shareOf(parts[i], d.answered), tone: "other" })),
  };
}

// ---------------------------------------------------------------------------------------
// Trends

/**
 * % positive per period, each period hidden when its cut is (disclosure.ts decides, with
 * every other period and cut in view, so no hidden period comes back by subtraction).
 */
export function trendOf(
  periods: readonly { period: string; counts: ScaleCounts }[],
  lng: Language,
  visibility: Visibility,
  threshold: number,
  isHidden: (period: string) => boolean,
): TrendPoint[] {
  return periods.map((p) => ({
    key: p.period,
    label: periodLabel(p.period, lng),
    figure: figureOfCut(p.counts.positive, answered(p.counts), isHidden(p.period), visibility, threshold),
  }));
}

// ---------------------------------------------------------------------------------------
// CSV cells of figures (the same words as the page for anything hidden)

/** [%, n, interval low, interval high, note] for a figure, in the viewer's language. */
export function figureCsvCells(figure: Figure, lng: Language): (string | number | null)[] {
  const t = getFixedT(lng, "results");
  if (figure.kind === "suppressed") {
    const words = t("figure.suppressed", { threshold: figure.threshold });
    return [words, words, null, null, t("figure.suppressed_reason", { threshold: figure.threshold })];
  }
  if (figure.kind === "not_available") {
    const words = t(`figure.not_available.${figure.reason}`);
    return [words, null, null, null, words];
  }
  const round = (v: number) => Number(roundTenth(v).toFixed(1));
  return [
    round(figure.percent),
    figure.n,
    figure.interval ? round(figure.interval.low) : null,
    figure.interval ? round(figure.interval.high) : null,
    figure.smallNumbers ? t("figure.small_numbers") : null,
  ];
}

/** A count for CSV: the number, or the words it is hidden behind. */
export function countCsvCell(cell: CountCell, lng: Language): string | number {
  if (cell.kind === "suppressed") return getFixedT(lng, "results")("figure.suppressed", { threshold: cell.threshold });
  return cell.count;
}

/** A share for CSV, one decimal; empty when hidden or nothing to divide by. */
export function shareCsvCell(cell: CountCell, percent: number | null, lng: Language): string | number | null {
  if (cell.kind === "suppressed") return countCsvCell(cell, lng);
  return percent === null ? null : Number(roundTenth(percent).toFixed(1));
}

