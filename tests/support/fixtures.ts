import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { SurveySpec } from "~/surveys/spec";
import { insertSurveyVersion } from "~/surveys/surveys.server";

/** A one-page survey with a multiple-choice question (repeated options, the production start). */
export const CHOICE_SURVEY: SurveySpec = {
  slug: "choice-survey",
  kind: "parent",
  title: { en: "Choices", ur: "انتخاب" },
  intro: { en: "Intro", ur: "تعارف" },
  headline: "overall",
  questions: [
    { key: "overall", page: 1, type: "satisfaction", required: true, text: { en: "Overall?", ur: "مجموعی؟" } },
    {
      key: "helped",
      page: 1,
      type: "multiple_choice",
      text: { en: "What helped?", ur: "کس چیز نے مدد کی؟" },
      options: [
        { value: "calls", label: { en: "Calls", ur: "کالز" } },
        { value: "letters", label: { en: "Letters", ur: "خطوط" } },
      ],
    },
  ],
};

/** A small bilingual survey with a conditional question, for tests. */
export const TEST_SURVEY: SurveySpec = {
  slug: "test-survey",
  kind: "parent",
  title: { en: "Test survey", ur: "ٹیسٹ سروے" },
  intro: { en: "Intro", ur: "تعارف" },
  headline: "overall",
  questions: [
    { key: "overall", page: 1, type: "satisfaction", required: true, text: { en: "Overall?", ur: "مجموعی؟" } },
    { key: "contact_known", page: 1, type: "yes_no_not_sure", required: true, text: { en: "Contact?", ur: "رابطہ؟" } },
    {
      key: "contact_help",
      page: 2,
      type: "long_text",
      required: true,
      text: { en: "What would help?", ur: "کیا مدد کرے گا؟" },
      showIf: { key: "contact_known", value: "no" },
    },
    { key: "comment", page: 3, type: "short_text", text: { en: "Anything else?", ur: "کچھ اور؟" } },
  ],
};

let serial = 0;

/** Inserts an organisation, `services` services, the test survey and an open campaign. */
export async function makeCampaign(
  db: Kysely<Database>,
  opts: { services?: number; opens?: string; closes?: string; spec?: SurveySpec } = {},
) {
  serial++;
  const org = await db
    .insertInto("organisations")
    .values({ slug: `org-${serial}`, kind: "local_authority", name_en: "Council", name_ur: "کونسل" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const serviceIds: number[] = [];
  for (let i = 0; i < (opts.services ?? 1); i++) {
    const s = await db
      .insertInto("services")
      .values({ slug: `svc-${serial}-${i}`, organisation_id: org.id, locality: null, name_en: `Service ${i}`, name_ur: `سروس ${i}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    serviceIds.push(s.id);
  }
  const spec = opts.spec ?? { ...TEST_SURVEY, slug: `test-survey-${serial}` };
  const versionId = await insertSurveyVersion(db, spec);
  const campaign = await db
    .insertInto("campaigns")
    .values({
      slug: `campaign-${serial}`,
      survey_version_id: versionId,
      name_en: "Test campaign",
      name_ur: "ٹیسٹ مہم",
      opens_at: opts.opens ?? "2026-01-01T00:00:00.000Z",
      closes_at: opts.closes ?? "2099-12-31T23:59:59.999Z",
      eligible_count: null,
      created_at: "2026-01-01T00:00:00.000Z",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto("campaign_services")
    .values(serviceIds.map((service_id) => ({ campaign_id: campaign.id, service_id })))
    .execute();
  return { campaign, serviceIds, versionId };
}

/** A POST of a survey page as the browser sends it. */
export function postForm(url: string, fields: [string, string][], headers: Record<string, string> = {}): Request {
  const body = new URLSearchParams(fields);
  return new Request(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}
