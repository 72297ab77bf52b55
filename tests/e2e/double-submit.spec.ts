import crypto from "node:crypto";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { answersOf, openE2eDatabase, responsesWithAnswer } from "./support/db";
import { exactly, progressPattern, tr } from "./support/locales";
import { button, continueTo, open, progress, questionGroup, questionTextbox, surveyUrl } from "./support/survey";

// A double submit (a double click, a retried post) stores the response once: one
// submitted response with the marker, and no answer stored twice.
const SLUG = "local-offer-2026-27";
const SURVEY = "local-offer";

function expectStoredOnce(marker: string) {
  const db = openE2eDatabase();
  try {
    const responses = responsesWithAnswer(db, SLUG, marker);
    expect(responses, `responses holding "${marker}"`).toHaveLength(1);
    expect(responses[0].submitted_at, "the response is submitted").toBeTruthy();
    const answers = answersOf(db, responses[0].id);
    const pairs = answers.map((a) => `${a.key}=${a.value}`);
    expect(new Set(pairs).size, `answers stored twice: ${pairs.join(", ")}`).toBe(pairs.length);
    const keys = answers.filter((a) => a.type !== "multiple_choice").map((a) => a.key);
    expect(new Set(keys).size, `a question with two answers: ${keys.join(", ")}`).toBe(keys.length);
    expect(answers.filter((a) => a.value === marker).map((a) => a.key)).toEqual(["improve"]);
    return answers;
  } finally {
    db.close();
  }
}

async function post(request: APIRequestContext, url: string, form: Record<string, string>) {
  const response = await request.post(url, { form, maxRedirects: 0 });
  return { status: response.status(), location: response.headers()["location"] };
}

test("posting the last page twice with the same token stores one response", async ({ request }) => {
  const token = crypto.randomBytes(24).toString("base64url");
  const marker = `double-post-${token}`;
  const resume = `/s/${SLUG}/r/${token}`;

  // Page 1, as the browser posts it without JavaScript: the form's own token.
  expect(await post(request, `/s/${SLUG}`, { token, page: "1", intent: "next", q_overall: "4", q_found_it: "yes" })).toEqual({
    status: 302,
    location: `${resume}?page=2`,
  });

  // The last page, twice at once and then once more.
  const last = { token, page: "2", intent: "submit", q_easy_to_understand: "5", q_improve: marker };
  const done = { status: 302, location: `${resume}/done` };
  const both = await Promise.all([post(request, resume, last), post(request, resume, last)]);
  expect(both).toEqual([done, done]);
  expect(await post(request, resume, last)).toEqual(done);
  // Even posted to the start address with the same token, it is the same response.
  expect(await post(request, `/s/${SLUG}`, last)).toEqual(done);

  const confirmation = await request.get(`${resume}/done`);
  expect(confirmation.status()).toBe(200);
  expect(await confirmation.text()).toContain(tr("en", "done.title"));

  const answers = expectStoredOnce(marker);
  expect(answers.map((a) => `${a.key}=${a.value}`).sort()).toEqual(
    ["overall=4", "found_it=yes", "easy_to_understand=5", `improve=${marker}`].sort(),
  );
});

/** local-offer's first page answered, and the marker typed on its last page. */
async function reachLastPage(page: Page, marker: string, javaScriptEnabled: boolean) {
  const lng = "en";
  await open(page, surveyUrl(SLUG, lng), javaScriptEnabled);
  await questionGroup(page, SURVEY, "overall", lng).getByRole("radio", { name: exactly(tr(lng, "scale.satisfaction.5")) }).check();
  await questionGroup(page, SURVEY, "found_it", lng).getByRole("radio", { name: exactly(tr(lng, "scale.yes_no_not_sure.yes")) }).check();
  await continueTo(page, lng, 2);
  await expect(progress(page, lng)).toHaveText(progressPattern(lng, 2, 2));
  await questionTextbox(page, SURVEY, "improve", lng).fill(marker);
}

const confirmation = (page: Page) => page.getByRole("heading", { level: 1, name: exactly(tr("en", "done.title")) });

test("with JavaScript, double-clicking Submit stores one response", async ({ page }) => {
  const marker = `double-click-js-${crypto.randomUUID()}`;
  await reachLastPage(page, marker, true);
  await button(page, "en", "submit").dblclick();
  await expect(confirmation(page)).toBeVisible();
  expectStoredOnce(marker);
});

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("double-clicking Submit stores one response", async ({ page }) => {
    const marker = `double-click-${crypto.randomUUID()}`;
    await reachLastPage(page, marker, false);
    await button(page, "en", "submit").dblclick();
    await expect(confirmation(page)).toBeVisible();
    expectStoredOnce(marker);
  });

  test("pressing Submit again while the first press is still loading stores one response", async ({ page }) => {
    // Chromium folds a quick double click into one post; on a slow connection the second
    // press comes after the first post has reached the server. The first answer is held
    // back from the browser until the second press has reached the server too.
    const marker = `slow-double-submit-${crypto.randomUUID()}`;
    await reachLastPage(page, marker, false);
    const reachedServer: string[] = [];
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstReached = () => {};
    const firstReachedServer = new Promise<void>((resolve) => (firstReached = resolve));
    await page.route(
      (url) => url.pathname.startsWith(`/s/${SLUG}/r/`),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const response = await route.fetch({ maxRedirects: 0 });
        reachedServer.push(`${response.status()} ${response.headers()["location"]}`);
        if (reachedServer.length === 1) {
          firstReached();
          await firstHeld;
        }
        // The browser dropped the first post when the second began: nothing left to answer.
        await route.fulfill({ response }).catch(() => undefined);
      },
    );
    // Not waiting for the page to start loading: it is held back on purpose.
    await button(page, "en", "submit").focus();
    await button(page, "en", "submit").click({ noWaitAfter: true });
    await firstReachedServer;
    // The second press: Playwright's locators wait for the held page load, the keyboard
    // does not. The click left the focus on Submit, so Enter presses it again.
    await page.keyboard.press("Enter");
    await expect(confirmation(page)).toBeVisible();
    releaseFirst();
    expect(reachedServer).toHaveLength(2);
    for (const r of reachedServer) expect(r).toMatch(/^302 \/s\/local-offer-2026-27\/r\/[A-Za-z0-9_-]{32}\/done$/);
    expectStoredOnce(marker);
  });
});
