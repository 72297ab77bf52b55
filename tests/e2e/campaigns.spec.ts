import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { surveyTitle } from "./support/content";
import { openE2eDatabase } from "./support/db";
import { exactly, tr, type Lng } from "./support/locales";
import { signIn } from "./support/staff";
import { expectLanguage, finishSurvey } from "./support/survey";

// Campaigns and distribution, as staff and families use them: create a campaign, invite
// from a CSV, a parent answers in Urdu through their invitation, reminders go only to
// those who have not answered, opting out, the QR poster, keyed paper responses, and
// service scoping by URL. axe runs on every campaign page.

const c = (lng: Lng, key: string, values: Record<string, string | number> = {}) => tr(lng, `campaigns:${key}`, values);
const h1 = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exactly(text) });

/** A figure in the overview's invitation table, by its row heading. */
function figure(page: Page, lng: Lng, key: string): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: exactly(c(lng, `overview.${key}`)) }) })
    .getByRole("cell");
}

function dbQuery<T>(sql: string, ...params: unknown[]): T[] {
  const db = openE2eDatabase();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * The e2e server has no mail relay (no SMTP_URL), so nothing is ever delivered: this does
 * what the sender does when a relay accepts a campaign's invitation emails (the sender
 * itself is tested against a real SMTP server in tests/unit/results-return-rates.test.ts).
 */
