import { expect, test, type Page } from "@playwright/test";

// WCAG 1.4.10 reflow: at 320 CSS px wide (what 1280 px at 400 % zoom, or a small phone,
// gives) nothing scrolls sideways. 200 % zoom on a laptop is a wider case of the same.
test.use({ viewport: { width: 320, height: 640 } });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

for (const lng of ["en", "ur"] as const) {
  test(`pages reflow at 320px without sideways scrolling (${lng})`, async ({ page }) => {
    await page.goto(`/?lng=${lng}`);
    await expectNoSidewaysScroll(page);
    await page.goto("/s/senar-parent-2026-27");
    await expectNoSidewaysScroll(page);
    // The error state, with its summary, must reflow too.
    await page.locator('button[name="intent"][value="next"]').click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.locator('button[name="intent"][value="save"]').click();
    await expect(page.locator("#resume-link")).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test(`the You Said, We Did pages reflow at 320px (${lng})`, async ({ page }) => {
    await page.goto(`/you-said-we-did?lng=${lng}`);
    await expectNoSidewaysScroll(page);
    // The first entry's own page, with its "Did this help?" form.
    await page.locator(".yswd-entry__title a").first().click();
    await expect(page).toHaveURL(/\/you-said-we-did\/\d+/);
    await expectNoSidewaysScroll(page);
    for (const path of ["/you-said-we-did/print", "/you-said-we-did/subscribe"]) {
      await page.goto(path);
      await expectNoSidewaysScroll(page);
    }
  });
}

test("keyboard focus is visible on links, answers and buttons", async ({ page }) => {
  await page.goto("/s/local-offer-2026-27?lng=en");
  const styleOf = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, outline: s.outlineStyle !== "none" && s.outlineWidth !== "0px", shadow: s.boxShadow !== "none", bg: s.backgroundColor };
    });
  await page.keyboard.press("Tab");
  const skip = await styleOf();
  expect(skip.tag).toBe("A");
  expect(skip.bg).toBe("rgb(255, 221, 0)");
  await page.locator("#q_overall").focus();
  const radio = await styleOf();
  expect(radio.outline || radio.shadow).toBe(true);
  await page.locator('button[name="intent"][value="next"]').focus();
  const button = await styleOf();
  expect(button.bg).toBe("rgb(255, 221, 0)");
});
