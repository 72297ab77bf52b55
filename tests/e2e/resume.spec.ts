import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { optionLabel } from "./support/content";
import { answersOf, openE2eDatabase, responseByToken } from "./support/db";
import { exactly, progressPattern, tr } from "./support/locales";
import {
  button,
  continueTo,
  expectLanguage,
  finishSurvey,
  open,
  progress,
  questionGroup,
  questionTextbox,
  serviceGroup,
  surveyUrl,
  tokenFromUrl,
  waitForHydration,
} from "./support/survey";

// Save and come back later: the link shown on the saved page opens the same answers
// in another browser (a new context: no cookies), where the survey can be finished.
const SLUG = "senar-parent-2026-27";
const SURVEY = "senar-parent";

for (const { lng, javaScriptEnabled } of [
  { lng: "en", javaScriptEnabled: true },
  { lng: "ur", javaScriptEnabled: false },
] as const) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test(`save and come back later, then finish in another browser (${lng})`, async ({ page, browser, baseURL }) => {
      const radio = (key: string, label: string) => questionGroup(page, SURVEY, key, lng).getByRole("radio", { name: exactly(label) });
      const marker = `resume-${lng}-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}`;
      await open(page, surveyUrl(SLUG, lng), javaScriptEnabled);

      // Page 1, all answered.
      // The third service of the four, by position (its name is not what matters here).
      await serviceGroup(page, lng).getByRole("radio").nth(2).check();
      await radio("overall", tr(lng, "scale.satisfaction.4")).check();
      await radio("communication", tr(lng, "scale.satisfaction.2")).check();
      await radio("contact_known", tr(lng, "scale.yes_no_not_sure.no")).check();
      await continueTo(page, lng, 2);

      // Page 2, partly answered, then saved.
      await questionTextbox(page, SURVEY, "contact_help", lng).fill(marker);
      await radio("heard_from", optionLabel(SURVEY, "heard_from", "phone", lng)).check();
      await button(page, lng, "save_for_later").click();

      await expect(page.getByRole("heading", { level: 1, name: exactly(tr(lng, "saved.title")) })).toBeVisible();
      await expectLanguage(page, lng);
      const linkBox = page.getByRole("textbox", { name: exactly(tr(lng, "saved.link_label")) });
      await expect(linkBox).toHaveAttribute("readonly", "");
      const link = await linkBox.inputValue();
      expect(link).toMatch(new RegExp(`^${baseURL}/s/${SLUG}/r/[A-Za-z0-9_-]{32}(\\?lng=${lng})?$`));
      await expectNoAxeViolations(page, `saved page (${lng})`, { javaScriptEnabled });

      // Another browser: no cookie, nothing but the link.
      const other = await browser.newContext({ javaScriptEnabled });
      try {
        const later = await other.newPage();
        const laterRadio = (key: string, label: string) =>
          questionGroup(later, SURVEY, key, lng).getByRole("radio", { name: exactly(label) });
        await later.goto(link);
        if (javaScriptEnabled) await waitForHydration(later);
        // The respondent's language comes back with the link.
        await expectLanguage(later, lng);
        await expect(progress(later, lng)).toHaveText(progressPattern(lng, 2, 4));
        await expect(questionTextbox(later, SURVEY, "contact_help", lng)).toHaveValue(marker);
        await expect(laterRadio("heard_from", optionLabel(SURVEY, "heard_from", "phone", lng))).toBeChecked();
        await expect(questionGroup(later, SURVEY, "helpful", lng).getByRole("checkbox", { checked: true })).toHaveCount(0);
        await expectNoAxeViolations(later, `resumed page 2 (${lng})`, { javaScriptEnabled });

        // Page 1 still holds its answers.
        await button(later, lng, "back").click();
        await expect(progress(later, lng)).toHaveText(progressPattern(lng, 1, 4));
        await expect(serviceGroup(later, lng).getByRole("radio").nth(2)).toBeChecked();
        await expect(serviceGroup(later, lng).getByRole("radio", { checked: true })).toHaveCount(1);
        await expect(laterRadio("overall", tr(lng, "scale.satisfaction.4"))).toBeChecked();
        await expect(laterRadio("communication", tr(lng, "scale.satisfaction.2"))).toBeChecked();
        await expect(laterRadio("contact_known", tr(lng, "scale.yes_no_not_sure.no"))).toBeChecked();
        await continueTo(later, lng, 2);
        await expect(questionTextbox(later, SURVEY, "contact_help", lng)).toHaveValue(marker);
        await expect(laterRadio("heard_from", optionLabel(SURVEY, "heard_from", "phone", lng))).toBeChecked();

        // Finish: the rest of page 2, then pages 3 and 4.
        await questionGroup(later, SURVEY, "helpful", lng).getByRole("checkbox").nth(1).check();
        await continueTo(later, lng, 3);
        const token = tokenFromUrl(later);
        await finishSurvey(later, { slug: SLUG, lng, javaScriptEnabled });

        const db = openE2eDatabase();
        try {
          const response = responseByToken(db, token);
          expect(response?.submitted_at).toBeTruthy();
          expect(response?.language).toBe(lng);
          const answers = answersOf(db, response!.id);
          const byKey = (key: string) => answers.filter((a) => a.key === key).map((a) => a.value);
          expect(byKey("overall")).toEqual(["4"]);
          expect(byKey("communication")).toEqual(["2"]);
          expect(byKey("contact_known")).toEqual(["no"]);
          expect(byKey("contact_help")).toEqual([marker]);
          expect(byKey("heard_from")).toEqual(["phone"]);
          expect(byKey("helpful")).toEqual(["regular_updates"]);
        } finally {
          db.close();
        }
      } finally {
        await other.close();
      }
    });
  });
}
