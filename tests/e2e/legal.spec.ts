import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { LANGUAGES, exactly, tr, type Lng } from "./support/locales";
import { expectLanguage, open } from "./support/survey";

// The accessibility statement, privacy notice and cookies page: in English and Urdu,
// with JavaScript on and off, each checked with axe, and at 320 px wide (the statement
// promises all three of these).

const l = (lng: Lng, key: string) => tr(lng, `legal:${key}`);
const PAGES = [
  { path: "/accessibility", title: "accessibility.title" },
  { path: "/privacy", title: "privacy.title" },
  { path: "/cookies", title: "cookies.title" },
] as const;
const COOKIES = ["lng", "sd_invitation", "yswd_rated", "sd_session"];

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const lng of LANGUAGES) {
      test(`accessibility, privacy and cookies pages in ${lng}`, async ({ page }) => {
        for (const { path, title } of PAGES) {
          const response = await open(page, `${path}?lng=${lng}`, javaScriptEnabled);
          expect(response?.status(), path).toBe(200);
          await expect(page.getByRole("heading", { level: 1, name: exactly(l(lng, title)) })).toBeVisible();
          await expect(page).toHaveTitle(`${l(lng, title)} – ${tr(lng, "common:app_name")}`);
          await expectLanguage(page, lng);
          if (path === "/cookies") {
            const table = page.getByRole("table", { name: exactly(l(lng, "cookies.table.caption")) });
            for (const name of COOKIES) await expect(table.getByRole("rowheader", { name: exactly(name) })).toBeVisible();
          }
          await expectNoAxeViolations(page, `${path} (${lng})`, { javaScriptEnabled });
        }
      });
    }
  });
}

test.describe("at 320 px wide", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const lng of LANGUAGES) {
    test(`the legal pages reflow without sideways scrolling (${lng})`, async ({ page }) => {
      for (const { path } of PAGES) {
        await page.goto(`${path}?lng=${lng}`);
        await expectNoSidewaysScroll(page);
      }
    });
  }
});

for (const lng of LANGUAGES) {
  test(`every page's footer links to the three pages (${lng})`, async ({ page }) => {
    for (const start of ["/", "/sign-in", "/you-said-we-did"]) {
      await page.goto(`${start}?lng=${lng}`);
      const footer = page.getByRole("navigation", { name: exactly(l(lng, "footer.label")) });
      for (const { path, key } of [
        { path: "/accessibility", key: "footer.accessibility" },
        { path: "/privacy", key: "footer.privacy" },
        { path: "/cookies", key: "footer.cookies" },
      ]) {
        await expect(footer.getByRole("link", { name: exactly(l(lng, key)) }), `${start} → ${path}`).toHaveAttribute("href", path);
      }
    }
    await page.getByRole("navigation", { name: exactly(l(lng, "footer.label")) }).getByRole("link", { name: exactly(l(lng, "footer.privacy")) }).click();
    await expect(page.getByRole("heading", { level: 1, name: exactly(l(lng, "privacy.title")) })).toBeVisible();
  });
}
