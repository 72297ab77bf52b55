import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, Role } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { familiesCount, findEntry, listEvents } from "~/loop/loop.server";
import * as queues from "~/routes/staff.loop._index";
import * as create from "~/routes/staff.loop.new";
import * as entryPage from "~/routes/staff.loop.$id";
import * as results from "~/routes/staff.results.surveys.$surveyId._index";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { CLOSE_OUT, makeEntry, type LoopWorld } from "../support/loop";
import { respond } from "../support/results-data";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";
import type { AppLoadContext } from "@remix-run/node";

// The loop's staff pages, called as Remix calls them: real Requests with a session
// cookie and CSRF token, against one test database handed to the routes as their load context.
let db: Kysely<Database>;
let cleanup: () => Promise<void>;

type Staff = Awaited<ReturnType<typeof makeStaff>> & { user: StaffUser };
let world: LoopWorld;
let as: Record<"admin" | "pcf" | "board" | "leadA" | "memberA" | "leadB" | "memberB", Staff>;
let surveyId: number;
let otherSurveyId: number;
/** Comments (answer ids) about service A, each from its own response, and one about B. */
let commentsA: number[];
let commentB: number;
let otherSurveyComment: number;

async function staff(role: Role, serviceIds: number[] = []): Promise<Staff> {
  const s = await makeStaff(db, role, serviceIds);
  const { name } = await db.selectFrom("users").select("name").where("id", "=", s.id).executeTakeFirstOrThrow();
  return { ...s, user: { id: s.id, email: s.email, name, role, serviceIds } };
}

async function commentAnswerId(responseId: number): Promise<number> {
  const row = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select("a.id")
    .where("a.response_id", "=", responseId)
    .where("q.key", "=", "comment")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  const test = await createTestDb();
  ({ db, cleanup } = test);
  context = testContext(db);
  const { serviceIds, campaign, versionId } = await makeCampaign(db, { services: 2 });
  await db.updateTable("survey_versions").set({ status: "published" }).where("id", "=", versionId).execute();
  const [serviceA, serviceB] = serviceIds as [number, number];
  as = {
    admin: await staff("admin"),
    pcf: await staff("pcf"),
    board: await staff("board"),
    leadA: await staff("service_lead", [serviceA]),
    memberA: await staff("service_member", [serviceA]),
    leadB: await staff("service_lead", [serviceB]),
    memberB: await staff("service_member", [serviceB]),
  };
  world = {
    serviceA,
    serviceB,
    campaign,
    users: { admin: as.admin.user, pcf: as.pcf.user, board: as.board.user, leadA: as.leadA.user, memberA: as.memberA.user, leadB: as.leadB.user, memberB: as.memberB.user },
  };
  surveyId = (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow()).survey_id;
  const said = ["Nobody answers the phone.", "I waited weeks for a call back.", "Emails go unanswered."];
  commentsA = [];
  for (const [i, text] of said.entries()) {
    const r = await respond(db, campaign.id, { service: serviceA, submittedAt: `2026-10-0${i + 1}T10:00:00.000Z`, answers: { overall: "2", contact_known: "yes", comment: text } });
    commentsA.push(await commentAnswerId(r));
  }
  await respond(db, campaign.id, { service: serviceA, submittedAt: "2026-10-05T10:00:00.000Z", answers: { overall: "5", contact_known: "yes" } });
  commentB = await commentAnswerId(await respond(db, campaign.id, { service: serviceB, submittedAt: "2026-10-06T10:00:00.000Z", answers: { overall: "4", contact_known: "yes", comment: "Service B was kind." } }));
  const other = await makeCampaign(db, { services: 1 });
  await db.insertInto("campaign_services").values({ campaign_id: other.campaign.id, service_id: serviceA }).execute();
  otherSurveyId = (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", other.versionId).executeTakeFirstOrThrow()).survey_id;
  otherSurveyComment = await commentAnswerId(await respond(db, other.campaign.id, { service: serviceA, submittedAt: "2026-10-07T10:00:00.000Z", answers: { overall: "3", contact_known: "yes", comment: "Another survey." } }));
});
afterAll(async () => cleanup());

/** A route's answer, thrown or returned. */
async function settle(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}
const url = (path: string) => `http://localhost${path}`;
let context: AppLoadContext;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const getQueues = async (who: Staff, query = "") => settle(queues.loader({ request: who.get(url(`/staff/loop${query}`)), params: {}, context }));
const getEntry = async (who: Staff, id: number | string) => settle(entryPage.loader({ request: who.get(url(`/staff/loop/${id}`)), params: { id: String(id) }, context }));
const postEntry = async (who: Staff, id: number, fields: [string, string][]) =>
  settle(entryPage.action({ request: who.post(url(`/staff/loop/${id}`), fields), params: { id: String(id) }, context }));
