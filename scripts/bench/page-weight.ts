// Page weight of every respondent page in Chromium, in English and Urdu: bytes on the wire
// (compressed, as Chromium's network stack counts them: CDP Network.loadingFinished
// encodedDataLength, redirects included), JavaScript bytes, requests, and font bytes apart
// so the "before the font" figure is plain. The cache is off: every page as a first visit.
import SQLite from "better-sqlite3";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { newInvitationToken } from "../../app/campaigns/invitations.server";

export interface PageWeight {
  label: string;
  lng: "en" | "ur";
  url: string;
  requests: number;
  bytes: number;
  fontBytes: number;
  jsBytes: number;
  /** Whether the page is a respondent page (goal 30 KB) or the public update (goal 60 KB). */
  goalKb: number;
}

interface Transfer {
  type: string;
  bytes: number;
}

/** Counts every response's bytes on one page's CDP session between reset() and read(). */
class WireMeter {
  private transfers = new Map<string, Transfer>();
  private redirects: Transfer[] = [];

  constructor(cdp: CDPSession) {
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.redirectResponse) this.redirects.push({ type: "Redirect", bytes: e.redirectResponse.encodedDataLength ?? 0 });
      this.transfers.set(e.requestId, { type: e.type ?? "Other", bytes: 0 });
    });
    cdp.on("Network.loadingFinished", (e) => {
      const t = this.transfers.get(e.requestId);
      if (t) t.bytes = e.encodedDataLength;
    });
  }

  reset(): void {
    this.transfers.clear();
    this.redirects = [];
  }

  read(): { requests: number; bytes: number; fontBytes: number; jsBytes: number } {
    const all = [...this.transfers.values(), ...this.redirects];
    const sum = (type?: string) => all.filter((t) => !type || t.type === type).reduce((s, t) => s + t.bytes, 0);
    return { requests: all.length, bytes: sum(), fontBytes: sum("Font"), jsBytes: sum("Script") };
  }
}

interface Tab {
  page: Page;
  meter: WireMeter;
}

const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function newTab(browser: Browser, base: string): Promise<Tab> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return { page, meter: new WireMeter(cdp) };
}

/** Runs one navigation (a goto or a form submit) and weighs everything it loaded. */
async function weigh(tab: Tab, label: string, lng: "en" | "ur", goalKb: number, navigate: () => Promise<unknown>): Promise<PageWeight> {
  tab.meter.reset();
  await navigate();
  await tab.page.waitForLoadState("networkidle");
  return { label, lng, url: new URL(tab.page.url()).pathname, goalKb, ...tab.meter.read() };
}

/** Answers every question on the page in the DOM (first choice, a sentence), as a person would. */
async function answerPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const form = document.querySelector("form[method=post]") as HTMLFormElement;
    const seen = new Set<string>();
    for (const input of form.querySelectorAll<HTMLInputElement>("input[type=radio], input[type=checkbox]")) {
      if (!seen.has(input.name)) input.checked = true;
      seen.add(input.name);
    }
    for (const text of form.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>("textarea, input[type=text]")) text.value = "Clear and quick, thank you.";
  });
}

/** Goes to a page without weighing it; waits until it is quiet so nothing of it is counted later. */
async function visit(tab: Tab, path: string): Promise<void> {
  await tab.page.goto(path);
  await tab.page.waitForLoadState("networkidle");
}

const submit = (page: Page, intent: string) => page.click(`button[name=intent][value=${intent}]`);
const primaryIntent = async (page: Page) => ((await page.locator("button[name=intent][value=submit]").count()) > 0 ? "submit" : "next");

