import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { applyTransition, editDraft } from "~/loop/loop.server";
import { loadEntryPage, type AuditRow } from "~/loop/entry-page.server";
import { sendLoopReminders } from "~/loop/reminders.server";
import { createTestDb } from "../support/db";
import { testPublication } from "../support/context";
import { CLOSE_OUT, makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";

// DESIGN.md "The loop": every transition and every change of text is kept in the audit trail
// with who, when (date and time), why, and the text before and after; it reads in words,
// never codes. A sent-back entry keeps its close-out texts for the owner to correct.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;
beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(async () => cleanup());

const at = (iso: string) => new Date(iso);
const publication = testPublication();

/** A row without its id, the way a reader sees it. */
const shown = ({ id: _id, ...row }: AuditRow) => row;

async function draftEditedOpened() {
  const { users } = world;
  const id = await makeEntry(db, world, "draft", { now: at("2026-10-01T09:00:00Z"), draft: { youSaidEn: "Calls go unanswered.", youSaidUr: "کالز کا جواب نہیں ملتا۔" } });
  const edited = await editDraft(
    db,
    users.memberA,
    id,
    {
      leadServiceId: world.serviceA,
      contributingServiceIds: [world.serviceB],
      period: "2026-autumn",
      theme: "communication",
      youSaidEn: "Calls and emails go unanswered.",
      youSaidUr: "کالز کا جواب نہیں ملتا۔",
    },
    at("2026-10-02T13:30:00Z"),
  );
  expect(edited.ok).toBe(true);
  expect(await applyTransition(db, users.leadA, id, "open", { ownerId: users.memberA.id, dueOn: "2026-12-01" }, at("2026-10-05T08:00:00Z"), publication)).toMatchObject({ ok: true });
  return id;
}

describe("the loop's audit trail", () => {
  it("shows a draft edit with the text before and after, with its date and time in UK time", async () => {
    const id = await draftEditedOpened();
    const page = await loadEntryPage(db, world.users.admin, id, "en", 5, at("2026-10-06T09:00:00Z"));
    const serviceB = await db.selectFrom("services").select("name_en").where("id", "=", world.serviceB).executeTakeFirstOrThrow();
    expect(page.events.map(shown)).toEqual([
      {
        at: "1 October 2026 at 10:00",
        who: "Member of A",
        action: "Started",
        detail: null,
        from: null,
        to: "Draft",
        reason: null,
        changes: [
          { field: "you_said_en", label: "“You said” in English", before: null, after: "Calls go unanswered.", lang: "en" },
          { field: "you_said_ur", label: "“You said” in Urdu", before: null, after: "کالز کا جواب نہیں ملتا۔", lang: "ur" },
        ],
      },
      {
        at: "2 October 2026 at 14:30",
        who: "Member of A",
        action: "Draft edited",
        detail: null,
        from: "Draft",
        to: "Draft",
        reason: null,
        changes: [
          { field: "contributing", label: "Contributing services", before: null, after: serviceB.name_en, lang: null },
          { field: "you_said_en", label: "“You said” in English", before: "Calls go unanswered.", after: "Calls and emails go unanswered.", lang: "en" },
        ],
      },
      {
        at: "5 October 2026 at 09:00",
        who: "Lead of A",
        action: "Opened",
        detail: null,
        from: "Draft",
        to: "Open",
        reason: null,
        changes: [
          { field: "owner", label: "Owner", before: null, after: "Member of A", lang: null },
          { field: "due_on", label: "Due date", before: null, after: "1 December 2026", lang: null },
        ],
      },
    ]);
  });

  it("keeps both close-outs of a sent-back entry, in order, pre-fills the owner's form, and names the system for a job", async () => {
    const { users } = world;
    const id = await draftEditedOpened();
    // The reminder job, a week before the due date.
    expect(await sendLoopReminders(db, at("2026-11-24T07:00:00Z"), { publicUrl: publication.publicUrl })).toEqual({ owner: 1, escalation: 0 });
    expect(await applyTransition(db, users.memberA, id, "close", CLOSE_OUT, at("2026-11-25T16:45:00Z"), publication)).toMatchObject({ ok: true });
    expect(await applyTransition(db, users.pcf, id, "send_back", { reason: "Say how many calls are answered." }, at("2026-11-26T10:00:00Z"), publication)).toMatchObject({ ok: true });

    // Sent back: the entry keeps its close-out, and the owner's close-out form starts from it.
    const sentBack = await loadEntryPage(db, users.memberA, id, "en", 5, at("2026-11-26T11:00:00Z"));
    expect(sentBack.entry).toMatchObject({ status: "open", weDidEn: CLOSE_OUT.weDidEn, weDidUr: CLOSE_OUT.weDidUr, outcomeNote: CLOSE_OUT.outcomeNote });
    expect(sentBack.actions).toContain("close");
    expect(sentBack.closeDefaults).toEqual({
      outcome: "done",
      weDidEn: CLOSE_OUT.weDidEn,
      weDidUr: CLOSE_OUT.weDidUr,
      outcomeNote: CLOSE_OUT.outcomeNote,
      changeEvidence: CLOSE_OUT.changeEvidence,
      changeFrom: "2026-10-01",
    });

    const secondWeDid = "We answer 9 calls in 10 within two working days.";
    expect(await applyTransition(db, users.memberA, id, "close", { ...CLOSE_OUT, weDidEn: secondWeDid }, at("2026-11-27T11:15:00Z"), publication)).toMatchObject({ ok: true });

    const page = await loadEntryPage(db, users.admin, id, "en", 5, at("2026-11-28T09:00:00Z"));
    const rows = page.events.map(shown);
    expect(rows.slice(3)).toEqual([
      {
        at: "24 November 2026 at 07:00",
        who: "The system",
        action: "Owner reminded",
        detail: `Due in a week: reminder to Member of A <${users.memberA.email}>`,
        from: null,
        to: null,
        reason: null,
        changes: [],
      },
      {
        at: "25 November 2026 at 16:45",
        who: "Member of A",
        action: "Closed out",
        detail: "Done",
        from: "Open",
        to: "Closed, waiting to be published",
        reason: null,
        changes: [
          { field: "outcome", label: "Outcome", before: null, after: "Done", lang: null },
          { field: "we_did_en", label: "“We did” in English", before: null, after: CLOSE_OUT.weDidEn, lang: "en" },
          { field: "we_did_ur", label: "“We did” in Urdu", before: null, after: CLOSE_OUT.weDidUr, lang: "ur" },
          { field: "outcome_note", label: "Outcome note", before: null, after: CLOSE_OUT.outcomeNote, lang: null },
          { field: "change_evidence", label: "What changed", before: null, after: CLOSE_OUT.changeEvidence, lang: null },
          { field: "change_from", label: "Changed from", before: null, after: "1 October 2026", lang: null },
        ],
      },
      {
        at: "26 November 2026 at 10:00",
        who: "Forum Volunteer",
        action: "Sent back",
        detail: null,
        from: "Closed, waiting to be published",
        to: "Open",
        reason: "Say how many calls are answered.",
        changes: [],
      },
      {
        at: "27 November 2026 at 11:15",
        who: "Member of A",
        action: "Closed out",
        detail: "Done",
        from: "Open",
        to: "Closed, waiting to be published",
        reason: null,
        // Only what changed; the first "We did" is still in the row above.
        changes: [{ field: "we_did_en", label: "“We did” in English", before: CLOSE_OUT.weDidEn, after: secondWeDid, lang: "en" }],
      },
    ]);

    // Words, not codes, in both languages.
    const urdu = await loadEntryPage(db, users.admin, id, "ur", 5, at("2026-11-28T09:00:00Z"));
    const reminder = urdu.events.find((e) => e.action === "مالک کو یاد دہانی کرائی گئی" || e.who === "سسٹم");
    expect(reminder?.who).toBe("سسٹم");
    for (const events of [page.events, urdu.events]) {
      const words = events.flatMap((e) => [e.at, e.who, e.action, e.detail, e.from, e.to, e.reason, ...e.changes.flatMap((c) => [c.label, c.before, c.after])]);
      for (const word of words) {
        if (word === null) continue;
        expect(word).not.toMatch(/\b(due_soon|overdue|escalation|partly_done|not_possible|done|2026-\d\d-\d\d)\b/);
      }
    }
  });
});
