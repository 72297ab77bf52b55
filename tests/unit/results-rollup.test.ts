import { afterEach, describe, expect, it } from "vitest";
import { Migrator, type Kysely } from "kysely";
import type { Database } from "@db/schema";
import { staticMigrationProvider } from "@db/migrations";
import { seedDemoData } from "@db/seed/seed";
import { saveKeyedResponse } from "~/campaigns/keyed.server";
import { handleSurveyPost } from "~/responding/survey-page.server";
import { newResumeToken, savePage } from "~/responding/responses.server";
import { headlineCounts } from "~/results/queries.server";
import { rebuildRollup } from "~/results/rollup.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";
import { buildResultsData, respond } from "../support/results-data";
import { makeStaff } from "../support/staff";
import { testEnv } from "~/env.server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDb() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  return t.db;
}

type Row = Record<string, string | number>;
const byKey = (a: Row, b: Row) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * The rollup counted again in plain JavaScript from the raw responses and answers, the way
 * a person would: every submitted answer once per value; for text and multiple-choice
 * questions also once per response that answered; the role of co-assessment respondents.
 */
async function countedFromRaw(db: Kysely<Database>) {
  const responses = await db.selectFrom("responses").selectAll().where("submitted_at", "is not", null).where("voided_at", "is", null).execute();
  const answers = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .innerJoin("campaigns as c", "c.id", "r.campaign_id")
    .innerJoin("survey_versions as v", "v.id", "c.survey_version_id")
    .innerJoin("surveys as s", "s.id", "v.survey_id")
    .select(["a.response_id", "a.question_id", "a.value", "q.key", "q.type", "s.kind"])
    .where("r.submitted_at", "is not", null)
    .where("r.voided_at", "is", null)
    .execute();
  const roleOf = new Map(answers.filter((a) => a.kind === "co_assessment" && a.key === "role").map((a) => [a.response_id, a.value]));
  const responseOf = new Map(responses.map((r) => [r.id, r]));

  const answerCounts = new Map<string, Row>();
  const add = (row: Omit<Row, "n">) => {
    const key = JSON.stringify(row);
    const found = answerCounts.get(key);
    if (found) (found.n as number)++;
    else answerCounts.set(key, { ...row, n: 1 });
  };
  const answeredOnce = new Set<string>();
  for (const a of answers) {
    const r = responseOf.get(a.response_id)!;
    const dims = {
      question_id: a.question_id,
      campaign_id: r.campaign_id,
      month: r.completed_on!.slice(0, 7),
      service_id: r.service_id ?? 0,
      language: r.language,
      channel: r.channel,
      role: roleOf.get(a.response_id) ?? "",
    };
    const text = a.type === "short_text" || a.type === "long_text";
    if (!text) add({ ...dims, value: a.value });
    if ((text || a.type === "multiple_choice") && !answeredOnce.has(`${a.response_id} ${a.question_id}`)) {
      answeredOnce.add(`${a.response_id} ${a.question_id}`);
      add({ ...dims, value: "" });
    }
  }

  const responseCounts = new Map<string, Row>();
  for (const r of responses) {
    const row = { campaign_id: r.campaign_id, month: r.completed_on!.slice(0, 7), service_id: r.service_id ?? 0, language: r.language, channel: r.channel };
    const key = JSON.stringify(row);
    const found = responseCounts.get(key);
    if (found) (found.n as number)++;
    else responseCounts.set(key, { ...row, n: 1 });
  }
  return { answers: [...answerCounts.values()].sort(byKey), responses: [...responseCounts.values()].sort(byKey) };
}

async function rollup(db: Kysely<Database>) {
  const answers = await db
    .selectFrom("answer_counts")
    .select(["question_id", "campaign_id", "month", "service_id", "language", "channel", "role", "value", "n"])
    .execute();
  const responses = await db.selectFrom("response_counts").select(["campaign_id", "month", "service_id", "language", "channel", "n"]).execute();
  return { answers: (answers as Row[]).sort(byKey), responses: (responses as Row[]).sort(byKey) };
}

