import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { seedDemoData } from "@db/seed/seed";
import { DEMO_LOOP } from "@db/seed/content/loop";
import { DEMO_USERS } from "@db/seed/content/users";
import { contributingServiceIds, familiesCount, isEligibleOwner, listEvents } from "~/loop/loop.server";
import { isOverdue } from "~/loop/loop-states";
import { createTestDb } from "../support/db";
import { testEnv } from "~/env.server";

const TODAY = "2026-11-25";
const URDU = /[\u0600-\u06FF]/;

const cleanups: (() => Promise<void>)[] = [];
let db: Kysely<Database>;

async function seeded() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  await seedDemoData(t.db, testEnv());
  return t.db;
}

beforeAll(async () => {
  db = await seeded();
});
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function entries() {
  return db.selectFrom("loop_entries").selectAll().orderBy("id").execute();
}

/** What a newcomer sees, entry by entry, in id order (the lead's journey and README rely on it). */
const EXPECTED = [
  ["calls-and-emails", "senar-north", "published", "partly_done"],
  ["phone-duplicate", "senar-north", "discarded", null],
  ["named-worker", "senar-north", "published", "done"],
  ["case-management-system", "senar-south", "open", null],
  ["timely-support", "senar-north", "open", null],
  ["therapy-waits", "slt", "published", "done"],
  ["help-while-waiting", "slt", "published", "done"],
  ["autism-support", "slt", "open", null],
  ["mental-health-investment", "ftb", "published", "done"],
  ["appointments", "ftb", "published", "not_possible"],
  ["co-produced-plans", "senar-north", "closed", "done"],
  ["crisis-care", "ftb", "open", null],
  ["early-help-hub", "early-help-hub", "published", "done"],
  ["additional-needs-name", "local-offer", "published", "done"],
  ["plain-letters", "senar-north", "draft", null],
];

