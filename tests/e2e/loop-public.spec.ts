import crypto from "node:crypto";
import Database from "better-sqlite3";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { LANGUAGES, exactly, tr, type Lng } from "./support/locales";
import { finishSurvey, open, surveyUrl } from "./support/survey";

// "You Said, We Did" as a family sees it: the public page, an entry, the noticeboard
// print, the feed, "Did this help?", asking to look again, and subscribing — in English
// and Urdu, with axe on every page, forms without JavaScript. Entries are written
// straight into the server's database (what the staff pages would have done), each test
// with its own marker so tests running side by side never see each other's.

function writableDb() {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) throw new Error("E2E_DATABASE_FILE is not set: run the tests with `npx playwright test`");
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

const y = (lng: Lng, key: string, values: Record<string, string | number> = {}) => tr(lng, `yswd:${key}`, values);

interface EntryRow {
  status: "draft" | "open" | "closed" | "published" | "discarded";
  you_said_en: string;
  you_said_ur: string;
  we_did_en?: string | null;
  we_did_ur?: string | null;
  outcome?: "done" | "partly_done" | "not_possible" | null;
  change_from?: string | null;
  due_on?: string | null;
  published_open?: boolean;
  forum_families?: number;
  theme?: string;
  period?: string;
  contributing?: string;
}

/** The entries one test works with; returns their ids by name. */
function seedEntries<K extends string>(rows: Record<K, EntryRow>): Record<K, number> {
  const db = writableDb();
  try {
    const service = (slug: string) => (db.prepare("SELECT id FROM services WHERE slug = ?").get(slug) as { id: number }).id;
    const admin = (db.prepare("SELECT id FROM users WHERE email = 'admin@demo.test'").get() as { id: number }).id;
    const at = "2026-10-01T09:00:00.000Z";
    const insert = db.prepare(`INSERT INTO loop_entries
      (lead_service_id, period, theme, source, forum_families, you_said_en, you_said_ur, we_did_en, we_did_ur, owner_id, due_on, status,
       outcome, outcome_note, change_evidence, change_from, created_by, created_at, opened_at, closed_at, published_at, published_open_at)
      VALUES (@lead, @period, @theme, 'forum', @families, @you_said_en, @you_said_ur, @we_did_en, @we_did_ur, @owner, @due_on, @status,
       @outcome, @note, @evidence, @change_from, @owner, @at, @at, @closed_at, @published_at, @published_open_at)`);
    const ids = {} as Record<K, number>;
    for (const [name, row] of Object.entries(rows) as [K, EntryRow][]) {
      const closed = row.status === "closed" || row.status === "published";
      const result = insert.run({
        lead: service("senar-north"),
        period: row.period ?? "2026-autumn",
        theme: row.theme ?? "communication",
        families: row.forum_families ?? 12,
        you_said_en: row.you_said_en,
        you_said_ur: row.you_said_ur,
        we_did_en: row.we_did_en ?? null,
        we_did_ur: row.we_did_ur ?? null,
        owner: admin,
        due_on: row.due_on ?? "2099-03-31",
        status: row.status,
        outcome: row.outcome ?? null,
        note: closed ? "SECRET-OUTCOME-NOTE about a named child" : null,
        evidence: closed ? "SECRET-CHANGE-EVIDENCE" : null,
        change_from: row.change_from ?? null,
        at,
        closed_at: closed ? at : null,
        published_at: row.status === "published" ? at : null,
        published_open_at: row.published_open ? at : null,
      });
      const id = Number(result.lastInsertRowid);
      if (row.contributing)
        db.prepare("INSERT INTO loop_entry_services (entry_id, service_id) VALUES (?, ?)").run(id, service(row.contributing));
      ids[name] = id;
    }
    return ids;
  } finally {
    db.close();
  }
}

/** A raw comment from the seeded survey answers, linked as evidence: the public must never see it. */
function linkRawComment(entryId: number): string | undefined {
  const db = writableDb();
  try {
    const answer = db
      .prepare(
        "SELECT a.id, a.response_id, a.value FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.type = 'long_text' AND length(a.value) > 20 LIMIT 1"
      )
      .get() as { id: number; response_id: number; value: string } | undefined;
    if (!answer) return undefined;
    db.prepare("INSERT INTO loop_evidence (entry_id, response_id, answer_id) VALUES (?, ?, ?)").run(entryId, answer.response_id, answer.id);
    return answer.value;
  } finally {
    db.close();
  }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = writableDb();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const marker = () => crypto.randomBytes(4).toString("hex");
const h1 = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exactly(text) });
const lngQuery = (lng: Lng) => `lng=${lng}`;

