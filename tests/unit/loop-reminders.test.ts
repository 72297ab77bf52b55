import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { runJobs } from "~/jobs/jobs.server";
import { addDays } from "~/loop/loop-states";
import { applyTransition, listEvents } from "~/loop/loop.server";
import { createMailTransport, type Transporter } from "~/mail/transport.server";
import { createTestDb } from "../support/db";
import { PUBLIC_URL } from "../support/campaigns";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { testPublication, testJobSettings } from "../support/context";

// Owner reminders and lead escalations (DESIGN.md "The loop"), end to end: the job
// runner on a fixed clock, the outbox, and a real SMTP server on 127.0.0.1.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let sink: SmtpSink;
let transport: Transporter;
let world: LoopWorld;

const DUE = "2026-12-01";
const at = (day: string) => new Date(`${day}T09:00:00Z`);

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  sink = await startSmtpSink();
  transport = createMailTransport(sink.url);
  world = await makeLoopWorld(db);
});
afterEach(async () => {
  transport.close();
  await sink.stop();
  await cleanup();
});

/** Runs the jobs on each day, in order; returns what arrived on each day. */
async function walk(days: string[]) {
  const arrived: Record<string, { to: string; subject: string; text: string; html: string }[]> = {};
  for (const day of days) {
    const before = sink.messages.length;
    const summary = await runJobs(db, { ...testJobSettings(), transport, now: at(day), publicUrl: PUBLIC_URL });
    expect(summary.mail?.failed, day).toBe(0);
    arrived[day] = sink.messages.slice(before).map((m) => ({ to: m.to.join(","), subject: m.subject, text: m.text, html: m.html }));
  }
  return arrived;
}