function relayAcceptsInvitations(campaignId: number): void {
  const db = new Database(process.env.E2E_DATABASE_FILE!, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    const now = new Date().toISOString();
    db.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, message_id = '<e2e-' || id || '@said-and-done.test>'
        WHERE kind = 'invitation' AND status = 'pending' AND invitation_id IN (SELECT id FROM invitations WHERE campaign_id = ?)`,
    ).run(now, campaignId);
    db.prepare("UPDATE invitations SET sent_at = ? WHERE campaign_id = ? AND sent_at IS NULL AND bounced_at IS NULL").run(now, campaignId);
  } finally {
    db.close();
  }
}

function campaignIdFromUrl(page: Page): number {
  const m = /\/staff\/campaigns\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`No campaign id in ${page.url()}`);
  return Number(m[1]);
}

function seededCampaignId(slug: string): number {
  return dbQuery<{ id: number }>("SELECT id FROM campaigns WHERE slug = ?", slug)[0].id;
}

async function freshPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled });
  return context.newPage();
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an admin runs an email campaign: invitations, an Urdu answer, a reminder, an opt-out and the poster", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const run = crypto.randomBytes(3).toString("hex");
  const name = `E2E SENAR North ${run}`;
  await signIn(page, "admin@demo.test", "/staff/campaigns");
  await expect(h1(page, c("en", "list.title"))).toBeVisible();
  await expectNoAxeViolations(page, "campaign list (en)");

  // Create: a mistake first, every field kept and explained.
  await page.getByRole("link", { name: c("en", "list.new") }).click();
  await expect(h1(page, c("en", "new.title"))).toBeVisible();
  await expectNoAxeViolations(page, "new campaign (en)");
  await page.getByRole("textbox", { name: c("en", "form.name_en") }).fill(name);
  await page.getByRole("button", { name: c("en", "new.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(c("en", "form.errors.survey_required"));
  await expect(page.getByRole("alert")).toContainText(c("en", "form.errors.services_required"));
  await expect(page.getByRole("textbox", { name: c("en", "form.name_en") })).toHaveValue(name);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, "new campaign with errors (en)");

  await page.getByRole("radio", { name: c("en", "form.survey_option", { title: surveyTitle("senar-parent", "en"), version: 1 }) }).check();
  await page.getByRole("textbox", { name: c("en", "form.name_ur") }).fill(`ای ٹو ای ${run}`);
  await page.getByLabel(c("en", "form.opens_on")).fill(day(-1));
  await page.getByLabel(c("en", "form.closes_on")).fill(day(180));
  await page.getByRole("checkbox", { name: "SENAR North" }).check();
  await expect(page.getByRole("radio", { name: c("en", "form.anonymous_yes") })).toBeChecked();
  await page.getByRole("textbox", { name: `${c("en", "form.reminder_days")} ${c("en", "form.optional")}` }).fill("7, 14");
  await page.getByRole("button", { name: c("en", "new.submit") }).click();
  await expect(h1(page, name)).toBeVisible();
  await expect(page.getByRole("status", { name: tr("en", "staff:flash_label") })).toContainText(c("en", "flash.created"));
  const id = campaignIdFromUrl(page);
  const slug = dbQuery<{ slug: string }>("SELECT slug FROM campaigns WHERE id = ?", id)[0].slug;
  expect(slug).toBe(`e2e-senar-north-${run}`);
  await expect(page.getByRole("link", { name: `http://localhost:${new URL(page.url()).port}/s/${slug}` })).toBeVisible();
  await expectNoAxeViolations(page, "campaign overview (en)");

  // Upload a CSV: three good rows (one in Urdu), two bad ones reported by line.
  await page.getByRole("link", { name: c("en", "overview.upload") }).click();
  await expect(h1(page, c("en", "upload.title"))).toBeVisible();
  await expectNoAxeViolations(page, "upload invitations (en)");
  const csv = [
    "email,language",
    `en.one.${run}@example.com,en`,
    `ur.${run}@example.com,ur`,
    "not-an-email,en",
    `en.two.${run}@example.com,English`,
    `fr.${run}@example.com,fr`,
  ].join("\r\n");
  await page.getByLabel(c("en", "upload.file")).setInputFiles({ name: "families.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
  await page.getByRole("button", { name: c("en", "upload.submit") }).click();
  await expect(page.getByRole("heading", { name: c("en", "upload.result_title") })).toBeVisible();
  await expect(page.getByText(c("en", "upload.result_counts", { rows: 5, invited: 3, bad: 2 }))).toBeVisible();
  const bad = page.getByRole("table", { name: c("en", "upload.bad_caption") });
  await expect(bad.getByRole("row").nth(1)).toContainText("4");
  await expect(bad.getByRole("row").nth(1)).toContainText(c("en", "upload.problems.invalid_email"));
  await expect(bad.getByRole("row").nth(2)).toContainText("6");
  await expect(bad.getByRole("row").nth(2)).toContainText(c("en", "upload.problems.unknown_language"));
  await expect(bad.getByRole("row")).toHaveCount(3);
  await expectNoAxeViolations(page, "upload result (en)");

  await page.getByRole("link", { name: c("en", "upload.back") }).click();
  await expect(figure(page, "en", "invited")).toHaveText("3");
  // Queued is not delivered, and only the delivered can be reminded.
  await expect(figure(page, "en", "delivered")).toHaveText("0");
  await expect(page.getByText(c("en", "overview.not_delivered_yet_other", { count: 3 }))).toBeVisible();
  relayAcceptsInvitations(id);
  await page.reload();
  await expect(figure(page, "en", "delivered")).toHaveText("3");
  await expect(page.getByText(c("en", "overview.remind_count", { number: 3 }))).toBeVisible();

  // The Urdu invitee opens their link on their own device and answers in Urdu.
  const [urdu] = dbQuery<{ token: string; outbox: number }>(
    `SELECT i.token, (SELECT count(*) FROM outbox o WHERE o.invitation_id = i.id AND o.kind = 'invitation') AS outbox
       FROM invitations i WHERE i.campaign_id = ? AND i.email = ?`,
    id,
    `ur.${run}@example.com`,
  );
  expect(urdu.outbox).toBe(1);
  const parent = await freshPage(browser);
  await parent.goto(`/i/${urdu.token}`);
  await expect(parent).toHaveURL(new RegExp(`/s/${slug}\\?lng=ur$`));
  await expectLanguage(parent, "ur");
  await expect(parent.getByRole("heading", { level: 1 })).toHaveText(surveyTitle("senar-parent", "ur"));
  await finishSurvey(parent, { slug, lng: "ur", javaScriptEnabled: true });
  expect((await parent.context().cookies()).map((k) => k.name)).not.toContain("sd_invitation");
  // Opening the link again says thank you instead of starting over.
  await parent.goto(`/i/${urdu.token}`);
  await expect(h1(parent, c("ur", "answered.title"))).toBeVisible();
  await expectLanguage(parent, "ur");
  await expectNoAxeViolations(parent, "already answered (ur)");

  await page.reload();
  await expect(figure(page, "en", "completed")).toHaveText("1");
  await expect(figure(page, "en", "still_to_answer")).toHaveText("2");

  // A reminder by hand goes to the two who have not answered, not to the one who has.
  await expect(page.getByText(c("en", "overview.remind_count", { number: 2 }))).toBeVisible();
  await page.getByRole("button", { name: c("en", "overview.remind_now") }).click();
  await expect(page.getByRole("status", { name: tr("en", "staff:flash_label") })).toContainText(c("en", "flash.reminded", { number: 2 }));
  const rounds = page.getByRole("table", { name: c("en", "overview.rounds_caption") });
  await expect(rounds.getByRole("row").nth(1)).toContainText(c("en", "overview.round_manual", { name: "Aisha Khan (programme team)" }));
  await expect(rounds.getByRole("row").nth(1).getByRole("cell").last()).toHaveText("2");
  const reminded = dbQuery<{ to_address: string }>(
    `SELECT o.to_address FROM outbox o JOIN invitations i ON i.id = o.invitation_id WHERE i.campaign_id = ? AND o.kind = 'reminder' ORDER BY o.to_address`,
    id,
  ).map((r) => r.to_address);
  expect(reminded).toEqual([`en.one.${run}@example.com`, `en.two.${run}@example.com`]);

  // Opting out is one click from the email, can be undone, and the overview counts it.
  const [english] = dbQuery<{ token: string }>("SELECT token FROM invitations WHERE campaign_id = ? AND email = ?", id, `en.one.${run}@example.com`);
  await parent.goto(`/unsubscribe/${english.token}`);
  await expect(h1(parent, c("en", "opt_out.title"))).toBeVisible();
  await expectLanguage(parent, "en");
  await expectNoAxeViolations(parent, "opted out (en)");
  await parent.getByRole("button", { name: c("en", "opt_out.undo") }).click();
  await expect(h1(parent, c("en", "opt_out.undone_title"))).toBeVisible();
  await parent.getByRole("button", { name: c("en", "opt_out.again") }).click();
  await expect(h1(parent, c("en", "opt_out.title"))).toBeVisible();
  await parent.goto(`/unsubscribe/${crypto.randomBytes(24).toString("base64url")}`);
  await expect(h1(parent, tr("en", "common:not_found.title"))).toBeVisible();
  await parent.context().close();

  await page.reload();
  await expect(figure(page, "en", "opted_out")).toHaveText("1");
  await expect(page.getByText(c("en", "overview.remind_count", { number: 1 }))).toBeVisible();

  // The eligible count and schedule can be changed on the edit page.
  await page.getByRole("link", { name: c("en", "overview.edit") }).click();
  await expect(h1(page, c("en", "edit.title", { name }))).toBeVisible();
  await expectNoAxeViolations(page, "edit campaign (en)");
  await page.getByRole("textbox", { name: `${c("en", "form.eligible_count")} ${c("en", "form.optional")}` }).fill("1200");
  await page.getByRole("button", { name: c("en", "edit.submit") }).click();
  await expect(page.getByRole("status", { name: tr("en", "staff:flash_label") })).toContainText(c("en", "flash.updated"));
  await expect(page.locator("dd").filter({ hasText: /^1200$/ })).toBeVisible();

  // The poster: a QR code (SVG) named by its link, in English and in Urdu.
  await page.getByRole("link", { name: c("en", "overview.poster") }).click();
  const base = new URL(page.url()).origin;
  for (const lng of ["en", "ur"] as const) {
    if (lng === "ur") await page.getByRole("link", { name: c("en", "poster.in_urdu") }).click();
    await expectLanguage(page, lng);
    await expect(h1(page, surveyTitle("senar-parent", lng))).toBeVisible();
    const qr = page.getByRole("img", { name: c(lng, "poster.qr_label", { url: `${base}/s/${slug}?lng=${lng}` }) });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveJSProperty("tagName", "svg");
    await expect(page.getByText(`${base}/s/${slug}?lng=${lng}`, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, `poster (${lng})`);
  }

  // In Urdu: the overview, and an upload result (the same list again: all already invited).
  await page.goto(`/staff/campaigns/${id}?lng=ur`);
  await expect(h1(page, `ای ٹو ای ${run}`)).toBeVisible();
  await expect(figure(page, "ur", "invited")).toHaveText("3");
  await expectNoAxeViolations(page, "campaign overview (ur)");
  await page.getByRole("link", { name: c("ur", "overview.upload") }).click();
  await page.getByRole("textbox", { name: c("ur", "upload.paste") }).fill(csv);
  await page.getByRole("button", { name: c("ur", "upload.submit") }).click();
  await expect(page.getByRole("heading", { name: c("ur", "upload.result_title") })).toBeVisible();
  await expect(page.getByRole("table", { name: c("ur", "upload.bad_caption") }).getByRole("row")).toHaveCount(6);
  await expect(page.getByRole("table", { name: c("ur", "upload.bad_caption") })).toContainText(c("ur", "upload.problems.already_invited"));
  await expectLanguage(page, "ur");
  await expectNoAxeViolations(page, "upload result (ur)");
});

test("a service member keys in a paper response for their own service", async ({ page }) => {
  test.setTimeout(180_000);
  const id = seededCampaignId("senar-parent-2026-27");
  await signIn(page, "member.senar-north@demo.test", "/staff/campaigns");
  await expect(page.getByRole("link", { name: "SENAR parent survey, 2026 to 2027" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Co-assessment, 2026 to 2027" })).toHaveCount(0);
  await expectNoAxeViolations(page, "campaign list as a service member (en)");

  await page.getByRole("link", { name: "SENAR parent survey, 2026 to 2027" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/campaigns/${id}$`));
  await expect(page.getByRole("link", { name: c("en", "overview.edit") })).toHaveCount(0);
  await page.getByRole("link", { name: c("en", "overview.key_in") }).click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: c("en", "keyed.submit_another") }) });
  const opensOn = dbQuery<{ opens_at: string }>("SELECT opens_at FROM campaigns WHERE id = ?", id)[0].opens_at.slice(0, 10);

  // Nothing filled in: an error summary, the date completed first, and the page in Urdu too.
  await form.getByRole("button", { name: c("en", "keyed.submit_another") }).click();
  await expect(page.getByRole("alert")).toContainText(c("en", "keyed.errors.completed_on_required"));
  await expect(page.getByRole("alert")).toContainText(c("en", "keyed.errors.channel_required"));
  await expect(page.getByRole("alert")).toContainText(tr("en", "survey:errors.required_choice"));
  await expectNoAxeViolations(page, "keyed response with errors (en)");
  await page.goto(`/staff/campaigns/${id}/responses/new?lng=ur`);
  await expectLanguage(page, "ur");
  await page.getByRole("button", { name: c("ur", "keyed.submit_another") }).click();
  await expect(page.getByRole("alert")).toContainText(c("ur", "keyed.errors.language_required"));
  await expectNoAxeViolations(page, "keyed response with errors (ur)");

  // Every question on one page: answer each group with its first choice, every text box.
  await page.goto(`/staff/campaigns/${id}/responses/new?lng=en`);
  const groups = form.getByRole("group");
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    const radios = group.getByRole("radio");
    if ((await radios.count()) > 0) await radios.first().check();
    else await group.getByRole("checkbox").first().check();
  }
  // The answers' text boxes (the date completed is a date field, filled below).
  const boxes = form.locator("textarea, input[type=text]");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill("Posted back on paper.");
  await form.getByRole("radio", { name: c("en", "keyed.channels.paper") }).check();
  await form.getByRole("radio", { name: c("en", "keyed.languages.en") }).check();
  await expect(form.getByRole("radio", { name: "SENAR North" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "SENAR South" })).toHaveCount(0);

  // A date before the campaign opened is refused, with everything typed kept.
  const date = form.getByLabel(c("en", "keyed.completed_on"));
  await date.fill("2020-01-15");
  await form.getByRole("button", { name: c("en", "keyed.submit_another") }).click();
  await expect(page.getByRole("alert")).toContainText(c("en", "keyed.errors.completed_on_outside", { first: "\u0000", last: "" }).split("\u0000")[0]);
  await expect(form.getByRole("radio", { name: c("en", "keyed.channels.paper") })).toBeChecked();
  await expect(form.getByRole("textbox").last()).toHaveValue("Posted back on paper.");
  await expectNoAxeViolations(page, "keyed response with a date outside the campaign (en)");

  await date.fill(opensOn);
  await form.getByRole("button", { name: c("en", "keyed.submit_another") }).click();
  await expect(page.getByRole("status", { name: tr("en", "staff:flash_label") })).toContainText(c("en", "flash.response_saved_next"));
  // The next blank form keeps the date, channel, language and service, and counts the form.
  await expect(form.getByLabel(c("en", "keyed.completed_on"))).toHaveValue(opensOn);
  await expect(form.getByRole("radio", { name: c("en", "keyed.channels.paper") })).toBeChecked();
  await expect(form.getByRole("radio", { name: c("en", "keyed.languages.en") })).toBeChecked();
  await expect(form.getByRole("textbox").last()).toHaveValue("");
  await expect(page.getByText(c("en", "keyed.keyed_today_one", { count: 1 }))).toBeVisible();
  await expectNoAxeViolations(page, "keyed response saved, next form (en)");

  const rows = dbQuery<{ channel: string; language: string; service: string; submitted_at: string | null; completed_on: string }>(
    `SELECT r.channel, r.language, s.slug AS service, r.submitted_at, r.completed_on FROM responses r
       JOIN users u ON u.id = r.keyed_by_user_id JOIN services s ON s.id = r.service_id
      WHERE r.campaign_id = ? AND u.email = ?`,
    id,
    "member.senar-north@demo.test",
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ channel: "paper", language: "en", service: "senar-north", completed_on: opensOn });
  expect(rows[0].submitted_at).toBeTruthy();

  // The list of keyed responses; void the form with a reason.
  await page.getByRole("link", { name: c("en", "keyed.list_link") }).click();
  await expect(h1(page, c("en", "keyed_list.title"))).toBeVisible();
  await expectNoAxeViolations(page, "keyed responses (en)");
  await page.getByRole("link", { name: new RegExp(c("en", "keyed_list.open")) }).first().click();
  await expect(h1(page, c("en", "keyed_edit.title"))).toBeVisible();
  await expectNoAxeViolations(page, "correct or void a keyed form (en)");
  await page.getByRole("button", { name: c("en", "keyed_edit.submit_void") }).click();
  await expect(page.getByRole("alert")).toContainText(c("en", "keyed_edit.errors.reason_required"));
  await page.getByLabel(c("en", "keyed_edit.void_reason")).fill("Keyed twice");
  await page.getByRole("button", { name: c("en", "keyed_edit.submit_void") }).click();
  await expect(page.getByRole("status", { name: tr("en", "staff:flash_label") })).toContainText(c("en", "flash.response_voided"));
  await expect(page.getByRole("cell", { name: c("en", "keyed_list.voided") })).toBeVisible();
  expect(dbQuery<{ void_reason: string }>("SELECT void_reason FROM responses WHERE campaign_id = ? AND keyed_by_user_id IS NOT NULL", id)).toEqual([{ void_reason: "Keyed twice" }]);
});

test("a member of another service gets 403 on a campaign's pages by URL", async ({ page }) => {
  const id = seededCampaignId("senar-parent-2026-27");
  await signIn(page, "member.slt@demo.test", "/staff/campaigns");
  await expect(page.getByRole("link", { name: "SENAR parent survey, 2026 to 2027" })).toHaveCount(0);
  for (const path of ["", "/invitations", "/responses/new", "/poster", "/edit"]) {
    const response = await page.goto(`/staff/campaigns/${id}${path}`);
    expect(response?.status(), path).toBe(403);
    await expect(h1(page, tr("en", "common:forbidden.title"))).toBeVisible();
  }
  const unknown = await page.goto("/staff/campaigns/999999");
  expect(unknown?.status()).toBe(404);
  const create = await page.goto("/staff/campaigns/new");
  expect(create?.status()).toBe(403);
});

test("a closed campaign: no reminders, and its invitation link says it has closed; opting out works without JavaScript", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const run = crypto.randomBytes(3).toString("hex");
  const name = `E2E closed ${run}`;
  await signIn(page, "admin@demo.test", "/staff/campaigns/new");
  await page.getByRole("radio", { name: c("en", "form.survey_option", { title: surveyTitle("local-offer", "en"), version: 1 }) }).check();
  await page.getByRole("textbox", { name: c("en", "form.name_en") }).fill(name);
  await page.getByRole("textbox", { name: c("en", "form.name_ur") }).fill(`بند ${run}`);
  await page.getByLabel(c("en", "form.opens_on")).fill(day(-30));
  await page.getByLabel(c("en", "form.closes_on")).fill(day(-1));
  await page.getByRole("checkbox", { name: "Local Offer website" }).check();
  await page.getByRole("button", { name: c("en", "new.submit") }).click();
  await expect(h1(page, name)).toBeVisible();
  const id = campaignIdFromUrl(page);
  await page.getByRole("link", { name: c("en", "overview.upload") }).click();
  await page.getByRole("textbox", { name: c("en", "upload.paste") }).fill(`email,language\nclosed.${run}@example.com,ur\n`);
  await page.getByRole("button", { name: c("en", "upload.submit") }).click();
  await expect(page.getByText(c("en", "upload.all_good"))).toBeVisible();
  await page.getByRole("link", { name: c("en", "upload.back") }).click();
  await expect(page.getByText(c("en", "overview.closed_no_reminders"))).toBeVisible();
  await expect(page.getByRole("button", { name: c("en", "overview.remind_now") })).toHaveCount(0);

  const [{ token }] = dbQuery<{ token: string }>("SELECT token FROM invitations WHERE campaign_id = ?", id);
  const parent = await freshPage(browser, false);
  const closed = await parent.goto(`/i/${token}`);
  expect(closed?.status()).toBe(410);
  await expect(h1(parent, tr("ur", "survey:closed.title"))).toBeVisible();
  await expectLanguage(parent, "ur");
  const unknown = await parent.goto(`/i/${crypto.randomBytes(24).toString("base64url")}?lng=en`);
  expect(unknown?.status()).toBe(404);
  await expect(h1(parent, tr("en", "survey:unknown_link.title"))).toBeVisible();

  // The opt-out page in the invitee's language, its undo a plain form.
  await parent.goto(`/unsubscribe/${token}`);
  await expect(h1(parent, c("ur", "opt_out.title"))).toBeVisible();
  await expectLanguage(parent, "ur");
  await expectNoAxeViolations(parent, "opted out (ur, no JavaScript)", { javaScriptEnabled: false });
  await parent.getByRole("button", { name: c("ur", "opt_out.undo") }).click();
  await expect(h1(parent, c("ur", "opt_out.undone_title"))).toBeVisible();
  expect(dbQuery<{ opted_out_at: string | null }>("SELECT opted_out_at FROM invitations WHERE token = ?", token)[0].opted_out_at).toBeNull();
  await parent.context().close();
});