for (const lng of LANGUAGES) {
  test.describe(`You said, we did in ${lng}`, () => {
    test("the public page, an entry, the noticeboard print and the feed show public entries only", async ({ page }) => {
      const m = marker();
      const ids = seedEntries({
        done: {
          status: "published",
          you_said_en: `Letters are hard to follow ${m}`,
          you_said_ur: `خطوط سمجھنا مشکل ہے ${m}`,
          we_did_en: `Letters now use plain words ${m}`,
          we_did_ur: `خطوط اب آسان الفاظ میں ہیں ${m}`,
          outcome: "done",
          change_from: "2026-10-01",
          contributing: "slt",
          forum_families: 12,
        },
        notPossible: {
          status: "published",
          you_said_en: `Open on Sundays ${m}`,
          you_said_ur: `اتوار کو کھولیں ${m}`,
          we_did_en: `We cannot open on Sundays: there are no staff ${m}`,
          we_did_ur: `ہم اتوار کو نہیں کھول سکتے: عملہ نہیں ہے ${m}`,
          outcome: "not_possible",
          forum_families: 3,
        },
        overdue: {
          status: "open",
          published_open: true,
          due_on: "2026-01-31",
          you_said_en: `Reply to calls ${m}`,
          you_said_ur: `کالز کا جواب دیں ${m}`,
        },
        doing: {
          status: "open",
          published_open: true,
          due_on: "2099-03-31",
          you_said_en: `More drop-in sessions ${m}`,
          you_said_ur: `مزید ڈراپ ان سیشن ${m}`,
        },
        draft: { status: "draft", you_said_en: `DRAFT-SECRET ${m}`, you_said_ur: `DRAFT-SECRET ${m}` },
        open: { status: "open", you_said_en: `OPEN-SECRET ${m}`, you_said_ur: `OPEN-SECRET ${m}` },
        closed: {
          status: "closed",
          outcome: "done",
          we_did_en: `CLOSED-SECRET ${m}`,
          we_did_ur: `CLOSED-SECRET ${m}`,
          you_said_en: `CLOSED-SECRET ${m}`,
          you_said_ur: `CLOSED-SECRET ${m}`,
        },
        discarded: { status: "discarded", you_said_en: `DISCARDED-SECRET ${m}`, you_said_ur: `DISCARDED-SECRET ${m}` },
      });
      const rawComment = linkRawComment(ids.done);
      const said = (en: string, ur: string) => (lng === "en" ? en : ur);

      const response = await open(page, `/you-said-we-did?${lngQuery(lng)}`, true);
      expect(response?.status()).toBe(200);
      await expect(h1(page, y(lng, "title"))).toBeVisible();
      await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
        "href",
        `/you-said-we-did/feed.xml?lng=${lng}`
      );
      const main = page.getByRole("main");
      const entry = (id: number) => page.locator("article", { has: page.locator(`a[href="/you-said-we-did/${id}"]`) });

      // A done entry: what families said, what was done, since when, how many raised it.
      const done = entry(ids.done);
      await expect(done).toContainText(said(`Letters are hard to follow ${m}`, `خطوط سمجھنا مشکل ہے ${m}`));
      await expect(done).toContainText(said(`Letters now use plain words ${m}`, `خطوط اب آسان الفاظ میں ہیں ${m}`));
      await expect(done).toContainText(tr(lng, "loop_common:outcomes.done"));
      await expect(done).toContainText(y(lng, "families.many", { n: 12 }));
      await expect(done.getByRole("group", { name: exactly(y(lng, "rating.legend")) })).toBeVisible();
      // A "not possible" shows its reason as plainly as a success; 3 families is fewer than 5, never "3".
      const notPossible = entry(ids.notPossible);
      await expect(notPossible).toContainText(
        said(`We cannot open on Sundays: there are no staff ${m}`, `ہم اتوار کو نہیں کھول سکتے: عملہ نہیں ہے ${m}`)
      );
      await expect(notPossible).toContainText(tr(lng, "loop_common:outcomes.not_possible"));
      await expect(notPossible).toContainText(y(lng, "families.fewer", { threshold: 5 }));
      await expect(notPossible).not.toContainText(y(lng, "families.many", { n: 3 }));
      // "We are doing", due and overdue, in words; no "Did this help?" on them.
      const overdue = entry(ids.overdue);
      await expect(overdue).toContainText(tr(lng, "loop_common:weAreDoing"));
      await expect(overdue.locator(".yswd-due--overdue")).toContainText(lng === "en" ? "Overdue – was due January 2026" : "تاخیر");
      await expect(overdue.getByRole("group")).toHaveCount(0);
      await expect(entry(ids.doing)).toContainText(lng === "en" ? "Due March 2099" : "مقررہ تاریخ");
      // Nothing unpublished, no internal notes, no raw comment.
      const text = await main.innerText();
      for (const secret of [
        "DRAFT-SECRET",
        "OPEN-SECRET",
        "CLOSED-SECRET",
        "DISCARDED-SECRET",
        "SECRET-OUTCOME-NOTE",
        "SECRET-CHANGE-EVIDENCE",
      ]) {
        expect(text).not.toContain(secret);
      }
      if (rawComment) expect(text).not.toContain(rawComment);
      await expectNoAxeViolations(page, `public page (${lng})`);

      // The filters: a GET form; a contributing service finds the entry too.
      await page.getByLabel(exactly(y(lng, "filters.service"))).selectOption({ label: serviceName("slt", lng) });
      await page.getByRole("button", { name: exactly(y(lng, "filters.apply")) }).click();
      await expect(page).toHaveURL(/service=\d+/);
      await expect(entry(ids.done)).toBeVisible();
      await expect(entry(ids.notPossible)).toHaveCount(0);
      await page.goto(`/you-said-we-did?term=2026-autumn&theme=appointments&service=${serviceId("slt")}`);
      await expect(main).toContainText(y(lng, "empty_filtered"));

      // The entry's own page.
      await page.goto(`/you-said-we-did?${lngQuery(lng)}`);
      await entry(ids.done).getByRole("link").first().click();
      await expect(page).toHaveURL(new RegExp(`/you-said-we-did/${ids.done}$`));
      await expect(page.getByRole("heading", { level: 1 })).toContainText(tr(lng, "loop_common:themes.communication"));
      await expect(main).toContainText(said(`Letters now use plain words ${m}`, `خطوط اب آسان الفاظ میں ہیں ${m}`));
      await expectNoAxeViolations(page, `entry page (${lng})`);
      for (const hidden of [ids.draft, ids.open, ids.closed, ids.discarded, 99999999]) {
        const r = await page.goto(`/you-said-we-did/${hidden}`);
        expect(r?.status(), `entry ${hidden}`).toBe(404);
        await expect(h1(page, tr(lng, "common:not_found.title"))).toBeVisible();
        expect(await page.content()).not.toContain("SECRET");
      }
      expect((await page.goto("/you-said-we-did/not-a-number"))?.status()).toBe(404);

      // The noticeboard print: same entries, no forms, the site's header hidden when printed.
      await page.goto(`/you-said-we-did?${lngQuery(lng)}`);
      await page.getByRole("link", { name: exactly(y(lng, "links.print")) }).click();
      await expect(page).toHaveURL(/\/you-said-we-did\/print/);
      await expect(main).toContainText(said(`Letters are hard to follow ${m}`, `خطوط سمجھنا مشکل ہے ${m}`));
      await expect(main.locator("form, input, select, button")).toHaveCount(0);
      await expectNoAxeViolations(page, `print page (${lng})`);
      await page.emulateMedia({ media: "print" });
      await expect(page.locator("header.site-header")).toBeHidden();
      await expect(page.locator(".yswd-print__screen-only")).toBeHidden();
      await expect(main.locator("article").first()).toBeVisible();
      await page.emulateMedia({ media: "screen" });

      // The Atom feed in this language: well-formed XML, one entry per public entry, nothing hidden.
      const feed = await page.request.get(`/you-said-we-did/feed.xml?lng=${lng}`);
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
      const xml = await feed.text();
      expect(xml).not.toContain("SECRET");
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, "application/xml");
        const ns = "http://www.w3.org/2005/Atom";
        const entries = [...doc.getElementsByTagNameNS(ns, "entry")];
        return {
          error: doc.getElementsByTagName("parsererror").length > 0,
          lang: doc.documentElement.getAttribute("xml:lang"),
          root: doc.documentElement.localName,
          self: doc.querySelector('link[rel="self"]')?.getAttribute("href") ?? "",
          contents: entries.map((e) => e.getElementsByTagNameNS(ns, "content")[0]?.textContent ?? ""),
          ids: entries.map((e) => e.getElementsByTagNameNS(ns, "id")[0]?.textContent ?? ""),
        };
      }, xml);
      expect(parsed.error).toBe(false);
      expect(parsed.root).toBe("feed");
      expect(parsed.lang).toBe(lng);
      expect(parsed.self).toContain(`/you-said-we-did/feed.xml?lng=${lng}`);
      expect(
        parsed.ids.filter((id) => [ids.done, ids.notPossible, ids.overdue, ids.doing].some((n) => id.includes(`/you-said-we-did/${n}?`)))
      ).toHaveLength(4);
      expect(parsed.contents.join("\n")).toContain(said(`Letters now use plain words ${m}`, `خطوط اب آسان الفاظ میں ہیں ${m}`));
    });

    test.describe("without JavaScript", () => {
      test.use({ javaScriptEnabled: false });

      test("'Did this help?' once per browser, then asking to look at it again", async ({ page }) => {
        const m = marker();
        const { entryId } = seedEntries({
          entryId: {
            status: "published",
            you_said_en: `Waiting lists are long ${m}`,
            you_said_ur: `انتظار کی فہرستیں لمبی ہیں ${m}`,
            we_did_en: `We added a Saturday clinic ${m}`,
            we_did_ur: `ہم نے ہفتے کو کلینک شروع کیا ${m}`,
            outcome: "partly_done",
            change_from: "2026-09-01",
          },
        });
        const axe = (label: string) => expectNoAxeViolations(page, `${label} (${lng})`, { javaScriptEnabled: false });
        const ratings = () => query<{ rating: string }>("SELECT rating FROM loop_ratings WHERE entry_id = ?", entryId);

        await page.goto(`/you-said-we-did/${entryId}?${lngQuery(lng)}`);
        const send = page.getByRole("button", { name: exactly(y(lng, "rating.submit")) });
        await send.click();
        await expect(page.locator(".error-summary")).toContainText(y(lng, "rating.error_missing"));
        await axe("rating error");
        expect(ratings()).toEqual([]);

        await page.getByRole("radio", { name: exactly(tr(lng, "loop_common:ratings.partly")) }).check();
        await send.click();
        await expect(page.getByRole("status")).toHaveText(y(lng, "rating.thanks"));
        expect(ratings()).toEqual([{ rating: "partly" }]);
        await axe("rating thanks");

        // A second answer from this browser is not stored.
        const again = await page.request.post(`/you-said-we-did/${entryId}`, { form: { rating: "no" }, maxRedirects: 0 });
        expect(again.status()).toBe(302);
        await page.goto(`/you-said-we-did/${entryId}`);
        await expect(page.getByRole("status")).toHaveText(y(lng, "rating.already"));
        expect(ratings()).toEqual([{ rating: "partly" }]);
        await page.goto(`/you-said-we-did?${lngQuery(lng)}`);
        const card = page.locator("article", { has: page.locator(`a[href="/you-said-we-did/${entryId}"]`) });
        await expect(card).toContainText(y(lng, "rating.already"));
        await expect(card.getByRole("radio")).toHaveCount(0);

        // Ask us to look at this again: required, at most 2,000 characters, kept on error.
        await card.getByRole("link", { name: exactly(y(lng, "rating.look_again")) }).click();
        await expect(h1(page, y(lng, "look_again.title"))).toBeVisible();
        await axe("look again");
        const reason = page.getByLabel(exactly(y(lng, "look_again.reason_label")));
        const submit = page.getByRole("button", { name: exactly(y(lng, "look_again.submit")) });
        await submit.click();
        await expect(page.locator(".error-summary")).toContainText(y(lng, "look_again.errors.reason_missing"));
        const long = "a".repeat(2001);
        await reason.fill(long);
        await submit.click();
        await expect(page.locator(".error-summary")).toContainText(y(lng, "look_again.errors.reason_too_long", { max: "2,000" }));
        await expect(reason).toHaveValue(long);
        await axe("look again error");
        const why = `The clinic is full every week ${m}`;
        await reason.fill(why);
        await submit.click();
        await expect(h1(page, y(lng, "look_again.sent_title"))).toBeVisible();
        await axe("look again sent");
        expect(query("SELECT language, dealt_at FROM loop_reviews WHERE entry_id = ? AND reason = ?", entryId, why)).toEqual([
          { language: lng, dealt_at: null },
        ]);
        expect(query("SELECT user_id FROM loop_events WHERE entry_id = ? AND action = 'look_again'", entryId)).toEqual([{ user_id: null }]);

        // An entry that is not published has no look-again page.
        const { doing } = seedEntries({
          doing: { status: "open", published_open: true, you_said_en: `Doing ${m}`, you_said_ur: `جاری ${m}` },
        });
        expect((await page.goto(`/you-said-we-did/${doing}/look-again`))?.status()).toBe(404);
      });

      test("the survey's confirmation page offers the updates, kept apart from the answers", async ({ page }) => {
        await page.goto(surveyUrl("local-offer-2026-27", lng));
        await finishSurvey(page, { slug: "local-offer-2026-27", lng, javaScriptEnabled: false, axe: false });
        await expect(page.getByRole("main")).toContainText(y(lng, "survey_done.body"));
        await expect(page.getByRole("link", { name: exactly(y(lng, "survey_done.page")) })).toHaveAttribute("href", "/you-said-we-did");
        await expectNoAxeViolations(page, `survey confirmation (${lng})`, { javaScriptEnabled: false });
        await page.getByRole("link", { name: exactly(y(lng, "survey_done.subscribe")) }).click();
        await expect(h1(page, y(lng, "subscribe.title"))).toBeVisible();
      });

      test("subscribing: check your email, confirm by a button, unsubscribe in one click", async ({ page }) => {
        const axe = (label: string) => expectNoAxeViolations(page, `${label} (${lng})`, { javaScriptEnabled: false });
        const email = `family-${marker()}@example.com`;
        await page.goto(`/?${lngQuery(lng)}`);
        await page.getByRole("link", { name: exactly(y(lng, "home_link")) }).click();
        await page.getByRole("link", { name: exactly(y(lng, "links.subscribe")) }).click();
        await expect(h1(page, y(lng, "subscribe.title"))).toBeVisible();
        await axe("subscribe");

        const submit = page.getByRole("button", { name: exactly(y(lng, "subscribe.submit")) });
        await submit.click();
        await expect(page.locator(".error-summary")).toContainText(y(lng, "subscribe.errors.email_missing"));
        const box = page.getByLabel(exactly(y(lng, "subscribe.email_label")));
        await box.fill("not an address");
        await submit.click();
        await expect(page.locator(".error-summary")).toContainText(y(lng, "subscribe.errors.email_invalid"));
        await expect(box).toHaveValue("not an address");
        await axe("subscribe error");

        await box.fill(email);
        await page.getByRole("radio", { name: exactly(y(lng, `languages.${lng}`)) }).check();
        await page.getByLabel(exactly(y(lng, "subscribe.service_label"))).selectOption(String(serviceId("senar-north")));
        await submit.click();
        await expect(h1(page, y(lng, "subscribe.sent_title"))).toBeVisible();
        await axe("check your email");

        const [mail] = query<{ text_body: string; kind: string; language: string }>(
          "SELECT text_body, kind, language FROM outbox WHERE to_address = ?",
          email
        );
        expect([mail.kind, mail.language]).toEqual(["loop_subscription_confirm", lng]);
        const link = /\/you-said-we-did\/subscribe\/[A-Za-z0-9_-]{32}\?lng=(en|ur)/.exec(mail.text_body)![0];
        const confirmed = () =>
          query<{ confirmed_at: string | null; unsubscribed_at: string | null }>(
            "SELECT confirmed_at, unsubscribed_at FROM loop_subscriptions WHERE email = ?",
            email
          )[0];

        // Following the link (as a mail scanner would) changes nothing; the button confirms.
        await page.goto(link);
        await expect(h1(page, y(lng, "confirm.title_waiting"))).toBeVisible();
        expect(confirmed().confirmed_at).toBeNull();
        await axe("confirm");
        await page.getByRole("button", { name: exactly(y(lng, "confirm.button")) }).click();
        await expect(h1(page, y(lng, "confirm.title_confirmed"))).toBeVisible();
        expect(confirmed().confirmed_at).not.toBeNull();
        await axe("confirmed");

        await page.getByRole("link", { name: exactly(y(lng, "confirm.unsubscribe")) }).click();
        await expect(h1(page, y(lng, "unsubscribe.title"))).toBeVisible();
        expect(confirmed().unsubscribed_at).not.toBeNull();
        await axe("unsubscribed");

        for (const path of ["/you-said-we-did/subscribe/" + "x".repeat(32), "/you-said-we-did/unsubscribe/nope"]) {
          expect((await page.goto(path))?.status(), path).toBe(404);
          await expect(h1(page, tr(lng, "common:not_found.title"))).toBeVisible();
        }
        // A mail program's one-click unsubscribe (RFC 8058) is a POST.
        const token = /subscribe\/([A-Za-z0-9_-]{32})/.exec(link)![1];
        const oneClick = await page.request.post(`/you-said-we-did/unsubscribe/${token}`, { form: { "List-Unsubscribe": "One-Click" } });
        expect(oneClick.status()).toBe(200);
      });
    });
  });
}

function serviceId(slug: string): number {
  return query<{ id: number }>("SELECT id FROM services WHERE slug = ?", slug)[0].id;
}

function serviceName(slug: string, lng: Lng): string {
  return query<{ name: string }>(`SELECT name_${lng} AS name FROM services WHERE slug = ?`, slug)[0].name;
}