describe("the demo's You Said, We Did", () => {
  it("has every state, in the order the lead's notes give", async () => {
    const rows = await db
      .selectFrom("loop_entries")
      .innerJoin("services", "services.id", "loop_entries.lead_service_id")
      .select(["loop_entries.id", "services.slug", "loop_entries.status", "loop_entries.outcome"])
      .orderBy("loop_entries.id")
      .execute();
    expect(DEMO_LOOP.map((e) => e.key)).toEqual(EXPECTED.map((e) => e[0]));
    expect(rows.map((r) => [r.slug, r.status, r.outcome])).toEqual(EXPECTED.map((e) => e.slice(1)));
    expect(rows.map((r) => r.id)).toEqual(EXPECTED.map((_, i) => i + 1));
  });

  it("shows open entries as We are doing, due in 2027, and exactly one of them overdue today", async () => {
    const open = (await entries()).filter((e) => e.status === "open");
    expect(open.every((e) => e.published_open_at !== null)).toBe(true);
    const overdue = open.filter((e) => isOverdue({ status: e.status, dueOn: e.due_on }, TODAY));
    expect(overdue.map((e) => [e.id, e.due_on])).toEqual([[5, "2026-11-06"]]);
    expect(open.filter((e) => e.due_on!.startsWith("2027-")).map((e) => e.id)).toEqual([4, 8, 12]);
    // The case management review finishes in April 2027.
    expect(open.find((e) => e.id === 4)?.due_on).toBe("2027-04-30");
  });

  it("keeps a complete audit trail: create, open, close and publish in order, one send-back on the way", async () => {
    for (const e of await entries()) {
      const events = await listEvents(db, e.id);
      // In time order, each by a person except a family's request.
      expect(events.map((x) => x.at)).toEqual([...events.map((x) => x.at)].sort());
      for (const ev of events) expect(ev.userName === null, `${e.id} ${ev.action}`).toBe(ev.action === "look_again");
      const moves = events.filter((x) => x.action !== "add_update" && x.action !== "publish_open" && x.action !== "look_again").map((x) => x.action);
      const want: Record<string, string[]> = {
        draft: ["create"],
        discarded: ["create", "discard"],
        open: ["create", "open"],
        closed: ["create", "open", "close"],
        published: e.id === 1 ? ["create", "open", "close", "send_back", "close", "publish"] : ["create", "open", "close", "publish"],
      };
      expect(moves, `entry ${e.id}`).toEqual(want[e.status]);
      // The status is where the last move left it.
      const last = events.filter((x) => x.toStatus).at(-1)!;
      expect(last.toStatus, `entry ${e.id}`).toBe(e.status);
    }
    const sentBack = (await listEvents(db, 1)).find((x) => x.action === "send_back")!;
    expect(sentBack).toMatchObject({ fromStatus: "closed", toStatus: "open", userName: "Mary Collins (Parent Carer Forum)" });
    expect(sentBack.reason).toContain("how many of the new posts");
    // The first publication round was one batch at one moment.
    const round = await db.selectFrom("loop_entries").select("id").where("published_at", "=", "2026-11-04T10:00:00.000Z").orderBy("id").execute();
    expect(round.map((r) => r.id)).toEqual([3, 6, 7, 9, 13, 14]);
  });

  it("has owners who may own them, and an entry shared with contributing services", async () => {
    for (const e of (await entries()).filter((x) => x.owner_id !== null)) {
      const services = [e.lead_service_id, ...(await contributingServiceIds(db, e.id))];
      expect(await isEligibleOwner(db, e.owner_id!, services), `entry ${e.id}`).toBe(true);
    }
    const shared = await db.selectFrom("loop_entry_services").select("entry_id").distinct().orderBy("entry_id").execute();
    expect(shared.map((r) => r.entry_id)).toEqual([1, 4, 8, 13]);
  });

  it("counts the families each came from: linked comments for survey entries, the PCF's count for forum entries", async () => {
    const rows = await entries();
    const counts = await Promise.all(rows.map((e) => familiesCount(db, e)));
    expect(counts).toEqual(DEMO_LOOP.map((e) => ("survey" in e.from ? e.from.responses : e.from.forumFamilies)));
    // Enough to show "raised by N families", and one with fewer than 5.
    expect(counts[0]).toBe(6);
    expect(counts[2]).toBe(3);
    expect(rows.filter((e) => e.source === "forum").map((e) => [e.id, e.forum_families])).toEqual([
      [11, 42],
      [12, 27],
      [13, 150],
      [14, 18],
    ]);
    // Evidence is submitted responses of the lead service, each with a comment, all from before the entry was drafted.
    const evidence = await db
      .selectFrom("loop_evidence")
      .innerJoin("loop_entries", "loop_entries.id", "loop_evidence.entry_id")
      .innerJoin("responses", "responses.id", "loop_evidence.response_id")
      .innerJoin("answers", "answers.id", "loop_evidence.answer_id")
      .select(["loop_entries.lead_service_id", "loop_entries.created_at", "responses.service_id", "responses.submitted_at", "answers.response_id", "answers.value"])
      .execute();
    expect(evidence.length).toBe(DEMO_LOOP.reduce((n, e) => n + ("survey" in e.from ? e.from.responses : 0), 0));
    for (const ev of evidence) {
      expect(ev.service_id).toBe(ev.lead_service_id);
      expect(ev.submitted_at! < ev.created_at).toBe(true);
      expect(ev.value.length).toBeGreaterThan(0);
    }
  });

  it("says everything the public sees in English and Urdu", async () => {
    const texts: [string | null, string | null][] = [];
    for (const e of await entries()) {
      const isPublic = e.status === "published" || e.published_open_at !== null;
      if (!isPublic) continue;
      texts.push([e.you_said_en, e.you_said_ur]);
      if (e.status === "published") texts.push([e.we_did_en, e.we_did_ur]);
    }
    for (const u of await db.selectFrom("loop_updates").select(["body_en", "body_ur"]).execute()) texts.push([u.body_en, u.body_ur]);
    expect(texts.length).toBeGreaterThan(20);
    for (const [en, ur] of texts) {
      expect(en?.trim().length, String(en)).toBeGreaterThan(0);
      expect(ur, `Urdu for "${en}"`).toMatch(URDU);
    }
    // A done or partly done claims a change, with its evidence and date; "not possible" gives its reason as We did.
    for (const e of (await entries()).filter((x) => x.outcome)) {
      if (e.outcome === "not_possible") expect([e.change_evidence, e.change_from, e.we_did_en!.length > 100]).toEqual([null, null, true]);
      else expect(e.change_evidence && e.change_from, `entry ${e.id}`).toBeTruthy();
    }
  });

  it("has dated updates, Did this help? answers and one request to look again, all before the demo's today", async () => {
    const updates = await db.selectFrom("loop_updates").select(["entry_id", "created_at"]).orderBy("id").execute();
    expect(updates.map((u) => u.entry_id)).toEqual([4, 8, 12, 3]);
    const ratings = await db.selectFrom("loop_ratings").innerJoin("loop_entries", "loop_entries.id", "loop_ratings.entry_id").selectAll().execute();
    const tally = (id: number) => Object.fromEntries(["yes", "partly", "no"].map((r) => [r, ratings.filter((x) => x.entry_id === id && x.rating === r).length]));
    expect(tally(1)).toEqual({ yes: 7, partly: 3, no: 2 });
    expect(ratings).toHaveLength(DEMO_LOOP.reduce((n, e) => n + (e.ratings ? e.ratings.yes + e.ratings.partly + e.ratings.no : 0), 0));
    for (const r of ratings) {
      expect(r.status).toBe("published");
      expect(r.rated_at > r.published_at! && r.rated_at.startsWith("2026-11-") && r.rated_at < TODAY).toBe(true);
    }
    const reviews = await db.selectFrom("loop_reviews").selectAll().execute();
    expect(reviews.map((r) => [r.entry_id, r.language, r.dealt_at])).toEqual([[10, "ur", null]]);
    expect(reviews[0].reason).toMatch(URDU);
    const asked = (await listEvents(db, 10)).filter((e) => e.action === "look_again");
    expect(asked).toEqual([expect.objectContaining({ userName: null, at: reviews[0].asked_at, fromStatus: "published", toStatus: "published" })]);
    for (const t of [...updates.map((u) => u.created_at), reviews[0].asked_at]) expect(t < TODAY).toBe(true);
  });

  it("adds the owners' sign-ins and keeps the earlier demo users as they were", async () => {
    const users = await db.selectFrom("users").select(["id", "email", "role"]).orderBy("id").execute();
    expect(users.map((u) => [u.email, u.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]));
    expect(users.slice(0, 6).map((u) => u.email)).toEqual([
      "admin@demo.test",
      "pcf@demo.test",
      "board@demo.test",
      "lead.senar-north@demo.test",
      "member.senar-north@demo.test",
      "member.slt@demo.test",
    ]);
  });

  it("is the same on every seed", async () => {
    const other = await seeded();
    for (const table of ["loop_entries", "loop_entry_services", "loop_evidence", "loop_events", "loop_updates", "loop_ratings", "loop_reviews"] as const) {
      const a = await db.selectFrom(table).selectAll().execute();
      const b = await other.selectFrom(table).selectAll().execute();
      expect(b, table).toEqual(a);
    }
  });
});
