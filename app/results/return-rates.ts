/**
 * The return rate, exactly as DESIGN.md "Return rate" and "Delivered" define it, and
 * docs/decisions/016-return-rates.md decides where DESIGN leaves a choice. Pure: the
 * queries (return-rates.server.ts) bring the counts, this module does the arithmetic.
 *
 * - Invitations: responses with channel `invitation` / invitations delivered.
 * - The eligible count (forms handed out) covers the channels by which a family hands a
 *   form back through staff: `paper`, `phone` and `interpreted` (ELIGIBLE_CHANNELS). Each
 *   of them is its responses / the eligible count; together they never pass it.
 * - `open_link` never has a denominator: anyone with the link or a poster's QR code can
 *   answer, so its responses are reported beside the rate, never in it.
 * - Combined = (invitation responses + counted other responses) / (delivered + eligible),
 *   over the parts that have a denominator. No denominator at all: "not available".
 * - Never above 100 %: a denominator with more responses than it can hold is "over"
 *   ("more responses than forms handed out — check the eligible count"), not a %.
 * Only submitted (and not voided) responses are ever counted: the queries read the
 * rollup, which holds nothing else.
 */
import type { Channel } from "@db/schema";
import { CHANNELS } from "@db/schema";
import { toCountCell, toFigure } from "./suppression";
import type { CountCell, Figure, Visibility } from "./types";

/** Channels whose responses the eligible count covers (forms handed out, returned through staff). */
export const ELIGIBLE_CHANNELS = ["paper", "phone", "interpreted"] as const satisfies readonly Channel[];

/** What a channel's responses are counted against. */
export type Denominator = "delivered" | "eligible" | "none";

export function denominatorOf(channel: Channel): Denominator {
  if (channel === "invitation") return "delivered";
  return (ELIGIBLE_CHANNELS as readonly Channel[]).includes(channel) ? "eligible" : "none";
}

/**
 * One piece of a cut whose denominators belong together: a campaign (its eligible
 * count is one total), or a campaign × service (an eligible count recorded per service).
 */
export interface ReturnUnit {
  /** Delivered invitations (DESIGN "Delivered"); 0 when none. */
  delivered: number;
  /** The eligible count covering this unit's ELIGIBLE_CHANNELS responses; null when none is recorded (or the cut cannot keep it). */
  eligible: number | null;
  /** Submitted responses by channel. */
  responses: Partial<Record<Channel, number>>;
}

/** A rate's state before anyone's visibility is applied. */
export type RateState =
  | { kind: "rate"; returned: number; denominator: number }
  /** More responses than the denominator: never shown as a % (the cause says which count to check). */
  | { kind: "over"; returned: number; denominator: number; cause: "eligible" | "delivered" }
  | { kind: "none" };

export interface ChannelReturn {
  channel: Channel;
  denominator: Denominator;
  /** Responses counted in the rate (those of units with a denominator). */
  returned: number;
  /** Responses of this channel left out for want of a denominator. */
  withoutDenominator: number;
  rate: RateState;
}

export interface ReturnRates {
  /** Every channel, in CHANNELS order. */
  channels: ChannelReturn[];
  combined: RateState;
  delivered: number;
  /** Summed eligible counts of the units that have one; null when none has. */
  eligible: number | null;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function responsesIn(unit: ReturnUnit, channels: readonly Channel[]): number {
  return sumOf(channels.map((c) => unit.responses[c] ?? 0));
}

/** The return rate of a cut, per channel and combined, from its units. */
export function returnRatesOf(units: readonly ReturnUnit[]): ReturnRates {
  const invited = units.filter((u) => u.delivered > 0);
  const eligibleUnits = units.filter((u) => (u.eligible ?? 0) > 0);
  const delivered = sumOf(invited.map((u) => u.delivered));
  const eligible = eligibleUnits.length ? sumOf(eligibleUnits.map((u) => u.eligible!)) : null;
  // A group is over when any unit holds more responses than its own denominator: a
  // campaign's wrong eligible count must not hide behind another campaign's spare forms.
  const deliveredOver = invited.some((u) => (u.responses.invitation ?? 0) > u.delivered);
  const eligibleOver = eligibleUnits.some((u) => responsesIn(u, ELIGIBLE_CHANNELS) > u.eligible!);

  const channels = CHANNELS.map((channel): ChannelReturn => {
    const denominator = denominatorOf(channel);
    const counted = denominator === "delivered" ? invited : denominator === "eligible" ? eligibleUnits : [];
    const all = sumOf(units.map((u) => u.responses[channel] ?? 0));
    const returned = sumOf(counted.map((u) => u.responses[channel] ?? 0));
    const of = denominator === "delivered" ? delivered : denominator === "eligible" ? (eligible ?? 0) : 0;
    const over = denominator === "delivered" ? deliveredOver : denominator === "eligible" ? eligibleOver : false;
    return { channel, denominator, returned, withoutDenominator: all - returned, rate: stateOf(returned, of, over, denominator) };
  });

  const returned = sumOf(channels.map((c) => c.returned));
  const denominator = delivered + (eligible ?? 0);
  const combined: RateState =
    denominator === 0
      ? { kind: "none" }
      : eligibleOver || deliveredOver
        ? { kind: "over", returned, denominator, cause: eligibleOver ? "eligible" : "delivered" }
        : { kind: "rate", returned, denominator };
  return { channels, combined, delivered, eligible };
}

function stateOf(returned: number, denominator: number, over: boolean, cause: Denominator): RateState {
  if (denominator === 0 || cause === "none") return { kind: "none" };
  if (over || returned > denominator) return { kind: "over", returned, denominator, cause };
  return { kind: "rate", returned, denominator };
}

/** The rate of one channel's cut (a channel filter): that channel's row as the whole. */
export function onlyChannel(rates: ReturnRates, channel: Channel): ReturnRates {
  const row = rates.channels.find((c) => c.channel === channel)!;
  return {
    channels: [row],
    combined: row.rate,
    delivered: row.denominator === "delivered" ? rates.delivered : 0,
    eligible: row.denominator === "eligible" ? rates.eligible : null,
  };
}

/**
 * A rate as a figure for a viewer: its n is the denominator, so a rate over fewer than
 * `threshold` delivered invitations or forms is hidden like any small figure (an "over"
 * one too: it would tell how many of a few came back). "Over" reads as the count to check.
 */
export function returnFigure(state: RateState, visibility: Visibility, threshold: number): Figure {
  if (state.kind === "none") return { kind: "not_available", reason: "no_denominator" };
  const figure = toFigure(state.returned, state.denominator, visibility, threshold, "no_denominator");
  if (state.kind === "rate" || figure.kind !== "shown") return figure;
  return { kind: "not_available", reason: state.cause === "eligible" ? "more_than_handed_out" : "more_than_delivered" };
}

/** Responses a viewer is told have no denominator, by channel (only channels that have some). */
export function withoutDenominatorCells(
  rates: ReturnRates,
  visibility: Visibility,
  threshold: number,
): { channel: Channel; responses: CountCell }[] {
  return rates.channels
    .filter((c) => c.withoutDenominator > 0)
    .map((c) => ({ channel: c.channel, responses: toCountCell(c.withoutDenominator, visibility, threshold) }));
}
