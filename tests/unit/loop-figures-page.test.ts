import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database, LoopRating } from "@db/schema";
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as dashboardCsv from "~/routes/staff.dashboard.export[.csv]";
import type { StaffUser } from "~/auth/permissions";
import type { LoopAction, TransitionInput } from "~/loop/loop-states";
import { applyTransition, createDraft } from "~/loop/loop.server";
import type { DashboardView } from "~/results/dashboard-page.server";
import type { Figure } from "~/results/types";
import { parseCsv } from "~/surveys/translations";
import { createTestDb } from "../support/db";
import { CLOSE_OUT, makeLoopWorld, type LoopWorld } from "../support/loop";
import { makeStaff } from "../support/staff";
import { testContext, testPublication } from "../support/context";

// The loop figures on the board dashboard, from entries moved by the real transitions
// on set days and ratings as families give them, every figure worked out by hand below.
// "Today" is 15 January 2027 (the clock is fixed for the whole file).

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;
type Staff = Awaited<ReturnType<typeof makeStaff>>;
let admin: Staff, board: Staff, pcf: Staff;

const day = (d: string) => new Date(`${d}T10:00:00Z`);

async function move(id: number, action: LoopAction, user: StaffUser, on: string, input: TransitionInput = {}) {
  const r = await applyTransition(db, user, id, action, input, day(on), testPublication());
  if (!r.ok) throw new Error(`${action} on ${on}: ${JSON.stringify(r)}`);
}

/** An entry of service A (owner memberA) or B (owner memberB), opened on `opened`, due `due`. */
async function opened(service: "A" | "B", on: string, due: string): Promise<number> {
  const [member, lead, serviceId] =
    service === "A" ? [world.users.memberA, world.users.leadA, world.serviceA] : [world.users.memberB, world.users.leadB, world.serviceB];
  const created = await createDraft(
    db,
    member,
    { leadServiceId: serviceId, contributingServiceIds: [], period: "2026-autumn", theme: "communication", youSaidEn: "Calls go unanswered.", youSaidUr: "کالز کا جواب نہیں ملتا۔", source: "survey" },
    day(on),
  );
  if (!created.ok) throw new Error("draft");
  await move(created.value, "open", lead, on, { ownerId: member.id, dueOn: due });
  return created.value;
}

async function rate(entryId: number, rating: LoopRating, count: number, on: string) {
  for (let i = 0; i < count; i++) await db.insertInto("loop_ratings").values({ entry_id: entryId, rating, rated_at: day(on).toISOString() }).execute();
}

