import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/staff";
import { exactly, tr, type Lng } from "./support/locales";
import { waitForHydration } from "./support/survey";
import { addQuestion, b, createSurvey, fillQuestion, fillTexts, importAndPublish, publish, type UiQuestion } from "./support/builder";
import { SurveySpecSchema, type SurveySpec } from "../../app/surveys/spec";

const ADMIN = "admin@demo.test";
const unique = () => `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Opens a builder page in a language (remembered in the cookie) and checks it with axe. */
async function visit(page: Page, path: string, lng: Lng, label: string): Promise<void> {
  const url = new URL(path, "http://x");
  url.searchParams.set("lng", lng);
  await page.goto(url.pathname + url.search);
  await waitForHydration(page);
  await expectNoAxeViolations(page, `${label} (${lng})`);
}

const OVERALL: UiQuestion = {
  key: "overall",
  type: "satisfaction",
  page: 1,
  required: true,
  headline: true,
  text: { en: "Overall, how satisfied are you with the support?", ur: "مجموعی طور پر، آپ مدد سے کتنے مطمئن ہیں؟" },
};
const CONTACT: UiQuestion = {
  key: "contact_known",
  type: "yes_no_not_sure",
  page: 1,
  required: true,
  text: { en: "Did you know who to contact?", ur: "کیا آپ کو معلوم تھا کہ کس سے رابطہ کرنا ہے؟" },
};
const HELP: UiQuestion = {
  key: "contact_help",
  type: "long_text",
  page: 2,
  // The Urdu is left out at first: publishing must be refused, naming it.
  text: { en: "What would have helped you know who to contact?", ur: "" },
  hint: { en: "Please do not write any names.", ur: "براہِ کرم کوئی نام نہ لکھیں۔" },
  showIf: { key: "contact_known", valueLabel: tr("en", "scale.yes_no_not_sure.no") },
};
const HELP_UR = "کس چیز سے آپ کو یہ جاننے میں مدد ملتی کہ کس سے رابطہ کرنا ہے؟";

test.describe("survey builder, as an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN, "/staff/surveys");
  });

  test("builds a bilingual survey with a conditional question, is refused while one Urdu text is empty, publishes it and previews it in Urdu", async ({ page }) => {
    await visit(page, "/staff/surveys", "ur", "survey list");
    await expect(page.getByRole("heading", { level: 1, name: b("list.title", {}, "ur") })).toBeVisible();
    await visit(page, "/staff/surveys", "en", "survey list");

    // A clear error for a bad short name; nothing typed is lost.
    await page.getByRole("link", { name: b("list.create") }).click();
    await expectNoAxeViolations(page, "create a survey");
    await page.getByLabel(b("create.slug")).fill("Not Valid");
    await page.getByLabel(b("create.title_en")).fill("Support for families");
    await page.getByRole("button", { name: b("create.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(b("errors.kind_required"));
    await expect(page.getByRole("alert")).toContainText(b("errors.slug_format"));
    await expect(page.getByLabel(b("create.title_en"))).toHaveValue("Support for families");
    await expectNoAxeViolations(page, "create a survey with errors");

    const slug = `e2e-built-${unique()}`;
    const editor = await createSurvey(page, { kind: "parent", slug, titleEn: "Support for families" });
    await expectNoAxeViolations(page, "draft editor");
    await fillTexts(page, {
      titleUr: "خاندانوں کے لیے مدد",
      introEn: "Tell us about the support you had. Your answers are anonymous.",
      introUr: "ہمیں اس مدد کے بارے میں بتائیں جو آپ کو ملی۔ آپ کے جوابات گمنام ہیں۔",
    });
    await addQuestion(page, OVERALL);
    await addQuestion(page, CONTACT);

    // The conditional question: the select offers the earlier question's answers.
    await page.getByRole("link", { name: b("editor.add_question") }).click();
    await expectNoAxeViolations(page, "add a question");
    await fillQuestion(page, HELP);
    await page.getByRole("button", { name: b("question.save") }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.question_saved", { key: "contact_help" }));

    const row = page.getByRole("row").filter({ hasText: "contact_help" });
    await expect(row).toContainText(b("badges.missing", { count: 1 }));
    await expect(row).toContainText(`contact_known = ${tr("en", "scale.yes_no_not_sure.no")}`);
    await expect(page.getByRole("row").filter({ hasText: "overall" })).toContainText(b("editor.headline_tag"));

    // Publishing is refused, naming the one empty Urdu text.
    await page.getByRole("button", { name: b("editor.publish") }).click();
    const refusal = page.getByRole("alert");
    await expect(refusal.getByRole("heading", { name: b("publish.refused_title") })).toBeVisible();
    const problem = `${b("where.question", { number: 3, key: "contact_help" })}: ${b("publish.problems.empty", { field: b("fields.text"), language: b("languages.ur") })}`;
    await expect(refusal.getByRole("link")).toHaveText([problem]);
    await expectNoAxeViolations(page, "publish refused");

    // The same refusal in Urdu.
    await visit(page, editor, "ur", "draft editor");
    await page.getByRole("button", { name: b("editor.publish", {}, "ur") }).click();
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([
      `${b("where.question", { number: 3, key: "contact_help" }, "ur")}: ${b("publish.problems.empty", { field: b("fields.text", {}, "ur"), language: b("languages.ur", {}, "ur") }, "ur")}`,
    ]);
    await expectNoAxeViolations(page, "publish refused (ur)");
    await visit(page, editor, "en", "draft editor");

    // The link goes to the field; fill in the Urdu.
    await page.getByRole("button", { name: b("editor.publish") }).click();
    await page.getByRole("alert").getByRole("link", { name: problem }).click();
    await expect(page).toHaveURL(/\/questions\/\d+#text_ur$/);
    const questionPage = new URL(page.url()).pathname;
    await expectNoAxeViolations(page, "edit a question");
    await page.getByLabel(b("question.text_ur")).fill(HELP_UR);
    await page.getByRole("button", { name: b("question.save") }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.question_saved", { key: "contact_help" }));
    await visit(page, questionPage, "ur", "edit a question");
    await visit(page, editor, "en", "draft editor");

    // A spare question: moved up, then deleted after a confirmation.
    await addQuestion(page, { key: "spare", type: "short_text", page: 2, text: { en: "Spare?", ur: "فالتو؟" } });
    await page.getByRole("button", { name: `${b("editor.move_up")} spare` }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.moved"));
    await expect(page.getByRole("table").getByRole("row").nth(3)).toContainText("spare");
    await page.getByRole("link", { name: `${b("editor.edit")} spare` }).click();
    await page.getByRole("link", { name: b("question.delete") }).click();
    await expect(page.getByRole("heading", { level: 1, name: b("delete.title", { key: "spare" }) })).toBeVisible();
    await expectNoAxeViolations(page, "delete a question");
    await page.getByRole("button", { name: b("delete.confirm") }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.question_deleted", { key: "spare" }));
    await expect(page.getByRole("row").filter({ hasText: "spare" })).toHaveCount(0);

    await publish(page);
    await expect(page.getByText(b("status.published"), { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: b("editor.publish") })).toHaveCount(0);
    await expectNoAxeViolations(page, "published version");

    // The preview in Urdu: every page, the scale in the real form's order, the conditional question.
    await page.getByRole("link", { name: b("editor.preview_ur") }).click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "خاندانوں کے لیے مدد" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 })).toHaveText([tr("ur", "page_progress", { current: 1, total: 2 }), tr("ur", "page_progress", { current: 2, total: 2 })]);
    const overall = page.getByRole("group", { name: new RegExp(OVERALL.text.ur) });
    await expect(overall.getByRole("radio")).toHaveCount(6);
    await expect(overall.locator("label")).toHaveText(["5", "4", "3", "2", "1", "dont_know"].map((v) => tr("ur", `scale.satisfaction.${v}`)));
    await expect(page.getByRole("textbox", { name: new RegExp(HELP_UR) })).toBeVisible();
    await expect(page.getByText(b("preview.condition", { key: "contact_known", value: tr("ur", "scale.yes_no_not_sure.no") }, "ur"))).toBeVisible();
    await expect(page.getByRole("button", { name: tr("ur", "submit") })).toHaveCount(0);
    await expectNoAxeViolations(page, "preview (ur)");
    await visit(page, `${editor}/preview`, "en", "preview");
  });

  test("a stale Urdu text blocks publishing a new draft until it is confirmed", async ({ page }) => {
    const slug = `e2e-stale-${unique()}`;
    const spec: SurveySpec = {
      slug,
      kind: "setting",
      title: { en: "Settings survey", ur: "اداروں کا سروے" },
      intro: { en: "About our support to your setting.", ur: "آپ کے ادارے کو ہماری مدد کے بارے میں۔" },
      headline: "overall",
      questions: [
        { key: "overall", page: 1, type: "satisfaction", required: true, text: { en: "How satisfied are you?", ur: "آپ کتنے مطمئن ہیں؟" } },
        { key: "comment", page: 2, type: "long_text", text: { en: "Anything else?", ur: "کچھ اور؟" } },
      ],
    };
    const v1 = await importAndPublish(page, spec);

    // "Edit" on the published version makes draft version 2.
    await visit(page, v1.replace(/\/versions\/\d+$/, ""), "en", "survey page");
    await page.getByRole("button", { name: `${b("survey.edit")} ${b("list.version", { version: 1 })}` }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.draft_created"));
    await expect(page.getByRole("heading", { level: 1, name: b("editor.title", { version: 2 }) })).toBeVisible();
    const editor = new URL(page.url()).pathname;

    // Only the English changes: the Urdu is now out of date.
    await page.getByRole("link", { name: `${b("editor.edit")} overall` }).click();
    await expect(page.getByLabel(b("question.key"), { exact: true })).toHaveCount(0);
    await page.getByLabel(b("question.text_en")).fill("Overall, how satisfied are you with our support?");
    await page.getByRole("button", { name: b("question.save") }).click();
    await expect(page.getByRole("row").filter({ hasText: "overall" })).toContainText(b("badges.stale", { count: 1 }));

    await page.getByRole("button", { name: b("editor.publish") }).click();
    const problem = `${b("where.question", { number: 1, key: "overall" })}: ${b("publish.problems.stale", { field: b("fields.text") })}`;
    await expect(page.getByRole("alert").getByRole("link")).toHaveText([problem]);
    await page.getByRole("alert").getByRole("link", { name: problem }).click();

    // The question page shows the English then and now, and "Urdu is still right".
    const notice = page.getByRole("region", { name: b("stale.title") });
    await expect(notice).toContainText("How satisfied are you?");
    await expect(notice).toContainText("Overall, how satisfied are you with our support?");
    await expectNoAxeViolations(page, "question with stale Urdu");
    await notice.getByRole("button", { name: new RegExp(`^${b("stale.confirm")}`) }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.confirmed"));
    await expect(page.getByRole("region", { name: b("stale.title") })).toHaveCount(0);

    await page.goto(editor);
    await publish(page, 2);
  });

  test("downloads a version as a valid JSON file, and explains why a broken file cannot be imported", async ({ page }) => {
    await page.getByRole("link", { name: /SENAR parent survey/ }).click();
    await expectNoAxeViolations(page, "survey page");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: `${b("survey.download_json")} (${b("list.version", { version: 1 })})` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("survey-senar-parent-v1.json");
    const file = SurveySpecSchema.safeParse(JSON.parse(fs.readFileSync((await download.path())!, "utf8")));
    expect(file.success).toBe(true);
    expect(file.data?.headline).toBe("overall");

    await visit(page, "/staff/surveys/import", "en", "import a survey");
    const upload = async (text: string) => {
      await page.getByLabel(b("import.file")).setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(text) });
      await page.getByRole("button", { name: b("import.submit") }).click();
    };
    await upload('{ "slug": "broken", ');
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { name: b("import.refused_title") })).toBeVisible();
    await expect(alert).toContainText(b("import.nothing_created"));
    await expect(alert).toContainText(/the file is not valid JSON \(.+\)/);
    await expectNoAxeViolations(page, "import refused");

    await upload(JSON.stringify({ ...file.data, slug: "Bad Slug", questions: [{ key: "q", page: 1, type: "essay", text: { en: "?" } }] }));
    await expect(alert.getByRole("listitem")).toHaveText([
      `slug: ${b("import.problems.bad_slug")}`,
      `questions[0].type: ${b("import.problems.not_allowed", { allowed: "satisfaction, agreement, single_choice, multiple_choice, yes_no_not_sure, short_text, long_text" })}`,
      `questions[0].text.ur: ${b("import.problems.missing")}`,
    ]);
  });

  test("a translator's file goes out with every text and comes back with the Urdu", async ({ page }) => {
    const editor = await createSurvey(page, { kind: "partner", slug: `e2e-translate-${unique()}`, titleEn: "Partners survey" });
    await addQuestion(page, { key: "overall", type: "satisfaction", page: 1, headline: true, text: { en: "How satisfied, overall?", ur: "" } });
    await visit(page, `${editor}/translations`, "en", "translations");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: b("translations.download") }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFid,english,urdu,status,confirmed\r\n")).toBe(true);
    expect(csv).toContain('question:overall:text,"How satisfied, overall?",,missing,\r\n');

    const translated = csv
      .replace("survey:title,Partners survey,,missing", "survey:title,Partners survey,شراکت داروں کا سروے,missing")
      .replace('question:overall:text,"How satisfied, overall?",,missing', 'question:overall:text,"How satisfied, overall?","مجموعی طور پر، کتنے مطمئن؟",missing')
      .concat("question:gone:text,Gone,گیا,ok\r\n");
    await page.getByLabel(b("translations.file")).setInputFiles({ name: "t.csv", mimeType: "text/csv", buffer: Buffer.from(translated) });
    await page.getByRole("button", { name: b("translations.import") }).click();
    const result = page.getByRole("alert");
    await expect(result).toContainText(b("translations.result_summary", { updated: 2, unchanged: 0, stillStale: 0 }));
    await expect(result.getByRole("listitem")).toHaveText([`${b("translations.line", { line: 4 })}: ${b("translations.problems.unknown_id", { id: "question:gone:text" })}`]);
    await expectNoAxeViolations(page, "translations imported");
    await visit(page, `${editor}/translations`, "ur", "translations");
    await page.goto(`${editor}?lng=en`);
    await expect(page.getByLabel(b("editor.title_ur"))).toHaveValue("شراکت داروں کا سروے");
  });
});

test("builder pages reflow at 320 px wide in both languages (tables scroll inside their own box)", async ({ page }) => {
  await signIn(page, ADMIN, "/staff/surveys");
  await page.getByRole("link", { name: /SENAR parent survey/ }).click();
  const survey = new URL(page.url()).pathname;
  await page.getByRole("link", { name: b("list.version", { version: 1 }), exact: true }).click();
  await expect(page).toHaveURL(/\/versions\/\d+$/);
  const version = new URL(page.url()).pathname;
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/staff/surveys", survey, version, `${version}/translations`, `${version}/preview`, "/staff/surveys/new"]) {
    for (const lng of ["en", "ur"] as const) {
      await page.goto(`${path}?lng=${lng}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} in ${lng}`).toBeLessThanOrEqual(320);
      if (lng === "en") await expectNoAxeViolations(page, `${path} at 320 px`);
    }
  }
});

test.describe("survey builder without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adds options to a choice question one row at a time", async ({ page }) => {
    await signIn(page, ADMIN, "/staff/surveys");
    const editor = await createSurvey(page, { kind: "young_person", slug: `e2e-nojs-${unique()}`, titleEn: "Young people" });
    await page.goto(`${editor}/questions/new`);
    const options = [
      { en: "Email", ur: "ای میل" },
      { en: "Text message", ur: "ٹیکسٹ پیغام" },
      { en: "Letter", ur: "خط" },
      { en: "Phone call", ur: "فون کال" },
    ];
    await fillQuestion(page, { key: "contact_by", type: "multiple_choice", page: 1, text: { en: "How should we contact you?", ur: "ہم آپ سے کیسے رابطہ کریں؟" }, options: options.slice(0, 3) });
    await page.getByRole("button", { name: b("question.add_option") }).click();
    // The form comes back as typed, with a fourth row.
    await expect(page.getByLabel(b("question.text_en"))).toHaveValue("How should we contact you?");
    const fourth = page.getByRole("group", { name: b("question.option", { number: 4 }), exact: true });
    await fourth.getByLabel(b("question.option_label_en")).fill(options[3].en);
    await fourth.getByLabel(b("question.option_label_ur")).fill(options[3].ur);
    await expectNoAxeViolations(page, "question form without JavaScript", { javaScriptEnabled: false });
    await page.getByRole("button", { name: exactly(b("question.save")) }).click();
    await expect(page.getByRole("status")).toContainText(b("flash.question_saved", { key: "contact_by" }));
    await page.goto(`${editor}/preview?lng=en`);
    await expect(page.getByRole("group", { name: /How should we contact you\?/ }).locator("label")).toHaveText(options.map((o) => o.en));
  });
});
