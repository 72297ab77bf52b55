import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { languageCookieFor } from "~/i18n/i18n";
import { NonceProvider } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

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
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleDataRequest(response: Response, { request, context }: { request: Request; context: AppLoadContext }) {
  const cookie = languageCookieFor(request, context?.env?.COOKIE_SECURE === true);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
}