beforeAll(async () => {
  vi.useFakeTimers({ now: day("2027-01-15"), toFake: ["Date"] });
  const test = await createTestDb();
  ({ db, cleanup } = test);
  context = testContext(db);
  world = await makeLoopWorld(db);
  const { users } = world;

  // Service A
  const e1 = await opened("A", "2026-09-01", "2026-10-15"); // closed 10 Oct: on time, 39 days
  await move(e1, "close", users.memberA, "2026-10-10", CLOSE_OUT);
  await move(e1, "publish", users.pcf, "2026-10-12");
  await rate(e1, "yes", 3, "2026-10-20");
  await rate(e1, "partly", 1, "2026-11-02");
  const e2 = await opened("A", "2026-09-05", "2026-10-01"); // closed 20 Oct: late, 45 days
  await move(e2, "close", users.memberA, "2026-10-20", CLOSE_OUT);
  await opened("A", "2026-09-10", "2026-11-30"); // still open: due in autumn, overdue today
  const e4 = await opened("A", "2026-09-15", "2026-11-01"); // closed on time, sent back, closed again late
  await move(e4, "close", users.memberA, "2026-10-01", CLOSE_OUT);
  await move(e4, "send_back", users.pcf, "2026-10-05", { reason: "The evidence does not show the change." });
  await move(e4, "close", users.memberA, "2026-11-03", CLOSE_OUT); // latest close: late, 49 days
  const draft = await createDraft(db, users.memberA, { leadServiceId: world.serviceA, contributingServiceIds: [], period: "2026-autumn", theme: "communication", youSaidEn: "A draft.", youSaidUr: "", source: "survey" }, day("2026-10-01"));
  if (!draft.ok) throw new Error("draft");
  const discarded = await createDraft(db, users.memberA, { leadServiceId: world.serviceA, contributingServiceIds: [], period: "2026-autumn", theme: "communication", youSaidEn: "A duplicate.", youSaidUr: "", source: "survey" }, day("2026-10-01"));
  if (!discarded.ok) throw new Error("draft");
  await move(discarded.value, "discard", users.leadA, "2026-10-02", { reason: "Duplicate." });
  const e7 = await opened("A", "2026-06-01", "2026-07-15"); // summer: closed 10 Jul, on time, 39 days
  await move(e7, "close", users.memberA, "2026-07-10", CLOSE_OUT);
  await move(e7, "publish", users.pcf, "2026-07-11");
  await rate(e7, "yes", 4, "2026-07-20");
  await rate(e7, "partly", 1, "2026-07-21");
  await rate(e7, "no", 1, "2026-07-22");

  // Service B
  const e8 = await opened("B", "2026-10-01", "2026-12-15"); // closed 1 Dec: on time, 61 days
  await move(e8, "close", users.memberB, "2026-12-01", CLOSE_OUT);
  await move(e8, "publish", users.pcf, "2026-12-02");
  await rate(e8, "yes", 5, "2026-12-05");
  await rate(e8, "no", 2, "2026-12-06");
  await opened("B", "2026-11-01", "2027-02-01"); // due next term, not overdue

  admin = await makeStaff(db, "admin");
  board = await makeStaff(db, "board");
  pcf = await makeStaff(db, "pcf");
});
afterAll(async () => {
  vi.useRealTimers();
  await cleanup();
});

// ---------------------------------------------------------------------------------------

let context: LoaderFunctionArgs["context"];
type LoaderModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };

async function dashboard(who: Staff, term = "2026-autumn"): Promise<DashboardView> {
  const res = (await dashboardPage.loader({ request: who.get(`http://localhost/staff/dashboard?term=${term}`), params: {}, context })) as Response;
  expect(res.status).toBe(200);
  return ((await res.json()) as { view: DashboardView }).view;
}

function wilson(s: number, n: number): [number, number] {
  const z = 1.959964;
  const p = s / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [round1((s === 0 ? 0 : centre - half) * 100), round1((s === n ? 1 : centre + half) * 100)];
}
const round1 = (v: number) => Math.round(v * 10) / 10;
const shown = (s: number, n: number, smallNumbers = false) => ({ kind: "shown", pct: round1((s / n) * 100), n, interval: wilson(s, n), smallNumbers });
const HIDDEN = { kind: "suppressed", threshold: 5 };
function look(f: Figure) {
  if (f.kind === "shown") return { kind: "shown", pct: round1(f.percent), n: f.n, interval: [round1(f.interval!.low), round1(f.interval!.high)], smallNumbers: f.smallNumbers };
  if (f.kind === "suppressed") return { kind: "suppressed", threshold: f.threshold };
  return { kind: "not_available", reason: f.reason };
}

it("the hand formula gives the intervals worked out with a calculator", () => {
  expect(wilson(2, 5)).toEqual([11.8, 76.9]);
  expect(wilson(8, 11)).toEqual([43.4, 90.3]);
});

