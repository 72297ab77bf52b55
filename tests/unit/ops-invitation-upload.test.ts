import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { requireCampaignForUser } from "~/campaigns/campaigns.server";
import { createInvitations } from "~/campaigns/invitations.server";
import { inviteFromCsv } from "~/campaigns/upload.server";
import { createTestDb } from "../support/db";
import { makeCampaign } from "../support/fixtures";
import { PUBLIC_URL } from "../support/campaigns";

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:00:00.000Z");
const admin: StaffUser = { id: 1, email: "admin@example.com", name: "Admin", role: "admin", serviceIds: [] };

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

const csvOf = (n: number) => ["email,language", ...Array.from({ length: n }, (_, i) => `parent${i}@example.com,${i % 2 ? "ur" : "en"}`)].join("\n");
const count = async (table: "invitations" | "outbox") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
/** Mail the sender would pick up now. */
const dueMail = async () =>
  Number((await db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending").where("next_attempt_at", "<=", now.toISOString()).executeTakeFirstOrThrow()).n);

async function campaignDetail() {
  const { campaign } = await makeCampaign(db);
  return requireCampaignForUser(db, admin, String(campaign.id));
}

describe("a big invitation upload", () => {
  it("stores 5,000 invitations while other queries go on, and lets no email go before the last row is in", async () => {
    const detail = await campaignDetail();
    // Completion order: each query's, and the upload's (null).
    const completed: (number | null)[] = [];
    let finished = false;
    const upload = inviteFromCsv(db, detail, csvOf(5_000), PUBLIC_URL, now).then((result) => {
      finished = true;
      completed.push(null);
      return result;
    });

    // A family's requests meanwhile: one small query after another, each issued while the upload runs.
    const seen: { invited: number; due: number }[] = [];
    while (!finished) {
      const invited = await count("invitations");
      const due = await dueMail();
      if (finished) break;
      completed.push(invited);
      seen.push({ invited, due });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await upload;

    expect(result).toEqual({ rows: 5_000, invited: 5_000, bad: [] });
    expect(await count("invitations")).toBe(5_000);
    expect(await count("outbox")).toBe(5_000);
    expect(await dueMail()).toBe(5_000);

    // Queries issued mid-upload completed before it did, and saw it part-way through:
    // in one transaction they would all have waited for the end.
    const partWay = completed.findIndex((n) => n !== null && n > 0 && n < 5_000);
    expect(partWay).toBeGreaterThanOrEqual(0);
    expect(partWay).toBeLessThan(completed.indexOf(null));
    expect(completed.filter((n) => n !== null && n > 0 && n < 5_000).length).toBeGreaterThan(1);
    // The job loop's sender gets the same turns: it must not have found half a list to mail.
    expect(seen.every((s) => s.due === 0)).toBe(true);

    const invitations = await db.selectFrom("invitations").select(["id", "email", "language", "sent_at"]).orderBy("id").execute();
    // Queued: delivered only once the mail relay accepts each email.
    expect(invitations[0]).toMatchObject({ email: "parent0@example.com", language: "en", sent_at: null });
    expect(invitations[4_999]).toMatchObject({ email: "parent4999@example.com", language: "ur" });
    const outbox = await db.selectFrom("outbox").select(["invitation_id", "to_address", "next_attempt_at", "created_at"]).orderBy("id").execute();
    expect(outbox.map((o) => [o.invitation_id, o.to_address])).toEqual(invitations.map((i) => [i.id, i.email]));
    expect(new Set(outbox.map((o) => `${o.next_attempt_at} ${o.created_at}`))).toEqual(new Set([`${now.toISOString()} ${now.toISOString()}`]));
  });

  it("is all or nothing: a failure in a later chunk leaves no invitation and no email", async () => {
    const detail = await campaignDetail();
    // The database refuses row 3,001 (as a full disk or a lost file would, mid-way).
    await sql`create trigger refuse_one before insert on invitations when new.email = 'parent3000@example.com'
              begin select raise(abort, 'refused for the test'); end`.execute(db);

    await expect(inviteFromCsv(db, detail, csvOf(5_000), PUBLIC_URL, now)).rejects.toThrow(/refused for the test/);
    expect(await count("invitations")).toBe(0);
    expect(await count("outbox")).toBe(0);
  });

  it("skips, and reports by line, an address invited by someone else since the list was checked", async () => {
    const detail = await campaignDetail();
    const rows = Array.from({ length: 7 }, (_, i) => ({ line: i + 2, email: `p${i}@example.com`, language: "en" as const, serviceId: detail.services[0].id }));
    // Invited meanwhile by a second upload of the same moment.
    await createInvitations(db, detail, [rows[4]], PUBLIC_URL, now);

    const result = await createInvitations(db, detail, rows, PUBLIC_URL, now, { chunkSize: 3 });

    expect(result).toEqual({ created: 6, skippedLines: [6] });
    expect(await count("invitations")).toBe(7);
    expect(await count("outbox")).toBe(7);
    expect(await dueMail()).toBe(7);
  });
});
