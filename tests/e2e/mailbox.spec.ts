import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/staff";
import { expectNoAxeViolations } from "./support/axe";
import { exactly } from "./support/locales";

// The demo seed writes no mail, and the server has no SMTP_URL, so nothing is ever sent:
// the tests write outbox rows straight into the server's database file, as the app would.

interface OutboxRow {
  kind: string;
  to: string;
  language: "en" | "ur";
  subject: string;
  text: string;
  html: string;
  status: "pending" | "sent" | "failed";
  attempts?: number;
  lastError?: string | null;
  headers?: Record<string, string>;
}

function insertOutboxRow(row: OutboxRow): number {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) throw new Error("E2E_DATABASE_FILE is not set: run the tests with `npx playwright test`");
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const now = new Date().toISOString();
    const result = db
      .prepare(
        `INSERT INTO outbox (kind, to_address, language, subject, text_body, html_body, headers_json, status, attempts,
                             next_attempt_at, last_error, message_id, invitation_id, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(
        row.kind,
        row.to,
        row.language,
        row.subject,
        row.text,
        row.html,
        JSON.stringify(row.headers ?? {}),
        row.status,
        row.attempts ?? (row.status === "pending" ? 0 : 1),
        now,
        row.lastError ?? null,
        row.status === "sent" ? `<${crypto.randomUUID()}@said-and-done.test>` : null,
        now,
        row.status === "sent" ? now : null,
      );
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

function statusOf(id: number): string {
  const db = new Database(process.env.E2E_DATABASE_FILE!, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT status FROM outbox WHERE id = ?").get(id) as { status: string }).status;
  } finally {
    db.close();
  }
}

/** Three emails with subjects unique to this test: an English one sent, an Urdu one waiting, one refused. */
function writeMail() {
  const tag = crypto.randomBytes(4).toString("hex");
  const en = {
    subject: `Tell us about SENAR North ${tag}`,
    id: insertOutboxRow({
      kind: "invitation",
      to: `parent.${tag}@example.test`,
      language: "en",
      subject: `Tell us about SENAR North ${tag}`,
      text: "Your views matter\n\nPlease answer a short survey.\n\nStart the survey:\nhttp://localhost/i/abc",
      html: '<!doctype html><html lang="en" dir="ltr"><head><title>Your views matter</title></head><body><h1>Your views matter</h1><p>Please answer a short survey.</p></body></html>',
      status: "sent",
      headers: { "List-Unsubscribe": "<http://localhost/unsubscribe/abc>" },
    }),
  };
  const urSubject = `سینار نارتھ کے بارے میں بتائیں ${tag}`;
  const ur = {
    subject: urSubject,
    text: "آپ کی رائے اہم ہے\n\nبراہ کرم ایک مختصر سروے کا جواب دیں۔",
    id: insertOutboxRow({
      kind: "reminder",
      to: `walid.${tag}@example.test`,
      language: "ur",
      subject: urSubject,
      text: "آپ کی رائے اہم ہے\n\nبراہ کرم ایک مختصر سروے کا جواب دیں۔",
      html: '<!doctype html><html lang="ur" dir="rtl"><head><title>آپ کی رائے اہم ہے</title></head><body dir="rtl"><h1>آپ کی رائے اہم ہے</h1><p>براہ کرم ایک مختصر سروے کا جواب دیں۔</p></body></html>',
      status: "pending",
    }),
  };
  const failed = {
    subject: `Reminder: SENAR survey ${tag}`,
    error: `EENVELOPE: 550 Mailbox unavailable: gone.${tag}@example.test`,
    // A reminder's recipient is hidden (DESIGN "Anonymity"), in its error too.
    shownError: "EENVELOPE: 550 Mailbox unavailable: ••••••",
    to: `gone.${tag}@example.test`,
    id: 0,
  };
  failed.id = insertOutboxRow({
    kind: "reminder",
    to: `gone.${tag}@example.test`,
    language: "en",
    subject: failed.subject,
    text: "A reminder.",
    html: '<!doctype html><html lang="en" dir="ltr"><head><title>A reminder</title></head><body><p>A reminder.</p></body></html>',
    status: "failed",
    lastError: failed.error,
  });
  return { en, ur, failed };
}

function row(page: Page, subject: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: exactly(subject) }) });
}

test.describe("the mailbox", () => {
  test("an admin reads the outbox and an English and an Urdu email, in English and in Urdu", async ({ page }) => {
    const mail = writeMail();
    await signIn(page, "admin@demo.test", "/staff/mailbox");
    await expect(page.getByRole("heading", { level: 1, name: "Mailbox" })).toBeVisible();
    await expect(page.getByRole("note").getByRole("heading", { name: "Mail is not being sent" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Failed: \d+$/ })).toBeVisible();

    await expect(row(page, mail.en.subject).getByText("Sent", { exact: true })).toBeVisible();
    await expect(row(page, mail.ur.subject).getByText("Waiting to send", { exact: true })).toBeVisible();
    const failedRow = row(page, mail.failed.subject);
    await expect(failedRow.getByText("Failed", { exact: true })).toBeVisible();
    await expect(failedRow.getByText(mail.failed.shownError)).toBeVisible();
    await expect(failedRow.getByText("Error:")).toBeVisible();
    await expect(failedRow.getByText("Hidden: a family who has not answered")).toBeVisible();
    await expect(page.getByText(mail.failed.to)).toHaveCount(0);
    await expectNoAxeViolations(page, "mailbox (en)");

    await page.getByRole("link", { name: exactly(mail.ur.subject) }).click();
    await expect(page.getByRole("heading", { level: 1, name: exactly(mail.ur.subject) })).toHaveAttribute("lang", "ur");
    const text = page.locator("pre");
    await expect(text).toHaveAttribute("dir", "rtl");
    await expect(text).toHaveAttribute("lang", "ur");
    await expect(text).toContainText("براہ کرم ایک مختصر سروے کا جواب دیں۔");
    const frame = page.locator("iframe");
    await expect(frame).toHaveAttribute("sandbox", "");
    await expect(frame).toHaveAttribute("title", `The email as HTML: ${mail.ur.subject}`);
    await expect(page.frameLocator("iframe").locator('html[dir="rtl"][lang="ur"] h1')).toHaveText("آپ کی رائے اہم ہے");
    await expect(page.getByRole("button", { name: "Try again now" })).toBeVisible();
    await expectNoAxeViolations(page, "mailbox message (en)");

    await page.goto(`/staff/mailbox/${mail.en.id}`);
    await expect(page.getByRole("heading", { level: 1, name: exactly(mail.en.subject) })).toBeVisible();
    await expect(page.getByText("List-Unsubscribe: <http://localhost/unsubscribe/abc>")).toBeVisible();
    // A sent email cannot be sent again from here.
    await expect(page.getByRole("button", { name: "Try again now" })).toHaveCount(0);

    await page.goto("/staff/mailbox?lng=ur");
    await expect(page.getByRole("heading", { level: 1, name: "میل باکس" })).toBeVisible();
    await expect(row(page, mail.failed.subject).getByText("ناکام", { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, "mailbox (ur)");
    await page.goto(`/staff/mailbox/${mail.failed.id}?lng=ur`);
    await expect(page.getByRole("button", { name: "ابھی دوبارہ کوشش کریں" })).toBeVisible();
    await expect(page.getByText(mail.failed.shownError)).toBeVisible();
    await expect(page.getByText("پوشیدہ: ایک خاندان جس نے ابھی جواب نہیں دیا")).toBeVisible();
    await expect(page.getByText(mail.failed.to)).toHaveCount(0);
    await expectNoAxeViolations(page, "mailbox message (ur)");
  });

  test("filters by status and kind, and says so when nothing matches", async ({ page }) => {
    const mail = writeMail();
    await signIn(page, "admin@demo.test", "/staff/mailbox");
    await page.getByLabel("Status").selectOption({ label: "Failed" });
    await page.getByLabel("Kind of email").selectOption({ label: "Reminder" });
    await page.getByRole("button", { name: "Show messages" }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(row(page, mail.failed.subject)).toBeVisible();
    await expect(row(page, mail.ur.subject)).toHaveCount(0);
    await expect(row(page, mail.en.subject)).toHaveCount(0);

    await page.goto("/staff/mailbox?kind=no-such-kind");
    await expect(page.getByText("No messages match these filters.")).toBeVisible();
    await page.getByRole("link", { name: "Show all messages" }).click();
    await expect(row(page, mail.en.subject)).toBeVisible();
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled });

      test("“Try again now” puts a failed email back in the outbox", async ({ page }) => {
        const mail = writeMail();
        await signIn(page, "admin@demo.test", `/staff/mailbox/${mail.failed.id}`);
        await expect(page.getByText("This email could not be delivered.", { exact: false })).toBeVisible();
        await expectNoAxeViolations(page, "failed message", { javaScriptEnabled });
        await page.getByRole("button", { name: "Try again now" }).click();
        await expect(page.getByRole("status", { name: "Success" })).toHaveText("The email is back in the outbox and will be sent straight away.");
        await expect(page.getByText("Waiting to send", { exact: true })).toBeVisible();
        expect(statusOf(mail.failed.id)).toBe("pending");
      });
    });
  }

  test("an unknown email is a 404", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    for (const url of ["/staff/mailbox/99999999", "/staff/mailbox/not-a-number"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    }
  });

  test("service staff cannot open the mailbox", async ({ page }) => {
    const mail = writeMail();
    await signIn(page, "member.senar-north@demo.test");
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Mailbox" })).toHaveCount(0);
    for (const url of ["/staff/mailbox", `/staff/mailbox/${mail.en.id}`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByText(mail.en.subject)).toHaveCount(0);
    }
  });
});
