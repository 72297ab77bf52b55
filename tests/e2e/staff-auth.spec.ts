import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { LANGUAGES, exactly, tr, type Lng } from "./support/locales";
import { DEMO_PASSWORD, signIn } from "./support/staff";
import { open } from "./support/survey";

// Staff sign-in, sign-out and the navigation each role sees, in English and Urdu.

const h1 = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exactly(text) });
const field = (page: Page, lng: Lng, key: "email" | "password") => page.getByLabel(tr(lng, `staff:sign_in.${key}`), { exact: true });
const submit = (page: Page, lng: Lng) => page.getByRole("button", { name: exactly(tr(lng, "staff:sign_in.submit")) });
const staffNav = (page: Page, lng: Lng) => page.getByRole("navigation", { name: exactly(tr(lng, "staff:nav.label")) });

async function fillSignIn(page: Page, lng: Lng, email: string, password: string) {
  await field(page, lng, "email").fill(email);
  await field(page, lng, "password").fill(password);
  await submit(page, lng).click();
}

test("/staff signed out asks for sign-in, then comes back to /staff", async ({ page }) => {
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fstaff$/);
  await expect(h1(page, tr("en", "staff:sign_in.title"))).toBeVisible();
  await fillSignIn(page, "en", "admin@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(h1(page, tr("en", "staff:home.title"))).toBeVisible();
});

test("a redirect to another site after sign-in is ignored", async ({ page }) => {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent("//evil.example/staff")}`);
  await fillSignIn(page, "en", "board@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/staff$/);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const lng of LANGUAGES) {
      test(`a wrong password shows the error summary and keeps the email (${lng})`, async ({ page }) => {
        await open(page, `/sign-in?lng=${lng}`, javaScriptEnabled);
        await expectNoAxeViolations(page, `sign-in page (${lng})`, { javaScriptEnabled });
        await fillSignIn(page, lng, "pcf@demo.test", "not the password");
        const summary = page.getByRole("alert");
        await expect(summary.getByRole("heading", { name: exactly(tr(lng, "survey:error_summary_title")) })).toBeVisible();
        await expect(summary.getByRole("link", { name: exactly(tr(lng, "staff:sign_in.errors.wrong")) })).toHaveAttribute("href", "#email");
        await expect(page).toHaveTitle(new RegExp(`^${tr(lng, "common:error_prefix")} `));
        await expect(field(page, lng, "email")).toHaveValue("pcf@demo.test");
        await expect(field(page, lng, "password")).toHaveValue("");
        await expectNoAxeViolations(page, `sign-in page with an error (${lng})`, { javaScriptEnabled });
        // Still signed out.
        await page.goto("/staff");
        await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fstaff$/);
      });
    }
  });
}

for (const lng of LANGUAGES) {
  test(`signing out ends the session (${lng})`, async ({ page }) => {
    await signIn(page, "member.slt@demo.test", "/staff", lng);
    await expect(h1(page, tr(lng, "staff:home.title"))).toBeVisible();
    await expectNoAxeViolations(page, `staff home (${lng})`);
    await page.getByRole("button", { name: exactly(tr(lng, "staff:nav.sign_out")) }).click();
    await expect(page).toHaveURL(/\/sign-in\?signed-out$/);
    await expect(page.getByRole("status")).toHaveText(tr(lng, "staff:signed_out"));
    await expectNoAxeViolations(page, `signed-out page (${lng})`);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fstaff$/);
    await expect(h1(page, tr(lng, "staff:sign_in.title"))).toBeVisible();
  });
}

// The staff navigation of each demo role (keys of staff:nav, or namespaced keys), in order.
const RESULTS = ["results:nav.dashboard", "results:nav.results"];
const NAV: Record<string, string[]> = {
  "admin@demo.test": ["home", ...RESULTS, "loop", "surveys", "campaigns", "users", "services", "mailbox"],
  "pcf@demo.test": ["home", ...RESULTS, "loop"],
  "board@demo.test": ["home", ...RESULTS],
  "lead.senar-north@demo.test": ["home", ...RESULTS, "loop", "campaigns"],
  "member.senar-north@demo.test": ["home", ...RESULTS, "loop", "campaigns"],
  "member.slt@demo.test": ["home", ...RESULTS, "loop", "campaigns"],
};

for (const [email, keys] of Object.entries(NAV)) {
  test(`${email} sees only their own navigation`, async ({ page }) => {
    for (const lng of LANGUAGES) {
      if (lng === "en") await signIn(page, email);
      else await page.goto("/staff?lng=ur");
      await expect(staffNav(page, lng).getByRole("link")).toHaveText(keys.map((k) => tr(lng, k.includes(":") ? k : `staff:nav.${k}`)));
      await expectNoAxeViolations(page, `staff home of ${email} (${lng})`);
    }
  });
}

test("a sign-in posted from another site is refused and starts no session", async ({ request }) => {
  const form = { email: "admin@demo.test", password: DEMO_PASSWORD };
  const headers = { Origin: "https://evil.example" };
  // A plain cross-site form post is refused by the server before Remix, with an explanation.
  const document = await request.post("/sign-in", { form, headers, maxRedirects: 0 });
  expect(document.status()).toBe(403);
  expect(await document.text()).toContain("This form was sent from another website");
  expect(document.headers()["set-cookie"]).toBeUndefined();
  // Both checks answer 403: the server's, and the sign-in action's own Origin check.
  const data = await request.post("/sign-in?_data=routes%2Fsign-in", { form, headers, maxRedirects: 0 });
  expect(data.status()).toBe(403);
  expect(data.headers()["set-cookie"]).toBeUndefined();
});
