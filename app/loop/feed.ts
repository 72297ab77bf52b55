/**
 * A small Atom 1.0 (RFC 4287) writer for the public "You Said, We Did" feed. Every text
 * is escaped here; nothing else builds XML.
 */

export interface AtomEntry {
  id: string;
  title: string;
  /** ISO date-time. */
  updated: string;
  published?: string;
  link: string;
  /** HTML, escaped again as the Atom "html" content type requires. */
  html: string;
}

export interface AtomFeed {
  lang: string;
  id: string;
  title: string;
  subtitle?: string;
  author: string;
  selfUrl: string;
  alternateUrl: string;
  updated: string;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all: dropped rather than escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" }[c]!));
}

/** HTML text (for the inside of an entry's content): escaped once as HTML. */
export function escapeHtml(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));
}

export function renderAtom(feed: AtomFeed): string {
  const x = escapeXml;
  const entries = feed.entries.map((e) =>
    [
      "  <entry>",
      `    <id>${x(e.id)}</id>`,
      `    <title type="text">${x(e.title)}</title>`,
      `    <updated>${x(e.updated)}</updated>`,
      e.published ? `    <published>${x(e.published)}</published>` : null,
      `    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
      `    <content type="html">${x(e.html)}</content>`,
      "  </entry>",
    ]
      .filter((line) => line !== null)
      .join("\n")
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.lang)}">`,
    `  <id>${x(feed.id)}</id>`,
    `  <title type="text">${x(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${x(feed.subtitle)}</subtitle>` : null,
    `  <updated>${x(feed.updated)}</updated>`,
    `  <author><name>${x(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(feed.alternateUrl)}"/>`,
    ...entries,
    "</feed>",
    "",
  ]
    .filter((line) => line !== null)
    .join("\n");
}
