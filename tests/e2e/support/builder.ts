import type { Page } from "@playwright/test";
import { expect } from "./test";
import { exactly, tr, type Lng } from "./locales";

/**
 * Building surveys through the staff pages, as an admin already signed in. Labels come
 * from locales/<lng>/builder.json, so the same steps work in English and Urdu.
 */

export const b = (key: string, values: Record<string, string | number> = {}, lng: Lng = "en") => tr(lng, `builder:${key}`, values);

export type KindKey = "parent" | "young_person" | "setting" | "partner" | "co_assessment";
export type TypeKey = "satisfaction" | "agreement" | "single_choice" | "multiple_choice" | "yes_no_not_sure" | "short_text" | "long_text";

export interface UiQuestion {
  key: string;
  type: TypeKey;
  page: number;
  required?: boolean;
  headline?: boolean;
  text: { en: string; ur: string };
  hint?: { en: string; ur: string };
  /** For single and multiple choice: at most 3 on a new question (its blank rows). */
  options?: { value?: string; en: string; ur: string }[];
  /** Shown only when the question with this key has this value. */
  showIf?: { key: string; valueLabel: string };
}

/** "Create a survey" from the survey list; lands on the draft editor of version 1. Returns its path. */
export async function createSurvey(page: Page, s: { kind: KindKey; slug: string; titleEn: string }): Promise<string> {
  await page.goto("/staff/surveys");
  await page.getByRole("link", { name: b("list.create") }).click();
  await page.getByRole("radio", { name: b(`kinds.${s.kind}`) }).check();
  await page.getByLabel(b("create.slug")).fill(s.slug);
  await page.getByLabel(b("create.title_en")).fill(s.titleEn);
  await page.getByRole("button", { name: b("create.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: b("editor.title", { version: 1 }) })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** On the draft editor: the title and introduction in both languages. */
export async function fillTexts(page: Page, t: { titleUr: string; introEn: string; introUr: string }): Promise<void> {
  await page.getByLabel(b("editor.title_ur")).fill(t.titleUr);
  await page.getByLabel(b("editor.intro_en")).fill(t.introEn);
  await page.getByLabel(b("editor.intro_ur")).fill(t.introUr);
  await page.getByRole("button", { name: b("editor.save_texts") }).click();
  await expect(page.getByRole("status")).toContainText(b("flash.texts_saved"));
}

/** Fills the question form that is open (adding or editing). */
export async function fillQuestion(page: Page, q: UiQuestion): Promise<void> {
  const key = page.getByLabel(b("question.key"), { exact: true });
  if ((await key.count()) > 0) await key.fill(q.key);
  await page.getByRole("radio", { name: b(`types.${q.type}`), exact: true }).check();
  await page.getByLabel(b("question.page")).fill(String(q.page));
  await page.getByRole("checkbox", { name: b("question.required") }).setChecked(Boolean(q.required));
  await page.getByRole("checkbox", { name: b("question.headline") }).setChecked(Boolean(q.headline));
  await page.getByLabel(b("question.text_en")).fill(q.text.en);
  await page.getByLabel(b("question.text_ur")).fill(q.text.ur);
  await page.getByLabel(b("question.hint_en")).fill(q.hint?.en ?? "");
  await page.getByLabel(b("question.hint_ur")).fill(q.hint?.ur ?? "");
  for (const [i, o] of (q.options ?? []).entries()) {
    const row = page.getByRole("group", { name: b("question.option", { number: i + 1 }), exact: true });
    if (o.value) await row.getByLabel(b("question.option_value")).fill(o.value);
    await row.getByLabel(b("question.option_label_en")).fill(o.en);
    await row.getByLabel(b("question.option_label_ur")).fill(o.ur);
  }
  await page
    .getByLabel(b("question.condition"))
    .selectOption(q.showIf ? { label: b("question.condition_option", { key: q.showIf.key, value: q.showIf.valueLabel }) } : { index: 0 });
}

/** From the draft editor: "Add a question", fill it in, save; back on the editor. */
export async function addQuestion(page: Page, q: UiQuestion): Promise<void> {
  await page.getByRole("link", { name: b("editor.add_question") }).click();
  await expect(page.getByRole("heading", { level: 1, name: b("question.title_new") })).toBeVisible();
  await fillQuestion(page, q);
  await page.getByRole("button", { name: b("question.save") }).click();
  await expect(page.getByRole("status")).toContainText(b("flash.question_saved", { key: q.key }));
}

/** From the draft editor: "Publish this version", expecting it to succeed. */
export async function publish(page: Page, version = 1): Promise<void> {
  await page.getByRole("button", { name: b("editor.publish") }).click();
  await expect(page.getByRole("status")).toContainText(b("flash.published", { version }));
  await expect(page.getByRole("heading", { level: 1, name: exactly(b("editor.title_published", { version })) })).toBeVisible();
}

/**
 * The quick way to a published survey: upload it as a JSON file (SurveySpecSchema's
 * shape, e.g. a seed spec with a new slug) on "Import a survey from a JSON file", then
 * publish the draft. Returns the published version's path.
 */
export async function importAndPublish(page: Page, spec: object): Promise<string> {
  await page.goto("/staff/surveys/import");
  await page.getByLabel(b("import.file")).setInputFiles({ name: "survey.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(spec)) });
  await page.getByRole("button", { name: b("import.submit") }).click();
  await expect(page.getByRole("status")).toContainText(b("flash.imported_new", { version: 1 }));
  const path = new URL(page.url()).pathname;
  await publish(page);
  return path;
}
