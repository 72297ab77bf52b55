import crypto from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { surveyTitle } from "./support/content";
import { LANGUAGES, escapeRegExp, exactly, progressPattern, tr, type Lng } from "./support/locales";
import { SURVEYS, button, expectLanguage, open, progress, waitForHydration } from "./support/survey";

// The pages around the survey: home, saved, an unknown resume link and an unknown
// address, in both languages and with JavaScript on and off, each checked with axe.

const h1 = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exactly(text) });
const appName = (lng: Lng) => tr(lng, "common:app_name");
const unknownToken = () => crypto.randomBytes(24).toString("base64url");

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const lng of LANGUAGES) {
      test(`home, saved, unknown link and unknown page in ${lng}`, async ({ page }) => {
        const axe = (label: string) => expectNoAxeViolations(page, `${label} (${lng})`, { javaScriptEnabled });

        // Home: every open survey, by its title. Urdu is asked for once; the cookie keeps it.
        const home = await open(page, lng === "ur" ? "/?lng=ur" : "/", javaScriptEnabled);
        expect(home?.status()).toBe(200);
        await expect(h1(page, tr(lng, "common:home.title"))).toBeVisible();
        await expect(page).toHaveTitle(`${tr(lng, "common:home.title")} – ${appName(lng)}`);
        // Other tests may open more campaigns of the same surveys: find each seeded one by its link.
        for (const { slug } of SURVEYS) {
          const link = page.locator(`a[href="/s/${slug}"]`);
          await expect(link).toHaveAccessibleName(exactly(surveyTitle(slug.replace(/-2026-27$/, ""), lng)));
        }
        await expectLanguage(page, lng);
        await axe("home page");

        // Saved: nothing answered yet is fine for saving.
        await open(page, "/s/local-offer-2026-27", javaScriptEnabled);
        await expectLanguage(page, lng);
        await button(page, lng, "save_for_later").click();
        await expect(h1(page, tr(lng, "saved.title"))).toBeVisible();
        await expect(page).toHaveURL(/\/s\/local-offer-2026-27\/r\/[A-Za-z0-9_-]{32}\/saved$/);
        await expect(page).toHaveTitle(`${tr(lng, "saved.title")} – ${appName(lng)}`);
        const linkBox = page.getByRole("textbox", { name: exactly(tr(lng, "saved.link_label")) });
        await expect(linkBox).toHaveAttribute("readonly", "");
        await expect(linkBox).toHaveValue(/^http:\/\/localhost:\d+\/s\/local-offer-2026-27\/r\/[A-Za-z0-9_-]{32}/);
        await expectLanguage(page, lng);
        await axe("saved page");
        await page.getByRole("link", { name: exactly(tr(lng, "saved.continue")) }).click();
        await expect(progress(page, lng)).toHaveText(progressPattern(lng, 1, 2));

        // An unknown resume link (well-formed or not, on any of its pages) is a clear 404.
        for (const path of [
          `/s/senar-parent-2026-27/r/${unknownToken()}`,
          `/s/senar-parent-2026-27/r/${unknownToken()}/saved`,
          `/s/senar-parent-2026-27/r/${unknownToken()}/done`,
          "/s/senar-parent-2026-27/r/not-a-token",
        ]) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(404);
          await expect(h1(page, tr(lng, "unknown_link.title"))).toBeVisible();
          await expect(page.getByText(tr(lng, "unknown_link.body"))).toBeVisible();
          await expect(page).toHaveTitle(`${tr(lng, "unknown_link.title")} – ${appName(lng)}`);
          await expect(page.getByRole("link", { name: exactly(tr(lng, "common:home_link")) })).toHaveAttribute("href", "/");
          await expectLanguage(page, lng);
        }
        await axe("unknown resume link");

        // An unknown address, or an unknown survey: the 404 page.
        for (const path of ["/no-such-page", "/s/no-such-survey"]) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(404);
          await expect(h1(page, tr(lng, "common:not_found.title"))).toBeVisible();
          await expect(page.getByText(tr(lng, "common:not_found.body"))).toBeVisible();
          await expect(page).toHaveTitle(`${tr(lng, "common:not_found.title")} – ${appName(lng)}`);
          await expectLanguage(page, lng);
        }
        await axe("page not found");
      });
    }

    test("the language switch changes the language, and the cookie keeps it without ?lng", async ({ page, context }) => {
      const switchLink = (lng: Lng) =>
        page.getByRole("navigation", { name: exactly(tr(lng, "common:language_switch_label")) }).getByRole("link");

      await open(page, "/", javaScriptEnabled);
      await expectLanguage(page, "en");
      await expect(switchLink("en")).toHaveAccessibleName(new RegExp(`^${escapeRegExp(tr("en", "common:switch_to"))}`));
      await switchLink("en").click();
      await expect(page).toHaveURL(/\/\?lng=ur$/);
      await expectLanguage(page, "ur");
      await expect(h1(page, tr("ur", "common:home.title"))).toBeVisible();
      expect((await context.cookies()).find((c) => c.name === "lng")?.value).toBe("ur");

      // No ?lng from here on: the cookie keeps Urdu, from a link and from a fresh load.
      await page.locator('a[href="/s/senar-parent-2026-27"]').click();
      await expect(page).toHaveURL(/\/s\/senar-parent-2026-27$/);
      await expect(progress(page, "ur")).toHaveText(progressPattern("ur", 1, 4));
      await expectLanguage(page, "ur");
      await open(page, "/s/senar-parent-2026-27", javaScriptEnabled);
      await expect(progress(page, "ur")).toHaveText(progressPattern("ur", 1, 4));
      await expectLanguage(page, "ur");

      // Switching mid-survey keeps the page and the answers.
      const first = page.getByRole("group", { name: exactly(tr("ur", "service_question")) }).getByRole("radio").first();
      await first.check();
      await page.getByRole("radio", { name: exactly(tr("ur", "scale.satisfaction.5")) }).first().check();
      await page.getByRole("radio", { name: exactly(tr("ur", "scale.yes_no_not_sure.yes")) }).check();
      await button(page, "ur", "continue").click();
      await expect(progress(page, "ur")).toHaveText(progressPattern("ur", 2, 4));
      await switchLink("ur").click();
      await expect(page).toHaveURL(/\/s\/senar-parent-2026-27\/r\/[A-Za-z0-9_-]{32}\?page=2&lng=en$/);
      await expectLanguage(page, "en");
      await expect(progress(page, "en")).toHaveText(progressPattern("en", 2, 4));
      if (javaScriptEnabled) await waitForHydration(page);
      await button(page, "en", "back").click();
      await expect(progress(page, "en")).toHaveText(progressPattern("en", 1, 4));
      await expect(page.getByRole("group", { name: exactly(tr("en", "service_question")) }).getByRole("radio").first()).toBeChecked();
      await expect(page.getByRole("radio", { name: exactly(tr("en", "scale.yes_no_not_sure.yes")) })).toBeChecked();

      // And back to English stays English on the next load without ?lng.
      await open(page, "/", javaScriptEnabled);
      await expectLanguage(page, "en");
      await expect(h1(page, tr("en", "common:home.title"))).toBeVisible();
    });
  });
}
