import path from "node:path";
import { expect, test } from "./support/test";
import { progressPattern } from "./support/locales";
import { expectLanguage, open, progress, surveyUrl } from "./support/survey";

// Urdu is set in Noto Nastaliq Urdu, served by the app itself, on Urdu pages only.
const FAMILY = "Noto Nastaliq Urdu";

test("Urdu pages use the app's own Nastaliq font", async ({ page, baseURL }) => {
  const fontFiles: { url: string; status: number }[] = [];
  page.on("response", (r) => {
    if (/\.woff2(\?|$)/.test(r.url())) fontFiles.push({ url: r.url(), status: r.status() });
  });
  await open(page, surveyUrl("senar-parent-2026-27", "ur"), true);
  await expectLanguage(page, "ur");
  await expect(progress(page, "ur")).toHaveText(progressPattern("ur", 1, 4));
  await expect(page.locator('head link[rel="stylesheet"][href="/fonts/urdu.css"]')).toHaveCount(1);

  const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(bodyFont).toContain(FAMILY);
  // Form controls inherit it (the UA default would not be Nastaliq).
  const buttonFont = await page.getByRole("button").first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(buttonFont).toContain(FAMILY);

  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect
    .poll(() =>
      page.evaluate(
        (family) =>
          [...document.fonts].some((f) => f.family.replace(/["']/g, "") === family && f.status === "loaded") &&
          document.fonts.check(`16px "${family}"`, "آپ"),
        FAMILY,
      ),
    )
    .toBe(true);
  expect(fontFiles.length, "a Nastaliq font file was loaded").toBeGreaterThan(0);
  for (const f of fontFiles) {
    expect(f.url.startsWith(`${baseURL}/fonts/`), `${f.url} is served by the app`).toBe(true);
    expect(f.status).toBe(200);
  }

  // For the lead to look at: a whole Urdu survey page.
  await page.screenshot({ path: path.resolve("tests/.tmp/urdu-survey.png"), fullPage: true });
});

test("English pages do not load the Urdu font", async ({ page }) => {
  await open(page, surveyUrl("senar-parent-2026-27", "en"), true);
  await expectLanguage(page, "en");
  await expect(page.locator('link[href="/fonts/urdu.css"]')).toHaveCount(0);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toContain(FAMILY);
});
