// A browser with JavaScript off, as the bench needs one: GETs pages, keeps cookies, reads
// the survey form out of the served HTML, picks a valid answer for every field and posts
// it (urlencoded, with the Origin header a browser sends), following redirects by hand.
import crypto from "node:crypto";

export interface Page {
  url: string;
  status: number;
  html: string;
}

interface ParsedForm {
  action: string;
  fields: [string, string][];
  /** The primary button's intent ("next" or "submit"). */
  intent: string;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };
const decode = (s: string) => s.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (e) => ENTITIES[e]);

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[m[1]] = decode(m[2]);
  return attrs;
}

/** The answer a quick respondent gives to free text. */
const TEXT_ANSWER = "Clear and quick to use, thank you.";

/**
 * The survey form on a page and a valid answer for every field: hidden fields as served,
 * the first choice of each radio or checkbox group (a "very satisfied" or "yes"), the first
 * option of a select, a sentence in every text field.
 */
export function readSurveyForm(html: string, pageUrl: string): ParsedForm {
  const form = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => /name="intent"/.test(f));
  if (!form) throw new Error(`no survey form on ${pageUrl}`);
  const action = new URL(attributes(form.match(/<form\b[^>]*>/)![0]).action ?? pageUrl, pageUrl).href;
  const fields: [string, string][] = [];
  const answered = new Set<string>();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(tag);
    if (!a.name) continue;
    if (a.type === "hidden") fields.push([a.name, a.value ?? ""]);
    else if (a.type === "radio" || a.type === "checkbox") {
      if (!answered.has(a.name)) fields.push([a.name, a.value ?? "on"]);
      answered.add(a.name);
    } else fields.push([a.name, TEXT_ANSWER]);
  }
  for (const m of form.matchAll(/<textarea\b[^>]*>/g)) fields.push([attributes(m[0]).name, TEXT_ANSWER]);
  for (const m of form.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const first = [...m[1].matchAll(/<option\b[^>]*>/g)].map((o) => attributes(o[0]).value).find((v) => v);
    if (first) fields.push([attributes(m[0]).name, first]);
  }
  const button = form.match(/<button\b[^>]*name="intent"[^>]*>/);
  return { action, fields, intent: button ? attributes(button[0]).value : "next" };
}

export class NoJsClient {
  private cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}), ...extra };
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  /** GET, following redirects (at most 5), as a browser does. */
  async get(url: string): Promise<Page> {
    let current = new URL(url, this.base).href;
    for (let hop = 0; hop < 5; hop++) {
      const response = await fetch(current, { headers: this.headers(), redirect: "manual" });
      this.keepCookies(response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        current = new URL(location, current).href;
        continue;
      }
      return { url: current, status: response.status, html: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** POSTs a form (urlencoded, with this site's Origin); returns where it redirects to (null if it does not). */
  async send(url: string, body: string): Promise<{ status: number; location: string | null; html: string }> {
    const response = await fetch(url, {
      method: "POST",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", origin: new URL(this.base).origin }),
      body,
      redirect: "manual",
    });
    this.keepCookies(response);
    const location = response.headers.get("location");
    return { status: response.status, location: location && new URL(location, url).href, html: await response.text() };
  }

  /** POSTs a form and follows the redirect with a GET, as a browser does. */
  async post(url: string, body: string): Promise<Page> {
    const { status, location, html } = await this.send(url, body);
    if (status >= 300 && status < 400 && location) return this.get(location);
    return { url, status, html };
  }
}

/** The body a browser posts for a form filled by readSurveyForm. */
export function formBody(form: ParsedForm, intent = form.intent): string {
  const params = new URLSearchParams(form.fields);
  params.append("intent", intent);
  return params.toString();
}

const DONE = /\/s\/[^/]+\/r\/([^/?]+)\/done$/;

export interface CompletedResponse {
  token: string;
  /** Every page's posted body, in order (the raw-limit server stores the same answers). */
  bodies: string[];
  /** Where each body was posted. */
  actions: string[];
}

/** One complete response: the start page, each page answered and sent, ending on the done page. */
export async function completeResponse(client: NoJsClient, slug: string): Promise<CompletedResponse> {
  let page = await client.get(`/s/${slug}`);
  const bodies: string[] = [];
  const actions: string[] = [];
  for (let step = 0; step < 20; step++) {
    if (page.status !== 200) throw new Error(`${page.url} answered ${page.status}`);
    const done = DONE.exec(new URL(page.url).pathname);
    if (done) return { token: done[1], bodies, actions };
    const form = readSurveyForm(page.html, page.url);
    const body = formBody(form);
    bodies.push(body);
    actions.push(form.action);
    page = await client.post(form.action, body);
  }
  throw new Error(`no done page after 20 pages of /s/${slug}`);
}

/** A started, unsubmitted response: its first page sent; returns the page it lands on (the response's URL). */
export async function startResponse(client: NoJsClient, slug: string): Promise<string> {
  const first = await client.get(`/s/${slug}`);
  const form = readSurveyForm(first.html, first.url);
  const next = await client.post(form.action, formBody(form));
  if (next.status !== 200 || !/\/r\//.test(next.url)) throw new Error(`starting a response to ${slug} ended on ${next.url} (${next.status})`);
  return new URL(next.url).pathname + new URL(next.url).search;
}

/**
 * The same response's posts only, under a new token (any well-formed token starts a
 * response), not following the redirects: the submit path alone, as the baseline
 * measured it. Returns the token once the last post redirects to the done page.
 */
export async function postsOnly(client: NoJsClient, sample: CompletedResponse): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  for (const [i, body] of sample.bodies.entries()) {
    const sent = await client.send(sample.actions[i].replaceAll(sample.token, token), body.replaceAll(sample.token, token));
    if (!sent.location) throw new Error(`post ${i + 1} answered ${sent.status} without a redirect`);
    if (i === sample.bodies.length - 1 && !DONE.test(new URL(sent.location).pathname)) throw new Error(`the last post went to ${new URL(sent.location).pathname}`);
  }
  return token;
}