/** Home, the start page, every page of a response, the saved page and the done page, in one language. */
async function respondentJourney(browser: Browser, base: string, slug: string, lng: "en" | "ur"): Promise<PageWeight[]> {
  const tab = await newTab(browser, base);
  const q = lng === "ur" ? "?lng=ur" : "";
  const rows: PageWeight[] = [];
  const measure = async (label: string, navigate: () => Promise<unknown>) => rows.push(await weigh(tab, label, lng, 30, navigate));
  await measure("home", () => tab.page.goto(`/${q}`));
  await measure("survey start page (page 1)", () => tab.page.goto(`/s/${slug}${q}`));
  let pageNumber = 1;
  let responsePath: string | null = null;
  while ((await primaryIntent(tab.page)) === "next") {
    await answerPage(tab.page);
    pageNumber++;
    await measure(`response page ${pageNumber}`, () => submit(tab.page, "next"));
    responsePath = new URL(tab.page.url()).pathname;
    if (pageNumber > 20) throw new Error("no last page after 20 pages");
  }
  if (responsePath) {
    await measure("response page 1 (by its link)", () => tab.page.goto(`${responsePath}?page=1`));
    await visit(tab, `${responsePath}?page=${pageNumber}`);
    await measure("saved (save for later)", () => submit(tab.page, "save"));
    await visit(tab, `${responsePath}?page=${pageNumber}`);
  }
  await answerPage(tab.page);
  await measure("done (confirmation)", () => submit(tab.page, "submit"));
  await tab.page.context().close();
  return rows;
}

/** An open invitation and an answered one in each language; made (as the app does) if the demo has none. */
function invitationTokens(databaseFile: string, lng: "en" | "ur"): { open: string; answered: string | null } {
  const sqlite = new SQLite(databaseFile);
  try {
    const now = new Date().toISOString();
    const pick = (answered: boolean) =>
      (
        sqlite
          .prepare(
            `select i.token from invitations i join campaigns c on c.id = i.campaign_id
             where i.language = ? and i.bounced_at is null and i.opted_out_at is null and c.opens_at <= ? and c.closes_at >= ?
               and i.completed_on is ${answered ? "not null" : "null"} order by i.id limit 1`,
          )
          .get(lng, now, now) as { token: string } | undefined
      )?.token;
    let open = pick(false);
    if (!open) {
      const target = sqlite
        .prepare(`select c.id as campaign, cs.service_id as service from campaigns c join campaign_services cs on cs.campaign_id = c.id where c.opens_at <= ? and c.closes_at >= ? order by c.id limit 1`)
        .get(now, now) as { campaign: number; service: number };
      open = newInvitationToken();
      sqlite
        .prepare(`insert into invitations (campaign_id, service_id, email, language, token, created_at, sent_at) values (?, ?, ?, ?, ?, ?, ?)`)
        .run(target.campaign, target.service, `bench.${lng}@example.org`, lng, open, now, now);
    }
    return { open, answered: pick(true) ?? null };
  } finally {
    sqlite.close();
  }
}

async function single(browser: Browser, base: string, label: string, lng: "en" | "ur", goalKb: number, path: string): Promise<PageWeight> {
  const tab = await newTab(browser, base);
  try {
    return await weigh(tab, label, lng, goalKb, () => tab.page.goto(path));
  } finally {
    await tab.page.context().close();
  }
}

export async function measurePageWeights(base: string, databaseFile: string, slug: string): Promise<PageWeight[]> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
  try {
    const rows: PageWeight[] = [];
    for (const lng of ["en", "ur"] as const) {
      rows.push(...(await respondentJourney(browser, base, slug, lng)));
      const invitation = invitationTokens(databaseFile, lng);
      rows.push(await single(browser, base, "invitation link (open: to its survey)", lng, 30, `/i/${invitation.open}`));
      if (invitation.answered) rows.push(await single(browser, base, "invitation link (already answered)", lng, 30, `/i/${invitation.answered}?lng=${lng}`));
      rows.push(await single(browser, base, "you said, we did", lng, 60, `/you-said-we-did${lng === "ur" ? "?lng=ur" : ""}`));
    }
    return rows;
  } finally {
    await browser.close();
  }
}
