import type { Language } from "@db/schema";
import { directionOf } from "~/i18n/i18n";
import { escapeHtml } from "~/http/html";

export interface EmailContent {
  lng: Language;
  /** The heading, also the HTML title. */
  title: string;
  paragraphs: string[];
  /** The main link, shown as a button in HTML and as a bare URL in text. */
  action?: { label: string; href: string };
  /** Small print: who sent it, how to opt out. Links are written as bare URLs. */
  footer: string[];
}


/** Bare URLs in already-escaped text become links. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

/**
 * The HTML and plain-text parts of an email in one language. Urdu mail is
 * `dir="rtl"` with `lang="ur"`; URLs sit in `<bdi>` so they keep their own direction.
 */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  const dir = directionOf(content.lng);
  const align = dir === "rtl" ? "right" : "left";
  const font =
    content.lng === "ur"
      ? "'Noto Nastaliq Urdu', 'Jameel Noori Nastaleeq', 'Urdu Typesetting', serif"
      : "Arial, Helvetica, sans-serif";
  const p = (text: string) =>
    `<p style="margin:0 0 16px;line-height:${content.lng === "ur" ? 2.2 : 1.5}">${linkify(escapeHtml(text)).replace(/<a /g, "<bdi><a ").replace(/<\/a>/g, "</a></bdi>")}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.href)}" style="display:inline-block;padding:10px 16px;background:#00703c;color:#ffffff;text-decoration:none;font-weight:bold">${escapeHtml(content.action.label)}</a></p><p style="margin:0 0 16px;font-size:14px"><bdi>${escapeHtml(content.action.href)}</bdi></p>`
    : "";
  const html = [
    "<!doctype html>",
    `<html lang="${content.lng}" dir="${dir}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.title)}</title></head>`,
    `<body dir="${dir}" style="margin:0;padding:24px;font-family:${font};font-size:16px;color:#0b0c0c;text-align:${align}">`,
    `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(content.title)}</h1>`,
    ...content.paragraphs.map(p),
    button,
    `<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0">`,
    ...content.footer.map((f) => `<div style="font-size:14px;color:#505a5f">${p(f)}</div>`),
    "</body></html>",
  ].join("\n");
  const text = [
    content.title,
    "",
    ...content.paragraphs.flatMap((x) => [x, ""]),
    ...(content.action ? [`${content.action.label}:`, content.action.href, ""] : []),
    "--",
    ...content.footer,
  ].join("\n");
  return { html, text };
}
