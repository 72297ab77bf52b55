import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/staff";
import { expectLanguage } from "./support/survey";
import { ACCOUNTS, lookUpIds, staffPages } from "./support/staff-pages";

// axe on every staff page, in English and in Urdu, as a role that may open it. Pages
// showing errors and results are checked in each capability's own journey tests.

for (const lng of ["en", "ur"] as const) {
  test(`every staff page has no axe violations (${lng})`, async ({ page }) => {
    test.setTimeout(180_000);
    const ids = lookUpIds();
    await signIn(page, ACCOUNTS.admin);
    for (const { path, file } of staffPages(ids)) {
      if (file) continue;
      const url = new URL(path, "http://x");
      url.searchParams.set("lng", lng);
      const res = await page.goto(url.pathname + url.search);
      expect(res?.status(), path).toBe(200);
      await expectLanguage(page, lng);
      await expectNoAxeViolations(page, `${path} (${lng})`);
    }
  });
}
