import type { Kysely } from "kysely";
import type { Database, LoopStatus, Role } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { applyTransition, createDraft, type DraftInput } from "~/loop/loop.server";
import { makeCampaign } from "./fixtures";
import { testPublication } from "./context";

type Db = Kysely<Database>;

let serial = 0;

async function insertUser(db: Db, role: Role, serviceIds: number[], name: string): Promise<StaffUser> {
  serial++;
  const email = `loop-${role}-${serial}@test.example`;
  // A fixed hash: these users never sign in (use tests/support/staff.ts makeStaff for that).
  const { id } = await db
    .insertInto("users")
    .values({ email, name, password_hash: "scrypt$unused", role, created_at: "2026-01-01T00:00:00.000Z" })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (serviceIds.length) await db.insertInto("user_services").values(serviceIds.map((service_id) => ({ user_id: id, service_id }))).execute();
  return { id, email, name, role, serviceIds };
}

/**
 * Two services (A leads, B contributes or not) and one user of every kind:
 * admin, pcf, board, leadA, memberA (the usual owner), leadB, memberB.
 */
export async function makeLoopWorld(db: Db) {
  const { serviceIds, campaign } = await makeCampaign(db, { services: 2 });
  const [serviceA, serviceB] = serviceIds as [number, number];
  const users = {
    admin: await insertUser(db, "admin", [], "Admin Person"),
    pcf: await insertUser(db, "pcf", [], "Forum Volunteer"),
    board: await insertUser(db, "board", [], "Board Member"),
    leadA: await insertUser(db, "service_lead", [serviceA], "Lead of A"),
    memberA: await insertUser(db, "service_member", [serviceA], "Member of A"),
    leadB: await insertUser(db, "service_lead", [serviceB], "Lead of B"),
    memberB: await insertUser(db, "service_member", [serviceB], "Member of B"),
  };
  return { serviceA, serviceB, campaign, users };
}
export type LoopWorld = Awaited<ReturnType<typeof makeLoopWorld>>;

export const CLOSE_OUT = {
  outcome: "done" as const,
  weDidEn: "We answer every call within two working days.",
  weDidUr: "ہم ہر کال کا جواب دو کاروباری دنوں میں دیتے ہیں۔",
  outcomeNote: "Call logs checked weekly.",
  changeEvidence: "Call answering times from the phone system.",
  changeFrom: "2026-10-01",
};

/**
 * A survey-sourced entry for service A, moved by the real transitions to `status`
 * (owner memberA, due `dueOn`). Returns its id.
 */
export async function makeEntry(
  db: Db,
  world: LoopWorld,
  status: LoopStatus,
  opts: { now?: Date; dueOn?: string; draft?: Partial<DraftInput>; publishedOpen?: boolean } = {},
): Promise<number> {
  const now = opts.now ?? new Date("2026-10-01T09:00:00Z");
  const { users } = world;
  const created = await createDraft(
    db,
    users.memberA,
    {
      leadServiceId: world.serviceA,
      contributingServiceIds: [],
      period: "2026-autumn",
      theme: "communication",
      youSaidEn: "Calls and emails go unanswered.",
      youSaidUr: "کالز اور ای میلز کا جواب نہیں ملتا۔",
      source: "survey",
      ...opts.draft,
    },
    now,
  );
  if (!created.ok) throw new Error(`createDraft failed: ${JSON.stringify(created)}`);
  const id = created.value;
  const step = async (action: Parameters<typeof applyTransition>[3], user: StaffUser, input = {}) => {
    const r = await applyTransition(db, user, id, action, input, now, testPublication());
    if (!r.ok) throw new Error(`${action} failed: ${JSON.stringify(r)}`);
  };
  if (status === "draft") return id;
  if (status === "discarded") {
    await step("discard", users.leadA, { reason: "Duplicate of another entry." });
    return id;
  }
  await step("open", users.leadA, { ownerId: users.memberA.id, dueOn: opts.dueOn ?? "2026-12-01" });
  if (opts.publishedOpen) await step("publish_open", users.pcf);
  if (status === "open") return id;
  await step("close", users.memberA, CLOSE_OUT);
  if (status === "closed") return id;
  await step("publish", users.pcf);
  return id;
}
