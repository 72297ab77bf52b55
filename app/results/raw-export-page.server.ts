/**
 * The admins' export of raw anonymous answers: every answer of the submitted responses in
 * the results page's cut, one row each, streamed in batches so a big survey never sits in
 * memory. Responses are numbered 1, 2, 3... in the file only: no id, token, email or time
 * of day that could be joined back to an invitation. For a campaign that invited anyone
 * by email, the date is the month only (DESIGN.md "Anonymity"): an invitation records the
 * month it was completed, and a day could still pick out the one response of that day.
 * Other campaigns keep the day (a paper form's date completed matters to the reader).
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import { csvLines, toCsv } from "./csv";
import { campaignsWithInvitations, filterOptions, rawAnswers, type RawAnswerRow } from "./queries.server";
import { filterOf, parseResultsQuery } from "./survey-page.server";

type Db = Kysely<Database>;

export async function rawAnswersCsv(
  db: Db,
  surveyId: number,
  search: URLSearchParams,
  lng: Language,
): Promise<{ slug: string; body: ReadableStream<Uint8Array> }> {
  const options = await filterOptions(db, { surveyId });
  const survey = options.surveys.find((s) => s.id === surveyId);
  if (!survey) throw json({ reason: "not_found" }, { status: 404 });
  const t = getFixedT(lng, "results");
  const header = [t("raw.response"), t("raw.campaign"), t("raw.service"), t("raw.language"), t("raw.channel"), t("raw.submitted_on"), t("raw.question"), t("raw.answer")];
  const batches = rawAnswers(db, filterOf(surveyId, parseResultsQuery(search)));
  const campaigns = options.campaigns.filter((c) => c.surveyId === surveyId);
  const invitedIds = await campaignsWithInvitations(
    db,
    campaigns.map((c) => c.id),
  );
  const invited = new Set(campaigns.filter((c) => invitedIds.has(c.id)).map((c) => c.slug));
  const dateOf = (r: RawAnswerRow) => (invited.has(r.campaign) ? r.submittedOn.slice(0, 7) : r.submittedOn);
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsv([header])));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(
        encoder.encode(
          csvLines(next.value.map((r) => [r.responseNumber, r.campaign, r.service, r.language, r.channel, dateOf(r), r.questionKey, r.value])),
        ),
      );
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return { slug: survey.slug, body };
}

