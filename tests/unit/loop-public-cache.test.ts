import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { openDatabase } from "@db/connection";
import { updateService } from "~/admin/services.server";
import { addPublicUpdate, applyTransition } from "~/loop/loop.server";
import { listPublicEntries } from "~/loop/public.server";
import { loadPublicList } from "~/loop/public-view.server";
import * as list from "~/routes/you-said-we-did._index";
import * as feed from "~/routes/you-said-we-did.feed[.xml]";
import * as entryPage from "~/routes/you-said-we-did.$id";
import { createTestDb } from "../support/db";
import { testContext, testPublication } from "../support/context";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";

// The public page, the feed and an entry's page are cut from a view kept in memory per
// database, and read again whenever what the public sees has changed — by this process or
// any other on the same file — or the day has moved on.

let db: Kysely<Database>;
let file: string;
let cleanups: (() => Promise<void>)[];
let world: LoopWorld;
const FAR = "2099-03-31";

beforeEach(async () => {
  const made = await createTestDb();
  ({ db, file } = made);
  cleanups = [made.cleanup];
  world = await makeLoopWorld(db);
});
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
});

const said = (text: string) => ({ draft: { youSaidEn: text, youSaidUr: `${text} (اردو)` } });
const request = (path: string) => new Request(`http://localhost:3000${path}`);

/** The public page's text, as its loader hands it to the page. */
async function pageText(on: Kysely<Database>, query = "") {
  const res = (await list.loader({ request: request(`/you-said-we-did${query}`), params: {}, context: testContext(on) })) as Response;
  return JSON.stringify(await res.json());
}

async function feedText(on: Kysely<Database>, lng = "en") {
  const res = (await feed.loader({ request: request(`/you-said-we-did/feed.xml?lng=${lng}`), params: {}, context: testContext(on) })) as Response;
  return res.text();
}

