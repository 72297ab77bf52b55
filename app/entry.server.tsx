import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { languageCookieFor } from "~/i18n/i18n";
import { NonceProvider } from "~/ui/nonce";

/**
 * A page is rendered whole, to one string. No route defers data or suspends, so streaming
 * would only add work: a pipeable stream, a Node-to-web stream bridge and back again cost
 * more than rendering the page did (issue 13's profile). A route that needs streaming
 * later must bring back renderToPipeableStream here.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // `?lng=` is remembered in a cookie (docs/decisions/001-language-in-cookie.md).
  const cookie = languageCookieFor(request, loadContext?.env?.COOKIE_SECURE === true);
  if (cookie) responseHeaders.append("Set-Cookie", cookie);
  // The CSP nonce server/app.ts put in this response's header (absent in unit tests).
  const nonce = loadContext?.nonce ?? "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export function handleDataRequest(response: Response, { request, context }: { request: Request; context: AppLoadContext }) {
  const cookie = languageCookieFor(request, context?.env?.COOKIE_SECURE === true);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
}
