import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { countOutboxByStatus, enqueueEmail, listOutbox, listOutboxKinds } from "~/mail/outbox.server";
import { formatDateTime, mailboxHref, pageWindow, parseMailboxQuery } from "~/mail/mailbox";
import { createTestDb } from "../support/db";

describe("the mailbox's address and paging", () => {
  it("reads status, kind and page from the address, ignoring anything unexpected", () => {
    const q = (s: string) => parseMailboxQuery(new URL(`http://x/staff/mailbox${s}`));
    expect(q("")).toEqual({ status: undefined, kind: undefined, page: 1 });
    expect(q("?status=failed&kind=reminder&page=3")).toEqual({ status: "failed", kind: "reminder", page: 3 });
    expect(q("?status=lost&kind=&page=-2")).toEqual({ status: undefined, kind: undefined, page: 1 });
    expect(q(`?page=abc&kind=${"k".repeat(200)}`)).toEqual({ status: undefined, kind: undefined, page: 1 });
  });

  it("writes an address with only the filters set", () => {
    expect(mailboxHref({})).toBe("/staff/mailbox");
    expect(mailboxHref({ status: "sent", page: 1 })).toBe("/staff/mailbox?status=sent");
    expect(mailboxHref({ kind: "loop reminder", page: 2 })).toBe("/staff/mailbox?kind=loop+reminder&page=2");
  });

  it("counts the rows a page shows", () => {
    expect(pageWindow(1, 50, 0)).toEqual({ pages: 1, from: 0, to: 0 });
    expect(pageWindow(1, 50, 120)).toEqual({ pages: 3, from: 1, to: 50 });
    expect(pageWindow(3, 50, 120)).toEqual({ pages: 3, from: 101, to: 120 });
  });

  it("shows times in UK time, in either language", () => {
    expect(formatDateTime("2026-07-01T08:05:00.000Z", "en")).toBe("1 July 2026 at 09:05");
    expect(formatDateTime("2026-12-01T08:05:00.000Z", "en", "medium")).toBe("1 Dec 2026, 08:05");
    expect(formatDateTime("2026-12-01T08:05:00.000Z", "ur")).toMatch(/دسمبر/);
  });
});

describe("the mailbox's queries", () => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ db, cleanup } = await createTestDb());
  });
  afterEach(async () => cleanup());

  async function write(n: number, kind: string, start: Date) {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = new Date(start.getTime() + i * 60_000);
      ids.push(await enqueueEmail(db, { kind, to: `p${i}@example.test`, language: "en", subject: `${kind} ${i}`, text: "t", html: "<p>t</p>" }, at));
    }
    return ids;
  }

  it("lists newest first, a page at a time, filtered by status and kind, with counts per status", async () => {
    const invitations = await write(3, "invitation", new Date("2026-12-01T09:00:00Z"));
    await write(2, "reminder", new Date("2026-12-02T09:00:00Z"));
    await db.updateTable("outbox").set({ status: "failed", last_error: "550" }).where("id", "=", invitations[0]).execute();

    expect(await countOutboxByStatus(db)).toEqual({ pending: 4, sending: 0, sent: 0, failed: 1 });
    expect(await listOutboxKinds(db)).toEqual(["invitation", "reminder"]);

    const first = await listOutbox(db, {}, 1, 2);
    expect(first.total).toBe(5);
    expect(first.messages.map((m) => m.subject)).toEqual(["reminder 1", "reminder 0"]);
    const last = await listOutbox(db, {}, 3, 2);
    expect(last.messages.map((m) => m.subject)).toEqual(["invitation 0"]);

    const failed = await listOutbox(db, { status: "failed" }, 1);
    expect(failed.messages.map((m) => [m.subject, m.last_error])).toEqual([["invitation 0", "550"]]);
    expect((await listOutbox(db, { kind: "reminder", status: "pending" }, 1)).total).toBe(2);
    expect((await listOutbox(db, { kind: "nothing" }, 1)).total).toBe(0);
  });
});
