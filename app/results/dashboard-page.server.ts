/**
 * The board dashboard (/staff/dashboard) and its CSV: the Improvement Board's four
 * Objective 3 KPIs for a term beside the terms before it, each with its count and 95%
 * interval. The figures cover every service, so for everyone but admins a figure from
 * fewer answers than the threshold is hidden. Below them, the You Said, We Did figures
 * (app/loop/figures.ts) for the same terms and by service.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, Language } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { getFixedT } from "~/i18n/i18n";
import type { LoopFigures, LoopServiceFigures } from "~/loop/figures";
import { loadLoopDashboard, type LoopDashboardView } from "~/loop/figures.server";
import { answered } from "./metrics";
import { compareTerms, parsePeriodKey, parseTermKey, previousTerms, termOf } from "./periods";
import { wholeOf } from "./disclosure";
import { consistentWithRollup, disclosureOfKind } from "./disclosure.server";
import { BOARD_KINDS, filterOptions, headlineByKindAndTerm } from "./queries.server";
import { countCsvCell, figureCsvCells, termLabel } from "./results-page.server";
import { returnRateCsvRows, returnRateView, type ReturnRateView } from "./return-rate-view";
import { returnRatesByPeriod } from "./return-rates.server";
import { figureOfCut, visibilityFor } from "./suppression";
import { hideReturnRateWithCut } from "./survey-page.server";
import type { Figure, TermKey, Visibility } from "./types";
import type { TrendPoint } from "./ui/charts";
import type { CsvCell } from "./csv";

type Db = Kysely<Database>;

/** How many terms before the chosen one the dashboard shows. */
export const PREVIOUS_TERMS = 3;

export const KPI_KEYS = ["parent_return", "parent_satisfaction", "settings_positive", "partners_positive"] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface KpiView {
  key: KpiKey;
  title: string;
  /** What the figure is a share of, in a sentence. */
  definition: string;
  current: { term: TermKey; label: string; figure: Figure; returns: ReturnRateView | null };
  /** Oldest first, the current term last. */
  points: TrendPoint[];
}

export interface DashboardView {
  visibility: Visibility;
  threshold: number;
  term: TermKey;
  termLabel: string;
  /** The term picked in the address, or "" for the current term. */
  termAsked: string;
  /** Terms with responses, newest first, to pick from. */
  termChoices: { value: string; label: string }[];
  kpis: KpiView[];
  /** The parental return rate of each term (oldest first), per channel: for the CSV file. */
  returnsByTerm: { term: TermKey; label: string; returns: ReturnRateView }[];
  loop: LoopDashboardView;
}

export const DashboardQuerySchema = z.object({
  term: z
    .string()
    .refine((v) => parseTermKey(v) !== null)
    .optional()
    .catch(undefined),
});

/** The dashboard view, built from one consistent reading of the rollup (disclosure.server.ts `consistentWithRollup`). */
export async function loadDashboard(...args: Parameters<typeof buildDashboard>): ReturnType<typeof buildDashboard> {
  return consistentWithRollup(args[0], () => buildDashboard(...args));
}

/**
 * The dashboard for a viewer: the term in the address (`?term=2026-summer`) or the
 * current one, and the `PREVIOUS_TERMS` terms before it.
 */
