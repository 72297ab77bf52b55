import { json } from "@remix-run/node";
import { tooManyRequestsData } from "./messages";
import { retryAfterHeaders } from "./policies";
import type { RateLimitResult } from "./store.server";

/** The status and `Retry-After` header of every refusal (for `json(data, refusalInit(result))`). */
export function refusalInit({ retryAfterSeconds }: Pick<RateLimitResult, "retryAfterSeconds">): ResponseInit {
  return { status: 429, headers: retryAfterHeaders(retryAfterSeconds) };
}

/** A 429 to throw from an action without a form: the error page explains it, with the wait. */
export function tooManyRequests(result: Pick<RateLimitResult, "retryAfterSeconds">): Response {
  return json(tooManyRequestsData(result.retryAfterSeconds), refusalInit(result));
}
