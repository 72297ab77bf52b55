/**
 * What the results pages share: who sees what (visibility and the threshold), figures
 * for one question made consistent with each other, trends whose hidden terms cannot be
 * had by subtraction, and labels for periods and cuts. The pages and their CSV files are
 * built from the same views, so a CSV never shows what its page hides.
 */
import type { Channel, Language, QuestionType } from "@db/schema";
import { CHANNELS } from "@db/schema";
import { getFixedT, pick } from "~/i18n/i18n";
import { answered, roundPercent as roundTenth } from "./metrics";
import { parseMonthKey, parseTermKey } from "./periods";
import type { QuestionDistribution } from "./queries.server";
import { suppressParts, toCountCell, toFigure } from "./suppression";
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

const hideAll = (count: number, threshold: number): CountCell[] =>
  Array.from({ length: count }, () => ({ kind: "suppressed", reason: "fewer_than", threshold }));

/**
 * The figures of one scale question, consistent with each other. The % positive (with its
 * n) is the headline figure, so its count is known to anyone who reads it; the rest of
 * the answers (n − positive) are split into neutral, negative and "don't know" with the
 * usual rule (a second part hidden when one is), and each side's own answers (5 and 4;
 * 2 and 1) are split again under their side's total. A hidden side hides both its
 * answers. So no hidden count comes back from adding or subtracting what is shown: the
 * %s, the "don't know" count and the bars together.
 */
export function scaleFigures(
  counts: Record<string, number>,
  visibility: Visibility,
  threshold: number,
): {
  answered: CountCell;
  positive: Figure;
  negative: Figure;
  dontKnow: CountCell;
  /** By value, in SCALE_ORDER. */
  cells: Record<string, CountCell>;
  n: number;
} {
  const c = (v: string) => counts[v] ?? 0;
  const scale: ScaleCounts = {
    positive: c("5") + c("4"),
    neutral: c("3"),
    negative: c("2") + c("1"),
    dontKnow: c("dont_know"),
  };
  const n = answered(scale);
  const total = toCountCell(n, visibility, threshold);
  if (total.kind === "suppressed") {
    const hidden = hideAll(SCALE_ORDER.length, threshold);
    return {
      answered: total,
      positive: toFigure(scale.positive, n, visibility, threshold),
      negative: toFigure(scale.negative, n, visibility, threshold),
      dontKnow: hidden[0],
      cells: Object.fromEntries(SCALE_ORDER.map((v, i) => [v, hidden[i]])),
      n,
    };
  }
  const rest = suppressParts(n - scale.positive, [scale.neutral, scale.negative, scale.dontKnow], visibility, threshold);
  const [neutral, negativeSide, dontKnow] = rest.parts;
  const positiveSide = suppressParts(scale.positive, [c("5"), c("4")], visibility, threshold).parts;
  const negativeParts =
    negativeSide.kind === "suppressed" ? hideAll(2, threshold) : suppressParts(scale.negative, [c("2"), c("1")], visibility, threshold).parts;
  return {
    answered: total,
    positive: toFigure(scale.positive, n, visibility, threshold),
    negative: negativeSide.kind === "suppressed" ? negativeSide : toFigure(scale.negative, n, visibility, threshold),
    dontKnow,
    cells: {
      "5": positiveSide[0],
      "4": positiveSide[1],
      "3": neutral,
      "2": negativeParts[0],
      "1": negativeParts[1],
      dont_know: dontKnow,
    },
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
 * each a count and a share of those who answered, hidden per the viewer.
 */
export function questionView(d: QuestionDistribution, lng: Language, visibility: Visibility, threshold: number): QuestionView {
  const text = textOf(d.text, lng);
  const base = { key: d.key, type: d.type, text };
  if (d.type === "satisfaction" || d.type === "agreement") {
    const f = scaleFigures(d.counts, visibility, threshold);
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
    return { ...base, answered: toCountCell(d.answered, visibility, threshold), positive: null, negative: null, dontKnow: null, bars: [] };
  }
  const options =
    d.type === "yes_no_not_sure"
      ? YES_NO_ORDER.map((value) => ({ value, label: getFixedT(lng, "survey")(`scale.yes_no_not_sure.${value}`) }))
      : d.options.map((o) => ({ value: o.value, label: textOf(o.label, lng) }));
  const counts = options.map((o) => d.counts[o.value] ?? 0);
  // Multiple choice: one family can tick several, so the options are no parts of a total
  // and each stands alone; a single answer's options add up to those who answered.
  const cells =
    d.type === "multiple_choice"
      ? toCountCell(d.answered, visibility, threshold).kind === "suppressed"
        ? hideAll(counts.length, threshold)
        : counts.map((n) => toCountCell(n, visibility, threshold))
      : suppressParts(d.answered, counts, visibility, threshold).parts;
  return {
    ...base,
    answered: toCountCell(d.answered, visibility, threshold),
    positive: null,
    negative: null,
    dontKnow: null,
    bars: options.map((o, i) => ({ key: o.value, label: o.label, cell: cells[i], percent: shareOf(cells[i], d.answered), tone: "other" })),
  };
}

// ---------------------------------------------------------------------------------------
// Trends

/**
 * % positive per period. The periods are parts of the figure over all of them (the page's
 * headline without a period cut), so when one period is hidden a second is too: neither
 * its count nor its positives come back by subtraction.
 */
export function trendOf(
  periods: readonly { period: string; counts: ScaleCounts }[],
  lng: Language,
  visibility: Visibility,
  threshold: number,
): TrendPoint[] {
  const ns = periods.map((p) => answered(p.counts));
  const cells = suppressParts(
    ns.reduce((a, b) => a + b, 0),
    ns,
    visibility,
    threshold,
  ).parts;
  return periods.map((p, i) => ({
    key: p.period,
    label: periodLabel(p.period, lng),
    figure:
      cells[i].kind === "suppressed"
        ? { kind: "suppressed", reason: "fewer_than", threshold }
        : toFigure(p.counts.positive, ns[i], visibility, threshold),
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

