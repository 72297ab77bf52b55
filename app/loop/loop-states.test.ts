import { describe, expect, it } from "vitest";
import type { LoopStatus } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import {
  addDays,
  availableActions,
  canAddUpdate,
  canEditDraft,
  canTransition,
  canViewEntry,
  daysBetween,
  isIsoDate,
  isLeadOf,
  isOverdue,
  LOOP_ACTIONS,
  SHORT_MAX,
  targetStatus,
  TEXT_MAX,
  transitionProblems,
  transitionRefusal,
  type EntryFacts,
  type LoopAction,
  type RefusalReason,
  type TransitionInput,
} from "./loop-states";

// The entry is led by service 1, with service 2 contributing; service 3 has nothing to do with it.
const LEAD_SERVICE = 1;
const CONTRIBUTING = 2;
const ELSEWHERE = 3;

const staff = (id: number, role: StaffUser["role"], serviceIds: number[]): StaffUser => ({ id, email: `u${id}@test`, name: `User ${id}`, role, serviceIds });

const USERS = {
  admin: staff(1, "admin", []),
  pcf: staff(2, "pcf", []),
  board: staff(3, "board", []),
  lead: staff(4, "service_lead", [LEAD_SERVICE]),
  leadOfContributing: staff(5, "service_lead", [CONTRIBUTING]),
  leadElsewhere: staff(6, "service_lead", [ELSEWHERE]),
  owner: staff(7, "service_member", [LEAD_SERVICE]),
  memberNotOwner: staff(8, "service_member", [LEAD_SERVICE]),
  memberOfContributing: staff(9, "service_member", [CONTRIBUTING]),
  creator: staff(10, "service_member", [LEAD_SERVICE]),
};
type Who = keyof typeof USERS;

/** The states an entry can be in; "open, public" is an open entry already shown as "We are doing". */
const STATES = ["draft", "open", "open, public", "closed", "published", "discarded"] as const;
type State = (typeof STATES)[number];

function facts(state: State): EntryFacts {
  const status: LoopStatus = state === "open, public" ? "open" : state;
  return {
    status,
    leadServiceId: LEAD_SERVICE,
    contributingServiceIds: [CONTRIBUTING],
    ownerId: status === "draft" || status === "discarded" ? null : USERS.owner.id,
    createdBy: USERS.creator.id,
    publishedOpenAt: state === "open, public" ? "2026-10-20T09:00:00.000Z" : null,
  };
}

/**
 * The rules, written out by hand. One letter per state, in the order of STATES
 * (draft, open, open public, closed, published, discarded):
 *   . allowed   N not_allowed   S wrong_state   P already_public
 * Changing who may do what must change this table.
 */
