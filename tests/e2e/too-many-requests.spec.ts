import type { Page, Response } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { escapeRegExp, exactly, tr, type Lng } from "./support/locales";
import { expectLanguage, open } from "./support/survey";

// A rate limit as a person meets it: after 10 wrong passwords for one address from one
// connection, the 11th sign-in is refused with 429 and Retry-After, the form comes back
// with the email typed and an error summary that says how many minutes to wait. The
// per-address limit never scales with RATE_LIMIT_FACTOR, so the raised factor of this rig
// (playwright.config.ts) does not hide it. Each test uses its own unknown address, so
// tests running at once, or again on the same database, never share a count.

const field = (page: Page, lng: Lng, key: "email" | "password") => page.getByLabel(tr(lng, `staff:sign_in.${key}`), { exact: true });
const submit = (page: Page, lng: Lng) => page.getByRole("button", { name: exactly(tr(lng, "staff:sign_in.submit")) });
const summary = (page: Page, lng: Lng) => page.getByRole("alert").filter({ has: page.getByRole("heading", { name: exactly(tr(lng, "survey:error_summary_title")) }) });

/** The refusal's text (a plural key) with any number of minutes, as a pattern; `whole` anchors it. */
function tooManyPattern(lng: Lng, { whole = true } = {}): RegExp {
  const forms = ["one", "other"].map((form) =>
    escapeRegExp(tr(lng, `staff:sign_in.errors.too_many_${form}`, { count: "\u0000" })).replace("\u0000", "\\d+"),
  );
  const either = `(?:${forms.join("|")})`;
  return new RegExp(whole ? `^\\s*${either}\\s*$` : either);
}

const isSignInPost = (r: Response) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in";

/** Types a password and sends the form; resolves with the server's answer once the page shows it. */
async function sendPassword(page: Page, lng: Lng, password: string): Promise<Response> {
  await field(page, lng, "password").fill(password);
  const answered = page.waitForResponse(isSignInPost);
  await submit(page, lng).click();
  const response = await answered;
  await page.waitForLoadState();
  // The page has taken the answer in once the password field is empty again (both with and without JavaScript).
  await expect(field(page, lng, "password")).toHaveValue("");
  return response;
}

const CASES: { lng: Lng; javaScriptEnabled: boolean }[] = [
  { lng: "en", javaScriptEnabled: true },
  { lng: "ur", javaScriptEnabled: false },
  { lng: "ur", javaScriptEnabled: true },
  { lng: "en", javaScriptEnabled: false },
];

for (const { lng, javaScriptEnabled } of CASES) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test(`the 11th wrong password for one address is refused with 429, the email kept (${lng})`, async ({ page }) => {
      const email = `nobody-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}@unknown.test`;
      await open(page, `/sign-in?lng=${lng}`, javaScriptEnabled);
      await field(page, lng, "email").fill(email);
      for (let i = 1; i <= 10; i++) {
        const response = await sendPassword(page, lng, `wrong password ${i}`);
        expect(response.status(), `attempt ${i}`).toBe(400);
        await expect(summary(page, lng).getByRole("link", { name: exactly(tr(lng, "staff:sign_in.errors.wrong")) })).toBeVisible();
        // The address stays in the form: it is only typed once.
        await expect(field(page, lng, "email")).toHaveValue(email);
      }

      const refused = await sendPassword(page, lng, "wrong password 11");
      expect(refused.status()).toBe(429);
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
      expect(Number(refused.headers()["retry-after"])).toBeLessThanOrEqual(15 * 60);

      // The form again, in the page's language, with the wait in minutes and the address typed.
      await expectLanguage(page, lng);
      await expect(page.getByRole("heading", { level: 1, name: exactly(tr(lng, "staff:sign_in.title")) })).toBeVisible();
      const link = summary(page, lng).getByRole("link", { name: tooManyPattern(lng) });
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute("href", "#email");
      if (javaScriptEnabled) await expect(summary(page, lng)).toBeFocused();
      await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(tr(lng, "common:error_prefix"))} `));
      await expect(field(page, lng, "email")).toHaveValue(email);
      // The field says it too, for a screen reader arriving by the summary's link.
      await expect(field(page, lng, "email")).toHaveAccessibleDescription(tooManyPattern(lng, { whole: false }));
      await expectNoAxeViolations(page, `sign-in refused with 429 (${lng})`, { javaScriptEnabled });

      // Still refused, and still not signed in.
      expect((await sendPassword(page, lng, "wrong password 12")).status()).toBe(429);
      await page.goto("/staff");
      await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fstaff$/);
    });
  });
}
