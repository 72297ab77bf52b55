import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { KeptRenders } from "~/http/kept-renders";
import { languageCookieFor } from "~/i18n/i18n";
import { NonceProvider } from "~/ui/nonce";
import { keepsRendered } from "~/ui/page-handle";

/** Public pages kept rendered by their inputs (app/http/kept-renders.ts); a few MB at most. */
const keptRenders = new KeptRenders(200);

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
  const render = () =>
    renderToString(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} />
      </NonceProvider>,
    );
  const { matches, loaderData, actionData, errors } = remixContext.staticHandlerContext;
  const keep =
    request.method === "GET" &&
    responseStatusCode === 200 &&
    !actionData &&
    !errors &&
    keepsRendered(matches.map((m) => ({ handle: remixContext.routeModules[m.route.id]?.handle })));
  const html = keep ? keptRenders.html({ url: request.url, loaderData }, render) : render();
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export function handleDataRequest(response: Response, { request, context }: { request: Request; context: AppLoadContext }) {
  const cookie = languageCookieFor(request, context?.env?.COOKIE_SECURE === true);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
}
