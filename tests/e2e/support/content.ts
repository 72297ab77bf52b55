// The seeded survey content (db/seed/content/surveys.ts), read so that tests find
// questions by the exact text respondents see in either language.
import { SURVEYS as SPECS } from "../../../db/seed/content/surveys";
import type { Lng } from "./locales";

function spec(surveySlug: string) {
  const found = SPECS.find((s) => s.slug === surveySlug);
  if (!found) throw new Error(`No seeded survey "${surveySlug}"`);
  return found;
}

export function question(surveySlug: string, key: string) {
  const q = spec(surveySlug).questions.find((x) => x.key === key);
  if (!q) throw new Error(`No question "${key}" in seeded survey "${surveySlug}"`);
  return q;
}

export function questionText(surveySlug: string, key: string, lng: Lng): string {
  return question(surveySlug, key).text[lng];
}

export function optionLabel(surveySlug: string, key: string, value: string, lng: Lng): string {
  const o = question(surveySlug, key).options?.find((x) => x.value === value);
  if (!o) throw new Error(`No option "${value}" of "${key}" in seeded survey "${surveySlug}"`);
  return o.label[lng];
}

export function surveyTitle(surveySlug: string, lng: Lng): string {
  return spec(surveySlug).title[lng];
}