async function addUser(role: "service_lead" | "service_member", serviceId: number, name: string, active = 1) {
  const { id } = await db
    .insertInto("users")
    .values({ email: `${name.toLowerCase().replace(/\W+/g, ".")}@test.example`, name, password_hash: "scrypt$unused", role, active, created_at: "2026-01-01T00:00:00.000Z" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("user_services").values({ user_id: id, service_id: serviceId }).execute();
  return `${name.toLowerCase().replace(/\W+/g, ".")}@test.example`;
}

describe("loop reminders over real SMTP", () => {
  it("email the owner once a week before and once after the due date, then every active lead once at 14 days", async () => {
    const id = await makeEntry(db, world, "open", { dueOn: DUE });
    // Entries that must never be reminded: closed, published, a draft, and one for service B.
    await makeEntry(db, world, "closed", { dueOn: DUE });
    await makeEntry(db, world, "published", { dueOn: DUE });
    await makeEntry(db, world, "draft");
    const secondLead = await addUser("service_lead", world.serviceA, "Second Lead");
    await addUser("service_lead", world.serviceA, "Former Lead", 0);

    const days = [-8, -7, -6, 0, 1, 2, 13, 14, 15].map((d) => addDays(DUE, d));
    const arrived = await walk(days);
    const owner = world.users.memberA.email;
    const lead = world.users.leadA.email;
    expect(Object.entries(arrived).map(([day, ms]) => [day, ms.map((m) => m.to).sort()])).toEqual([
      ["2026-11-23", []],
      ["2026-11-24", [owner]],
      ["2026-11-25", []],
      ["2026-12-01", []],
      ["2026-12-02", [owner]],
      ["2026-12-03", []],
      ["2026-12-14", []],
      ["2026-12-15", [lead, secondLead].sort()],
      ["2026-12-16", []],
    ]);

    // Each names the entry, says what to do and links to its staff page.
    const link = `${PUBLIC_URL}/staff/loop/${id}`;
    const [dueSoon] = arrived["2026-11-24"];
    expect(dueSoon.subject).toBe("Due 1 December 2026: a You Said, We Did entry you own");
    expect(dueSoon.text).toContain("You said: Calls and emails go unanswered.");
    expect(dueSoon.text).toContain("Due date: 1 December 2026");
    expect(dueSoon.text).toContain("Close it out by the due date");
    expect(dueSoon.text).toContain(link);
    expect(dueSoon.html).toContain(`href="${link}"`);
    const [overdue] = arrived["2026-12-02"];
    expect(overdue.subject).toBe("Overdue: a You Said, We Did entry you own was due 1 December 2026");
    expect(overdue.text).toContain(link);
    const escalation = arrived["2026-12-15"].find((m) => m.to === lead)!;
    expect(escalation.subject).toMatch(/^14 days overdue: a .+ You Said, We Did entry$/);
    expect(escalation.text).toContain("owned by Member of A");
    expect(escalation.text).toContain("Please check with Member of A");
    expect(escalation.text).toContain(link);
    // Service names come from the fixture's services; the email names the lead service.
    const service = await db.selectFrom("services").select("name_en").where("id", "=", world.serviceA).executeTakeFirstOrThrow();
    expect(escalation.text).toContain(`Service: ${service.name_en}`);

    // One row per reminder, and the audit trail says who was told, by nobody in particular.
    const rows = await db.selectFrom("loop_reminders").select(["entry_id", "kind", "due_on"]).orderBy("sent_at").execute();
    expect(rows).toEqual([
      { entry_id: id, kind: "due_soon", due_on: DUE },
      { entry_id: id, kind: "overdue", due_on: DUE },
      { entry_id: id, kind: "escalation", due_on: DUE },
    ]);
    const events = (await listEvents(db, id)).filter((e) => e.action === "reminder" || e.action === "escalation");
    expect(events.map((e) => [e.action, e.userName, e.detail])).toEqual([
      ["reminder", null, `due_soon · Member of A <${owner}>`],
      ["reminder", null, `overdue · Member of A <${owner}>`],
      ["escalation", null, `escalation · Lead of A <${lead}>`],
      ["escalation", null, `escalation · Second Lead <${secondLead}>`],
    ]);
  });

  it("start again for a new due date after a reassign", async () => {
    const id = await makeEntry(db, world, "open", { dueOn: DUE });
    const first = await walk(["2026-11-24"]);
    expect(first["2026-11-24"].map((m) => m.subject)).toEqual(["Due 1 December 2026: a You Said, We Did entry you own"]);
    const moved = await applyTransition(db, world.users.leadA, id, "reassign", { ownerId: world.users.memberA.id, dueOn: "2026-12-20", reason: "Waiting for the new phone system." }, at("2026-11-25"), testPublication());
    expect(moved.ok).toBe(true);
    const arrived = await walk(["2026-11-26", "2026-12-02", "2026-12-12", "2026-12-13", "2026-12-21", "2027-01-02", "2027-01-03"]);
    expect(Object.entries(arrived).map(([day, ms]) => [day, ms.map((m) => m.subject)])).toEqual([
      ["2026-11-26", []],
      // The old date passes: nothing, it is no longer the due date.
      ["2026-12-02", []],
      ["2026-12-12", []],
      ["2026-12-13", ["Due 20 December 2026: a You Said, We Did entry you own"]],
      ["2026-12-21", ["Overdue: a You Said, We Did entry you own was due 20 December 2026"]],
      ["2027-01-02", []],
      ["2027-01-03", [expect.stringMatching(/^14 days overdue/)]],
    ]);
  });

  it("after a long pause send the overdue reminder and the escalation, never a stale \"due soon\"; a closed entry gets nothing", async () => {
    const id = await makeEntry(db, world, "open", { dueOn: DUE });
    const closedLater = await makeEntry(db, world, "open", { dueOn: DUE });
    const closed = await applyTransition(db, world.users.memberA, closedLater, "close", {
      outcome: "not_possible",
      weDidEn: "We could not change the phone system this year.",
      weDidUr: "ہم اس سال فون سسٹم تبدیل نہیں کر سکے۔",
      outcomeNote: "Budget refused.",
    }, at("2026-11-20"), testPublication());
    expect(closed.ok).toBe(true);
    const arrived = await walk(["2026-12-20", "2026-12-21"]);
    expect(arrived["2026-12-20"].map((m) => [m.to, m.subject.split(":")[0]]).sort()).toEqual(
      [
        [world.users.memberA.email, "Overdue"],
        [world.users.leadA.email, "14 days overdue"],
      ].sort(),
    );
    expect(arrived["2026-12-20"].every((m) => m.text.includes(`/staff/loop/${id}`))).toBe(true);
    expect(arrived["2026-12-21"]).toEqual([]);
  });

  it("queue reminders without a mail server, and send them once it is there", async () => {
    await makeEntry(db, world, "open", { dueOn: DUE });
    const offline = await runJobs(db, { ...testJobSettings(), transport: null, now: at("2026-11-24"), publicUrl: PUBLIC_URL });
    expect(offline.loop).toEqual({ owner: 1, escalation: 0 });
    expect(offline.mailWaiting).toBe(1);
    const online = await runJobs(db, { ...testJobSettings(), transport, now: at("2026-11-25"), publicUrl: PUBLIC_URL });
    expect(online.loop).toEqual({ owner: 0, escalation: 0 });
    expect(online.mail?.sent).toBe(1);
    expect(sink.messages.map((m) => m.to)).toEqual([[world.users.memberA.email]]);
  });
});