async function buildDashboard(
  db: Db,
  viewer: StaffUser,
  search: URLSearchParams,
  lng: Language,
  threshold: number,
  now: Date,
): Promise<DashboardView> {
  const t = getFixedT(lng, "results");
  const { term: asked } = DashboardQuerySchema.parse({ term: search.get("term") ?? undefined });
  const term = (asked as TermKey | undefined) ?? termOf(now);
  const terms = [...previousTerms(term, PREVIOUS_TERMS), term];
  const visibility = visibilityFor(viewer, []);

  const satisfaction = await headlineByKindAndTerm(db, terms);
  // Each term: parent responses completed in it, over the campaigns open during it (decision 016).
  const returnsByTerm = await returnRatesByPeriod(db, { kind: "parent" }, terms.map((k) => parsePeriodKey(k)!));

  // A kind's term is hidden as every survey page would hide it (decision 017).
  const plans = new Map(await Promise.all(BOARD_KINDS.map(async (kind) => [kind, await disclosureOfKind(db, kind, threshold)] as const)));
  const hiddenTerm = (kind: (typeof BOARD_KINDS)[number], k: TermKey) =>
    plans.get(kind)!.isHidden({ ...wholeOf({ level: "kind" }), period: { level: "term", key: k } });
  const satisfactionKpi = (key: KpiKey, kind: "parent" | "setting" | "partner"): KpiView => {
    const figures = terms.map((k) => {
      const counts = satisfaction.find((s) => s.kind === kind && s.term === k)!.counts;
      return figureOfCut(counts.positive, answered(counts), hiddenTerm(kind, k), visibility, threshold);
    });
    return kpi(key, figures, () => null);
  };
  const kpi = (key: KpiKey, figures: Figure[], returns: (k: TermKey) => ReturnRateView | null): KpiView => ({
    key,
    // i18n-dynamic: results:kpis.
    title: t(`kpis.${key}.title`),
    definition: t(`kpis.${key}.definition`),
    current: { term, label: termLabel(term, lng), figure: figures[figures.length - 1], returns: returns(term) },
    points: terms.map((k, i) => ({ key: k, label: termLabel(k, lng), figure: figures[i] })),
  });

  const returnViews = returnsByTerm.map((r, i) =>
    hideReturnRateWithCut(returnRateView(r.rates, visibility, threshold, lng), visibility, threshold, (channel) =>
      plans.get("parent")!.isHidden({ ...wholeOf({ level: "kind" }), period: { level: "term", key: terms[i] }, channel }),
    ),
  );
  const all = await filterOptions(db, {});
  const choices = [...new Set([...all.terms, termOf(now)])].sort(compareTerms).reverse();
  return {
    visibility,
    threshold,
    term,
    termLabel: termLabel(term, lng),
    termAsked: asked ?? "",
    termChoices: choices.map((k) => ({ value: k, label: termLabel(k, lng) })),
    kpis: [
      kpi(
        "parent_return",
        returnViews.map((r) => r.figure),
        () => returnViews[returnViews.length - 1],
      ),
      satisfactionKpi("parent_satisfaction", "parent"),
      satisfactionKpi("settings_positive", "setting"),
      satisfactionKpi("partners_positive", "partner"),
    ],
    returnsByTerm: terms.map((k, i) => ({ term: k, label: termLabel(k, lng), returns: returnViews[i] })),
    loop: await loadLoopDashboard(db, terms, visibility, threshold, lng, now),
  };
}

/** The dashboard as CSV rows: one row per KPI and term, hidden figures in words. */
export function dashboardCsvRows(view: DashboardView, lng: Language): CsvCell[][] {
  const t = getFixedT(lng, "results");
  return [
    [t("csv.kpi"), t("csv.term"), t("csv.percent"), t("csv.n"), t("csv.interval_low"), t("csv.interval_high"), t("csv.note")],
    ...view.kpis.flatMap((k) => k.points.map((p) => [k.title, p.label, ...figureCsvCells(p.figure, lng)])),
    // The parental return rate again, per channel, each term.
    ...view.returnsByTerm.flatMap((r) =>
      returnRateCsvRows(r.returns, lng, t("kpis.parent_return.title"))
        .slice(1)
        .map(([label, ...cells]) => [label, r.label, ...cells]),
    ),
  ];
}

/**
 * The You Said, We Did figures as CSV rows: every service by term, then each service in
 * the chosen term; hidden figures in words, as on the page.
 */
export function loopCsvRows(view: DashboardView, lng: Language): CsvCell[][] {
  const t = getFixedT(lng, "results");
  const figure = (label: string) => [label, t("csv.n"), t("csv.interval_low"), t("csv.interval_high"), t("csv.note")];
  const common = (f: LoopFigures | LoopServiceFigures) => [f.opened, f.closed, ...figureCsvCells(f.onTime, lng), f.medianDays];
  const loop = view.loop;
  return [
    [
      t("csv.term"),
      t("csv.service"),
      t("loop.opened"),
      t("loop.closed"),
      ...figure(t("loop.on_time")),
      t("loop.median_days"),
      t("loop.overdue_now"),
      ...figure(t("loop.helped")),
      t("loop.partly"),
      t("loop.no"),
    ],
    ...loop.byTerm.map((row) => [
      row.label,
      t("loop.all_services"),
      ...common(row.figures),
      // Overdue is about today, so it goes beside the chosen term only.
      row.term === view.term ? loop.overdueNow : null,
      ...figureCsvCells(row.figures.helped, lng),
      countCsvCell(row.figures.partly, lng),
      countCsvCell(row.figures.no, lng),
    ]),
    ...loop.byService.map((row) => [view.termLabel, row.name, ...common(row.figures), row.overdueNow, ...figureCsvCells(row.figures.helped, lng), null, null]),
  ];
}
