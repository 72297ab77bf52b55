import { expect, test } from "./support/test";
import { LANGUAGES } from "./support/locales";
import { answersOf, openE2eDatabase, responseByToken } from "./support/db";
import { SAMPLE_TEXT, SURVEYS, finishSurvey, open, readProgress, surveyUrl, tokenFromUrl } from "./support/survey";

// Every seeded survey, in English and Urdu, with JavaScript on and off: answered page
// by page to the confirmation page, with axe run on every page visited.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    for (const { slug, pages } of SURVEYS) {
      for (const lng of LANGUAGES) {
        test(`${slug} in ${lng}: every page to the confirmation`, async ({ page }) => {
          await open(page, surveyUrl(slug, lng), javaScriptEnabled);
          expect(await readProgress(page, lng)).toEqual({ current: 1, total: pages });
          const answered = await finishSurvey(page, { slug, lng, javaScriptEnabled, axe: true });
          expect(answered).toBe(pages);

          // Stored once, submitted, in the language it was answered in, with its service.
          const db = openE2eDatabase();
          try {
            const response = responseByToken(db, tokenFromUrl(page));
            expect(response?.submitted_at).toBeTruthy();
            expect(response?.language).toBe(lng);
            expect(response?.service_id).not.toBeNull();
            const answers = answersOf(db, response!.id);
            expect(answers.filter((a) => a.type === "satisfaction" && a.key === "overall").map((a) => a.value)).toEqual(["5"]);
            expect(answers.filter((a) => a.type.endsWith("_text")).every((a) => a.value === SAMPLE_TEXT[lng])).toBe(true);
          } finally {
            db.close();
          }
        });
      }
    }
  });
}
