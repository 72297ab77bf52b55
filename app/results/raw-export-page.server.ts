/**
 * The admins' export of raw anonymous answers: every answer of the submitted responses in
 * the results page's cut, one row each, streamed in batches so a big survey never sits in
 * memory. Responses are numbered 1, 2, 3... in the file only: no id, token, email or time
 * of day that could be joined back to an invitation.
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { getFixedT } from "~/i18n/i18n";
import { csvLines, toCsv } from "./csv";
import { filterOptions, rawAnswers } from "./queries.server";
import { filterOf, parseResultsQuery } from "./survey-page.server";

type Db = Kysely<Database>;

export async function rawAnswersCsv(
  db: Db,
  surveyId: number,
  search: URLSearchParams,
  lng: Language,
): Promise<{ slug: string; body: ReadableStream<Uint8Array> }> {
  const survey = (await filterOptions(db, { surveyId })).surveys.find((s) => s.id === surveyId);
  if (!survey) throw json({ reason: "not_found" }, { status: 404 });
  const t = getFixedT(lng, "results");
  const header = [t("raw.response"), t("raw.campaign"), t("raw.service"), t("raw.language"), t("raw.channel"), t("raw.submitted_on"), t("raw.question"), t("raw.answer")];
  const batches = rawAnswers(db, filterOf(surveyId, parseResultsQuery(search)));
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
          csvLines(next.value.map((r) => [r.responseNumber, r.campaign, r.service, r.language, r.channel, r.submittedOn, r.questionKey, r.value])),
        ),
      );
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return { slug: survey.slug, body };
}
