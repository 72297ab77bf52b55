import enCommon from "../../locales/en/common.json";
import enEdge from "../../locales/en/edge.json";
import urEdge from "../../locales/ur/edge.json";
import { escapeHtml } from "./html";

// The few pages the HTTP edge (server/app.ts) answers itself, before the app is reached:
// a malformed address, a body too big or not a form, a form from another site, a crash.
// Both languages on one page: the edge does not know the reader's language and must not
// fail working it out. The texts are in locales/{en,ur}/edge.json like every other string.

const PAGE_OF_STATUS = {
  400: "bad_request",
  403: "cross_site",
  413: "too_large",
  415: "not_a_form",
  500: "error",
} as const;

export type EdgeStatus = keyof typeof PAGE_OF_STATUS;


export function edgePageHtml(status: EdgeStatus): string {
  // i18n-dynamic: edge:page.
  const page = PAGE_OF_STATUS[status];
  const en = enEdge.page[page];
  const ur = urEdge.page[page];
  return [
    '<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(en.title)} – ${escapeHtml(enCommon.app_name)}</title></head><body><main>`,
    `<h1>${escapeHtml(en.title)}</h1><p>${escapeHtml(en.body)}</p>`,
    `<div lang="ur" dir="rtl"><h2>${escapeHtml(ur.title)}</h2><p>${escapeHtml(ur.body)}</p></div>`,
    `<p><a href="/">${escapeHtml(enEdge["home_link"])}</a> · <a href="/?lng=ur" lang="ur" dir="rtl">${escapeHtml(urEdge["home_link"])}</a></p>`,
    "</main></body></html>",
  ].join("");
}
