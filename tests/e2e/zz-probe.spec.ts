import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
test.use({ javaScriptEnabled: false });
for (const url of ["/", "/?lng=ur", "/s/senar-parent-2026-27", "/s/senar-parent-2026-27?lng=ur", "/nope", "/s/senar-parent-2026-27/r/abc"]) {
  test(`probe ${url}`, async ({ page }) => {
    const r = await page.goto(url);
    console.log(url, r?.status(), await page.title(), await page.evaluate(() => 1 + 1));
    const res = await new AxeBuilder({ page }).analyze();
    console.log(JSON.stringify(res.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]), null, 1));
  });
}
