import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { applyTransition, listEvents } from "~/loop/loop.server";
import { createTestDb } from "../support/db";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";
import { testPublication } from "../support/context";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

describe("the loop's life", () => {
  it("goes draft → open → closed → published, writing each step to the audit trail", async () => {
    const id = await makeEntry(db, world, "published");
    const entry = await db.selectFrom("loop_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(entry.status).toBe("published");
    expect(entry.owner_id).toBe(world.users.memberA.id);
    const events = await listEvents(db, id);
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.userName])).toEqual([
      ["create", null, "draft", "Member of A"],
      ["open", "draft", "open", "Lead of A"],
      ["close", "open", "closed", "Member of A"],
      ["publish", "closed", "published", "Forum Volunteer"],
    ]);
  });

  it("refuses a second publish of the same entry with 409 and changes nothing", async () => {
    const id = await makeEntry(db, world, "published");
    const before = await listEvents(db, id);
    const again = await applyTransition(db, world.users.pcf, id, "publish", {}, new Date("2026-10-02T00:00:00Z"), testPublication());
    expect(again).toEqual({ ok: false, status: 409, refusal: "wrong_state" });
    expect(await listEvents(db, id)).toHaveLength(before.length);
  });
});
