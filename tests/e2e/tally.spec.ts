import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { surveyTitle } from "./support/content";
import { exactly, tr, type Lng } from "./support/locales";
import { signIn } from "./support/staff";

// Tallies of paper forms: an officer counts a stack of forms for one service, month and
// language, sees the confirmation with the total, and voids it again (so the demo's
// figures are as they were). Without JavaScript in English, with it in Urdu; axe on every
// page. Each run makes its own campaign, so no tally of an earlier run is in the way.

const c = (lng: Lng, key: string, values: Record<string, string | number> = {}) => tr(lng, `campaigns:${key}`, values);
const h1 = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exactly(text) });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** This month: the campaign opened 40 days ago, so its tally is dated within it and not after today. */
const month = () => new Date().toISOString().slice(0, 7);

async function freshPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled });
  return context.newPage();
}

/** A new campaign of the SENAR parent survey for SENAR North, made through the admin's form; its overview's address. */
async function newCampaign(page: Page): Promise<string> {
  const run = crypto.randomBytes(3).toString("hex");
  await page.goto("/staff/campaigns/new?lng=en");
  await page.getByRole("textbox", { name: c("en", "form.name_en") }).fill(`E2E tally ${run}`);
  await page.getByRole("textbox", { name: c("en", "form.name_ur") }).fill(`گنتی ${run}`);
  await page.getByRole("radio", { name: c("en", "form.survey_option", { title: surveyTitle("senar-parent", "en"), version: 1 }) }).check();
  await page.getByLabel(c("en", "form.opens_on")).fill(day(-40));
  await page.getByLabel(c("en", "form.closes_on")).fill(day(60));
  await page.getByRole("checkbox", { name: "SENAR North" }).check();
  await page.getByRole("button", { name: c("en", "new.submit") }).click();
  await expect(h1(page, `E2E tally ${run}`)).toBeVisible();
  return new URL(page.url()).pathname;
}

async function keyTally(page: Page, lng: Lng, js: boolean) {
  const overview = await newCampaign(page);
  await page.goto(`${overview}?lng=${lng}`);
  await page.getByRole("link", { name: c(lng, "overview.tallies") }).click();
  await expect(h1(page, c(lng, "tally.title"))).toBeVisible();
  await expectNoAxeViolations(page, `tallies (${lng})`, { javaScriptEnabled: js });

  // A slip first: a month that is not one and a count that is not a number; what was typed stays.
  await page.getByRole("textbox", { name: c(lng, "tally.month") }).fill("2026-13");
  await page.getByRole("textbox", { name: tr(lng, "survey:scale.satisfaction.4"), exact: true }).fill("nineteen");
  await page.getByRole("button", { name: c(lng, "tally.submit") }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText(c(lng, "tally.errors.month_invalid"));
  await expect(summary).toContainText(c(lng, "tally.errors.count_invalid"));
  await expect(summary).toContainText(c(lng, "tally.errors.language_required"));
  await expect(page.getByRole("textbox", { name: c(lng, "tally.month") })).toHaveValue("2026-13");
  if (lng === "en") await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, `tally with errors (${lng})`, { javaScriptEnabled: js });

  // 182 × 5, 19 × 4, 6 × 3, 3 × 2, 2 × 1, 1 × don't know: 213 forms.
  await page.getByRole("textbox", { name: c(lng, "tally.month") }).fill(month());
  // The campaign's one service is chosen already.
  await expect(page.getByRole("group", { name: c(lng, "tally.service") }).getByRole("radio")).toBeChecked();
  await page.getByRole("radio", { name: c(lng, "keyed.languages.en") }).check();
  const counts: [string, string][] = [
    ["5", "182"],
    ["4", "19"],
    ["3", "6"],
    ["2", "3"],
    ["1", "2"],
    ["dont_know", "1"],
  ];
  for (const [value, n] of counts) await page.getByRole("textbox", { name: tr(lng, `survey:scale.satisfaction.${value}`), exact: true }).fill(n);
  await page.getByRole("button", { name: c(lng, "tally.submit") }).click();
  const confirmation = page.getByRole("status").filter({ has: page.getByRole("heading", { name: c(lng, "tally.saved_title") }) });
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText("213");
  await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText("213");
  await expectNoAxeViolations(page, `tally saved (${lng})`, { javaScriptEnabled: js });
  return overview;
}

async function voidFirstTally(page: Page, lng: Lng, js: boolean) {
  await page.getByRole("link", { name: new RegExp(`^${c(lng, "tally.void_link")}`) }).first().click();
  await expect(h1(page, c(lng, "tally.void_title"))).toBeVisible();
  await page.getByRole("button", { name: c(lng, "tally.void_submit") }).click();
  await expect(page.getByRole("alert")).toContainText(c(lng, "tally.void_errors.reason_required"));
  await expectNoAxeViolations(page, `void tally with error (${lng})`, { javaScriptEnabled: js });
  await page.getByRole("textbox", { name: c(lng, "tally.void_reason") }).fill("E2E: keyed to be voided");
  await page.getByRole("button", { name: c(lng, "tally.void_submit") }).click();
  await expect(h1(page, c(lng, "tally.title"))).toBeVisible();
  await expect(page.getByRole("table")).toContainText("E2E: keyed to be voided");
  await expectNoAxeViolations(page, `tally voided (${lng})`, { javaScriptEnabled: js });
}

test("without JavaScript, in English: an officer keys a tally, sees its total, and voids it", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await freshPage(browser, false);
  await signIn(page, "admin@demo.test", "/staff/campaigns");
  await keyTally(page, "en", false);
  await voidFirstTally(page, "en", false);
  await page.context().close();
});

test("with JavaScript, in Urdu: a tally, a CSV file with a bad line that saves nothing, and a void", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await freshPage(browser, true);
  await signIn(page, "admin@demo.test", "/staff/campaigns");
  await keyTally(page, "ur", true);

  await page.getByRole("link", { name: c("ur", "tally.import_link") }).click();
  await expect(h1(page, c("ur", "tally_import.title"))).toBeVisible();
  await expectNoAxeViolations(page, "import tallies (ur)");
  const csv = `service,month,language,5,4,3,2,1,dont_know\nsenar-north,${month()},ur,4,1,0,0,0,0\nsenar-north,2026-13,en,1,0,0,0,0,0`;
  await page.getByRole("textbox", { name: c("ur", "upload.paste") }).fill(csv);
  await page.getByRole("button", { name: c("ur", "tally_import.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(c("ur", "tally_import.lines_error"));
  await expect(page.getByRole("region", { name: c("ur", "tally_import.problems_title") })).toContainText(
    c("ur", "tally_import.problems.month_invalid", { line: 3, value: "2026-13" }),
  );
  await expectNoAxeViolations(page, "import tallies with problems (ur)");
  await page.getByRole("link", { name: c("ur", "tally_import.back") }).click();
  // Still one tally: the file saved nothing.
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveCount(1);
  await voidFirstTally(page, "ur", true);
  await page.context().close();
});
