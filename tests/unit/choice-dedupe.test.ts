import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Migrator, sql, type Kysely } from "kysely";
import { migrateToLatest, openDatabase } from "@db/connection";
import { staticMigrationProvider } from "@db/migrations";
import type { Database } from "@db/schema";
import { readPageValues, type FormQuestion } from "~/responding/form";
import { handleSurveyPost } from "~/responding/survey-page.server";
import { newResumeToken } from "~/responding/responses.server";
import { rebuildRollup } from "~/results/rollup.server";
import { findCampaignSurveyBySlug } from "~/surveys/surveys.server";
import { createTestDb } from "../support/db";
import { CHOICE_SURVEY, makeCampaign, postForm } from "../support/fixtures";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const helped: FormQuestion = { key: "helped", page: 1, type: "multiple_choice", required: true, show_if_key: null, show_if_value: null, options: [{ value: "a" }, { value: "b" }, { value: "c" }] };

describe("the form parser", () => {
  it("keeps each chosen option once, in the order first sent", () => {
    const form = new FormData();
    for (let i = 0; i < 5_000; i++) form.append("q_helped", "a");
    form.append("q_helped", "c");
    form.append("q_helped", "a");
    form.append("q_helped", "");
    expect(readPageValues(form, [helped])).toEqual({ helped: ["a", "c"] });
  });

  it("keeps one value of a single choice too (a repeat is not a second choice)", () => {
    const single: FormQuestion = { ...helped, key: "heard", type: "single_choice" };
    const form = new FormData();
    form.append("q_heard", "b");
    form.append("q_heard", "b");
    expect(readPageValues(form, [single])).toEqual({ heard: ["b"] });
  });
});

