import { describe, expect, it } from "vitest";
import { termPeriod } from "~/results/periods";
import { entryShare, loopCounts, loopFigures, loopFiguresByService, median, overdueNow, type LoopCounts, type LoopEntryRow, type LoopRatingRow } from "./figures";

// Autumn term 2026: 1 Sep 2026 (inclusive) to 1 Jan 2027 (exclusive).
const autumn = termPeriod(2026, "autumn");

const entry = (e: Partial<LoopEntryRow>): LoopEntryRow => ({ serviceId: 1, status: "open", openedAt: null, closedAt: null, dueOn: null, ...e });
const rating = (rating: LoopRatingRow["rating"], ratedAt = "2026-10-10T10:00:00.000Z", serviceId = 1): LoopRatingRow => ({ serviceId, rating, ratedAt });

describe("the median", () => {
  it("is the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 7])).toBe(5.5);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});

describe("a term's counts", () => {
  const entries: LoopEntryRow[] = [
    // Opened in summer, due in autumn, closed on time (30 Nov, due 1 Dec): 100 days.
    entry({ status: "published", openedAt: "2026-08-22T10:00:00.000Z", closedAt: "2026-11-30T16:00:00.000Z", dueOn: "2026-12-01" }),
    // Opened in autumn, due in autumn, closed late on 5 Dec: 20 days.
    entry({ status: "closed", openedAt: "2026-11-15T09:00:00.000Z", closedAt: "2026-12-05T09:00:00.000Z", dueOn: "2026-12-01" }),
    // Due in autumn and still open (overdue today, 2027-01-10): in the denominator only.
    entry({ status: "open", openedAt: "2026-09-01T00:00:00.000Z", dueOn: "2026-10-31" }),
    // Sent back and closed again: its latest close (1 Oct, on time) is what counts; 10 days.
    entry({ status: "closed", openedAt: "2026-09-21T12:00:00.000Z", closedAt: "2026-10-01T08:00:00.000Z", dueOn: "2026-10-01" }),
    // Closed on its due date, late in the day: on time (by calendar date); 3 days.
    entry({ status: "published", openedAt: "2026-12-28T09:00:00.000Z", closedAt: "2026-12-31T23:59:00.000Z", dueOn: "2026-12-31" }),
    // Due next term: not in autumn's denominator.
    entry({ status: "open", openedAt: "2026-12-01T09:00:00.000Z", dueOn: "2027-01-01" }),
    // Sent back (open again, closed_at cleared): not closed, not on time.
    entry({ status: "open", openedAt: "2026-09-10T09:00:00.000Z", dueOn: "2026-12-20" }),
    // Drafts and discarded entries never count, even with dates.
    entry({ status: "draft", dueOn: "2026-11-01" }),
    entry({ status: "discarded", dueOn: "2026-11-01" }),
  ];
  const ratings = [rating("yes"), rating("yes"), rating("partly"), rating("no"), rating("yes", "2026-08-31T23:59:59.000Z"), rating("no", "2027-01-01T00:00:00.000Z")];

  it("count opened, closed, due, on time, days to close and ratings as DESIGN.md defines them", () => {
    const c = loopCounts(entries, ratings, autumn);
    expect(c.opened).toBe(6);
    expect(c.closed).toBe(4);
    // Due in autumn: 1 Dec (on time), 1 Dec (late), 31 Oct (open), 1 Oct (on time), 31 Dec (on time), 20 Dec (open).
    expect(c.due).toBe(6);
    expect(c.closedOnTime).toBe(3);
    expect([...c.daysToClose].sort((a, b) => a - b)).toEqual([3, 10, 20, 100]);
    expect(c.ratings).toEqual({ yes: 2, partly: 1, no: 1 });
    expect(overdueNow(entries, "2027-01-10")).toBe(3);
    expect(overdueNow(entries, "2026-10-31")).toBe(0);
  });

  it("become figures: on time 3 of 6 with its interval, median 15 days, \"did it help\" from the ratings", () => {
    const f = loopFigures(loopCounts(entries, ratings, autumn), "warn", 5);
    expect(f.onTime).toMatchObject({ kind: "shown", percent: 50, successes: 3, n: 6, smallNumbers: false });
    if (f.onTime.kind === "shown") expect([f.onTime.interval!.low, f.onTime.interval!.high].map((v) => Math.round(v * 10) / 10)).toEqual([18.8, 81.2]);
    // Days 3, 10, 20, 100: the mean of 10 and 20.
    expect(f.medianDays).toBe(15);
    // Admins see 2 of 4 with the warning; the board sees nothing of it.
    expect(f.helped).toMatchObject({ kind: "shown", percent: 50, n: 4, smallNumbers: true });
    expect(f.partly).toEqual({ kind: "shown", count: 1, smallNumbers: true });
    const board = loopFigures(loopCounts(entries, ratings, autumn), "suppress", 5);
    expect(board.helped).toEqual({ kind: "suppressed", reason: "fewer_than", threshold: 5 });
    expect([board.partly.kind, board.no.kind]).toEqual(["suppressed", "suppressed"]);
    // Entry counts and shares are never hidden.
    expect(board.onTime).toEqual(f.onTime);
    expect([board.opened, board.closed]).toEqual([6, 4]);
  });

  it("say \"not available\" with nothing due or rated, and no median with nothing closed", () => {
    const empty = loopFigures(loopCounts([], [], autumn), "suppress", 5);
    expect(empty.onTime).toEqual({ kind: "not_available", reason: "no_entries_due" });
    expect(empty.helped).toEqual({ kind: "not_available", reason: "no_ratings" });
    expect(empty.medianDays).toBeNull();
    expect(entryShare(1, 1)).toMatchObject({ kind: "shown", percent: 100, smallNumbers: false });
  });
});

describe("\"did it help\" beside its parts", () => {
  const counts = (yes: number, partly: number, no: number): LoopCounts => ({ opened: 0, closed: 0, due: 0, closedOnTime: 0, daysToClose: [], ratings: { yes, partly, no } });

  it("hides \"partly\" and \"no\" together when one is small, so neither comes back by subtraction", () => {
    const f = loopFigures(counts(10, 2, 6), "suppress", 5);
    expect(f.helped).toMatchObject({ kind: "shown", successes: 10, n: 18 });
    expect([f.partly.kind, f.no.kind]).toEqual(["suppressed", "suppressed"]);
    const g = loopFigures(counts(10, 5, 6), "suppress", 5);
    expect([g.partly, g.no]).toEqual([
      { kind: "shown", count: 5, smallNumbers: false },
      { kind: "shown", count: 6, smallNumbers: false },
    ]);
  });

  it("hides a second service when one service has few ratings", () => {
    // A: 3 ratings (hidden), B: 8, C: 12 — B, the smallest other, goes too.
    const [a, b, c] = loopFiguresByService([counts(2, 1, 0), counts(6, 1, 1), counts(9, 2, 1)], "suppress", 5);
    expect([a.helped.kind, b.helped.kind, c.helped.kind]).toEqual(["suppressed", "suppressed", "shown"]);
    expect("partly" in c).toBe(false);
    const warned = loopFiguresByService([counts(2, 1, 0), counts(6, 1, 1)], "warn", 5);
    expect(warned[0].helped).toMatchObject({ kind: "shown", n: 3, smallNumbers: true });
    expect(warned[1].helped).toMatchObject({ kind: "shown", n: 8, smallNumbers: false });
  });
});
