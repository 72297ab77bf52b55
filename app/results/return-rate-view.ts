/**
 * A return rate as the pages and CSV files show it (the survey results page, the board
 * dashboard, the campaign page): the combined rate, each channel's beside it, and the
 * responses that have no denominator, hidden per the viewer like every other figure.
 */
import type { Channel, Language } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import type { CsvCell } from "./csv";
import { channelLabel, countCsvCell, figureCsvCells } from "./results-page.server";
import { returnFigure, withoutDenominatorCells, type ReturnRates } from "./return-rates";
import type { CountCell, Figure, Visibility } from "./types";

export interface ReturnRateView {
  /** The combined rate (a channel cut: that channel's). */
  figure: Figure;
  /** The channels with a denominator that the cut has something for, each with its own rate. */
  channels: { channel: Channel; label: string; figure: Figure }[];
  /** Delivered invitations and eligible counts in the rate; null when there are none (or the rate is hidden). */
  delivered: number | null;
  eligible: number | null;
  /** Responses left out for want of a denominator, by channel. */
  withoutDenominator: { channel: Channel; label: string; responses: CountCell }[];
  /** A language cut: invitations and forms handed out are not counted by language. */
  notForThisCut: boolean;
  /** A period cut: responses completed in it, over the whole denominators of campaigns open during it. */
  byPeriod: boolean;
}

export function returnRateView(
  rates: ReturnRates,
  visibility: Visibility,
  threshold: number,
  lng: Language,
  cut: { language?: unknown; period?: unknown } = {},
): ReturnRateView {
  const figure = returnFigure(rates.combined, visibility, threshold);
  const shown = figure.kind !== "suppressed";
  const channels = rates.channels
    .filter((c) => c.rate.kind !== "none" && (c.returned > 0 || c.channel === "invitation" || c.channel === "paper"))
    .map((c) => ({ channel: c.channel, label: channelLabel(c.channel, lng), figure: returnFigure(c.rate, visibility, threshold) }));
  return {
    figure,
    channels,
    delivered: shown && rates.delivered > 0 ? rates.delivered : null,
    eligible: shown ? rates.eligible : null,
    withoutDenominator: withoutDenominatorCells(rates, visibility, threshold).map((w) => ({ ...w, label: channelLabel(w.channel, lng) })),
    notForThisCut: cut.language !== undefined,
    byPeriod: cut.period !== undefined,
  };
}

/**
 * The rate as CSV rows under a figure header ([label, %, n, interval low, interval high,
 * note]): the combined rate, each channel's, then the responses without a denominator.
 */
export function returnRateCsvRows(view: ReturnRateView, lng: Language, title: string): CsvCell[][] {
  const t = getFixedT(lng, "results");
  return [
    [title, ...figureCsvCells(view.figure, lng)],
    ...view.channels.map((c) => [t("csv.return_channel", { title, channel: c.label }), ...figureCsvCells(c.figure, lng)]),
    ...view.withoutDenominator.map((w) => [t("csv.without_denominator", { channel: w.label }), null, countCsvCell(w.responses, lng), null, null, null]),
  ];
}
