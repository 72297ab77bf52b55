import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { openE2eDatabase } from "./support/db";
import { expectLanguage } from "./support/survey";
import { ACCOUNTS, lookUpIds } from "./support/staff-pages";
import { signIn } from "./support/staff";

// The staff side of "You said, we did": a member drafts a "You said" from comments on the
// results page, the service lead opens it; the pages pass axe in English and Urdu.

async function switchUser(page: Page, email: string, to: string) {
  await page.context().clearCookies();
  await signIn(page, email, to);
}

test("a member drafts from chosen comments, the lead opens it, in both languages with axe", async ({ page }) => {
  test.setTimeout(120_000);
  const ids = lookUpIds();
  await signIn(page, ACCOUNTS.member, `/staff/results/surveys/${ids.survey}`);

  // On the results page: tick two comments, and start a "You said" from them.
  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments.getByRole("link", { name: /Create a “You said” from these \d+ responses/ })).toBeVisible();
  await comments.getByRole("checkbox", { name: "Choose comment 1", exact: true }).check();
  await comments.getByRole("checkbox", { name: "Choose comment 2", exact: true }).check();
  await comments.getByRole("button", { name: "Create a “You said” from selected comments" }).click();

  await expect(page).toHaveURL(/\/staff\/loop\/new\?survey=\d+&answer=\d+&answer=\d+/);
  await expect(page.getByRole("heading", { level: 1, name: "Start a new “You said”" })).toBeVisible();
  await expect(page.getByText("Comments chosen: 2")).toBeVisible();
  await expectNoAxeViolations(page, "new draft from comments (en)");

  // Saving with nothing chosen for the theme: the error, and the text kept.
  await page.getByLabel("You said (English)").fill("Families cannot get through to their case officer by phone.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Choose a theme" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("You said (English)")).toHaveValue("Families cannot get through to their case officer by phone.");
  await expectNoAxeViolations(page, "new draft with errors (en)");

  await page.getByLabel("Theme").selectOption({ label: "Communication" });
  await page.getByLabel("You said (Urdu)").fill("خاندان فون پر اپنے کیس آفیسر سے رابطہ نہیں کر پاتے۔");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/staff\/loop\/\d+$/);
  await expect(page.getByRole("status")).toContainText("Draft saved.");
  const entryPath = new URL(page.url()).pathname;
  const entryId = Number(entryPath.split("/").pop());
  await expect(page.getByRole("heading", { level: 1, name: `Entry ${entryId}` })).toBeVisible();
  await expect(page.getByText(/\d+ families \(from survey responses\)/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit trail" }).getByRole("cell", { name: "Started" })).toBeVisible();

  const db = openE2eDatabase();
  let memberId: number;
  try {
    const entry = db.prepare("SELECT status, source FROM loop_entries WHERE id = ?").get(entryId);
    expect(entry).toEqual({ status: "draft", source: "survey" });
    expect(db.prepare("SELECT count(*) AS n FROM loop_evidence WHERE entry_id = ?").get(entryId)).toEqual({ n: 2 });
    memberId = (db.prepare("SELECT id FROM users WHERE email = ?").get(ACCOUNTS.member) as { id: number }).id;
  } finally {
    db.close();
  }

  // The lead opens it: an owner from the service and a due date.
  await switchUser(page, ACCOUNTS.lead, entryPath);
  await expect(page.getByRole("region", { name: "Edit draft" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Discard this draft" })).toBeVisible();
  await expectNoAxeViolations(page, "entry page, draft, as its lead (en)");
  const open = page.getByRole("region", { name: "Open this entry" });
  await open.getByLabel("Owner").selectOption(String(memberId));
  await open.getByLabel("Due date").fill("2099-01-31");
  await open.getByRole("button", { name: "Open entry" }).click();
  await expect(page.getByRole("status")).toContainText("Entry opened.");
  await expect(page.getByRole("table", { name: "Audit trail" }).getByRole("cell", { name: "Draft → Open" })).toBeVisible();
  await expectNoAxeViolations(page, "entry page, open (en)");

  for (const lng of ["ur", "en"] as const) {
    await page.goto(`${entryPath}?lng=${lng}`);
    await expectLanguage(page, lng);
    await expectNoAxeViolations(page, `entry page (${lng})`);
    await page.goto(`/staff/loop?lng=${lng}`);
    await expectLanguage(page, lng);
    await expectNoAxeViolations(page, `queues (${lng})`);
  }

  // An admin sees every form an open entry has: close out, change owner, publish as "We are doing".
  await switchUser(page, ACCOUNTS.admin, entryPath);
  for (const name of ["Close out", "Change the owner or due date", "Publish as “We are doing”"]) {
    await expect(page.getByRole("region", { name })).toBeVisible();
  }
  await expectNoAxeViolations(page, "entry page, open, as admin (en)");

  // The owner finds it under "My entries".
  await switchUser(page, ACCOUNTS.member, "/staff/loop");
  const mine = page.getByRole("region", { name: "My entries" });
  await expect(mine.getByRole("link", { name: new RegExp(`Entry ${entryId}:`) })).toBeVisible();
});

test("the PCF's review queue and a new forum draft pass axe in English and Urdu", async ({ page }) => {
  await signIn(page, ACCOUNTS.pcf, "/staff/loop");
  await expect(page.getByRole("heading", { level: 2, name: "Review queue" })).toBeVisible();
  for (const lng of ["ur", "en"] as const) {
    await page.goto(`/staff/loop?lng=${lng}`);
    await expectLanguage(page, lng);
    await expectNoAxeViolations(page, `PCF queues (${lng})`);
    await page.goto(`/staff/loop/new?lng=${lng}`);
    await expectLanguage(page, lng);
    await expectNoAxeViolations(page, `PCF new draft (${lng})`);
  }
  await expect(page.getByLabel("How many families raised this (optional)")).toBeVisible();
});
