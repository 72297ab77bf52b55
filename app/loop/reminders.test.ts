import { describe, expect, it } from "vitest";
import { auditActionOf, recipientOf, remindersApplying, remindersDue, type ReminderFacts } from "./reminders";

const open: ReminderFacts = { status: "open", ownerId: 7, dueOn: "2026-12-01" };

describe("which reminders apply on a day", () => {
  it("follow the schedule: a week before, after the due date, and 14 days after", () => {
    const on = (today: string) => remindersApplying(open, today);
    expect(on("2026-11-23")).toEqual([]);
    expect(on("2026-11-24")).toEqual(["due_soon"]);
    expect(on("2026-12-01")).toEqual(["due_soon"]);
    expect(on("2026-12-02")).toEqual(["overdue"]);
    expect(on("2026-12-14")).toEqual(["overdue"]);
    expect(on("2026-12-15")).toEqual(["overdue", "escalation"]);
    expect(on("2027-03-01")).toEqual(["overdue", "escalation"]);
  });

  it("apply only to open entries with an owner and a real due date", () => {
    for (const status of ["draft", "closed", "published", "discarded"] as const) {
      expect(remindersApplying({ ...open, status }, "2026-12-20"), status).toEqual([]);
    }
    expect(remindersApplying({ ...open, ownerId: null }, "2026-12-20")).toEqual([]);
    expect(remindersApplying({ ...open, dueOn: null }, "2026-12-20")).toEqual([]);
    expect(remindersApplying({ ...open, dueOn: "2026-02-30" }, "2026-12-20")).toEqual([]);
  });
});

describe("which reminders are due", () => {
  it("leave out what went already for this due date, but not what went for an earlier one", () => {
    expect(remindersDue(open, "2026-11-25", [{ kind: "due_soon", dueOn: "2026-12-01" }])).toEqual([]);
    expect(remindersDue(open, "2026-12-20", [{ kind: "overdue", dueOn: "2026-12-01" }])).toEqual(["escalation"]);
    const moved = { ...open, dueOn: "2026-12-20" };
    expect(remindersDue(moved, "2026-12-13", [{ kind: "due_soon", dueOn: "2026-12-01" }])).toEqual(["due_soon"]);
  });

  it("after a long pause send only what applies now, never a stale \"due soon\"", () => {
    expect(remindersDue(open, "2026-12-20", [])).toEqual(["overdue", "escalation"]);
  });

  it("go to the owner, escalations to the leads, each with its audit action", () => {
    expect([recipientOf("due_soon"), recipientOf("overdue"), recipientOf("escalation")]).toEqual(["owner", "owner", "leads"]);
    expect([auditActionOf("due_soon"), auditActionOf("overdue"), auditActionOf("escalation")]).toEqual(["reminder", "reminder", "escalation"]);
  });
});
