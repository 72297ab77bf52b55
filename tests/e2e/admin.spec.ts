import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { LANGUAGES, exactly, tr, type Lng } from "./support/locales";
import { signIn } from "./support/staff";
import { waitForHydration } from "./support/survey";

// Admins manage staff accounts and services: create, change, deactivate, in English
// and Urdu, with axe on every page, errors included.

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const a = (lng: Lng, key: string, values: Record<string, string> = {}) => tr(lng, `admin:${key}`, values);
const button = (page: Page, text: string) => page.getByRole("button", { name: exactly(text) });
const flash = (page: Page, lng: Lng) => page.getByRole("status", { name: tr(lng, "staff:flash_label") });
/** A name as the app sets it inside a sentence: isolated from the text around it. */
const isolated = (name: string) => `\u2068${name}\u2069`;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const SLT = { en: "Speech and Language Therapy", ur: "بول چال اور زبان کی تھراپی (اسپیچ اینڈ لینگویج تھراپی)" };
const NHS = { en: "NHS Birmingham and Solihull", ur: "این ایچ ایس برمنگھم اور سولیہل" };

async function goto(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
}

async function signInWith(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel(tr("en", "staff:sign_in.email"), { exact: true }).fill(email);
  await page.getByLabel(tr("en", "staff:sign_in.password"), { exact: true }).fill(password);
  await button(page, tr("en", "staff:sign_in.submit")).click();
  return page;
}

async function fillNewUser(page: Page, lng: Lng, user: { name: string; email: string; password: string }) {
  await page.getByLabel(a(lng, "users.fields.name"), { exact: true }).fill(user.name);
  await page.getByLabel(a(lng, "users.fields.email"), { exact: true }).fill(user.email);
  await page.getByRole("group", { name: a(lng, "users.fields.role") }).getByLabel(tr(lng, "staff:roles.service_member"), { exact: true }).check();
  await page.getByRole("group", { name: a(lng, "users.fields.services") }).getByLabel(SLT[lng], { exact: true }).check();
  await page.getByLabel(a(lng, "users.fields.initial_password"), { exact: true }).fill(user.password);
}

test("an admin adds a service member for SLT, who signs in and is signed out when deactivated", async ({ page, browser }) => {
  const user = { name: `Nadia Ali ${unique()}`, email: `nadia.${unique()}@slt.test`, password: "speech and language" };
  await signIn(page, "admin@demo.test", "/staff/users");
  await page.getByRole("link", { name: exactly(a("en", "users.list.add")) }).click();
  await expect(h1(page)).toHaveText(a("en", "users.new.title"));
  await waitForHydration(page);
  await fillNewUser(page, "en", user);
  await button(page, a("en", "users.new.submit")).click();
  await expect(page).toHaveURL(/\/staff\/users$/);
  await expect(flash(page, "en")).toHaveText(a("en", "users.flash.created", { name: isolated(user.name) }));
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: user.name }) });
  await expect(row.getByRole("cell")).toHaveText([user.email, tr("en", "staff:roles.service_member"), SLT.en, a("en", "users.status.active")]);
  // The password is nowhere on the page.
  expect(await page.content()).not.toContain(user.password);

  // They sign in elsewhere and see their service.
  const theirs = await signInWith(browser, user.email, user.password);
  await expect(theirs).toHaveURL(/\/staff$/);
  await expect(theirs.getByRole("heading", { level: 2, name: tr("en", "staff:home.your_services") })).toBeVisible();
  await expect(theirs.getByRole("listitem").filter({ hasText: SLT.en })).toBeVisible();

  // The admin deactivates them; their open session ends at once.
  await row.getByRole("link", { name: user.name }).click();
  await expect(h1(page)).toContainText(user.name);
  await button(page, a("en", "users.edit.deactivate")).click();
  await expect(flash(page, "en")).toHaveText(a("en", "users.flash.deactivated", { name: isolated(user.name) }));
  await expect(page.getByText(a("en", "users.status.deactivated"), { exact: true })).toBeVisible();
  await expect(button(page, a("en", "users.edit.reactivate"))).toBeVisible();

  await theirs.reload();
  await expect(theirs).toHaveURL(/\/sign-in\?redirectTo=%2Fstaff$/);
  await theirs.getByLabel(tr("en", "staff:sign_in.email"), { exact: true }).fill(user.email);
  await theirs.getByLabel(tr("en", "staff:sign_in.password"), { exact: true }).fill(user.password);
  await button(theirs, tr("en", "staff:sign_in.submit")).click();
  await expect(theirs.getByRole("alert")).toContainText(tr("en", "staff:sign_in.errors.wrong"));
  await theirs.context().close();
});

