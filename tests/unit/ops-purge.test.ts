import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { createUser } from "~/auth/users.server";
import { purgeStale } from "~/ops/purge.server";
import { newResumeToken } from "~/responding/responses.server";
import { countSubmittedResponse } from "~/results/rollup.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";

const NOW = new Date("2026-12-03T12:00:00.000Z");
const DAY = 24 * 60 * 60_000;
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow).toISOString();

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

/** A response with two answers, last saved at `updatedAt`; submitted (and counted) when `submittedAt` is set. */
async function response(campaignId: number, questionIds: number[], o: { startedAt?: string; updatedAt: string; submittedAt?: string }) {
  const { id } = await db
    .insertInto("responses")
    .values({
      campaign_id: campaignId,
      service_id: null,
      language: "en",
      channel: "open_link",
      resume_token: newResumeToken(),
      current_page: 1,
      started_at: o.startedAt ?? o.updatedAt,
      updated_at: o.updatedAt,
      submitted_at: o.submittedAt ?? null,
      completed_on: o.submittedAt?.slice(0, 10) ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("answers")
    .values([
      { response_id: id, question_id: questionIds[0], value: "4", score: 4 },
      { response_id: id, question_id: questionIds[1], value: "yes", score: null },
    ])
    .execute();
  if (o.submittedAt) await countSubmittedResponse(db, id);
  return id;
}

async function session(userId: number, id: string, expiresAt: string) {
  await db.insertInto("sessions").values({ id, user_id: userId, csrf_token: "csrf", flash: null, created_at: at(40 * DAY), expires_at: expiresAt }).execute();
}

const ids = async (table: "responses" | "sessions") => (await db.selectFrom(table).select("id").orderBy("id").execute()).map((r) => r.id);

describe("purgeStale", () => {
  it("deletes unsubmitted responses last saved before the cut-off with their answers, and expired sessions; nothing else", async () => {
    const { campaign, versionId } = await makeCampaign(db);
    const questionIds = (await db.selectFrom("questions").select("id").where("survey_version_id", "=", versionId).orderBy("position").execute()).map((q) => q.id);
    const c = campaign.id;

    const stale = await response(c, questionIds, { updatedAt: at(30 * DAY + 1) });
    const staleLongAgo = await response(c, questionIds, { updatedAt: at(400 * DAY) });
    // Started long ago but saved a page since: the last activity counts, not the start.
    const resumed = await response(c, questionIds, { startedAt: at(90 * DAY), updatedAt: at(30 * DAY - 1) });
    const exactlyAtCutoff = await response(c, questionIds, { updatedAt: at(30 * DAY) });
    const fresh = await response(c, questionIds, { updatedAt: at(DAY) });
    // Submitted long ago (older than any cut-off): kept, and so is its count in the rollup.
    const submittedOld = await response(c, questionIds, { updatedAt: at(200 * DAY), submittedAt: at(200 * DAY) });
    const submittedRecent = await response(c, questionIds, { updatedAt: at(2 * DAY), submittedAt: at(2 * DAY) });

    const user = await createUser(db, { email: "lead@test.example", name: "Lead", password: "correct horse battery", role: "pcf" });
    await session(user, "expired", at(1));
    await session(user, "expires-now", NOW.toISOString());
    await session(user, "live", at(-DAY));

    const rollupBefore = await db.selectFrom("answer_counts").selectAll().orderBy("question_id").orderBy("value").orderBy("month").execute();
    const responseCountsBefore = await db.selectFrom("response_counts").selectAll().execute();
    expect(rollupBefore.length).toBeGreaterThan(0);

    const counts = await purgeStale(db, { now: NOW, unsubmittedAfterDays: 30 });

    expect(counts).toEqual({ unsubmittedResponses: 2, unsubmittedAnswers: 4, expiredSessions: 2 });
    expect(await ids("responses")).toEqual([resumed, exactlyAtCutoff, fresh, submittedOld, submittedRecent]);
    const answersLeft = await db.selectFrom("answers").select("response_id").execute();
    expect(answersLeft.some((a) => a.response_id === stale || a.response_id === staleLongAgo)).toBe(false);
    expect(answersLeft).toHaveLength(10);
    expect(await ids("sessions")).toEqual(["live"]);
    expect(await db.selectFrom("answer_counts").selectAll().orderBy("question_id").orderBy("value").orderBy("month").execute()).toEqual(rollupBefore);
    expect(await db.selectFrom("response_counts").selectAll().execute()).toEqual(responseCountsBefore);

    // A second run finds nothing more.
    expect(await purgeStale(db, { now: NOW, unsubmittedAfterDays: 30 })).toEqual({ unsubmittedResponses: 0, unsubmittedAnswers: 0, expiredSessions: 0 });
  });

  it("takes a backlog larger than one step in several", async () => {
    const { campaign, versionId } = await makeCampaign(db);
    const questionIds = (await db.selectFrom("questions").select("id").where("survey_version_id", "=", versionId).orderBy("position").execute()).map((q) => q.id);
    for (let i = 0; i < 1_203; i++) await response(campaign.id, questionIds, { updatedAt: at(60 * DAY + i) });
    const kept = await response(campaign.id, questionIds, { updatedAt: at(10 * DAY) });

    expect(await purgeStale(db, { now: NOW, unsubmittedAfterDays: 30 })).toEqual({ unsubmittedResponses: 1_203, unsubmittedAnswers: 2_406, expiredSessions: 0 });
    expect(await ids("responses")).toEqual([kept]);
  });

  it("refuses a setting that would delete responses being answered right now", async () => {
    await expect(purgeStale(db, { now: NOW, unsubmittedAfterDays: 0 })).rejects.toThrow(/at least 1/);
  });
});
