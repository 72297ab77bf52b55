import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { addPublicUpdate } from "~/loop/loop.server";
import { escapeHtml, renderAtom } from "~/loop/feed";
import {
  familiesFigure,
  findPublicEntry,
  listPublicEntries,
  parsePublicFilters,
  publicFilterChoices,
  recordLookAgain,
} from "~/loop/public.server";
import { entryView, familiesText, groupEntries } from "~/loop/public-view.server";
import { createTestDb } from "../support/db";
import { CLOSE_OUT, makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";

// What the public may see of the loop: only public entries, nothing internal, small
// counts suppressed, overdue said in words.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;
const now = new Date("2026-11-01T10:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

const said = (text: string) => ({ draft: { youSaidEn: text, youSaidUr: `${text} (اردو)` } });

async function insertResponses(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await db
      .insertInto("responses")
      .values({
        campaign_id: world.campaign.id,
        service_id: world.serviceA,
        language: "en",
        channel: "open_link",
        resume_token: `token-${i}-${Math.random()}`,
        current_page: 1,
        started_at: "2026-09-10T00:00:00.000Z",
        updated_at: "2026-09-10T00:00:00.000Z",
        submitted_at: "2026-09-10T00:00:00.000Z",
        keyed_by_user_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

describe("public entries", () => {
  it("shows published and published-open entries only, never drafts, discarded or unpublished open/closed ones", async () => {
    const hidden = {
      draft: await makeEntry(db, world, "draft", said("HIDDEN draft")),
      discarded: await makeEntry(db, world, "discarded", said("HIDDEN discarded")),
      open: await makeEntry(db, world, "open", said("HIDDEN open")),
      closed: await makeEntry(db, world, "closed", said("HIDDEN closed")),
    };
    const shown = {
      published: await makeEntry(db, world, "published", said("Shown published")),
      doing: await makeEntry(db, world, "open", { ...said("Shown doing"), publishedOpen: true }),
      closedDoing: await makeEntry(db, world, "closed", { ...said("Shown closed while doing"), publishedOpen: true }),
    };
    const entries = await listPublicEntries(db, {}, now, 5);
    expect(entries.map((e) => e.id).sort()).toEqual(Object.values(shown).sort());
    for (const id of Object.values(hidden)) expect(await findPublicEntry(db, id, now, 5)).toBeUndefined();

    // Nothing internal travels: no outcome note, no change evidence, no owner.
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain("HIDDEN");
    expect(everything).not.toContain(CLOSE_OUT.outcomeNote);
    expect(everything).not.toContain(CLOSE_OUT.changeEvidence);
    expect(everything).not.toContain(world.users.memberA.name);

    // A closed entry shown as "We are doing" does not show its not-yet-published "We did".
    const closedDoing = entries.find((e) => e.id === shown.closedDoing)!;
    expect(closedDoing.state.kind).toBe("doing");
    expect(everything.split(CLOSE_OUT.weDidEn).length - 1).toBe(1);
    const published = entries.find((e) => e.id === shown.published)!;
    expect(published.state).toEqual({
      kind: "did",
      outcome: "done",
      weDid: { en: CLOSE_OUT.weDidEn, ur: CLOSE_OUT.weDidUr },
      changeFrom: CLOSE_OUT.changeFrom,
    });
    const view = entryView(published, "en");
    expect(view.did?.inPlaceSince).toBe("In place since October 2026");
    expect(entryView(published, "ur").youSaid).toEqual({ text: "Shown published (اردو)", lang: "ur" });
  });

  it("shows a not-possible entry's reason as its We did", async () => {
    const id = await makeEntry(db, world, "published", said("A weekend clinic"));
    await db
      .updateTable("loop_entries")
      .set({ outcome: "not_possible", we_did_en: "We could not open at weekends: no staff.", change_from: null })
      .where("id", "=", id)
      .execute();
    const view = entryView((await findPublicEntry(db, id, now, 5))!, "en");
    expect(view.did).toEqual({
      outcome: "not_possible",
      outcomeLabel: "Not possible",
      weDid: { text: "We could not open at weekends: no staff.", lang: "en" },
      inPlaceSince: null,
    });
    expect(view.canRate).toBe(true);
  });

  it("says 'fewer than 5 families' below the threshold and never the number", async () => {
    const few = await makeEntry(db, world, "published", said("Few"));
    const many = await makeEntry(db, world, "published", said("Many"));
    const responses = await insertResponses(5);
    await db
      .insertInto("loop_evidence")
      .values(responses.slice(0, 4).map((r) => ({ entry_id: few, response_id: r, answer_id: null })))
      .execute();
    await db
      .insertInto("loop_evidence")
      .values(responses.map((r) => ({ entry_id: many, response_id: r, answer_id: null })))
      .execute();
    const forum = await makeEntry(db, world, "published", said("Forum"));
    await db.updateTable("loop_entries").set({ source: "forum", forum_families: 3 }).where("id", "=", forum).execute();

    const [fewEntry, manyEntry, forumEntry] = await Promise.all([few, many, forum].map((id) => findPublicEntry(db, id, now, 5)));
    expect(fewEntry!.families).toEqual({ kind: "fewer_than", threshold: 5 });
    expect(JSON.stringify(fewEntry)).not.toMatch(/"n":4/);
    expect(manyEntry!.families).toEqual({ kind: "count", n: 5 });
    expect(forumEntry!.families).toEqual({ kind: "fewer_than", threshold: 5 });
    expect(entryView(fewEntry!, "en").families).toBe("Raised by fewer than 5 families");
    expect(entryView(manyEntry!, "en").families).toBe("Raised by 5 families");
    expect(familiesText(familiesFigure(4, 5), "ur")).not.toMatch(/4|۴/);
    expect(familiesText(familiesFigure(1, 1), "en")).toBe("Raised by 1 family");
  });

  it("shows an open entry past its due date as overdue, in words", async () => {
    const id = await makeEntry(db, world, "open", { ...said("Late"), publishedOpen: true, dueOn: "2026-12-01" });
    const before = (await findPublicEntry(db, id, new Date("2026-12-01T23:00:00Z"), 5))!;
    expect(before.state).toEqual({ kind: "doing", dueOn: "2026-12-01", overdue: false });
    expect(entryView(before, "en").doing).toEqual({ overdue: false, line: "Due December 2026" });
    const after = (await findPublicEntry(db, id, new Date("2026-12-02T00:00:01Z"), 5))!;
    expect(after.state).toEqual({ kind: "doing", dueOn: "2026-12-01", overdue: true });
    expect(entryView(after, "en").doing).toEqual({ overdue: true, line: "Overdue – was due December 2026" });
    expect(entryView(after, "en").canRate).toBe(false);
  });

  it("filters by service (lead or contributing), organisation, term and theme, and groups by organisation and service", async () => {
    const withB = await makeEntry(db, world, "published", {
      draft: { youSaidEn: "Shared", youSaidUr: "مشترک", contributingServiceIds: [world.serviceB] },
    });
    const spring = await makeEntry(db, world, "published", {
      draft: { youSaidEn: "Spring", youSaidUr: "بہار", period: "2027-spring", theme: "autism" },
    });
    const ids = async (query: string) =>
      (await listPublicEntries(db, parsePublicFilters(new URLSearchParams(query)), now, 5)).map((e) => e.id).sort();
    expect(await ids(`service=${world.serviceB}`)).toEqual([withB]);
    expect(await ids(`service=${world.serviceA}`)).toEqual([withB, spring].sort());
    expect(await ids("term=2027-spring")).toEqual([spring]);
    expect(await ids("theme=autism")).toEqual([spring]);
    expect(await ids("theme=nonsense&term=junk&service=abc")).toEqual([withB, spring].sort());
    const org = (await db.selectFrom("services").select("organisation_id").where("id", "=", world.serviceA).executeTakeFirstOrThrow())
      .organisation_id;
    expect(await ids(`organisation=${org}`)).toEqual([withB, spring].sort());
    expect(await ids(`organisation=${org + 1000}`)).toEqual([]);

    const groups = groupEntries(await listPublicEntries(db, {}, now, 5), "en");
    expect(groups.map((g) => [g.name, g.services.map((s) => [s.name, s.entries.length])])).toEqual([["Council", [["Service 0", 2]]]]);
    expect(groups[0].services[0].entries.find((e) => e.id === withB)!.also).toEqual(["Service 1"]);

    const choices = await publicFilterChoices(db);
    expect(choices.terms).toEqual(["2027-spring", "2026-autumn"]);
    expect(choices.services.map((s) => s.id).sort()).toEqual([world.serviceA, world.serviceB].sort());
  });

  it("shows dated public updates, and records a family's request to look again with no user", async () => {
    const id = await makeEntry(db, world, "published", said("Updated"));
    const added = await addPublicUpdate(db, world.users.pcf, id, { bodyEn: "Now also on Saturdays.", bodyUr: "اب ہفتے کو بھی۔" }, now);
    expect(added.ok).toBe(true);
    const view = entryView((await findPublicEntry(db, id, now, 5))!, "ur");
    expect(view.updates).toEqual([
      { iso: now.toISOString(), date: expect.stringMatching(/2026/), text: { text: "اب ہفتے کو بھی۔", lang: "ur" } },
    ]);

    await recordLookAgain(db, id, "It still takes weeks to get a reply.", "ur", now);
    const reviews = await db.selectFrom("loop_reviews").selectAll().execute();
    expect(reviews.map((r) => [r.entry_id, r.reason, r.language, r.dealt_at])).toEqual([
      [id, "It still takes weeks to get a reply.", "ur", null],
    ]);
    const event = await db.selectFrom("loop_events").selectAll().where("action", "=", "look_again").executeTakeFirstOrThrow();
    expect([event.entry_id, event.user_id]).toEqual([id, null]);
  });
});

describe("the Atom feed writer", () => {
  it("escapes every text, twice inside HTML content", () => {
    const xml = renderAtom({
      lang: "ur",
      id: "https://x.example/feed?a=1&b=2",
      title: 'Tom & "Jerry" <3',
      author: "Said & Done",
      selfUrl: "https://x.example/feed?a=1&b=2",
      alternateUrl: "https://x.example/",
      updated: "2026-11-01T00:00:00.000Z",
      entries: [
        {
          id: "e1",
          title: "A < B",
          updated: "2026-11-01T00:00:00.000Z",
          link: "https://x.example/1",
          html: `<p>${escapeHtml("x < y & z\u0001")}</p>`,
        },
      ],
    });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ur">');
    expect(xml).toContain('<title type="text">Tom &amp; &quot;Jerry&quot; &lt;3</title>');
    expect(xml).toContain('href="https://x.example/feed?a=1&amp;b=2"');
    expect(xml).toContain('<content type="html">&lt;p&gt;x &amp;lt; y &amp;amp; z&lt;/p&gt;</content>');
    expect(xml).not.toContain("\u0001");
  });
});