const EXPECTED: Record<LoopAction, Record<Who, string>> = {
  open: {
    admin: ".SSSSS",
    pcf: "NNNNNN",
    board: "NNNNNN",
    lead: ".SSSSS",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  reassign: {
    admin: "S..SSS",
    pcf: "NNNNNN",
    board: "NNNNNN",
    lead: "S..SSS",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  close: {
    admin: "S..SSS",
    pcf: "NNNNNN",
    board: "NNNNNN",
    lead: "S..SSS",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    // A draft or a discarded entry has no owner yet, so "the owner" is nobody special there.
    owner: "N..SSN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  send_back: {
    admin: "SSS.SS",
    pcf: "SSS.SS",
    board: "NNNNNN",
    lead: "NNNNNN",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  publish: {
    admin: "SSS.SS",
    pcf: "SSS.SS",
    board: "NNNNNN",
    lead: "NNNNNN",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  publish_open: {
    admin: "S.PSSS",
    pcf: "S.PSSS",
    board: "NNNNNN",
    lead: "NNNNNN",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: "NNNNNN",
  },
  discard: {
    admin: ".SSSSS",
    pcf: "NNNNNN",
    board: "NNNNNN",
    lead: ".SSSSS",
    leadOfContributing: "NNNNNN",
    leadElsewhere: "NNNNNN",
    owner: "NNNNNN",
    memberNotOwner: "NNNNNN",
    memberOfContributing: "NNNNNN",
    creator: ".SSSSS",
  },
};

const LETTER: Record<string, RefusalReason | null> = { ".": null, N: "not_allowed", S: "wrong_state", P: "already_public" };

describe("who may make which move, in which state", () => {
  it("the table covers every action and every kind of user", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...LOOP_ACTIONS].sort());
    for (const action of LOOP_ACTIONS) expect(Object.keys(EXPECTED[action]).sort()).toEqual(Object.keys(USERS).sort());
  });

  for (const action of LOOP_ACTIONS) {
    describe(action, () => {
      for (const who of Object.keys(USERS) as Who[]) {
        it(`${who}: ${EXPECTED[action][who]}`, () => {
          const got = STATES.map((state) => transitionRefusal(USERS[who], action, facts(state)));
          const want = [...EXPECTED[action][who]].map((letter) => LETTER[letter]);
          expect(Object.fromEntries(STATES.map((s, i) => [s, got[i]]))).toEqual(Object.fromEntries(STATES.map((s, i) => [s, want[i]])));
          // canTransition and availableActions agree with the refusal.
          STATES.forEach((state, i) => {
            expect(canTransition(USERS[who], action, facts(state))).toBe(want[i] === null);
            expect(availableActions(USERS[who], facts(state)).includes(action)).toBe(want[i] === null);
          });
        });
      }
    });
  }

  it("a member becomes able to close only by being made the owner", () => {
    const entry = { ...facts("open"), ownerId: USERS.memberNotOwner.id };
    expect(transitionRefusal(USERS.memberNotOwner, "close", entry)).toBeNull();
    expect(transitionRefusal(USERS.owner, "close", entry)).toBe("not_allowed");
  });

  it("the PCF may discard a forum draft it wrote itself, but not someone else's", () => {
    expect(transitionRefusal(USERS.pcf, "discard", { ...facts("draft"), createdBy: USERS.pcf.id })).toBeNull();
    expect(transitionRefusal(USERS.pcf, "discard", facts("draft"))).toBe("not_allowed");
  });

  it("a lead who leads both services of an entry is its lead through the lead service only", () => {
    expect(isLeadOf(USERS.lead, facts("open"))).toBe(true);
    expect(isLeadOf(USERS.leadOfContributing, facts("open"))).toBe(false);
    expect(isLeadOf(USERS.owner, facts("open"))).toBe(false);
    expect(isLeadOf(staff(11, "service_lead", [ELSEWHERE, LEAD_SERVICE]), facts("open"))).toBe(true);
  });

  it("each move ends in its own state", () => {
    expect(LOOP_ACTIONS.map((a) => [a, targetStatus(a, a === "open" || a === "discard" ? "draft" : a === "send_back" || a === "publish" ? "closed" : "open")])).toEqual([
      ["open", "open"],
      ["reassign", "open"],
      ["close", "closed"],
      ["send_back", "open"],
      ["publish", "published"],
      ["publish_open", "open"],
      ["discard", "discarded"],
    ]);
  });
});

describe("who may see, edit and update an entry", () => {
  const ALL = Object.keys(USERS) as Who[];
  const who = (pred: (u: StaffUser) => boolean) => ALL.filter((w) => pred(USERS[w]));

  it("staff of the lead and contributing services, the PCF and admins see it; the board and other services do not", () => {
    expect(who((u) => canViewEntry(u, facts("open")))).toEqual(["admin", "pcf", "lead", "leadOfContributing", "owner", "memberNotOwner", "memberOfContributing", "creator"]);
  });

  it("a draft is edited by admins, its creator and staff of the lead service, and nothing else is editable", () => {
    expect(who((u) => canEditDraft(u, facts("draft")))).toEqual(["admin", "lead", "owner", "memberNotOwner", "creator"]);
    expect(canEditDraft(USERS.pcf, { ...facts("draft"), createdBy: USERS.pcf.id })).toBe(true);
    for (const state of STATES.filter((s) => s !== "draft")) expect(who((u) => canEditDraft(u, facts(state))), state).toEqual([]);
  });

  it("a dated update goes only on an entry the public can see, by admins, the PCF, the owner or the lead", () => {
    const mayUpdate = ["admin", "pcf", "lead", "owner"];
    expect(who((u) => canAddUpdate(u, facts("published")))).toEqual(mayUpdate);
    expect(who((u) => canAddUpdate(u, facts("open, public")))).toEqual(mayUpdate);
    expect(who((u) => canAddUpdate(u, { ...facts("closed"), publishedOpenAt: "2026-10-20T09:00:00.000Z" }))).toEqual(mayUpdate);
    for (const state of ["draft", "open", "closed", "discarded"] as const) expect(who((u) => canAddUpdate(u, facts(state))), state).toEqual([]);
  });
});

describe("what each move needs", () => {
  const TODAY = "2026-11-25";
  const codes = (action: LoopAction, input: TransitionInput) => transitionProblems(action, input, TODAY).map((p) => `${p.field}:${p.code}`);
  const OPENING: TransitionInput = { ownerId: 7, dueOn: "2026-12-01", youSaidEn: "Calls go unanswered.", youSaidUr: "کالز کا جواب نہیں ملتا۔" };
  const CLOSING: TransitionInput = {
    outcome: "done",
    weDidEn: "We answer calls within two days.",
    weDidUr: "ہم دو دن میں کالز کا جواب دیتے ہیں۔",
    outcomeNote: "Checked weekly.",
    changeEvidence: "Phone system logs.",
    changeFrom: "2026-10-01",
  };
  const long = (n: number) => "x".repeat(n + 1);

  it("opening needs an owner, a due date from today on and You said in both languages", () => {
    expect(codes("open", OPENING)).toEqual([]);
    expect(codes("open", { ...OPENING, dueOn: TODAY })).toEqual([]);
    expect(codes("open", {})).toEqual(["owner:owner_missing", "dueOn:dueOn_missing", "youSaidEn:youSaidEn_missing", "youSaidUr:youSaidUr_missing"]);
    expect(codes("open", { ...OPENING, ownerId: null, dueOn: null })).toEqual(["owner:owner_missing", "dueOn:dueOn_missing"]);
    expect(codes("open", { ...OPENING, dueOn: "2026-11-24" })).toEqual(["dueOn:dueOn_past"]);
    for (const bad of ["2026-02-30", "25/11/2026", "2026-1-5", "tomorrow"]) expect(codes("open", { ...OPENING, dueOn: bad }), bad).toEqual(["dueOn:dueOn_invalid"]);
    expect(codes("open", { ...OPENING, youSaidUr: "   " })).toEqual(["youSaidUr:youSaidUr_missing"]);
    expect(codes("open", { ...OPENING, youSaidEn: long(TEXT_MAX) })).toEqual(["youSaidEn:too_long"]);
    expect(codes("open", { ...OPENING, youSaidEn: "x".repeat(TEXT_MAX) })).toEqual([]);
    // Opening asks for no reason.
    expect(codes("open", { ...OPENING, reason: "" })).toEqual([]);
  });

  it("reassigning needs an owner, a due date from today on and a short reason", () => {
    const input = { ownerId: 8, dueOn: "2027-01-15", reason: "Tom is on leave." };
    expect(codes("reassign", input)).toEqual([]);
    expect(codes("reassign", {})).toEqual(["owner:owner_missing", "dueOn:dueOn_missing", "reason:reason_missing"]);
    expect(codes("reassign", { ...input, dueOn: "2026-11-01" })).toEqual(["dueOn:dueOn_past"]);
    expect(codes("reassign", { ...input, reason: long(SHORT_MAX) })).toEqual(["reason:too_long"]);
    // The You said texts are not asked for again.
    expect(codes("reassign", { ...input, youSaidEn: "", youSaidUr: "" })).toEqual([]);
  });

  it("closing out needs an outcome, We did in both languages and a note; a claimed change needs its evidence and date", () => {
    expect(codes("close", CLOSING)).toEqual([]);
    expect(codes("close", {})).toEqual(["outcome:outcome_missing", "weDidEn:weDidEn_missing", "weDidUr:weDidUr_missing", "outcomeNote:outcomeNote_missing"]);
    for (const outcome of ["done", "partly_done"] as const) {
      expect(codes("close", { ...CLOSING, outcome, changeEvidence: "", changeFrom: null }), outcome).toEqual([
        "changeEvidence:changeEvidence_missing",
        "changeFrom:changeFrom_missing",
      ]);
      expect(codes("close", { ...CLOSING, outcome, changeFrom: "2026-13-01" }), outcome).toEqual(["changeFrom:changeFrom_invalid"]);
    }
    // "Not possible" claims no change: its We did is the reason, and no evidence is asked for.
    expect(codes("close", { ...CLOSING, outcome: "not_possible", changeEvidence: "", changeFrom: null })).toEqual([]);
    expect(codes("close", { ...CLOSING, outcome: "not_possible", weDidUr: "" })).toEqual(["weDidUr:weDidUr_missing"]);
    expect(codes("close", { ...CLOSING, weDidEn: long(TEXT_MAX), outcomeNote: long(TEXT_MAX), changeEvidence: long(TEXT_MAX) })).toEqual([
      "weDidEn:too_long",
      "outcomeNote:too_long",
      "changeEvidence:too_long",
    ]);
    // A due date or owner is not the close-out's business.
    expect(codes("close", { ...CLOSING, dueOn: "2020-01-01", ownerId: null })).toEqual([]);
  });

  it("sending back and discarding need a reason of at most SHORT_MAX characters", () => {
    for (const action of ["send_back", "discard"] as const) {
      expect(codes(action, { reason: "Please say how many posts are filled." }), action).toEqual([]);
      expect(codes(action, {}), action).toEqual(["reason:reason_missing"]);
      expect(codes(action, { reason: "  \n " }), action).toEqual(["reason:reason_missing"]);
      expect(codes(action, { reason: "x".repeat(SHORT_MAX) }), action).toEqual([]);
      expect(codes(action, { reason: long(SHORT_MAX) }), action).toEqual(["reason:too_long"]);
    }
  });

  it("publishing needs nothing more", () => {
    expect(codes("publish", {})).toEqual([]);
    expect(codes("publish_open", {})).toEqual([]);
  });
});

describe("dates", () => {
  it("an open entry is overdue the day after its due date, and nothing else ever is", () => {
    expect(isOverdue({ status: "open", dueOn: "2026-11-24" }, "2026-11-25")).toBe(true);
    expect(isOverdue({ status: "open", dueOn: "2026-11-25" }, "2026-11-25")).toBe(false);
    expect(isOverdue({ status: "open", dueOn: null }, "2026-11-25")).toBe(false);
    for (const status of ["draft", "closed", "published", "discarded"] as const) {
      expect(isOverdue({ status, dueOn: "2026-01-01" }, "2026-11-25"), status).toBe(false);
    }
  });

  it("counts calendar days, whatever the time of day", () => {
    expect(daysBetween("2026-10-01", "2026-10-15")).toBe(14);
    expect(daysBetween("2026-10-01T23:59:00.000Z", "2026-10-02T00:01:00.000Z")).toBe(1);
    expect(daysBetween("2026-10-15", "2026-10-01")).toBe(-14);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // across the clocks going forward
    expect(daysBetween("2026-11-25", "2026-11-25T18:00:00.000Z")).toBe(0);
    expect(addDays("2026-11-25", 7)).toBe("2026-12-02");
    expect(addDays("2026-12-28T10:00:00.000Z", 14)).toBe("2027-01-11");
    expect(addDays("2026-11-25", -14)).toBe("2026-11-11");
  });

  it("accepts only real calendar dates as YYYY-MM-DD", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2027-02-29", "2026-11-31", "2026-11-25T00:00:00Z", "", null, undefined]) expect(isIsoDate(bad), String(bad)).toBe(false);
  });
});
