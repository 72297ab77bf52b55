import type { UIMatch } from "@remix-run/react";

/**
 * What a route tells the root document about itself (Remix's route `handle`).
 *
 * `hydrate: true` asks for Remix's client scripts. Pages are served without them unless a
 * matched route asks: every respondent and public page works as plain HTML forms and links
 * (docs/decisions/018-respondent-pages-without-javascript.md), and a parent on a phone
 * should not download a JavaScript application to answer ten questions. The staff layout
 * (and so every staff page) asks for them.
 */
export interface PageHandle {
  hydrate?: boolean;
  /**
   * The page's HTML is a pure function of its address and its loaders' data, and holds
   * nothing personal: it may be kept rendered (app/http/kept-renders.ts). Only for public
   * pages without scripts; never for a page that carries a token or a respondent's answers.
   */
  keepRendered?: boolean;
}

/** The handle of a public page that is the same for everyone with the same data (see keepRendered). */
export const KEEP_RENDERED: PageHandle = { keepRendered: true };

/** True when any matched route asks for client scripts. */
export function wantsScripts(matches: Pick<UIMatch, "handle">[]): boolean {
  return matches.some((m) => (m.handle as PageHandle | undefined)?.hydrate === true);
}

/** True when the page may be kept rendered: the deepest route asks and no route wants scripts. */
export function keepsRendered(matches: Pick<UIMatch, "handle">[]): boolean {
  const deepest = matches[matches.length - 1]?.handle as PageHandle | undefined;
  return deepest?.keepRendered === true && !wantsScripts(matches);
}
