import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, LoopStatus, Role } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { LOOP_ACTIONS, transitionRefusal, type LoopAction, type TransitionInput } from "~/loop/loop-states";
import {
  addPublicUpdate,
  applyTransition,
  createDraft,
  editDraft,
  findEntryFacts,
  listEvents,
  mayDraftFor,
  publishEntries,
  type DraftInput,
} from "~/loop/loop.server";
import { createTestDb } from "../support/db";
import { CLOSE_OUT, makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";
import { testPublication } from "../support/context";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

const T0 = new Date("2026-10-01T09:00:00Z");
const LATER = new Date("2026-10-05T14:30:00Z");

/** Everything a move could touch, to prove a refused one touched nothing. */
async function snapshot(id: number) {
  return {
    entry: await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirst(),
    events: await db.selectFrom("loop_events").selectAll().where("entry_id", "=", id).orderBy("id").execute(),
    services: await db.selectFrom("loop_entry_services").selectAll().where("entry_id", "=", id).orderBy("service_id").execute(),
    evidence: await db.selectFrom("loop_evidence").selectAll().where("entry_id", "=", id).orderBy("id").execute(),
    updates: await db.selectFrom("loop_updates").selectAll().where("entry_id", "=", id).orderBy("id").execute(),
  };
}

async function addUser(role: Role, serviceIds: number[], opts: { active?: boolean } = {}): Promise<StaffUser> {
  const email = `extra-${role}-${Math.random().toString(36).slice(2)}@test.example`;
  const { id } = await db
    .insertInto("users")
    .values({ email, name: `Extra ${role}`, password_hash: "scrypt$unused", role, active: opts.active === false ? 0 : 1, created_at: "2026-01-01T00:00:00.000Z" })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (serviceIds.length) await db.insertInto("user_services").values(serviceIds.map((service_id) => ({ user_id: id, service_id }))).execute();
  return { id, email, name: `Extra ${role}`, role, serviceIds };
}

/** A valid input for each move, so a refusal can only come from role or state. */
function validInput(action: LoopAction): TransitionInput {
  switch (action) {
    case "open":
      return { ownerId: world.users.memberA.id, dueOn: "2026-12-01" };
    case "reassign":
      return { ownerId: world.users.memberA.id, dueOn: "2026-12-15", reason: "Back from leave." };
    case "close":
      return CLOSE_OUT;
    case "send_back":
    case "discard":
      return { reason: "Please say what changed and from when." };
    case "publish":
    case "publish_open":
      return {};
  }
}

const STATES: LoopStatus[] = ["draft", "open", "closed", "published", "discarded"];

describe("refused moves", () => {
  it("every refused move, for every user and state, answers 403 or 409 and changes nothing", async () => {
    const users = Object.values(world.users);
    let refused = 0;
    for (const status of STATES) {
      const id = await makeEntry(db, world, status, { now: T0 });
      const { facts } = (await findEntryFacts(db, id))!;
      for (const action of LOOP_ACTIONS) {
        for (const user of users) {
          const refusal = transitionRefusal(user, action, facts);
          if (!refusal) continue;
          refused++;
          const before = await snapshot(id);
          const result = await applyTransition(db, user, id, action, validInput(action), LATER, testPublication());
          expect(result, `${user.name} ${action} on ${status}`).toEqual({ ok: false, status: refusal === "not_allowed" ? 403 : 409, refusal });
          expect(await snapshot(id), `${user.name} ${action} on ${status}`).toEqual(before);
        }
      }
    }
    // 5 states × 7 moves × 7 users, less the few that are allowed.
    expect(refused).toBeGreaterThan(200);
  });

  it("publishing an open entry as We are doing a second time is refused as already public", async () => {
    const id = await makeEntry(db, world, "open", { now: T0, publishedOpen: true });
    const before = await snapshot(id);
    expect(await applyTransition(db, world.users.pcf, id, "publish_open", {}, LATER, testPublication())).toEqual({ ok: false, status: 409, refusal: "already_public" });
    expect(await snapshot(id)).toEqual(before);
  });

  it("a missing or malformed id is 404", async () => {
    for (const id of [999_999, 0, -1, Number.NaN, 1.5]) {
      expect(await applyTransition(db, world.users.admin, id, "publish", {}, LATER, testPublication()), String(id)).toEqual({ ok: false, status: 404 });
    }
  });

  it("a move missing what it needs is 400 with the problems, and changes nothing", async () => {
    const draft = await makeEntry(db, world, "draft", { now: T0, draft: { youSaidUr: "" } });
    const open = await makeEntry(db, world, "open", { now: T0 });
    const closed = await makeEntry(db, world, "closed", { now: T0 });
    const cases: [number, StaffUser, LoopAction, TransitionInput, string[]][] = [
      [draft, world.users.leadA, "open", {}, ["owner_missing", "dueOn_missing", "youSaidUr_missing"]],
      [draft, world.users.leadA, "open", { ownerId: world.users.memberA.id, dueOn: "2026-10-04" }, ["dueOn_past", "youSaidUr_missing"]],
      [draft, world.users.leadA, "discard", { reason: " " }, ["reason_missing"]],
      [open, world.users.leadA, "reassign", { ownerId: world.users.memberA.id, dueOn: "2026-31-12" }, ["dueOn_invalid", "reason_missing"]],
      [open, world.users.memberA, "close", {}, ["outcome_missing", "weDidEn_missing", "weDidUr_missing", "outcomeNote_missing"]],
      [open, world.users.memberA, "close", { ...CLOSE_OUT, changeEvidence: "", changeFrom: null }, ["changeEvidence_missing", "changeFrom_missing"]],
      [open, world.users.memberA, "close", { ...CLOSE_OUT, outcome: "partly_done", weDidUr: "ی".repeat(2001) }, ["too_long"]],
      [closed, world.users.pcf, "send_back", {}, ["reason_missing"]],
      [closed, world.users.pcf, "send_back", { reason: "x".repeat(501) }, ["too_long"]],
    ];
    for (const [id, user, action, input, codes] of cases) {
      const before = await snapshot(id);
      const result = await applyTransition(db, user, id, action, input, LATER, testPublication());
      expect(result.ok, `${action} ${JSON.stringify(input).slice(0, 60)}`).toBe(false);
      expect(result.ok === false && result.status).toBe(400);
      expect(result.ok === false && "problems" in result && result.problems.map((p) => p.code)).toEqual(codes);
      expect(await snapshot(id)).toEqual(before);
    }
  });
});

describe("allowed moves", () => {
  it("each writes exactly one audit event with who, when, from, to and why", async () => {
    const { users } = world;
    const id = (await createDraft(db, users.memberA, draftFor(world.serviceA), T0)) as { ok: true; value: number };
    const steps: [StaffUser, LoopAction, TransitionInput, LoopStatus, LoopStatus, string | null, string | null][] = [
      [users.leadA, "open", { ownerId: users.memberA.id, dueOn: "2026-12-01" }, "draft", "open", null, "Member of A · 2026-12-01"],
      [users.leadA, "reassign", { ownerId: users.leadA.id, dueOn: "2026-12-10", reason: "Tom is on leave." }, "open", "open", "Tom is on leave.", "Lead of A · 2026-12-10"],
      [users.pcf, "publish_open", {}, "open", "open", null, null],
      [users.leadA, "close", { ...CLOSE_OUT, outcome: "partly_done" }, "open", "closed", null, "partly_done"],
      [users.pcf, "send_back", { reason: "  Say how many calls are answered.  " }, "closed", "open", "Say how many calls are answered.", null],
      [users.admin, "close", CLOSE_OUT, "open", "closed", null, "done"],
      [users.pcf, "publish", {}, "closed", "published", null, null],
    ];
    let at = T0.getTime();
    for (const [user, action, input, from, to, reason, detail] of steps) {
      at += 86_400_000;
      const before = await listEvents(db, id.value);
      expect(await applyTransition(db, user, id.value, action, input, new Date(at), testPublication()), action).toEqual({ ok: true, value: undefined });
      const after = await listEvents(db, id.value);
      expect(after.slice(0, before.length)).toEqual(before);
      // (The texts each move changed are checked in tests/unit/loop-audit.test.ts.)
      expect(after.slice(before.length).map(({ id: _id, changes: _changes, ...e }) => e), action).toEqual([
        { at: new Date(at).toISOString(), action, fromStatus: from, toStatus: to, reason, detail, userName: user.name },
      ]);
      const entry = await db.selectFrom("loop_entries").select("status").where("id", "=", id.value).executeTakeFirstOrThrow();
      expect(entry.status).toBe(to);
    }
  });

  it("discarding a draft keeps it, with the reason in the trail", async () => {
    const id = await makeEntry(db, world, "draft", { now: T0 });
    expect(await applyTransition(db, world.users.memberA, id, "discard", { reason: "Duplicate." }, LATER, testPublication())).toEqual({ ok: true, value: undefined });
    const entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([entry.status, entry.discarded_at]).toEqual(["discarded", LATER.toISOString()]);
    expect((await listEvents(db, id)).at(-1)).toMatchObject({ action: "discard", fromStatus: "draft", toStatus: "discarded", reason: "Duplicate.", userName: "Member of A" });
  });

  it("a sent-back entry is re-opened for its owner, then closed again and published; the trail shows it all", async () => {
    const { users } = world;
    const id = await makeEntry(db, world, "closed", { now: T0 });
    expect(await applyTransition(db, users.pcf, id, "send_back", { reason: "Please say from when." }, LATER, testPublication())).toEqual({ ok: true, value: undefined });
    let entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([entry.status, entry.closed_at, entry.owner_id]).toEqual(["open", null, users.memberA.id]);
    // Sent back, it cannot be published until closed again.
    expect(await applyTransition(db, users.pcf, id, "publish", {}, LATER, testPublication())).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
    const reclosed = new Date("2026-10-07T10:00:00Z");
    expect(await applyTransition(db, users.memberA, id, "close", { ...CLOSE_OUT, changeFrom: "2026-09-15" }, reclosed, testPublication())).toEqual({ ok: true, value: undefined });
    entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([entry.status, entry.closed_at, entry.change_from]).toEqual(["closed", reclosed.toISOString(), "2026-09-15"]);
    expect(await applyTransition(db, users.pcf, id, "publish", {}, reclosed, testPublication())).toEqual({ ok: true, value: undefined });
    expect((await listEvents(db, id)).map((e) => [e.action, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ["create", null, "draft", null],
      ["open", "draft", "open", null],
      ["close", "open", "closed", null],
      ["send_back", "closed", "open", "Please say from when."],
      ["close", "open", "closed", null],
      ["publish", "closed", "published", null],
    ]);
  });

  it("a 'not possible' close-out keeps no change evidence, even if some was sent", async () => {
    const id = await makeEntry(db, world, "open", { now: T0 });
    await applyTransition(db, world.users.memberA, id, "close", { ...CLOSE_OUT, outcome: "not_possible" }, LATER, testPublication());
    const entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([entry.outcome, entry.change_evidence, entry.change_from, entry.we_did_en]).toEqual(["not_possible", null, null, CLOSE_OUT.weDidEn]);
  });

  it("a double submit of close or publish: the second is 409 and writes nothing", async () => {
    const id = await makeEntry(db, world, "open", { now: T0 });
    const [a, b] = await Promise.all([
      applyTransition(db, world.users.memberA, id, "close", CLOSE_OUT, LATER, testPublication()),
      applyTransition(db, world.users.memberA, id, "close", CLOSE_OUT, LATER, testPublication()),
    ]);
    expect([a, b]).toEqual([{ ok: true, value: undefined }, { ok: false, status: 409, refusal: "wrong_state" }]);
    const [c, d] = await Promise.all([
      applyTransition(db, world.users.pcf, id, "publish", {}, LATER, testPublication()),
      applyTransition(db, world.users.pcf, id, "publish", {}, LATER, testPublication()),
    ]);
    expect([c, d]).toEqual([{ ok: true, value: undefined }, { ok: false, status: 409, refusal: "wrong_state" }]);
    expect((await listEvents(db, id)).map((e) => e.action)).toEqual(["create", "open", "close", "publish"]);
  });
});

describe("owners", () => {
  it("must be an active lead or member of the lead or a contributing service", async () => {
    const { users } = world;
    const retired = await addUser("service_member", [world.serviceA], { active: false });
    const draft = await makeEntry(db, world, "draft", { now: T0 });
    for (const owner of [users.memberB, users.leadB, users.admin, users.pcf, users.board, retired]) {
      const before = await snapshot(draft);
      const result = await applyTransition(db, users.leadA, draft, "open", { ownerId: owner.id, dueOn: "2026-12-01" }, LATER, testPublication());
      expect(result, owner.name).toEqual({ ok: false, status: 400, problems: [{ field: "owner", code: "owner_invalid" }] });
      expect(await snapshot(draft)).toEqual(before);
    }
    expect(await applyTransition(db, users.leadA, draft, "open", { ownerId: 999_999, dueOn: "2026-12-01" }, LATER, testPublication())).toEqual({
      ok: false,
      status: 400,
      problems: [{ field: "owner", code: "owner_invalid" }],
    });

    // With B contributing, B's staff may own it; the same rule holds for a reassignment.
    const shared = await makeEntry(db, world, "draft", { now: T0, draft: { contributingServiceIds: [world.serviceB] } });
    expect(await applyTransition(db, users.leadA, shared, "open", { ownerId: users.memberB.id, dueOn: "2026-12-01" }, LATER, testPublication())).toEqual({ ok: true, value: undefined });
    expect(await applyTransition(db, users.leadA, shared, "reassign", { ownerId: retired.id, dueOn: "2026-12-01", reason: "Cover." }, LATER, testPublication())).toEqual({
      ok: false,
      status: 400,
      problems: [{ field: "owner", code: "owner_invalid" }],
    });
    expect(await applyTransition(db, users.leadA, shared, "reassign", { ownerId: users.leadB.id, dueOn: "2026-12-01", reason: "Cover." }, LATER, testPublication())).toEqual({
      ok: true,
      value: undefined,
    });
    // The owner of a contributing service closes it out; the lead of the contributing service may not.
    expect(await applyTransition(db, users.memberB, shared, "close", CLOSE_OUT, LATER, testPublication())).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
    expect(await applyTransition(db, users.leadB, shared, "close", CLOSE_OUT, LATER, testPublication())).toEqual({ ok: true, value: undefined });
  });
});

describe("publishing several at once", () => {
  it("publishes all of them, one event each, or none at all", async () => {
    const { users } = world;
    const a = await makeEntry(db, world, "closed", { now: T0 });
    const b = await makeEntry(db, world, "closed", { now: T0 });
    const stillOpen = await makeEntry(db, world, "open", { now: T0 });
    const before = await Promise.all([a, b, stillOpen].map(snapshot));

    expect(await publishEntries(db, users.pcf, [a, stillOpen, b], LATER, testPublication())).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
    expect(await publishEntries(db, users.pcf, [a, b, 999_999], LATER, testPublication())).toEqual({ ok: false, status: 404 });
    expect(await publishEntries(db, users.leadA, [a, b], LATER, testPublication())).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
    expect(await publishEntries(db, users.pcf, [], LATER, testPublication())).toEqual({ ok: false, status: 400, problems: [{ field: "entries", code: "entries_missing" }] });
    expect(await Promise.all([a, b, stillOpen].map(snapshot))).toEqual(before);

    expect(await publishEntries(db, users.pcf, [a, b, a], LATER, testPublication())).toEqual({ ok: true, value: [a, b] });
    for (const id of [a, b]) {
      const entry = await db.selectFrom("loop_entries").select(["status", "published_at"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(entry).toEqual({ status: "published", published_at: LATER.toISOString() });
      expect((await listEvents(db, id)).filter((e) => e.action === "publish")).toHaveLength(1);
    }
    // Submitting the same batch again publishes nothing twice.
    expect(await publishEntries(db, users.pcf, [a, b], LATER, testPublication())).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
  });
});

function draftFor(serviceId: number, over: Partial<DraftInput> = {}): DraftInput {
  return {
    leadServiceId: serviceId,
    contributingServiceIds: [],
    period: "2026-autumn",
    theme: "communication",
    youSaidEn: "Letters are hard to understand.",
    youSaidUr: "خطوط سمجھنا مشکل ہے۔",
    source: "survey",
    ...over,
  };
}

describe("drafts", () => {
  it("service staff draft from surveys for their own services; the PCF drafts from the forum for any; the board never", async () => {
    const { users, serviceA, serviceB } = world;
    const cases: [StaffUser, number, DraftInput["source"], boolean][] = [
      [users.memberA, serviceA, "survey", true],
      [users.leadA, serviceA, "survey", true],
      [users.memberA, serviceB, "survey", false],
      [users.memberA, serviceA, "forum", false],
      [users.pcf, serviceA, "forum", true],
      [users.pcf, serviceB, "forum", true],
      [users.pcf, serviceA, "survey", false],
      [users.board, serviceA, "survey", false],
      [users.board, serviceA, "forum", false],
      [users.admin, serviceB, "survey", true],
      [users.admin, serviceB, "forum", true],
    ];
    for (const [user, service, source, allowed] of cases) {
      const label = `${user.name} ${source} for ${service === serviceA ? "A" : "B"}`;
      expect(mayDraftFor(user, service, source), label).toBe(allowed);
      const count = async () => Number((await db.selectFrom("loop_entries").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
      const before = await count();
      const result = await createDraft(db, user, draftFor(service, { source, forumFamilies: source === "forum" ? 12 : null }), T0);
      if (allowed) {
        expect(result.ok, label).toBe(true);
        const id = (result as { value: number }).value;
        const entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
        expect([entry.status, entry.created_by, entry.source, entry.forum_families]).toEqual(["draft", user.id, source, source === "forum" ? 12 : null]);
        expect((await listEvents(db, id)).map((e) => [e.action, e.toStatus, e.userName])).toEqual([["create", "draft", user.name]]);
      } else {
        expect(result, label).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
        expect(await count()).toBe(before);
      }
    }
  });

  it("keeps the evidence of a survey draft and refuses a draft without what it needs", async () => {
    const { users, serviceA, serviceB } = world;
    const response = await db
      .insertInto("responses")
      .values({ campaign_id: world.campaign.id, service_id: serviceA, language: "en", channel: "open_link", resume_token: "tok-evidence", current_page: 1, started_at: T0.toISOString(), updated_at: T0.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ok = await createDraft(db, users.memberA, draftFor(serviceA, { contributingServiceIds: [serviceB, serviceA, serviceB], evidence: [{ responseId: response.id, answerId: null }] }), T0);
    expect(ok.ok).toBe(true);
    const id = (ok as { value: number }).value;
    const snap = await snapshot(id);
    expect(snap.services.map((s) => s.service_id)).toEqual([serviceB]);
    expect(snap.evidence.map((e) => e.response_id)).toEqual([response.id]);

    const bad = await createDraft(db, users.memberA, draftFor(serviceA, { period: "autumn", theme: "nonsense", youSaidEn: " ", youSaidUr: "ی".repeat(2001) }), T0);
    expect(bad).toEqual({
      ok: false,
      status: 400,
      problems: [
        { field: "period", code: "period_invalid" },
        { field: "theme", code: "theme_missing" },
        { field: "youSaidEn", code: "youSaidEn_missing" },
        { field: "youSaidUr", code: "too_long" },
      ],
    });
  });

  it("can be edited only while a draft, by those allowed, and each edit is in the trail", async () => {
    const { users, serviceA, serviceB } = world;
    const id = await makeEntry(db, world, "draft", { now: T0 });
    const edit = draftFor(serviceA, { youSaidEn: "Nobody answered my emails.", contributingServiceIds: [serviceB] });
    expect(await editDraft(db, users.leadA, id, edit, LATER)).toEqual({ ok: true, value: undefined });
    const snap = await snapshot(id);
    expect([snap.entry!.you_said_en, snap.services.map((s) => s.service_id)]).toEqual(["Nobody answered my emails.", [serviceB]]);
    expect(snap.events.at(-1)).toMatchObject({ action: "edit", user_id: users.leadA.id, at: LATER.toISOString() });

    for (const [user, result] of [
      [users.memberB, { ok: false, status: 403, refusal: "not_allowed" }],
      [users.board, { ok: false, status: 403, refusal: "not_allowed" }],
      [users.pcf, { ok: false, status: 403, refusal: "not_allowed" }],
    ] as const) {
      const before = await snapshot(id);
      expect(await editDraft(db, user, id, edit, LATER), user.name).toEqual(result);
      expect(await snapshot(id)).toEqual(before);
    }
    // A member may not move a draft to a service they do not work for.
    expect(await editDraft(db, users.memberA, id, { ...edit, leadServiceId: serviceB }, LATER)).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
    expect(await editDraft(db, users.memberA, id, { ...edit, youSaidEn: "" }, LATER)).toEqual({
      ok: false,
      status: 400,
      problems: [{ field: "youSaidEn", code: "youSaidEn_missing" }],
    });
    expect(await editDraft(db, users.memberA, 999_999, edit, LATER)).toEqual({ ok: false, status: 404 });

    for (const status of ["open", "closed", "published", "discarded"] as const) {
      const other = await makeEntry(db, world, status, { now: T0 });
      const before = await snapshot(other);
      expect(await editDraft(db, users.admin, other, edit, LATER), status).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
      // Someone who could never edit it is refused for that, whatever its state.
      expect(await editDraft(db, users.memberB, other, edit, LATER), status).toEqual({ ok: false, status: 403, refusal: "not_allowed" });
      expect(await snapshot(other)).toEqual(before);
    }
  });
});

describe("dated updates to public entries", () => {
  const UPDATE = { bodyEn: "The new phone line opens on 1 December.", bodyUr: "نئی فون لائن یکم دسمبر کو کھلے گی۔" };

  it("go on published and We-are-doing entries, with an audit event", async () => {
    const published = await makeEntry(db, world, "published", { now: T0 });
    const doing = await makeEntry(db, world, "open", { now: T0, publishedOpen: true });
    for (const [id, status, user] of [
      [published, "published", world.users.pcf],
      [doing, "open", world.users.memberA],
    ] as const) {
      expect(await addPublicUpdate(db, user, id, { bodyEn: `  ${UPDATE.bodyEn} `, bodyUr: UPDATE.bodyUr }, LATER)).toEqual({ ok: true, value: undefined });
      const snap = await snapshot(id);
      expect(snap.updates.map((u) => [u.body_en, u.body_ur, u.created_at, u.created_by])).toEqual([[UPDATE.bodyEn, UPDATE.bodyUr, LATER.toISOString(), user.id]]);
      expect(snap.events.at(-1)).toMatchObject({ action: "add_update", from_status: status, to_status: status, user_id: user.id });
      expect(snap.entry!.status).toBe(status);
    }
  });

  it("are refused on entries the public cannot see, by people not allowed, and without both languages", async () => {
    const published = await makeEntry(db, world, "published", { now: T0 });
    const cases: [number, StaffUser, typeof UPDATE, unknown][] = [
      [published, world.users.memberB, UPDATE, { ok: false, status: 403, refusal: "not_allowed" }],
      [published, world.users.board, UPDATE, { ok: false, status: 403, refusal: "not_allowed" }],
      [published, world.users.pcf, { ...UPDATE, bodyUr: " " }, { ok: false, status: 400, problems: [{ field: "bodyUr", code: "bodyUr_missing" }] }],
      [published, world.users.pcf, { ...UPDATE, bodyEn: "x".repeat(2001) }, { ok: false, status: 400, problems: [{ field: "bodyEn", code: "too_long" }] }],
      [999_999, world.users.pcf, UPDATE, { ok: false, status: 404 }],
    ];
    for (const status of ["draft", "open", "closed", "discarded"] as const) {
      const id = await makeEntry(db, world, status, { now: T0 });
      cases.push([id, world.users.pcf, UPDATE, { ok: false, status: 409, refusal: "wrong_state" }]);
      // Someone who could never add an update is refused for that, whatever the state.
      cases.push([id, world.users.memberB, UPDATE, { ok: false, status: 403, refusal: "not_allowed" }]);
    }
    for (const [id, user, input, want] of cases) {
      const before = await snapshot(id);
      expect(await addPublicUpdate(db, user, id, input, LATER), `${user.name} on ${id}`).toEqual(want);
      expect(await snapshot(id)).toEqual(before);
    }
  });
});
