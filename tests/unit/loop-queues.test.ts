import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { listEvents } from "~/loop/loop.server";
import {
  awaitingPublication,
  dealWithRequest,
  dueMark,
  forumDrafts,
  myOpenEntries,
  openLookAgainRequests,
  serviceEntries,
} from "~/loop/queues.server";
import { createDraft } from "~/loop/loop.server";
import { createTestDb } from "../support/db";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

async function askAgain(entryId: number, reason = "The phone line still rings out.") {
  const { id } = await db
    .insertInto("loop_reviews")
    .values({ entry_id: entryId, reason, language: "en", asked_at: "2026-11-01T10:00:00.000Z", dealt_at: null, dealt_by: null, dealt_note: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

describe("due marks", () => {
  it("say overdue after the due date and due soon within 7 days, only for open entries", () => {
    const today = "2026-11-25";
    expect(dueMark({ status: "open", dueOn: "2026-11-24" }, today)).toBe("overdue");
    expect(dueMark({ status: "open", dueOn: "2026-11-25" }, today)).toBe("due_soon");
    expect(dueMark({ status: "open", dueOn: "2026-12-02" }, today)).toBe("due_soon");
    expect(dueMark({ status: "open", dueOn: "2026-12-03" }, today)).toBeNull();
    expect(dueMark({ status: "closed", dueOn: "2026-11-01" }, today)).toBeNull();
    expect(dueMark({ status: "draft", dueOn: null }, today)).toBeNull();
  });
});

describe("the queues", () => {
  it("give an owner their open entries, soonest due first", async () => {
    const later = await makeEntry(db, world, "open", { dueOn: "2027-02-01" });
    const sooner = await makeEntry(db, world, "open", { dueOn: "2026-12-01" });
    await makeEntry(db, world, "closed");
    await makeEntry(db, world, "draft");
    const mine = await myOpenEntries(db, world.users.memberA.id);
    expect(mine.map((e) => e.id)).toEqual([sooner, later]);
    expect(mine[0]).toMatchObject({ status: "open", ownerName: "Member of A", dueOn: "2026-12-01" });
    expect(await myOpenEntries(db, world.users.memberB.id)).toEqual([]);
  });

  it("show a service every entry it leads or contributes to, and can pick one status", async () => {
    const onlyA = await makeEntry(db, world, "draft");
    const shared = await makeEntry(db, world, "open", { draft: { contributingServiceIds: [world.serviceB] } });
    const forB = await serviceEntries(db, [world.serviceB]);
    expect(forB.map((e) => e.id)).toEqual([shared]);
    expect(forB[0].contributing.map((s) => s.id)).toEqual([world.serviceB]);
    expect((await serviceEntries(db, [world.serviceA])).map((e) => e.id).sort()).toEqual([onlyA, shared].sort());
    expect((await serviceEntries(db, [world.serviceA], "draft")).map((e) => e.id)).toEqual([onlyA]);
    expect((await serviceEntries(db, null)).length).toBe(2);
    expect(await serviceEntries(db, [])).toEqual([]);
  });

  it("give the PCF closed entries to publish and forum drafts", async () => {
    const closed = await makeEntry(db, world, "closed");
    await makeEntry(db, world, "published");
    await makeEntry(db, world, "open");
    const forum = await createDraft(db, world.users.pcf, {
      leadServiceId: world.serviceB,
      contributingServiceIds: [],
      period: "2026-autumn",
      theme: "information",
      youSaidEn: "Nobody told us about the Local Offer.",
      youSaidUr: "",
      source: "forum",
      forumFamilies: 9,
    });
    expect((await awaitingPublication(db)).map((e) => e.id)).toEqual([closed]);
    expect((await forumDrafts(db)).map((e) => e.id)).toEqual([forum.ok ? forum.value : -1]);
  });
});

describe("families' requests to look again", () => {
  it("are listed until the PCF deals with them, with a note in the audit trail", async () => {
    const entry = await makeEntry(db, world, "published");
    const review = await askAgain(entry);
    expect((await openLookAgainRequests(db)).map((r) => [r.id, r.entry.id, r.reason])).toEqual([[review, entry, "The phone line still rings out."]]);

    const now = new Date("2026-11-02T09:00:00Z");
    expect(await dealWithRequest(db, world.users.memberA, review, "Nope", now)).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
    expect(await dealWithRequest(db, world.users.pcf, review, "  ", now)).toEqual({ ok: false, status: 400, problems: [{ field: "note", code: "note_missing" }] });
    expect(await dealWithRequest(db, world.users.pcf, review, "x".repeat(501), now)).toMatchObject({ status: 400, problems: [{ field: "note", code: "too_long" }] });
    expect(await dealWithRequest(db, world.users.pcf, review, "Raised with the lead; calls now answered.", now)).toEqual({ ok: true, value: undefined });

    expect(await openLookAgainRequests(db)).toEqual([]);
    const events = await listEvents(db, entry);
    expect(events.at(-1)).toMatchObject({ action: "look_again_dealt", reason: "Raised with the lead; calls now answered.", userName: "Forum Volunteer" });
    // Dealt with twice (two tabs): refused, nothing more written.
    expect(await dealWithRequest(db, world.users.admin, review, "Again", now)).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
    expect(await listEvents(db, entry)).toHaveLength(events.length);
    expect(await dealWithRequest(db, world.users.pcf, 999_999, "Note", now)).toEqual({ ok: false, status: 404 });
  });
});