test("an admin adds a service with an Urdu name and changes it", async ({ page }) => {
  const slug = `hearing-${unique()}`;
  const name = { en: `Hearing support ${slug}`, ur: `سماعت کی مدد ${slug}` };
  await signIn(page, "admin@demo.test", "/staff/services");
  await page.getByRole("link", { name: exactly(a("en", "services.list.add")) }).click();
  await waitForHydration(page);
  await page.getByLabel(a("en", "services.fields.organisation"), { exact: true }).selectOption({ label: NHS.en });
  await page.getByLabel(a("en", "services.fields.slug"), { exact: true }).fill(slug);
  await page.getByLabel(a("en", "services.fields.name_en"), { exact: true }).fill(name.en);
  await page.getByLabel(a("en", "services.fields.name_ur"), { exact: true }).fill(name.ur);
  await page.getByRole("group", { name: a("en", "services.fields.locality") }).getByLabel(a("en", "localities.city_wide"), { exact: true }).check();
  await button(page, a("en", "services.new.submit")).click();
  await expect(page).toHaveURL(/\/staff\/services$/);
  await expect(flash(page, "en")).toHaveText(a("en", "services.flash.created", { name: isolated(name.en) }));
  const nhs = page.getByRole("region", { name: NHS.en });
  const row = nhs.getByRole("row").filter({ hasText: name.en });
  await expect(row.getByRole("cell")).toHaveText([name.ur, a("en", "localities.city_wide")]);

  // Changed in Urdu: the Urdu page shows the new Urdu name under the organisation's Urdu name.
  await row.getByRole("link", { name: name.en }).click();
  await expect(page).toHaveURL(/\/staff\/services\/\d+$/);
  await goto(page, `${new URL(page.url()).pathname}?lng=ur`);
  await expect(h1(page)).toContainText(name.ur);
  const renamed = `سماعت اور سننے کی مدد ${slug}`;
  await page.getByLabel(a("ur", "services.fields.name_ur"), { exact: true }).fill(renamed);
  await page.getByRole("group", { name: a("ur", "services.fields.locality") }).getByLabel(a("ur", "localities.none"), { exact: true }).check();
  await button(page, a("ur", "services.edit.submit")).click();
  await expect(page).toHaveURL(/\/staff\/services$/);
  await expect(flash(page, "ur")).toHaveText(a("ur", "services.flash.saved", { name: isolated(renamed) }));
  const urRow = page.getByRole("region", { name: NHS.ur }).getByRole("row").filter({ hasText: name.en });
  await expect(urRow.getByRole("cell")).toHaveText([renamed, a("ur", "localities.none")]);
});

