import { readEnv } from "~/env.server";

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
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== RATED_COOKIE) continue;
    return v
      .join("=")
      .split(".")
      .filter((x) => /^\d{1,9}$/.test(x))
      .map(Number);
  }
  return [];
}

export function ratedCookie(ids: readonly number[]): string {
  const kept = [...new Set(ids)].slice(-MAX_IDS);
  const secure = readEnv().COOKIE_SECURE ? "; Secure" : "";
  return `${RATED_COOKIE}=${kept.join(".")}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secure}`;
}