describe("the results rollup", () => {
  it("equals the raw answers after the demo seed, and a rebuild gives the same", async () => {
    const db = await freshDb();
    await seedDemoData(db, testEnv());
    const expected = await countedFromRaw(db);
    expect(expected.responses.reduce((n, r) => n + (r.n as number), 0)).toBeGreaterThan(300);
    expect(await rollup(db)).toEqual(expected);
    await rebuildRollup(db);
    expect(await rollup(db)).toEqual(expected);
  });

  it("equals the raw answers of the hand-built data set, unsubmitted response left out", async () => {
    const db = await freshDb();
    const d = await buildResultsData(db);
    const counted = await rollup(db);
    expect(counted).toEqual(await countedFromRaw(db));
    // u1 (C1, S1, never submitted) is in no month: C1's four responses are r1–r4.
    const c1 = counted.responses.filter((r) => r.campaign_id === d.campaigns.C1);
    expect(c1.reduce((n, r) => n + (r.n as number), 0)).toBe(4);
    // Co-assessment answers carry the respondent's role; other surveys' do not.
    expect(new Set(counted.answers.filter((r) => r.campaign_id === d.campaigns.C4).map((r) => r.role))).toEqual(new Set(["family", "professional"]));
    expect(new Set(counted.answers.filter((r) => r.campaign_id !== d.campaigns.C4).map((r) => r.role))).toEqual(new Set([""]));
  });

  it("counts an open-link response when it is submitted, without the answers its final answers hide, and only once", async () => {
    const db = await freshDb();
    const { campaign, serviceIds } = await makeCampaign(db);
    const cs = (await findCampaignSurveyBySlug(db, campaign.slug))!;
    const token = newResumeToken();
    const url = `http://x/s/${campaign.slug}`;
    const now = new Date("2026-11-25T10:00:00.000Z");
    let started = false;
    const post = async (page: number, fields: [string, string][], intent = "next") => {
      // The first page is posted to the survey's address; later ones to the response's.
      const request = postForm(started ? `${url}/r/${token}` : url, [["token", token], ["page", String(page)], ["intent", intent], ...fields]);
      const res = (await handleSurveyPost(db, request, cs, started ? token : null, "en", now, false)) as Response;
      expect(res.status).toBe(302);
      started = true;
    };

    // "No" reveals page 2, answered; then back to page 1 and "yes" hides it again.
    await post(1, [["q_overall", "2"], ["q_contact_known", "no"]]);
    await post(2, [["q_contact_help", "Call me"]]);
    expect(await rollup(db)).toEqual({ answers: [], responses: [] });
    await post(1, [["q_overall", "2"], ["q_contact_known", "yes"]]);
    await post(3, [["q_comment", "Thanks"]], "submit");

    const counted = await rollup(db);
    expect(counted).toEqual(await countedFromRaw(db));
    expect(counted.responses).toEqual([{ campaign_id: campaign.id, month: "2026-11", service_id: serviceIds[0], language: "en", channel: "open_link", n: 1 }]);
    const keyOf = new Map(cs.questions.map((q) => [q.id, q.key]));
    expect(counted.answers.map((r) => [keyOf.get(r.question_id as number), r.value, r.n])).toEqual(
      expect.arrayContaining([
        ["overall", "2", 1],
        ["contact_known", "yes", 1],
        ["comment", "", 1],
      ]),
    );
    expect(counted.answers).toHaveLength(3);
    expect(await headlineCounts(db, { campaignId: campaign.id })).toEqual({ positive: 0, neutral: 0, negative: 1, dontKnow: 0 });

    // A second submit of the same response changes nothing.
    const response = await db.selectFrom("responses").select("id").where("resume_token", "=", token).executeTakeFirstOrThrow();
    const answers = { overall: ["2"], contact_known: ["yes"] };
    const again = await savePage(db, {
      campaignId: campaign.id,
      token,
      language: "en",
      channel: "open_link",
      page: 1,
      questions: cs.questions.filter((q) => q.page === 1),
      values: answers,
      now,
      existingId: response.id,
      submit: { questions: cs.questions, answers },
    });
    expect(again.outcome).toBe("already_submitted");
    expect(await rollup(db)).toEqual(counted);
  });

  it("counts a keyed-in response once, even when the form is posted twice", async () => {
    const db = await freshDb();
    const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
    const cs = (await findCampaignSurveyBySlug(db, campaign.slug))!;
    const staff = await makeStaff(db, "service_member", serviceIds);
    const input = {
      campaignId: campaign.id,
      userId: staff.id,
      questions: cs.questions,
      now: new Date("2026-10-02T09:00:00.000Z"),
      channel: "paper" as const,
      language: "ur" as const,
      serviceId: serviceIds[1],
      completedOn: "2026-10-01",
      token: newResumeToken(),
      answers: { overall: ["dont_know"], contact_known: ["not_sure"] },
    };
    expect(await saveKeyedResponse(db, input)).toBe("saved");
    expect(await saveKeyedResponse(db, input)).toBe("already_saved");
    const counted = await rollup(db);
    expect(counted).toEqual(await countedFromRaw(db));
    expect(counted.responses).toEqual([{ campaign_id: campaign.id, month: "2026-10", service_id: serviceIds[1], language: "ur", channel: "paper", n: 1 }]);
    expect(await headlineCounts(db, { campaignId: campaign.id, channel: "paper", language: "ur" })).toEqual({ positive: 0, neutral: 0, negative: 0, dontKnow: 1 });
  });

  it("adds to existing counts and keeps a response without a service apart", async () => {
    const db = await freshDb();
    const { campaign } = await makeCampaign(db);
    for (const value of ["5", "5", "4"]) {
      await respond(db, campaign.id, { service: null, submittedAt: "2026-05-05T10:00:00.000Z", answers: { overall: value, contact_known: "yes" } });
    }
    const counted = await rollup(db);
    expect(counted).toEqual(await countedFromRaw(db));
    expect(counted.responses).toEqual([{ campaign_id: campaign.id, month: "2026-05", service_id: 0, language: "en", channel: "open_link", n: 3 }]);
    expect(counted.answers.filter((r) => r.value === "5")).toEqual([expect.objectContaining({ service_id: 0, n: 2 })]);
  });

  it("is filled from the answers already there when its migration runs", async () => {
    const db = await freshDb();
    await buildResultsData(db);
    const expected = await countedFromRaw(db);
    const migrator = new Migrator({ db, provider: staticMigrationProvider });
    const down = await migrator.migrateTo("2026-11-25-002-staff-and-distribution");
    expect(down.error).toBeUndefined();
    const up = await migrator.migrateTo("2026-11-25-003-results");
    expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([["2026-11-25-003-results", "Success"]]);
    expect(await rollup(db)).toEqual(expected);
  });
});