async function entryStatus(on: Kysely<Database>, id: number) {
  try {
    const res = (await entryPage.loader({ request: request(`/you-said-we-did/${id}`), params: { id: String(id) }, context: testContext(on) })) as Response;
    return res.status;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

/** Another connection to the same file: what a second app process sees and does. */
function secondProcess(): Kysely<Database> {
  const other = openDatabase(file);
  cleanups.push(() => other.destroy());
  return other;
}

const publish = (on: Kysely<Database>, id: number) => applyTransition(on, world.users.pcf, id, "publish", {}, new Date(), testPublication());

describe("the public view kept between requests", () => {
  it("shows an entry on the page, in the feed and at its address as soon as the PCF publishes it", async () => {
    const first = await makeEntry(db, world, "published", said("Already public"));
    const waiting = await makeEntry(db, world, "closed", said("Waiting for the forum"));
    expect(await pageText(db)).toContain("Already public");
    expect(await pageText(db)).not.toContain("Waiting for the forum");
    expect(await feedText(db)).not.toContain("Waiting for the forum");
    expect(await entryStatus(db, waiting)).toBe(404);
    expect(await entryStatus(db, first)).toBe(200);

    expect((await publish(db, waiting)).ok).toBe(true);
    expect(await pageText(db)).toContain("Waiting for the forum");
    expect(await pageText(db, "?lng=ur")).toContain("Waiting for the forum (اردو)");
    expect(await feedText(db)).toContain("Waiting for the forum");
    expect(await feedText(db, "ur")).toContain("Waiting for the forum (اردو)");
    expect(await entryStatus(db, waiting)).toBe(200);
  });

  it("keeps the view while nothing changes, and makes one view for requests that miss together", async () => {
    await makeEntry(db, world, "published", said("Kept"));
    const req = () => request("/you-said-we-did");
    const together = await Promise.all([1, 2, 3].map(() => loadPublicList(db, req(), 5)));
    expect(together[1]).toBe(together[0]);
    expect(together[2]).toBe(together[0]);
    expect(await loadPublicList(db, req(), 5)).toBe(together[0]);
    // Another language and other filters are views of their own.
    expect(await loadPublicList(db, request("/you-said-we-did?lng=ur"), 5)).not.toBe(together[0]);
    const filtered = await loadPublicList(db, request(`/you-said-we-did?service=${world.serviceB}`), 5);
    expect(filtered.count).toBe(0);
    expect(together[0].count).toBe(1);
  });

  it("shows a dated update to a published entry at once", async () => {
    const id = await makeEntry(db, world, "published", said("Phone lines"));
    expect(await pageText(db)).not.toContain("Correction: the lines open at 9am");
    const added = await addPublicUpdate(db, world.users.pcf, id, { bodyEn: "Correction: the lines open at 9am.", bodyUr: "تصحیح: لائنیں صبح 9 بجے کھلتی ہیں۔" });
    expect(added.ok).toBe(true);
    expect(await pageText(db)).toContain("Correction: the lines open at 9am.");
    expect(await feedText(db)).toContain("Correction: the lines open at 9am.");
  });

  it("shows 'We are doing' as overdue the day after its due date, with nothing else changed", async () => {
    await makeEntry(db, world, "open", { ...said("Waiting lists"), dueOn: "2026-12-01", publishedOpen: true });
    const onTheDay = new Date("2026-12-01T23:59:00Z");
    const dayAfter = new Date("2026-12-02T00:01:00Z");
    const lineOf = async (now: Date) => (await loadPublicList(db, request("/you-said-we-did"), 5, now)).groups[0].services[0].entries[0].doing;
    expect(await lineOf(onTheDay)).toEqual({ overdue: false, line: "Due December 2026" });
    expect(await lineOf(dayAfter)).toEqual({ overdue: true, line: "Overdue – was due December 2026" });
    const [feedEntry] = await listPublicEntries(db, {}, dayAfter, 5);
    expect(feedEntry.state).toMatchObject({ kind: "doing", overdue: true });
    // The page itself reads today's date.
    expect(await pageText(db)).toContain("Overdue – was due December 2026");
  });

  it("sees what another process publishes, takes off the page or renames on the same file", async () => {
    const other = secondProcess();
    const doing = await makeEntry(db, world, "open", { ...said("Shown while doing"), dueOn: FAR, publishedOpen: true });
    const waiting = await makeEntry(db, world, "closed", said("Published elsewhere"));
    expect(await pageText(db)).toContain("Shown while doing");
    expect(await pageText(db)).not.toContain("Published elsewhere");

    expect((await publish(other, waiting)).ok).toBe(true);
    expect(await pageText(db)).toContain("Published elsewhere");
    expect(await feedText(db)).toContain("Published elsewhere");

    // Taken off the public page by a change in the database itself (no app move does it).
    await other.updateTable("loop_entries").set({ published_open_at: null }).where("id", "=", doing).execute();
    expect(await pageText(db)).not.toContain("Shown while doing");
    expect(await feedText(db)).not.toContain("Shown while doing");
    expect(await entryStatus(db, doing)).toBe(404);

    // The services admin renames the lead service in the other process.
    const service = await other.selectFrom("services").selectAll().where("id", "=", world.serviceA).executeTakeFirstOrThrow();
    await updateService(other, service.id, { organisation: service.organisation_id, locality: null, name_en: "Speech and Language", name_ur: "بول چال" });
    expect(await pageText(db)).toContain("Speech and Language");
    expect(await pageText(db)).not.toContain(service.name_en);
  });

  it("never serves one database's view to another in the same process", async () => {
    const twin = await createTestDb();
    cleanups.push(twin.cleanup);
    const twinWorld = await makeLoopWorld(twin.db);
    await makeEntry(db, world, "published", said("Only in the first"));
    await makeEntry(twin.db, twinWorld, "published", said("Only in the second"));
    const [a, b] = [await pageText(db), await pageText(twin.db)];
    expect(a).toContain("Only in the first");
    expect(a).not.toContain("Only in the second");
    expect(b).toContain("Only in the second");
    expect(b).not.toContain("Only in the first");
    expect(await feedText(twin.db)).not.toContain("Only in the first");
  });
});
