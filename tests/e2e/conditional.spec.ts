import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { answersOf, openE2eDatabase, responseByToken } from "./support/db";
import { question, questionText } from "./support/content";
import { progressPattern, tr, type Lng } from "./support/locales";
import {
  SAMPLE_TEXT,
  answerVisibleQuestions,
  button,
  continueTo,
  finishSurvey,
  open,
  progress,
  questionGroup,
  questionTextbox,
  serviceGroup,
  surveyUrl,
  tokenFromUrl,
} from "./support/survey";

// senar-parent: "What would have helped you know who to contact?" (page 2) is shown only
// when page 1's "Did you know who to contact about your child's assessment?" is "No".
const SLUG = "senar-parent-2026-27";
const SURVEY = "senar-parent";

test("the seeded follow-up depends on answering No to the contact question", () => {
  expect(questionText(SURVEY, "contact_known", "en")).toBe("Did you know who to contact about your child's assessment?");
  expect(question(SURVEY, "contact_help").showIf).toEqual({ key: "contact_known", value: "no" });
  expect(question(SURVEY, "contact_help").page).toBe(2);
});

async function answerPageOne(page: Page, lng: Lng, contactKnown: "yes" | "no" | "not_sure") {
  await serviceGroup(page, lng).getByRole("radio").first().check();
  await questionGroup(page, SURVEY, "overall", lng).getByRole("radio", { name: tr(lng, "scale.satisfaction.4"), exact: true }).check();
  await questionGroup(page, SURVEY, "contact_known", lng)
    .getByRole("radio", { name: tr(lng, `scale.yes_no_not_sure.${contactKnown}`), exact: true })
    .check();
}

for (const { lng, javaScriptEnabled } of [
  { lng: "en", javaScriptEnabled: true },
  { lng: "ur", javaScriptEnabled: false },
] as const) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}, ${lng}`, () => {
    test.use({ javaScriptEnabled });

    test("answering No shows the follow-up on the next page; changing it to Yes hides it and drops its answer", async ({ page }) => {
      await open(page, surveyUrl(SLUG, lng), javaScriptEnabled);
      await answerPageOne(page, lng, "no");
      await continueTo(page, lng, 2);
      const followUp = questionTextbox(page, SURVEY, "contact_help", lng);
      await expect(followUp).toBeVisible();
      const marker = `hidden-follow-up-${test.info().testId}-${Date.now()}`;
      await followUp.fill(marker);
      await continueTo(page, lng, 3);

      // Back to page 1 and change the answer: the follow-up goes away.
      await button(page, lng, "back").click();
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 2, 4));
      await expect(followUp).toHaveValue(marker);
      await button(page, lng, "back").click();
      await expect(progress(page, lng)).toHaveText(progressPattern(lng, 1, 4));
      const no = questionGroup(page, SURVEY, "contact_known", lng).getByRole("radio", { name: tr(lng, "scale.yes_no_not_sure.no"), exact: true });
      await expect(no).toBeChecked();
      await questionGroup(page, SURVEY, "contact_known", lng)
        .getByRole("radio", { name: tr(lng, "scale.yes_no_not_sure.yes"), exact: true })
        .check();
      await continueTo(page, lng, 2);
      await expect(questionGroup(page, SURVEY, "heard_from", lng)).toBeVisible();
      await expect(followUp).toHaveCount(0);
      const token = tokenFromUrl(page);
      await finishSurvey(page, { slug: SLUG, lng, javaScriptEnabled });

      // The answer to the question that is now hidden is not kept with the submitted response.
      const db = openE2eDatabase();
      try {
        const response = responseByToken(db, token);
        expect(response?.submitted_at).toBeTruthy();
        const answers = answersOf(db, response!.id);
        expect(answers.filter((a) => a.key === "contact_help")).toEqual([]);
        expect(answers.filter((a) => a.key === "contact_known").map((a) => a.value)).toEqual(["yes"]);
      } finally {
        db.close();
      }
    });

    for (const answer of ["yes", "not_sure"] as const) {
      test(`answering ${answer} does not show the follow-up`, async ({ page }) => {
        await open(page, surveyUrl(SLUG, lng), javaScriptEnabled);
        await answerPageOne(page, lng, answer);
        await continueTo(page, lng, 2);
        await expect(progress(page, lng)).toHaveText(progressPattern(lng, 2, 4));
        await expect(questionGroup(page, SURVEY, "heard_from", lng)).toBeVisible();
        await expect(questionTextbox(page, SURVEY, "contact_help", lng)).toHaveCount(0);
        await expect(page.getByText(questionText(SURVEY, "contact_help", lng))).toHaveCount(0);
        await answerVisibleQuestions(page, { text: SAMPLE_TEXT[lng] });
        await continueTo(page, lng, 3);
      });
    }
  });
}
