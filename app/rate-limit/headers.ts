import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers` export for the forms a rate limit can refuse: a page rendered
 * without JavaScript takes its headers from here, not from the action's response, so a
 * refusal's `Retry-After` is passed on (with JavaScript the action's own response has it).
 */
export const retryAfterFromAction: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const value = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};
