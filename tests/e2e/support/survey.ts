import { expect, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { question } from "./content";
import { exactly, progressPattern, tr, type Lng } from "./locales";

/** The five open demo campaigns (seeded by db/seed), with the number of pages each shows by default. */
export const SURVEYS = [
  { slug: "senar-parent-2026-27", pages: 4 },
  { slug: "senco-setting-2026-27", pages: 3 },
  { slug: "partner-organisation-2026-27", pages: 2 },
  { slug: "local-offer-2026-27", pages: 2 },
  { slug: "co-assessment-2026-27", pages: 3 },
] as const;

/** A free-text answer in the respondent's language. */
export const SAMPLE_TEXT: Record<Lng, string> = {
  en: "Clear letters and a named person to call.",
  ur: "واضح خطوط اور رابطے کے لیے ایک مقرر شخص۔",
};

/** The start of a survey, in Urdu forced by `?lng=ur` (English is the default). */
export function surveyUrl(slug: string, lng: Lng): string {
  return lng === "ur" ? `/s/${slug}?lng=ur` : `/s/${slug}`;
}

/**
 * Waits until React has hydrated the page, so a click goes through Remix's
 * client-side form handling rather than a plain browser post. Reads React 18's
 * root state: this is a test-only look at internals.
 */
export async function waitForHydration(page: Page): Promise<void> {
  // A page served without Remix's scripts (every respondent and public page) is ready as
  // it is: there is nothing to wait for. Otherwise wait until React has hydrated it.
  await page.waitForFunction(() => {
    if (!document.querySelector("script[type=module]")) return document.readyState !== "loading";
    const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"));
    if (!key) return false;
    const root = (document as unknown as Record<string, { stateNode?: { current?: { memoizedState?: { isDehydrated?: boolean } } } }>)[key]
      ?.stateNode;
    return root?.current?.memoizedState?.isDehydrated === false;
  });
}

/** Opens a page and, with JavaScript on, waits for it to be hydrated. */
export async function open(page: Page, url: string, javaScriptEnabled: boolean) {
  const response = await page.goto(url);
  if (javaScriptEnabled) await waitForHydration(page);
  return response;
}

/** The survey form (the only form in the main landmark). */
export function surveyForm(page: Page): Locator {
  return page.getByRole("main").locator("form");
}

export function button(page: Page, lng: Lng, key: "continue" | "submit" | "back" | "save_for_later"): Locator {
  return page.getByRole("button", { name: exactly(tr(lng, key)) });
}

/** The "Page N of M" caption. */
export function progress(page: Page, lng: Lng): Locator {
  return page.getByText(progressPattern(lng));
}

export async function readProgress(page: Page, lng: Lng): Promise<{ current: number; total: number }> {
  const text = (await progress(page, lng).textContent()) ?? "";
  const m = progressPattern(lng).exec(text);
  if (!m) throw new Error(`No page progress in "${text}"`);
  return { current: Number(m[1]), total: Number(m[2]) };
}

export async function expectLanguage(page: Page, lng: Lng): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
  await expect(page.locator("html")).toHaveAttribute("dir", lng === "ur" ? "rtl" : "ltr");
  if (lng === "ur") await expect(page.locator('html[dir="rtl"][lang="ur"]')).toHaveCount(1);
}

/**
 * Answers every question visible on the current survey page: the first option of
 * each group of radios or checkboxes (fieldset), and `text` in each text box.
 */
export async function answerVisibleQuestions(page: Page, { text }: { text: string }): Promise<void> {
  const form = surveyForm(page);
  const groups = form.getByRole("group");
  const count = await groups.count();
  expect(count + (await form.getByRole("textbox").count()), "questions on the page").toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const radios = group.getByRole("radio");
    if ((await radios.count()) > 0) {
      await radios.first().check();
      continue;
    }
    const boxes = group.getByRole("checkbox");
    expect(await boxes.count(), `answers in question ${i + 1}`).toBeGreaterThan(0);
    await boxes.first().check();
  }
  const textboxes = form.getByRole("textbox");
  const n = await textboxes.count();
  for (let i = 0; i < n; i++) await textboxes.nth(i).fill(text);
}

/** Presses Continue and waits for the next page number (any total: answers may add or drop pages). */
export async function continueTo(page: Page, lng: Lng, next: number): Promise<void> {
  await button(page, lng, "continue").click();
  await expect(progress(page, lng)).toHaveText(progressPattern(lng, next));
}

export interface CompleteOptions {
  slug: string;
  lng: Lng;
  javaScriptEnabled: boolean;
  /** Runs axe on each page, the confirmation page included. */
  axe?: boolean;
  /** Fills in each page before moving on; defaults to answering every question. */
  fill?: (page: Page, pageNumber: number) => Promise<void>;
}

/**
 * From the current survey page, answers page after page and submits; ends on the
 * confirmation page. Returns the number of survey pages answered.
 */
export async function finishSurvey(page: Page, opts: CompleteOptions): Promise<number> {
  const { lng, javaScriptEnabled } = opts;
  const fill = opts.fill ?? ((p: Page) => answerVisibleQuestions(p, { text: SAMPLE_TEXT[lng] }));
  let answered = 0;
  for (;;) {
    const { current, total } = await readProgress(page, lng);
    await expectLanguage(page, lng);
    if (opts.axe) await expectNoAxeViolations(page, `${opts.slug} page ${current} of ${total} (${lng})`, { javaScriptEnabled });
    await fill(page, current);
    answered++;
    if (current < total) {
      await continueTo(page, lng, current + 1);
      continue;
    }
    await button(page, lng, "submit").click();
    await expect(page.getByRole("heading", { level: 1, name: exactly(tr(lng, "done.title")) })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/s/${opts.slug}/r/[A-Za-z0-9_-]{32}/done$`));
    await expectLanguage(page, lng);
    if (opts.axe) await expectNoAxeViolations(page, `${opts.slug} confirmation (${lng})`, { javaScriptEnabled });
    return answered;
  }
}

/** A question's accessible name: its text, with "(optional)" when it is not required. */
export function questionName(surveySlug: string, key: string, lng: Lng): RegExp {
  const q = question(surveySlug, key);
  return exactly(q.required ? q.text[lng] : `${q.text[lng]} ${tr(lng, "optional")}`);
}

/** A choice question's fieldset, found by its legend. */
export function questionGroup(page: Page, surveySlug: string, key: string, lng: Lng): Locator {
  return surveyForm(page).getByRole("group", { name: questionName(surveySlug, key, lng) });
}

/** A text question's box, found by its label. */
export function questionTextbox(page: Page, surveySlug: string, key: string, lng: Lng): Locator {
  return surveyForm(page).getByRole("textbox", { name: questionName(surveySlug, key, lng) });
}

/** The "Which service is your feedback about?" fieldset. */
export function serviceGroup(page: Page, lng: Lng): Locator {
  return surveyForm(page).getByRole("group", { name: exactly(tr(lng, "service_question")) });
}

/** The resume token in the current URL (`/s/<slug>/r/<token>...`). */
export function tokenFromUrl(page: Page): string {
  const m = /\/r\/([A-Za-z0-9_-]{32})(?:\/|\?|$)/.exec(new URL(page.url()).pathname + new URL(page.url()).search);
  if (!m) throw new Error(`No resume token in ${page.url()}`);
  return m[1];
}