describe("the loop figures on the board dashboard", () => {
  it("show every service by term as worked out by hand, \"did it help\" hidden where it is from few ratings", async () => {
    for (const who of [board, pcf]) {
      const { loop } = await dashboard(who);
      expect(loop.overdueNow).toBe(1);
      expect(
        loop.byTerm.map((r) => [
          r.label,
          r.figures.opened,
          r.figures.closed,
          look(r.figures.onTime),
          r.figures.medianDays,
          look(r.figures.helped),
          r.figures.partly.kind === "shown" ? r.figures.partly.count : "hidden",
          r.figures.no.kind === "shown" ? r.figures.no.count : "hidden",
        ]),
      ).toEqual([
        ["Autumn term 2025", 0, 0, { kind: "not_available", reason: "no_entries_due" }, null, { kind: "not_available", reason: "no_ratings" }, 0, 0],
        ["Spring term 2026", 0, 0, { kind: "not_available", reason: "no_entries_due" }, null, { kind: "not_available", reason: "no_ratings" }, 0, 0],
        // Summer: one entry, on time in 39 days; 4 yes of 6 ratings, partly 1 and no 1 hidden together.
        ["Summer term 2026", 1, 1, shown(1, 1), 39, shown(4, 6), "hidden", "hidden"],
        // Autumn: opened e1 e2 e3 e4 e8 e9; closed e1 e2 e4 e8; due e1 e2 e3 e4 e8, on time e1 e8
        // (e4's first close was on time, its latest is not); days 39 45 49 61 → (45 + 49) / 2.
        // Ratings: A yes 3 partly 1, B yes 5 no 2 → 8 of 11; partly 1 is small, so no goes too.
        ["Autumn term 2026", 6, 4, shown(2, 5), 47, shown(8, 11), "hidden", "hidden"],
      ]);
    }
  });

  it("show each service in the chosen term, hiding A's 4 ratings and, so it cannot be worked out, B's too", async () => {
    const { loop } = await dashboard(board);
    expect(
      loop.byService.map((r) => [r.name, r.figures.opened, r.figures.closed, look(r.figures.onTime), r.figures.medianDays, r.overdueNow, look(r.figures.helped)]),
    ).toEqual([
      // A: e1 e2 e3 e4 opened; e1 e2 e4 closed (39 45 49); due e1 e2 e3 e4, on time e1.
      ["Service 0", 4, 3, shown(1, 4), 45, 1, HIDDEN],
      ["Service 1", 2, 1, shown(1, 1), 61, 0, HIDDEN],
    ]);
  });

  it("show admins every rating, small numbers with the warning", async () => {
    const { loop } = await dashboard(admin);
    expect(loop.byService.map((r) => look(r.figures.helped))).toEqual([shown(3, 4, true), shown(5, 7)]);
    expect(shown(3, 4, true).pct).toBe(75);
    const autumn = loop.byTerm[3].figures;
    expect(look(autumn.helped)).toEqual(shown(8, 11));
    expect([autumn.partly, autumn.no]).toEqual([
      { kind: "shown", count: 1, smallNumbers: true },
      { kind: "shown", count: 2, smallNumbers: true },
    ]);
  });

  it("export the same figures as CSV, hidden ones in words", async () => {
    const res = (await (dashboardCsv as LoaderModule).loader({
      request: board.get("http://localhost/staff/dashboard/export.csv?term=2026-autumn&table=loop"),
      params: {},
      context,
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/said-and-done-you-said-we-did-2026-autumn-\d{4}-\d{2}-\d{2}\.csv/);
    const parsed = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, ""));
    if ("error" in parsed) throw new Error("bad CSV");
    const rows = parsed.records.map((r) => r.cells);
    expect(rows[0]).toEqual([
      "Term",
      "Service",
      "Opened",
      "Closed out",
      "Closed on time",
      "n",
      "95% interval from",
      "95% interval to",
      "Note",
      "Median days to close",
      "Overdue today",
      "Did it help?",
      "n",
      "95% interval from",
      "95% interval to",
      "Note",
      "Partly",
      "No",
    ]);
    const autumn = rows.find((r) => r[0] === "Autumn term 2026" && r[1] === "Every service")!;
    expect(autumn).toEqual(["Autumn term 2026", "Every service", "6", "4", "40", "5", "11.8", "76.9", "", "47", "1", "72.7", "11", "43.4", "90.3", "", "fewer than 5 responses", "fewer than 5 responses"]);
    const a = rows.find((r) => r[1] === "Service 0")!;
    expect(a.slice(0, 11)).toEqual(["Autumn term 2026", "Service 0", "4", "3", "25", "4", "4.6", "69.9", "", "45", "1"]);
    expect(a.slice(11, 13)).toEqual(["fewer than 5 responses", "fewer than 5 responses"]);
    expect(rows).toHaveLength(1 + 4 + 2);
  });
});
