import crypto from "node:crypto";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { openE2eDatabase } from "./support/db";
import { exactly, tr } from "./support/locales";
import { signIn } from "./support/staff";
import { expectLanguage } from "./support/survey";
import { addQuestion, b, createSurvey, fillTexts, publish } from "./support/builder";

// Issue 3's journey in one go, as the admin and then as a parent: build a bilingual survey
// with a conditional question, be refused publishing while one Urdu text is empty, publish,
// invite families from a CSV with two bad rows, and answer one invitation in Urdu.

const c = (key: string, values: Record<string, string | number> = {}, lng: "en" | "ur" = "en") => tr(lng, `campaigns:${key}`, values);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an admin builds a survey, invites families from a CSV, and a parent answers their invitation in Urdu", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const run = crypto.randomBytes(3).toString("hex");
  const title = `Short breaks survey ${run}`;
  const titleUr = `مختصر وقفوں کا سروے ${run}`;
  const helpUr = "کس چیز سے آپ کو یہ جاننے میں مدد ملتی کہ کس سے رابطہ کرنا ہے؟";

  // 1. Build it: a headline question, a yes/no question, and a question shown only after "no".
  await signIn(page, "admin@demo.test", "/staff/surveys");
  // A young people's survey: a parent survey with one answer would (rightly, DESIGN
  // "Suppression") hide the smallest other parent survey from the board, and other specs
  // read the board's parent figures from this same database.
  await createSurvey(page, { kind: "young_person", slug: `short-breaks-${run}`, titleEn: title });
  await fillTexts(page, { titleUr, introEn: "Tell us about short breaks.", introUr: "ہمیں مختصر وقفوں کے بارے میں بتائیں۔" });
  await addQuestion(page, {
    key: "overall",
    type: "satisfaction",
    page: 1,
    required: true,
    headline: true,
    text: { en: "How satisfied are you with short breaks?", ur: "آپ مختصر وقفوں سے کتنے مطمئن ہیں؟" },
  });
  await addQuestion(page, {
    key: "contact_known",
    type: "yes_no_not_sure",
    page: 1,
    required: true,
    text: { en: "Did you know who to contact?", ur: "کیا آپ کو معلوم تھا کہ کس سے رابطہ کرنا ہے؟" },
  });
  await addQuestion(page, {
    key: "contact_help",
    type: "long_text",
    page: 2,
    required: true,
    text: { en: "What would have helped?", ur: "" },
    showIf: { key: "contact_known", valueLabel: tr("en", "scale.yes_no_not_sure.no") },
  });

  // 2. Publishing is refused while that one Urdu text is empty, and says which.
  await page.getByRole("button", { name: b("editor.publish") }).click();
  const problem = `${b("where.question", { number: 3, key: "contact_help" })}: ${b("publish.problems.empty", { field: b("fields.text"), language: b("languages.ur") })}`;
  await expect(page.getByRole("alert").getByRole("link")).toHaveText([problem]);
  await expectNoAxeViolations(page, "publish refused");
  await page.getByRole("alert").getByRole("link", { name: problem }).click();
  await page.getByLabel(b("question.text_ur")).fill(helpUr);
  await page.getByRole("button", { name: b("question.save") }).click();
  await expect(page.getByRole("status")).toContainText(b("flash.question_saved", { key: "contact_help" }));
  await page.goto(new URL(page.url()).pathname.replace(/\/questions\/\d+$/, ""));
  await publish(page);

  // 3. A campaign of the new survey for SENAR North, then invitations from a CSV.
  await page.goto("/staff/campaigns/new");
  await page.getByRole("radio", { name: c("form.survey_option", { title, version: 1 }) }).check();
  await page.getByRole("textbox", { name: c("form.name_en") }).fill(`Short breaks ${run}`);
  await page.getByRole("textbox", { name: c("form.name_ur") }).fill(`مختصر وقفے ${run}`);
  await page.getByLabel(c("form.opens_on")).fill(day(-1));
  await page.getByLabel(c("form.closes_on")).fill(day(60));
  await page.getByRole("checkbox", { name: "SENAR North" }).check();
  await page.getByRole("button", { name: c("new.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: exactly(`Short breaks ${run}`) })).toBeVisible();
  const campaignId = Number(/\/staff\/campaigns\/(\d+)/.exec(page.url())![1]);

  await page.getByRole("link", { name: c("overview.upload") }).click();
  const csv = ["email,language", `amina.${run}@example.com,ur`, "amina-at-example.com,ur", `ben.${run}@example.com,en`, `carol.${run}@example.com,Urdu`, `dan.${run}@example.com,pl`].join("\n");
  await page.getByLabel(c("upload.file")).setInputFiles({ name: "families.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: c("upload.submit") }).click();
  await expect(page.getByText(c("upload.result_counts", { rows: 5, invited: 3, bad: 2 }))).toBeVisible();
  const bad = page.getByRole("table", { name: c("upload.bad_caption") }).getByRole("row");
  await expect(bad).toHaveCount(3);
  await expect(bad.nth(1)).toContainText("3");
  await expect(bad.nth(1)).toContainText(c("upload.problems.invalid_email"));
  await expect(bad.nth(2)).toContainText("6");
  await expect(bad.nth(2)).toContainText(c("upload.problems.unknown_language"));
  await expectNoAxeViolations(page, "upload result");

  // Each good row has its invitation email waiting in the outbox, in the invitee's language.
  const db = openE2eDatabase();
  const rows = db
    .prepare(
      `SELECT i.email, i.token, o.language, o.html_body FROM invitations i JOIN outbox o ON o.invitation_id = i.id
        WHERE i.campaign_id = ? AND o.kind = 'invitation' ORDER BY i.email`,
    )
    .all(campaignId) as { email: string; token: string; language: string; html_body: string }[];
  db.close();
  expect(rows.map((r) => [r.email, r.language])).toEqual([
    [`amina.${run}@example.com`, "ur"],
    [`ben.${run}@example.com`, "en"],
    [`carol.${run}@example.com`, "ur"],
  ]);
  expect(rows[0].html_body).toContain('dir="rtl"');

  // 4. Amina opens her link on her phone and answers in Urdu; "no" brings the follow-up question.
  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 } });
  const parent = await phone.newPage();
  await parent.goto(`/i/${rows[0].token}`);
  await expectLanguage(parent, "ur");
  await expect(parent.getByRole("heading", { level: 1 })).toHaveText(titleUr);
  await parent.getByRole("radio", { name: tr("ur", "scale.satisfaction.4"), exact: true }).check();
  await parent.getByRole("radio", { name: tr("ur", "scale.yes_no_not_sure.no"), exact: true }).check();
  // Before "no" there is no page 2, so page 1 ends with "Submit"; the answer "no" brings
  // the follow-up page instead of the confirmation (decided on the server, no JavaScript needed).
  await parent.getByRole("button", { name: exactly(tr("ur", "submit")) }).click();
  const followUp = parent.getByRole("textbox", { name: helpUr });
  await expect(followUp).toBeVisible();
  await expectNoAxeViolations(parent, "the conditional question (ur)");
  await followUp.fill("ایک فون نمبر جو کوئی اٹھائے۔");
  await parent.getByRole("button", { name: tr("ur", "submit") }).click();
  await expect(parent.getByRole("heading", { level: 1, name: exactly(tr("ur", "done.title")) })).toBeVisible();
  await expectLanguage(parent, "ur");
  await phone.close();

  // The overview counts her as completed; her answers are stored, in Urdu, with no link to her.
  await page.goto(`/staff/campaigns/${campaignId}`);
  const completed = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: exactly(c("overview.completed")) }) });
  await expect(completed.getByRole("cell")).toHaveText("1");
  const check = openE2eDatabase();
  const stored = check
    .prepare(
      `SELECT r.language, r.channel, q.key, a.value FROM responses r JOIN answers a ON a.response_id = r.id JOIN questions q ON q.id = a.question_id
        WHERE r.campaign_id = ? AND r.submitted_at IS NOT NULL ORDER BY q.position`,
    )
    .all(campaignId);
  const invitation = check.prepare("SELECT completed_on FROM invitations WHERE token = ?").get(rows[0].token) as { completed_on: string };
  check.close();
  expect(stored).toEqual([
    { language: "ur", channel: "invitation", key: "overall", value: "4" },
    { language: "ur", channel: "invitation", key: "contact_known", value: "no" },
    { language: "ur", channel: "invitation", key: "contact_help", value: "ایک فون نمبر جو کوئی اٹھائے۔" },
  ]);
  // The month only (DESIGN "Anonymity"): no day to match to her response.
  expect(invitation.completed_on).toMatch(/^\d{4}-\d{2}$/);
});
