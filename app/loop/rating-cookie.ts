import { readCookie, serializeCookie } from "~/http/cookies";

/**
 * Which entries this browser has already answered "Did this help?" for: their ids, kept
 * on the device only (the rating rows hold nothing about who answered), so one browser
 * gives one answer per entry.
 */
export const RATED_COOKIE = "yswd_rated";
const MAX_AGE_SECONDS = 2 * 365 * 86_400;
/** Enough for years of entries; the oldest are forgotten first. */
const MAX_IDS = 300;

export function readRatedIds(request: Request): number[] {
  const value = readCookie(request, RATED_COOKIE);
  if (value === undefined) return [];
  return value
    .split(".")
    .filter((x) => /^\d{1,9}$/.test(x))
    .map(Number);
}

/** `cookieSecure` is `env.COOKIE_SECURE`. */
export function ratedCookie(ids: readonly number[], cookieSecure: boolean): string {
  const kept = [...new Set(ids)].slice(-MAX_IDS);
  return serializeCookie(RATED_COOKIE, kept.join("."), { maxAge: MAX_AGE_SECONDS, secure: cookieSecure });
}
