import type { TFunction } from "i18next";
import { waitHours, waitMinutes } from "./policies";

/**
 * How a refusal reads (status 429, DESIGN.md "Languages and accessibility"): a form is
 * shown again with everything typed in it and an error summary saying how long to wait;
 * an action without a form gets the error page of reason `too_many_requests`. Both give
 * the wait in whole minutes (a reminder, in hours).
 */

export const TOO_MANY_REQUESTS = "too_many_requests";

/** What a thrown 429 carries to the error page. */
export interface TooManyRequestsData {
  reason: typeof TOO_MANY_REQUESTS;
  retryAfterMinutes: number;
}

export function tooManyRequestsData(retryAfterSeconds: number): TooManyRequestsData {
  return { reason: TOO_MANY_REQUESTS, retryAfterMinutes: waitMinutes(retryAfterSeconds) };
}

// Plural keys (`_one`, `_other`) are chosen by i18next from `count`.
// i18n-dynamic: common:too_many_requests.
// i18n-dynamic: campaigns:overview.reminder_limited
// The error page (app/ui/ErrorPage.tsx) reads common:too_many_requests.title and .body.
const KEYS = {
  form: "common:too_many_requests.form",
  reminder: "campaigns:overview.reminder_limited",
} as const;

/** The error summary's line for a form refused by a rate limit. */
export function formRefusalMessage(t: TFunction, retryAfterSeconds: number): string {
  return t(KEYS.form, { count: waitMinutes(retryAfterSeconds) });
}

/** The staff message when a manual reminder was already sent today. */
export function reminderRefusalMessage(t: TFunction, retryAfterSeconds: number): string {
  return t(KEYS.reminder, { count: waitHours(retryAfterSeconds) });
}
