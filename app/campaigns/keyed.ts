import type { Channel } from "@db/schema";
import { isIsoDate } from "~/loop/loop-states";

/** Channels staff key in for a respondent (invitation and open-link responses come in by themselves). */
export const KEYED_CHANNELS = ["paper", "phone", "interpreted"] as const satisfies readonly Channel[];
export type KeyedChannel = (typeof KEYED_CHANNELS)[number];

export type CompletedOnProblem = "completed_on_required" | "completed_on_invalid" | "completed_on_outside" | "completed_on_future";

/** The days a keyed form may have been completed on: the campaign's period, and not after today. */
export function completedOnRange(campaign: { opens_at: string; closes_at: string }, today: string): { first: string; last: string } {
  const closes = campaign.closes_at.slice(0, 10);
  return { first: campaign.opens_at.slice(0, 10), last: closes < today ? closes : today };
}

/**
 * DESIGN.md "Response": the date a keyed form was completed is required and falls within
 * the campaign's period (opens_at..closes_at, whole days). A form cannot have been filled
 * in after today either. `today` is YYYY-MM-DD (UTC, as every period).
 */
export function completedOnProblem(
  value: string,
  campaign: { opens_at: string; closes_at: string },
  today: string,
): CompletedOnProblem | undefined {
  const v = value.trim();
  if (v === "") return "completed_on_required";
  if (!isIsoDate(v)) return "completed_on_invalid";
  const { first } = completedOnRange(campaign, today);
  if (v < first || v > campaign.closes_at.slice(0, 10)) return "completed_on_outside";
  if (v > today) return "completed_on_future";
  return undefined;
}

/** What the next blank form starts with after "Save and key another". */
export interface StickyKeyedFields {
  channel: string;
  language: string;
  service: string;
  completed_on: string;
}

/**
 * The fields kept from one keyed form to the next, read from the new form's address
 * (`?channel=paper&language=ur&service=3&completed_on=2026-07-14`). Anything not one of
 * the choices offered is left blank rather than preselected.
 */
export function readStickyFields(params: URLSearchParams, serviceIds: readonly string[]): StickyKeyedFields {
  const get = (k: string) => params.get(k) ?? "";
  const channel = get("channel");
  const language = get("language");
  const service = get("service");
  const completedOn = get("completed_on");
  return {
    channel: (KEYED_CHANNELS as readonly string[]).includes(channel) ? channel : "",
    language: language === "en" || language === "ur" ? language : "",
    service: serviceIds.includes(service) ? service : serviceIds.length === 1 ? serviceIds[0] : "",
    completed_on: isIsoDate(completedOn) ? completedOn : "",
  };
}

/** The address of the next blank form with the sticky fields of the one just saved. */
export function nextFormSearch(fields: StickyKeyedFields): string {
  return new URLSearchParams({ ...fields, saved: "1" }).toString();
}