for (const lng of LANGUAGES) {
  test(`every account and service page passes axe, errors included (${lng})`, async ({ page }) => {
    const axe = (label: string) => expectNoAxeViolations(page, `${label} (${lng})`);
    const errorTitle = new RegExp(`^${tr(lng, "common:error_prefix")} `);
    await signIn(page, "admin@demo.test", "/staff", lng);

    await goto(page, "/staff/users");
    await expect(h1(page)).toHaveText(a(lng, "users.list.title"));
    await axe("staff accounts");

    // New account: empty, then with errors (a taken email, no service for a member, a short password).
    await goto(page, "/staff/users/new");
    await axe("new staff account");
    await page.getByLabel(a(lng, "users.fields.email"), { exact: true }).fill("ADMIN@demo.test");
    await page.getByRole("group", { name: a(lng, "users.fields.role") }).getByLabel(tr(lng, "staff:roles.service_lead"), { exact: true }).check();
    await page.getByLabel(a(lng, "users.fields.initial_password"), { exact: true }).fill("short");
    await button(page, a(lng, "users.new.submit")).click();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link")).toHaveText([
      a(lng, "users.errors.name_required"),
      a(lng, "users.errors.services_required"),
      a(lng, "users.errors.password_too_short"),
    ]);
    await expect(page).toHaveTitle(errorTitle);
    await expect(page.getByLabel(a(lng, "users.fields.email"), { exact: true })).toHaveValue("ADMIN@demo.test");
    await expect(page.getByLabel(a(lng, "users.fields.initial_password"), { exact: true })).toHaveValue("");
    await axe("new staff account with errors");
    await page.getByLabel(a(lng, "users.fields.name"), { exact: true }).fill("Someone");
    await page.getByRole("group", { name: a(lng, "users.fields.services") }).getByLabel(SLT[lng], { exact: true }).check();
    await page.getByLabel(a(lng, "users.fields.initial_password"), { exact: true }).fill("long enough now");
    await button(page, a(lng, "users.new.submit")).click();
    await expect(summary.getByRole("link")).toHaveText([a(lng, "users.errors.email_taken")]);
    await expect(page.getByRole("group", { name: a(lng, "users.fields.services") }).getByLabel(SLT[lng], { exact: true })).toBeChecked();

    // Another account: edit page, a refused role change to admin with a service, and the password page.
    await goto(page, "/staff/users");
    await page.getByRole("rowheader").getByRole("link", { name: /SENAR North lead/ }).click();
    await expect(h1(page)).toContainText("Priya Sharma");
    await axe("edit staff account");
    await page.getByRole("group", { name: a(lng, "users.fields.role") }).getByLabel(tr(lng, "staff:roles.admin"), { exact: true }).check();
    await button(page, a(lng, "users.edit.submit")).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([a(lng, "users.errors.services_not_allowed")]);
    await axe("edit staff account with an error");
    await page.getByRole("link", { name: a(lng, "users.edit.reset_password_link", { name: isolated("Priya Sharma (SENAR North lead)") }) }).click();
    await expect(h1(page)).toContainText(a(lng, "users.password.heading"));
    await axe("reset password");
    await page.getByLabel(a(lng, "users.fields.new_password"), { exact: true }).fill("tiny");
    await button(page, a(lng, "users.password.submit")).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([a(lng, "users.errors.password_too_short")]);
    await expect(page).toHaveTitle(errorTitle);
    await axe("reset password with an error");

    // Their own account: no way to deactivate it.
    await goto(page, "/staff/users");
    await page.getByRole("rowheader").getByRole("link", { name: /programme team/ }).click();
    await expect(page.getByText(a(lng, "users.edit.cannot_deactivate_self"))).toBeVisible();
    await expect(button(page, a(lng, "users.edit.deactivate"))).toHaveCount(0);
    await axe("own staff account");

    // Services: list, new (with errors), edit (with an error).
    await goto(page, "/staff/services");
    await expect(h1(page)).toHaveText(a(lng, "services.list.title"));
    await axe("services");
    await goto(page, "/staff/services/new");
    await axe("new service");
    await page.getByLabel(a(lng, "services.fields.slug"), { exact: true }).fill("Not A Slug");
    await button(page, a(lng, "services.new.submit")).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([
      a(lng, "services.errors.organisation_required"),
      a(lng, "services.errors.slug_invalid"),
      a(lng, "services.errors.name_en_required"),
      a(lng, "services.errors.name_ur_required"),
      a(lng, "services.errors.locality_required"),
    ]);
    await expect(page.getByLabel(a(lng, "services.fields.slug"), { exact: true })).toHaveValue("Not A Slug");
    await axe("new service with errors");
    await goto(page, "/staff/services");
    await page.getByRole("link", { name: "SENAR West" }).click();
    await expect(h1(page)).toContainText(lng === "en" ? "SENAR West" : "SENAR ویسٹ");
    await axe("edit service");
    await page.getByLabel(a(lng, "services.fields.name_ur"), { exact: true }).fill("");
    await button(page, a(lng, "services.edit.submit")).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([a(lng, "services.errors.name_ur_required")]);
    await expect(page).toHaveTitle(errorTitle);
    await axe("edit service with an error");

    // An unknown id is a 404 page.
    const missing = await page.goto("/staff/users/999999");
    expect(missing?.status()).toBe(404);
    await axe("unknown staff account");
  });
}

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin adds an account without JavaScript, errors and all", async ({ page }) => {
    const user = { name: `No Script ${unique()}`, email: `noscript.${unique()}@slt.test`, password: "works without js" };
    await signIn(page, "admin@demo.test", "/staff/users/new");
    await fillNewUser(page, "en", { ...user, password: "short" });
    await button(page, a("en", "users.new.submit")).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([a("en", "users.errors.password_too_short")]);
    await expect(page.getByLabel(a("en", "users.fields.name"), { exact: true })).toHaveValue(user.name);
    await expect(page.getByLabel(a("en", "users.fields.initial_password"), { exact: true })).toHaveValue("");
    await expectNoAxeViolations(page, "new staff account with an error, no JavaScript", { javaScriptEnabled: false });
    await page.getByLabel(a("en", "users.fields.initial_password"), { exact: true }).fill(user.password);
    await button(page, a("en", "users.new.submit")).click();
    await expect(flash(page, "en")).toHaveText(a("en", "users.flash.created", { name: isolated(user.name) }));
  });
});
