import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { questionText } from "./support/content";
import { escapeRegExp, exactly, progressPattern, tr, type Lng } from "./support/locales";
import { openE2eDatabase, responsesWithAnswer } from "./support/db";
import {
  SAMPLE_TEXT,
  answerVisibleQuestions,
  button,
  continueTo,
  expectLanguage,
  open,
  progress,
  questionName,
  questionTextbox,
  surveyForm,
  surveyUrl,
} from "./support/survey";

const SLUG = "co-assessment-2026-27";
const SURVEY = "co-assessment";

/** A question's fieldset, by its legend (required questions have no "(optional)"). */
function group(page: Page, lng: Lng, key: string) {
  return page.getByRole("group", { name: exactly(questionText(SURVEY, key, lng)) });
}

/**
 * The error summary lists exactly these questions, in order, each linking to its
 * field's id (the first answer of the fieldset); the title starts with "Error:".
 */
async function expectErrors(page: Page, lng: Lng, keys: string[], javaScriptEnabled: boolean, label: string) {
  const summary = page.getByRole("alert", { name: exactly(tr(lng, "error_summary_title")) });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: exactly(tr(lng, "error_summary_title")) })).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(keys.length);
  for (const [i, key] of keys.entries()) {
    const link = links.nth(i);
    await expect(link).toHaveText(`${questionText(SURVEY, key, lng)} – ${tr(lng, "errors.required_choice")}`);
    await expect(link).toHaveAttribute("href", `#q_${key}`);
    // The link lands on a field of that very question.
    await expect(group(page, lng, key).locator(`#q_${key}`)).toHaveCount(1);
    // And the question says what is wrong, next to it, with a hidden "Error:" for screen readers.
    await expect(group(page, lng, key).getByText(`${tr(lng, "common:error_prefix")} ${tr(lng, "errors.required_choice")}`)).toBeVisible();
    await expect(group(page, lng, key)).toHaveAccessibleDescription(new RegExp(escapeRegExp(tr(lng, "errors.required_choice"))));
  }
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(tr(lng, "common:error_prefix"))} `));
  // With JavaScript the summary takes focus, so a screen reader announces it at once.
  if (javaScriptEnabled) await expect(summary).toBeFocused();
  await expectLanguage(page, lng);
  await expectNoAxeViolations(page, label, { javaScriptEnabled });
}

const CASES: { lng: Lng; javaScriptEnabled: boolean }[] = [
  { lng: "en", javaScriptEnabled: true },
  { lng: "ur", javaScriptEnabled: false },
  { lng: "en", javaScriptEnabled: false },
  { lng: "ur", javaScriptEnabled: true },
];

for (const { lng, javaScriptEnabled } of CASES) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test(`error summary round trip in ${lng}`, async ({ page }) => {
      const agree = tr(lng, "scale.agreement.4");
      const disagree = tr(lng, "scale.agreement.2");
      await open(page, surveyUrl(SLUG, lng), javaScriptEnabled);
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 1, 3));

      // Page 1: the service is chosen, the required "Which of these describes you?" is not.
      const service = page.getByRole("group", { name: exactly(tr(lng, "service_question")) }).getByRole("radio").nth(1);
      await service.check();
      await button(page, lng, "continue").click();
      await expectErrors(page, lng, ["role"], javaScriptEnabled, `${SLUG} page 1 with an error (${lng})`);
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 1, 3));
      await expect(service).toBeChecked();
      await group(page, lng, "role").getByRole("radio").nth(1).check();
      await button(page, lng, "continue").click();
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 2, 3));

      // Page 2: every statement is required; two are left without an answer.
      const answered = ["trusted", "listened_to", "transparency", "communicated_with", "involved", "empowered"];
      for (const [i, key] of answered.entries()) {
        await group(page, lng, key).getByRole("radio", { name: exactly(i % 2 === 0 ? agree : disagree) }).check();
      }
      await button(page, lng, "continue").click();
      await expectErrors(page, lng, ["equal", "accountable"], javaScriptEnabled, `${SLUG} page 2 with errors (${lng})`);
      for (const [i, key] of answered.entries()) {
        await expect(group(page, lng, key).getByRole("radio", { name: exactly(i % 2 === 0 ? agree : disagree) })).toBeChecked();
        await expect(group(page, lng, key).getByRole("radio", { checked: true })).toHaveCount(1);
      }
      await expect(group(page, lng, "equal").getByRole("radio", { checked: true })).toHaveCount(0);
      await group(page, lng, "equal").getByRole("radio", { name: exactly(agree) }).check();
      await group(page, lng, "accountable").getByRole("radio", { name: exactly(agree) }).check();
      await button(page, lng, "continue").click();
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 3, 3));

      // Page 3: an optional comment is written, the required overall question is left empty.
      const worksWell = surveyForm(page).getByRole("textbox", { name: new RegExp(`^${escapeRegExp(questionText(SURVEY, "works_well", lng))}`) });
      const comment = lng === "ur" ? "ٹیم ہر ہفتے فون کرتی ہے۔" : "The team rings every week.";
      await worksWell.fill(comment);
      await button(page, lng, "submit").click();
      await expectErrors(page, lng, ["overall"], javaScriptEnabled, `${SLUG} page 3 with an error (${lng})`);
      await expect(worksWell).toHaveValue(comment);
      await group(page, lng, "overall").getByRole("radio", { name: exactly(tr(lng, "scale.satisfaction.5")) }).check();
      await button(page, lng, "submit").click();
      await expect(page.getByRole("heading", { level: 1, name: exactly(tr(lng, "done.title")) })).toBeVisible();
      await expect(page.getByRole("alert")).toHaveCount(0);
    });
  });
}

// A free-text answer over its limit: the summary links to the text box itself.
const SENAR = "senar-parent";
for (const { lng, javaScriptEnabled } of [
  { lng: "en", javaScriptEnabled: true },
  { lng: "ur", javaScriptEnabled: false },
] as const) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test(`a too long answer is sent back with the text kept (${lng})`, async ({ page }) => {
      await open(page, surveyUrl("senar-parent-2026-27", lng), javaScriptEnabled);
      for (const next of [2, 3, 4]) {
        await answerVisibleQuestions(page, { text: SAMPLE_TEXT[lng] });
        await continueTo(page, lng, next);
      }
      const marker = `too-long-${lng}-${Date.now()}-`;
      const fewWords = questionTextbox(page, SENAR, "in_a_few_words", lng);
      const worksWell = questionTextbox(page, SENAR, "works_well", lng);
      await fewWords.fill(marker.padEnd(201, "x"));
      await worksWell.fill(SAMPLE_TEXT[lng]);
      await button(page, lng, "submit").click();

      const message = tr(lng, "errors.too_long", { max: 200 });
      const summary = page.getByRole("alert", { name: exactly(tr(lng, "error_summary_title")) });
      await expect(summary.getByRole("link")).toHaveCount(1);
      const link = summary.getByRole("link");
      await expect(link).toHaveText(`${questionText(SENAR, "in_a_few_words", lng)} – ${message}`);
      await expect(link).toHaveAttribute("href", "#q_in_a_few_words");
      await expect(page.locator("#q_in_a_few_words")).toHaveAccessibleName(questionName(SENAR, "in_a_few_words", lng));
      await expect(fewWords).toHaveAttribute("aria-invalid", "true");
      await expect(fewWords).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
      await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(tr(lng, "common:error_prefix"))} `));
      await expect(fewWords).toHaveValue(marker.padEnd(201, "x"));
      await expect(worksWell).toHaveValue(SAMPLE_TEXT[lng]);
      await expectNoAxeViolations(page, `senar-parent page 4 with a too long answer (${lng})`, { javaScriptEnabled });

      await fewWords.fill(marker.padEnd(200, "x"));
      await button(page, lng, "submit").click();
      await expect(page.getByRole("heading", { level: 1, name: exactly(tr(lng, "done.title")) })).toBeVisible();
      const db = openE2eDatabase();
      try {
        const [response] = responsesWithAnswer(db, "senar-parent-2026-27", marker.padEnd(200, "x"));
        expect(response?.submitted_at).toBeTruthy();
      } finally {
        db.close();
      }
    });
  });
}