const getNew = async (who: Staff, query = "") => settle(create.loader({ request: who.get(url(`/staff/loop/new${query}`)), params: {}, context }));
const postNew = async (who: Staff, fields: [string, string][]) => settle(create.action({ request: who.post(url("/staff/loop/new"), fields), params: {}, context }));

const draftFields = (lead: number, extra: [string, string][] = []): [string, string][] => [
  ["leadService", String(lead)],
  ["period", "2026-autumn"],
  ["theme", "communication"],
  ["youSaidEn", "Families cannot reach the team by phone."],
  ...(extra.some(([k]) => k === "youSaidUr") ? [] : [["youSaidUr", ""] as [string, string]]),
  ...extra,
];

describe("the queues page", () => {
  it("shows each role its own queues, and refuses the board", async () => {
    const open = await makeEntry(db, world, "open", { draft: { contributingServiceIds: [world.serviceB] } });
    const closed = await makeEntry(db, world, "closed");
    const draftA = await makeEntry(db, world, "draft");

    const member: Json = await (await getQueues(as.memberA)).json();
    expect(member.mine.map((r: Json) => r.id)).toContain(open);
    expect(member.mine.map((r: Json) => r.id)).not.toContain(closed);
    expect(member.review).toBeNull();
    expect(member.entries.scope).toBe("own");
    expect(member.entries.rows.map((r: Json) => r.id)).toEqual(expect.arrayContaining([open, closed, draftA]));

    // A contributing service sees the shared entry, not service A's own ones.
    const other: Json = await (await getQueues(as.memberB)).json();
    expect(other.entries.rows.map((r: Json) => r.id)).toContain(open);
    expect(other.entries.rows.map((r: Json) => r.id)).not.toContain(draftA);
    expect(other.mine).toEqual([]);

    const pcf: Json = await (await getQueues(as.pcf)).json();
    expect(pcf.mine).toBeNull();
    expect(pcf.review.closed.map((r: Json) => r.id)).toContain(closed);
    expect(pcf.review.closed.map((r: Json) => r.id)).not.toContain(open);
    expect(pcf.entries.scope).toBe("all");

    const admin: Json = await (await getQueues(as.admin, "?status=draft")).json();
    expect(admin.review).not.toBeNull();
    expect(admin.entries.rows.every((r: Json) => r.status === "Draft")).toBe(true);
    expect(admin.entries.rows.map((r: Json) => r.id)).toContain(draftA);

    expect((await getQueues(as.board)).status).toBe(403);
  });

  it("lets the PCF publish selected closed entries at once, and says when one moved on", async () => {
    const one = await makeEntry(db, world, "closed");
    const two = await makeEntry(db, world, "closed");
    const post = (who: Staff, fields: [string, string][]) => settle(queues.action({ request: who.post(url("/staff/loop?index"), fields), params: {}, context }));

    expect((await post(as.memberA, [["intent", "publish_selected"], ["entry", String(one)]])).status).toBe(403);
    const none = await post(as.pcf, [["intent", "publish_selected"]]);
    expect(none.status).toBe(400);
    expect(((await none.json()) as Json).errors).toEqual([{ field: "entries", code: "entries_missing" }]);

    const done = await post(as.pcf, [["intent", "publish_selected"], ["entry", String(one)], ["entry", String(two)]]);
    expect(done.status).toBe(302);
    expect((await findEntry(db, one))?.status).toBe("published");
    expect((await findEntry(db, two))?.status).toBe("published");

    const third = await makeEntry(db, world, "closed");
    const again = await post(as.pcf, [["intent", "publish_selected"], ["entry", String(third)], ["entry", String(one)]]);
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).conflict).toBe(true);
    expect((await findEntry(db, third))?.status).toBe("closed");
  });

  it("lets the PCF mark a family's request dealt with, with a note kept after an error", async () => {
    const entry = await makeEntry(db, world, "published");
    const { id: review } = await db
      .insertInto("loop_reviews")
      .values({ entry_id: entry, reason: "Still no call back.", language: "en", asked_at: "2026-11-01T10:00:00.000Z", dealt_at: null, dealt_by: null, dealt_note: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const pcf: Json = await (await getQueues(as.pcf)).json();
    expect(pcf.review.requests.map((r: Json) => [r.id, r.entryId, r.reason])).toContainEqual([review, entry, "Still no call back."]);

    const post = (fields: [string, string][]) => settle(queues.action({ request: as.pcf.post(url("/staff/loop?index"), fields), params: {}, context }));
    const long = "x".repeat(501);
    const refused = await post([["intent", "deal"], ["review", String(review)], ["note", long]]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ form: `deal-${review}`, values: { note: long }, errors: [{ field: "note", code: "too_long" }] });

    expect((await post([["intent", "deal"], ["review", String(review)], ["note", "Lead phoned the family."]])).status).toBe(302);
    const events = await listEvents(db, entry);
    expect(events.at(-1)).toMatchObject({ action: "look_again_dealt", reason: "Lead phoned the family." });
    const after: Json = await (await getQueues(as.pcf)).json();
    expect(after.review.requests.map((r: Json) => r.id)).not.toContain(review);
  });
});

