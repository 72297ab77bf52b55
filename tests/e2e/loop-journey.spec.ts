import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { openE2eDatabase } from "./support/db";
import { expectLanguage } from "./support/survey";
import { ACCOUNTS, lookUpIds } from "./support/staff-pages";
import { signIn } from "./support/staff";

// Issue 5's whole loop through the real pages: a member creates a "You said" from three
// comments, the lead assigns an owner and due date, the owner closes it out in both
// languages, the PCF sends it back once with a reason, the owner fixes it, the PCF
// publishes, and a parent reads it on the public page in Urdu and answers "Did this help?".
// The audit trail shows every step.

async function switchUser(page: Page, email: string, to: string) {
  await page.context().clearCookies();
  await signIn(page, email, to);
}

function userId(email: string): number {
  const db = openE2eDatabase();
  try {
    return (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}

function evidenceFamilies(entryId: number): { comments: number; responses: number } {
  const db = openE2eDatabase();
  try {
    return db
      .prepare("SELECT count(answer_id) AS comments, count(DISTINCT response_id) AS responses FROM loop_evidence WHERE entry_id = ?")
      .get(entryId) as { comments: number; responses: number };
  } finally {
    db.close();
  }
}

async function closeOut(page: Page, weDidEn: string, weDidUr: string) {
  const close = page.getByRole("region", { name: "Close out" });
  await close.getByRole("radio", { name: "Done", exact: true }).check();
  await close.getByLabel("We did (English)").fill(weDidEn);
  await close.getByLabel("We did (Urdu)").fill(weDidUr);
  await close.getByLabel("Outcome and impact note (not published)").fill("Call answering times checked every week since the change.");
  await close.getByLabel("What changed").fill("The duty line answers within two working days; phone system reports.");
  await close.getByLabel("Changed from").fill("2026-11-02");
  await close.getByRole("button", { name: "Close out" }).click();
  await expect(page.getByRole("status")).toBeVisible();
}

test("a You said goes from three comments to a published We did that a parent rates in Urdu", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const ids = lookUpIds();
  const youSaidEn = "Families told us nobody rings back when they leave a message for the duty line.";
  const youSaidUr = "خاندانوں نے بتایا کہ ڈیوٹی لائن پر پیغام چھوڑنے کے بعد کوئی واپس فون نہیں کرتا۔";
  const firstWeDidEn = "We answer calls.";
  const weDidEn = "A duty officer now rings back every message within two working days.";
  const weDidUr = "اب ڈیوٹی آفیسر ہر پیغام کا جواب دو کاروباری دنوں کے اندر فون کر کے دیتا ہے۔";
  const sendBackReason = "Say how quickly families are rung back, so they know what to expect.";

  // 1. A member picks three comments on the survey's results page. Last summer's comments
  // are the seed's alone (other tests answer surveys today).
  await signIn(page, ACCOUNTS.member, `/staff/results/surveys/${ids.survey}?period=2026-summer`);
  const comments = page.getByRole("region", { name: "Comments" });
  for (const n of [1, 2, 3]) await comments.getByRole("checkbox", { name: `Choose comment ${n}`, exact: true }).check();
  await comments.getByRole("button", { name: "Create a “You said” from selected comments" }).click();
  await expect(page.getByText("Comments chosen: 3")).toBeVisible();
  await page.getByLabel("Theme").selectOption({ label: "Communication" });
  await page.getByLabel("You said (English)").fill(youSaidEn);
  await page.getByLabel("You said (Urdu)").fill(youSaidUr);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/staff\/loop\/\d+$/);
  const entryPath = new URL(page.url()).pathname;
  const entryId = Number(entryPath.split("/").pop());
  // "Raised by" counts families (responses), not comments: one family may write two.
  const families = evidenceFamilies(entryId);
  expect(families.comments).toBe(3);
  await expect(page.getByText(`${families.responses} families (from survey responses)`)).toBeVisible();

  // 2. The lead gives it an owner (the member) and a due date.
  await switchUser(page, ACCOUNTS.lead, entryPath);
  const open = page.getByRole("region", { name: "Open this entry" });
  await open.getByLabel("Owner").selectOption(String(userId(ACCOUNTS.member)));
  await open.getByLabel("Due date").fill("2099-01-31");
  await open.getByRole("button", { name: "Open entry" }).click();
  await expect(page.getByRole("status")).toContainText("Entry opened.");

  // 3. The owner closes it out in both languages.
  await switchUser(page, ACCOUNTS.member, "/staff/loop");
  await page.getByRole("region", { name: "My entries" }).getByRole("link", { name: new RegExp(`Entry ${entryId}:`) }).click();
  await expect(page).toHaveURL(new RegExp(`${entryPath}$`));
  await closeOut(page, firstWeDidEn, weDidUr);

  // 4. The PCF finds it in the review queue and sends it back with a reason.
  await switchUser(page, ACCOUNTS.pcf, "/staff/loop");
  await page.getByRole("link", { name: new RegExp(`Entry ${entryId}:`) }).first().click();
  // The PCF never sees the comments, and three families is under the threshold.
  await expect(page.getByText("Fewer than 5 families")).toBeVisible();
  const sendBack = page.getByRole("region", { name: "Send back" });
  await sendBack.getByLabel("What needs fixing").fill(sendBackReason);
  await sendBack.getByRole("button", { name: "Send back" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  // 5. The owner sees why, and closes it out again with a better "We did".
  await switchUser(page, ACCOUNTS.member, entryPath);
  await expect(page.getByRole("note", { name: "Sent back: what needs fixing" })).toContainText(sendBackReason);
  // The close-out form starts from what was sent back: the owner corrects it.
  await expect(page.getByRole("region", { name: "Close out" }).getByLabel("We did (English)")).toHaveValue(firstWeDidEn);
  await expect(page.getByRole("region", { name: "Close out" }).getByLabel("We did (Urdu)")).toHaveValue(weDidUr);
  await closeOut(page, weDidEn, weDidUr);

  // 6. The PCF publishes it; nothing is public before that.
  const parent = await browser.newContext();
  const parentPage = await parent.newPage();
  const before = await parentPage.goto(`/you-said-we-did/${entryId}?lng=ur`);
  expect(before?.status()).toBe(404);
  await switchUser(page, ACCOUNTS.pcf, entryPath);
  await page.getByRole("region", { name: "Publish" }).getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  // 7. A parent reads it in Urdu on the public page and says it helped.
  await parentPage.goto("/you-said-we-did?lng=ur");
  await expectLanguage(parentPage, "ur");
  await expect(parentPage.getByText(weDidUr).first()).toBeVisible();
  await parentPage.goto(`/you-said-we-did/${entryId}?lng=ur`);
  await expect(parentPage.getByText(youSaidUr)).toBeVisible();
  await expect(parentPage.getByText(weDidUr)).toBeVisible();
  await expect(parentPage.getByText(firstWeDidEn)).toHaveCount(0);
  await expectNoAxeViolations(parentPage, "published entry (ur)");
  const rating = parentPage.getByRole("group", { name: "کیا اس سے مدد ملی؟" });
  await rating.getByRole("radio", { name: "ہاں" }).check();
  await parentPage.getByRole("button", { name: "جواب بھیجیں" }).click();
  await expect(parentPage.getByText("ہمیں بتانے کا شکریہ۔")).toBeVisible();
  await expectNoAxeViolations(parentPage, "after answering Did this help? (ur)");
  await parent.close();

  const db = openE2eDatabase();
  try {
    expect(db.prepare("SELECT rating FROM loop_ratings WHERE entry_id = ?").all(entryId)).toEqual([{ rating: "yes" }]);
    expect(db.prepare("SELECT status, we_did_en FROM loop_entries WHERE id = ?").get(entryId)).toEqual({ status: "published", we_did_en: weDidEn });
  } finally {
    db.close();
  }

  // 8. The audit trail on the entry's page shows every step, who took it, and the reason.
  await page.goto(entryPath);
  const rows = page.getByRole("table", { name: "Audit trail" }).getByRole("row");
  const steps: [string, string, string][] = [
    ["Started", "Tom Baker", "Draft"],
    ["Opened", "Priya Sharma", "Draft → Open"],
    ["Closed out", "Tom Baker", "Open → Closed, waiting to be published"],
    ["Sent back", "Mary Collins", "Closed, waiting to be published → Open"],
    ["Closed out", "Tom Baker", "Open → Closed, waiting to be published"],
    ["Published", "Mary Collins", "Closed, waiting to be published → Published"],
  ];
  await expect(rows).toHaveCount(steps.length + 1);
  for (const [i, [what, who, change]] of steps.entries()) {
    const row = rows.nth(i + 1);
    await expect(row).toContainText(what);
    await expect(row).toContainText(who);
    await expect(row).toContainText(change);
  }
  await expect(rows.nth(4)).toContainText(sendBackReason);
  // Each close-out keeps its "We did": the second shows the first as its before.
  await expect(rows.nth(3)).toContainText(firstWeDidEn);
  await expect(rows.nth(5)).toContainText(`Before: ${firstWeDidEn} After: ${weDidEn}`);
  // Date and time, in words.
  await expect(rows.nth(1).getByRole("cell").first()).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
  await expectNoAxeViolations(page, "entry page with its audit trail (en)");
});