type Row = Record<string, unknown>;
const sortRows = (rows: Row[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const answerCounts = async (db: Kysely<Database>) => sortRows(await db.selectFrom("answer_counts").selectAll().execute());

/**
 * The rollup's count of one submitted response as the app made it before migration 005
 * (written out: today's app counts by `completed_on`, a column that came later).
 */
async function countAsBefore005(db: Kysely<any>, responseId: number): Promise<void> {
  const dims = sql`r.campaign_id, substr(r.submitted_at, 1, 7), coalesce(r.service_id, 0), r.language, r.channel`;
  await sql`
    insert into response_counts (campaign_id, month, service_id, language, channel, n)
    select ${dims}, 1 from responses r where r.id = ${responseId}
    on conflict (campaign_id, month, service_id, language, channel) do update set n = response_counts.n + 1`.execute(db);
  await sql`
    insert into answer_counts (question_id, campaign_id, month, service_id, language, channel, role, value, n)
    select a.question_id, ${dims}, '', a.value, count(*)
    from responses r join answers a on a.response_id = r.id join questions q on q.id = a.question_id
    where r.id = ${responseId} and q.type not in ('short_text', 'long_text') group by a.question_id, a.value
    union all
    select a.question_id, ${dims}, '', '', 1
    from responses r join answers a on a.response_id = r.id join questions q on q.id = a.question_id
    where r.id = ${responseId} and q.type in ('short_text', 'long_text', 'multiple_choice') group by a.question_id
    on conflict (question_id, campaign_id, month, value, role, service_id, language, channel) do update set n = answer_counts.n + excluded.n`.execute(db);
}

describe("migration 2026-12-03-005-unique-choice-answers", () => {
  it("removes repeated answer rows stored before it, refuses new ones and counts the results again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-005-"));
    const db = openDatabase(path.join(dir, "old.sqlite"));
    cleanups.push(async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const migrated = await new Migrator({ db, provider: staticMigrationProvider }).migrateTo("2026-11-25-004-loop");
    expect(migrated.error).toBeUndefined();

    // A database as it was before 005, rows made by hand with the columns of that day.
    const raw = db as unknown as Kysely<any>;
    const at = "2026-11-20T10:00:00.000Z";
    const id = async (table: string, values: Record<string, unknown>) =>
      ((await raw.insertInto(table).values(values).returning("id").executeTakeFirstOrThrow()) as { id: number }).id;
    const org = await id("organisations", { slug: "org", kind: "local_authority", name_en: "Council", name_ur: "کونسل" });
    const service = await id("services", { slug: "svc", organisation_id: org, locality: null, name_en: "S", name_ur: "S" });
    const survey = await id("surveys", { slug: "s", kind: "parent", created_at: at });
    const version = await id("survey_versions", {
      survey_id: survey, version: 1, status: "published", title_en: "T", title_ur: "T", intro_en: "", intro_ur: "",
      title_ur_source: "T", intro_ur_source: "", headline_question_key: "overall", created_at: at, published_at: at,
    });
    const question = (key: string, position: number, type: string) =>
      id("questions", { survey_version_id: version, key, position, page: 1, type, required: 0, text_en: key, text_ur: key, text_ur_source: key, hint_ur_source: "" });
    const overall = await question("overall", 1, "satisfaction");
    const help = await question("helped", 2, "multiple_choice");
    for (const [i, value] of ["a", "b", "c"].entries()) {
      await raw.insertInto("question_options").values({ question_id: help, position: i + 1, value, label_en: value, label_ur: value, label_ur_source: value }).execute();
    }
    const campaign = await id("campaigns", { slug: "c", survey_version_id: version, name_en: "C", name_ur: "C", opens_at: at, closes_at: "2099-01-01T00:00:00.000Z", created_at: at });
    const response = async (submitted: boolean, answers: [number, string][]) => {
      const r = await id("responses", {
        campaign_id: campaign, service_id: service, language: "en", channel: "online", resume_token: newResumeToken(),
        current_page: 1, started_at: at, updated_at: at, submitted_at: submitted ? at : null,
      });
      const ids: number[] = [];
      for (const [q, value] of answers) ids.push(await id("answers", { response_id: r, question_id: q, value, score: q === overall ? Number(value) : null }));
      // Counted at submission as the app did then: every stored row, in its month of submission.
      if (submitted) await countAsBefore005(raw, r);
      return ids;
    };
    const r1 = await response(true, [[overall, "5"], [overall, "5"], [help, "a"], [help, "a"], [help, "b"], [help, "a"]]);
    await response(true, [[overall, "2"], [help, "a"]]);
    await response(false, [[help, "c"], [help, "c"], [help, "c"]]);
    // A "You said" citing one of the copies must still cite an answer afterwards.
    const user = await id("users", { email: "pcf@test.example", name: "PCF", password_hash: "x", role: "pcf", created_at: at });
    const entry = await id("loop_entries", { lead_service_id: service, period: "2026-autumn", theme: "communication", source: "survey", you_said_en: "x", status: "draft", created_by: user, created_at: at });
    await raw.insertInto("loop_evidence").values({ entry_id: entry, response_id: 1, answer_id: r1[5] }).execute();

    const helpedA = async () => (await db.selectFrom("answer_counts").select("n").where("question_id", "=", help).where("value", "=", "a").executeTakeFirstOrThrow()).n;
    expect(await helpedA()).toBe(4); // the bug: r1's "a" three times over

    await migrateToLatest(db);

    const rows = await db.selectFrom("answers").select(["id", "response_id", "question_id", "value"]).orderBy("id").execute();
    expect(rows.map((r) => [r.response_id, r.question_id, r.value])).toEqual([
      [1, overall, "5"], [1, help, "a"], [1, help, "b"],
      [2, overall, "2"], [2, help, "a"],
      [3, help, "c"],
    ]);
    const evidence = await db.selectFrom("loop_evidence").select("answer_id").executeTakeFirstOrThrow();
    expect(evidence.answer_id).toBe(r1[2]);

    const byValue = async (q: number) =>
      Object.fromEntries((await db.selectFrom("answer_counts").select(["value", "n"]).where("question_id", "=", q).orderBy("value").execute()).map((r) => [r.value, r.n]));
    expect(await byValue(help)).toEqual({ "": 2, a: 2, b: 1 });
    expect(await byValue(overall)).toEqual({ "2": 1, "5": 1 });
    const responsesCounted = await db.selectFrom("response_counts").select("n").execute();
    expect(responsesCounted.map((r) => r.n)).toEqual([2]);
    // The migration's own SQL counts what the app's rebuild counts.
    const afterMigration = await answerCounts(db);
    await rebuildRollup(db);
    expect(await answerCounts(db)).toEqual(afterMigration);

    // The database itself now refuses a second copy.
    await expect(raw.insertInto("answers").values({ response_id: 1, question_id: help, value: "a", score: null }).execute()).rejects.toThrow(/UNIQUE/);
  });
});

describe("a posted repeated option", () => {
  it("is stored and counted once", async () => {
    const { db, cleanup } = await createTestDb();
    cleanups.push(cleanup);
    const { campaign } = await makeCampaign(db, { spec: CHOICE_SURVEY });
    const cs = (await findCampaignSurveyBySlug(db, campaign.slug))!;
    const token = newResumeToken();
    const fields: [string, string][] = [["token", token], ["page", "1"], ["intent", "submit"], ["q_overall", "4"]];
    for (let i = 0; i < 5_000; i++) fields.push(["q_helped", "calls"]);
    const request = postForm(`http://x/s/${campaign.slug}`, fields);

    const res = (await handleSurveyPost(db, request, cs, null, "en", new Date("2026-11-25T10:00:00.000Z"), false)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/\/done$/);

    const choice = cs.questions.find((q) => q.key === "helped")!;
    const stored = await db.selectFrom("answers").select("value").where("question_id", "=", choice.id).execute();
    expect(stored).toEqual([{ value: "calls" }]);
    const counted = await db.selectFrom("answer_counts").select(["value", "n"]).where("question_id", "=", choice.id).orderBy("value").execute();
    expect(counted).toEqual([{ value: "", n: 1 }, { value: "calls", n: 1 }]);
    expect(await sql<{ n: number }>`select count(*) as n from responses where submitted_at is not null`.execute(db).then((r) => r.rows[0].n)).toBe(1);
  });
});