describe("the entry page", () => {
  it("is 404 for unknown ids and 403 for staff of other services and the board", async () => {
    const id = await makeEntry(db, world, "draft");
    expect((await getEntry(as.memberA, 999_999)).status).toBe(404);
    expect((await getEntry(as.memberA, "abc")).status).toBe(404);
    expect((await getEntry(as.memberB, id)).status).toBe(403);
    expect((await getEntry(as.board, id)).status).toBe(403);
    expect((await getEntry(as.pcf, id)).status).toBe(200);
  });

  it("shows only the forms the user may use", async () => {
    const id = await makeEntry(db, world, "draft");
    const lead: Json = await (await getEntry(as.leadA, id)).json();
    expect(lead.page.actions).toEqual(["open", "discard"]);
    expect(lead.page.canEdit).toBe(true);
    expect(lead.page.owners.map((o: Json) => o.label)).toEqual(expect.arrayContaining([expect.stringContaining(as.memberA.email)]));
    const pcf: Json = await (await getEntry(as.pcf, id)).json();
    expect(pcf.page.actions).toEqual([]);
    expect(pcf.page.canEdit).toBe(false);
  });

  it("opens a draft for the lead, and refuses a member with 403", async () => {
    const id = await makeEntry(db, world, "draft", { draft: { youSaidUr: "کالز کا جواب نہیں ملتا۔" } });
    const fields: [string, string][] = [["intent", "open"], ["owner", String(as.memberA.id)], ["dueOn", "2099-01-31"]];
    expect((await postEntry(as.memberA, id, fields)).status).toBe(403);
    expect((await findEntry(db, id))?.status).toBe("draft");
    const res = await postEntry(as.leadA, id, fields);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/staff/loop/${id}`);
    expect(await findEntry(db, id)).toMatchObject({ status: "open", owner_id: as.memberA.id, due_on: "2099-01-31" });
  });

  it("refuses a move with problems with 400, naming them and keeping every value typed", async () => {
    const id = await makeEntry(db, world, "open");
    const long = "We did ".repeat(400);
    const res = await postEntry(as.memberA, id, [
      ["intent", "close"],
      ["outcome", "done"],
      ["weDidEn", long],
      ["weDidUr", ""],
      ["outcomeNote", "Checked."],
      ["changeEvidence", "Phone logs"],
      ["changeFrom", "2026-13-40"],
    ]);
    expect(res.status).toBe(400);
    const body: Json = await res.json();
    expect(body.form).toBe("close");
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "weDidEn", code: "too_long" },
        { field: "weDidUr", code: "weDidUr_missing" },
        { field: "changeFrom", code: "changeFrom_invalid" },
      ]),
    );
    expect(body.values).toMatchObject({ outcome: "done", weDidEn: long, outcomeNote: "Checked.", changeEvidence: "Phone logs", changeFrom: "2026-13-40" });
    expect((await findEntry(db, id))?.status).toBe("open");
  });

  it("answers an illegal move with 409 and a message, changing nothing", async () => {
    const id = await makeEntry(db, world, "published");
    const before = await listEvents(db, id);
    const res = await postEntry(as.pcf, id, [["intent", "send_back"], ["reason", "Too late"]]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ form: "send_back", conflict: true });
    expect(await listEvents(db, id)).toHaveLength(before.length);
    expect((await findEntry(db, id))?.status).toBe("published");
  });

  it("shows the owner why an entry was sent back", async () => {
    const id = await makeEntry(db, world, "closed");
    expect((await postEntry(as.pcf, id, [["intent", "send_back"], ["reason", "The Urdu We did names a child; please remove it."]])).status).toBe(302);
    const owner: Json = await (await getEntry(as.memberA, id)).json();
    expect(owner.page.entry.status).toBe("open");
    expect(owner.page.sentBack).toMatchObject({ reason: "The Urdu We did names a child; please remove it." });
    expect(owner.page.actions).toContain("close");
    // Closed out again, the note goes: it was about the earlier close-out.
    expect((await postEntry(as.memberA, id, [["intent", "close"], ...Object.entries(CLOSE_OUT)])).status).toBe(302);
    expect(((await (await getEntry(as.memberA, id)).json()) as Json).page.sentBack).toBeNull();
  });

  it("asks to confirm a discard, and keeps the reason", async () => {
    const id = await makeEntry(db, world, "draft");
    const res = await postEntry(as.memberA, id, [["intent", "discard"], ["reason", "Duplicate"]]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: "confirm", code: "confirm_missing" }], values: { reason: "Duplicate" } });
    expect((await postEntry(as.memberB, id, [["intent", "discard"], ["reason", "Duplicate"]])).status).toBe(403);
    expect((await postEntry(as.memberA, id, [["intent", "discard"], ["reason", "Duplicate"], ["confirm", "yes"]])).status).toBe(302);
    expect((await findEntry(db, id))?.status).toBe("discarded");
  });

  it("edits a draft and adds public updates to published entries", async () => {
    const id = await makeEntry(db, world, "draft");
    const edit = await postEntry(as.memberA, id, [["intent", "edit"], ...draftFields(world.serviceA, [["youSaidUr", "فون پر کوئی جواب نہیں دیتا۔"], ["contributing", String(world.serviceB)]])]);
    expect(edit.status).toBe(302);
    expect(await findEntry(db, id)).toMatchObject({ you_said_en: "Families cannot reach the team by phone.", you_said_ur: "فون پر کوئی جواب نہیں دیتا۔" });
    expect((await getEntry(as.memberB, id)).status).toBe(200);

    const published = await makeEntry(db, world, "published");
    expect((await postEntry(as.memberB, published, [["intent", "add_update"], ["bodyEn", "x"], ["bodyUr", "y"]])).status).toBe(403);
    expect((await postEntry(as.pcf, published, [["intent", "add_update"], ["bodyEn", "Calls now answered in a day."], ["bodyUr", "کالز کا جواب اب ایک دن میں۔"]])).status).toBe(302);
    const page: Json = await (await getEntry(as.memberA, published)).json();
    expect(page.page.updates.map((u: Json) => u.bodyEn)).toEqual(["Calls now answered in a day."]);
    expect(page.page.events.map((e: Json) => e.action)).toEqual(["Started", "Opened", "Closed out", "Published", "Public update added"]);
  });
});

describe("a draft from results", () => {
  const chosen = () => `?survey=${surveyId}&${commentsA.map((a) => `answer=${a}`).join("&")}`;

  it("puts a checkbox beside each comment and a link for the whole cut on the results page", async () => {
    const res = await settle(results.loader({ request: as.memberA.get(url(`/staff/results/surveys/${surveyId}`)), params: { surveyId: String(surveyId) }, context }));
    const body: Json = await res.json();
    expect(body.view.comments.items.map((c: Json) => c.answerId).sort()).toEqual([...commentsA].sort());
    // Service A's four responses, not service B's.
    expect(body.view.comments.responses).toBe(4);
  });

  it("makes an entry from three chosen comments: raised by 3 families", async () => {
    const page: Json = await (await getNew(as.memberA, chosen())).json();
    expect(page.evidence.comments.map((c: Json) => c.text).sort()).toEqual(["Emails go unanswered.", "I waited weeks for a call back.", "Nobody answers the phone."]);
    expect(page.values.leadService).toBe(String(world.serviceA));
    expect(page.forum).toBe(false);

    const res = await postNew(as.memberA, [...draftFields(world.serviceA), ["evidence", page.evidence.query]]);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    const entry = (await findEntry(db, id))!;
    expect(entry).toMatchObject({ status: "draft", source: "survey", survey_id: surveyId, created_by: as.memberA.id });
    expect(await familiesCount(db, entry)).toBe(3);

    // The service's staff read the comments; the PCF sees only a count, hidden under 5.
    const member: Json = await (await getEntry(as.memberA, id)).json();
    expect(member.page.families).toEqual({ kind: "shown", n: 3 });
    expect(member.page.comments).toHaveLength(3);
    const pcf: Json = await (await getEntry(as.pcf, id)).json();
    expect(pcf.page.families).toEqual({ kind: "fewer_than", threshold: 5 });
    expect(pcf.page.comments).toBeNull();
  });

  it("makes an entry from every response of a filtered cut", async () => {
    const query = `?survey=${surveyId}&from=filter&service=${world.serviceA}`;
    const page: Json = await (await getNew(as.leadA, query)).json();
    expect(page.evidence).toMatchObject({ kind: "filter", families: 4 });
    const res = await postNew(as.leadA, [...draftFields(world.serviceA), ["evidence", page.evidence.query]]);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    expect(await familiesCount(db, (await findEntry(db, id))!)).toBe(4);
    // Asking for another service's cut is refused.
    expect((await getNew(as.leadA, `?survey=${surveyId}&from=filter&service=${world.serviceB}`)).status).toBe(403);
  });

  it("refuses comments of another survey (400) or of a service not the user's (403), and the PCF (403)", async () => {
    const count = async () => Number((await db.selectFrom("loop_entries").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect((await getNew(as.memberA, `?survey=${surveyId}&answer=${otherSurveyComment}`)).status).toBe(400);
    expect((await getNew(as.memberA, `?survey=${otherSurveyId}&answer=${commentsA[0]}`)).status).toBe(400);
    expect((await getNew(as.memberA, `?survey=${surveyId}&answer=${commentB}`)).status).toBe(403);
    expect((await getNew(as.memberA, `?survey=${surveyId}&answer=abc`)).status).toBe(400);
    expect((await postNew(as.memberA, [...draftFields(world.serviceA), ["evidence", `survey=${surveyId}&answer=${commentB}`]])).status).toBe(403);
    expect((await postNew(as.memberA, [...draftFields(world.serviceA), ["evidence", `survey=${surveyId}&answer=${otherSurveyComment}`]])).status).toBe(400);
    expect((await getNew(as.pcf, chosen())).status).toBe(403);
    // An admin may use any service's comments.
    expect((await getNew(as.admin, `?survey=${surveyId}&answer=${commentB}`)).status).toBe(200);
    expect(await count()).toBe(before);
  });
});

describe("the new draft form", () => {
  it("offers service staff only their own services, and the PCF any, as a forum draft", async () => {
    const member: Json = await (await getNew(as.memberA)).json();
    expect(member.choices.leadServices.map((c: Json) => c.value)).toEqual([String(world.serviceA)]);
    expect(member.values.period).toMatch(/^\d{4}-(spring|summer|autumn)$/);
    // The next term, this one and the three before it, each once.
    expect(new Set(member.choices.periods.map((p: Json) => p.value)).size).toBe(5);
    expect(member.choices.periods[1].value).toBe(member.values.period);
    const pcf: Json = await (await getNew(as.pcf)).json();
    expect(pcf.forum).toBe(true);
    expect(pcf.choices.leadServices.map((c: Json) => c.value)).toEqual(expect.arrayContaining([String(world.serviceA), String(world.serviceB)]));
    expect((await getNew(as.board)).status).toBe(403);
  });

  it("re-shows errors with every value kept, and refuses oversized text", async () => {
    const long = "a".repeat(2001);
    const res = await postNew(as.memberA, [["leadService", ""], ["period", "2026-autumn"], ["theme", ""], ["youSaidEn", long], ["youSaidUr", "کچھ"], ["contributing", String(world.serviceB)]]);
    expect(res.status).toBe(400);
    const body: Json = await res.json();
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "leadService", code: "leadService_missing" },
        { field: "theme", code: "theme_missing" },
        { field: "youSaidEn", code: "too_long" },
      ]),
    );
    expect(body.values).toMatchObject({ period: "2026-autumn", youSaidEn: long, youSaidUr: "کچھ", contributing: [String(world.serviceB)] });
  });

  it("refuses a lead service that is not the user's with 403", async () => {
    expect((await postNew(as.memberA, draftFields(world.serviceB))).status).toBe(403);
  });

  it("saves a PCF forum draft with how many families raised it", async () => {
    const res = await postNew(as.pcf, [...draftFields(world.serviceB), ["forumFamilies", "12"]]);
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    const entry = (await findEntry(db, id))!;
    expect(entry).toMatchObject({ source: "forum", forum_families: 12 });
    const bad = await postNew(as.pcf, [...draftFields(world.serviceB), ["forumFamilies", "twelve"]]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).errors).toEqual([{ field: "forumFamilies", code: "forumFamilies_invalid" }]);
    const pcfQueue: Json = await (await getQueues(as.pcf)).json();
    expect(pcfQueue.review.forum.map((r: Json) => r.id)).toContain(id);
  });
});
