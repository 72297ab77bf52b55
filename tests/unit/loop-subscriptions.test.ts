import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { runJobs } from "~/jobs/jobs.server";
import { publishEntries } from "~/loop/loop.server";
import {
  confirmSubscription,
  findSubscriptionByToken,
  queuePublicationEmails,
  requestSubscription,
  unsubscribeByToken,
} from "~/loop/subscriptions.server";
import { createMailTransport, type Transporter } from "~/mail/transport.server";
import { parseStoredHeaders } from "~/mail/outbox.server";
import { PUBLIC_URL } from "../support/campaigns";
import { createTestDb } from "../support/db";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { testPublication, testJobSettings } from "../support/context";

// Families' subscriptions: confirmed by a link, one-click unsubscribe, and one email per
// publication in their language, to them and nobody else.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;
const now = new Date("2026-11-02T09:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

const outbox = () => db.selectFrom("outbox").selectAll().orderBy("id").execute();
const rows = () => db.selectFrom("loop_subscriptions").selectAll().orderBy("id").execute();

/** Subscribes and confirms by the real functions, as the pages do. Returns the token. */
async function subscriber(email: string, language: Language, serviceId: number | null, opts: { confirm?: boolean } = {}) {
  await requestSubscription(db, { email, language, serviceId }, now, PUBLIC_URL);
  const row = await db
    .selectFrom("loop_subscriptions")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .where((eb) => (serviceId === null ? eb("service_id", "is", null) : eb("service_id", "=", serviceId)))
    .executeTakeFirstOrThrow();
  if (opts.confirm !== false) expect(await confirmSubscription(db, row.token, now)).toBe(true);
  return row.token;
}

describe("subscribing", () => {
  it("stores an unconfirmed row with a random token and queues a confirmation in the subscriber's language", async () => {
    await requestSubscription(db, { email: " Amina@Example.com ", language: "ur", serviceId: world.serviceA }, now, PUBLIC_URL);
    const [row] = await rows();
    expect(row).toMatchObject({
      email: "amina@example.com",
      language: "ur",
      service_id: world.serviceA,
      confirmed_at: null,
      unsubscribed_at: null,
    });
    expect(row.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: "loop_subscription_confirm", to_address: "amina@example.com", language: "ur" });
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/);
    expect(mail.html_body).toContain('dir="rtl"');
    expect(mail.text_body).toContain(`${PUBLIC_URL}/you-said-we-did/subscribe/${row.token}?lng=ur`);
    expect(mail.text_body).toContain("سروس 0");
  });

  it("never makes a duplicate: re-sends the confirmation, then says it is already subscribed", async () => {
    await requestSubscription(db, { email: "ben@example.com", language: "en", serviceId: null }, now, PUBLIC_URL);
    await requestSubscription(db, { email: "ben@example.com", language: "en", serviceId: null }, now, PUBLIC_URL);
    const [row] = await rows();
    expect(await rows()).toHaveLength(1);
    let mails = await outbox();
    expect(mails.map((m) => m.subject)).toEqual([
      "Please confirm: updates from You said, we did",
      "Please confirm: updates from You said, we did",
    ]);
    expect(mails[1].text_body).toContain(row.token);

    expect(await confirmSubscription(db, row.token, now)).toBe(true);
    await requestSubscription(db, { email: "ben@example.com", language: "en", serviceId: null }, now, PUBLIC_URL);
    mails = await outbox();
    expect(mails[2].subject).toBe("You already get updates from You said, we did");
    expect(parseStoredHeaders(mails[2].headers_json)["List-Unsubscribe"]).toBe(
      `<${PUBLIC_URL}/you-said-we-did/unsubscribe/${row.token}?lng=en>`
    );
    expect(await rows()).toHaveLength(1);

    // Another scope is another subscription.
    await requestSubscription(db, { email: "ben@example.com", language: "en", serviceId: world.serviceB }, now, PUBLIC_URL);
    expect(await rows()).toHaveLength(2);
  });

  it("unsubscribes every subscription of the address with one click, and a new request starts again with a new token", async () => {
    const all = await subscriber("cara@example.com", "en", null);
    await subscriber("cara@example.com", "en", world.serviceA);
    expect(await unsubscribeByToken(db, all, now)).toBe(true);
    expect((await rows()).every((r) => r.unsubscribed_at !== null)).toBe(true);
    expect(await confirmSubscription(db, all, now)).toBe(false);
    expect(await unsubscribeByToken(db, "x".repeat(32), now)).toBe(false);
    expect(await findSubscriptionByToken(db, "not a token")).toBeUndefined();

    await requestSubscription(db, { email: "cara@example.com", language: "ur", serviceId: null }, now, PUBLIC_URL);
    const again = (await rows())[0];
    expect(again.token).not.toBe(all);
    expect(again).toMatchObject({ confirmed_at: null, unsubscribed_at: null, language: "ur" });
    expect(await rows()).toHaveLength(2);
  });
});

describe("publication emails", () => {
  it("queue nothing for entries that are not published", async () => {
    await subscriber("dan@example.com", "en", null);
    const open = await makeEntry(db, world, "open", { publishedOpen: true });
    const draft = await makeEntry(db, world, "draft");
    expect(await queuePublicationEmails(db, [open, draft, 999], now, testPublication({ publicUrl: PUBLIC_URL }))).toBe(0);
  });

  describe("over real SMTP", () => {
    let sink: SmtpSink;
    let transport: Transporter;
    beforeEach(async () => {
      sink = await startSmtpSink();
      transport = createMailTransport(sink.url);
    });
    afterEach(async () => {
      transport.close();
      await sink.stop();
    });

    it("reach each confirmed subscriber of the services concerned once, in their language, and no one else", async () => {
      // Subscribers: everything in English; service A in Urdu; B only; someone with both "all" and A;
      // and people who must get nothing: unconfirmed, unsubscribed.
      await subscriber("all-en@example.com", "en", null);
      const urduA = await subscriber("a-ur@example.com", "ur", world.serviceA);
      await subscriber("b-only@example.com", "en", world.serviceB);
      await subscriber("both@example.com", "en", null);
      await subscriber("both@example.com", "en", world.serviceA);
      await subscriber("unconfirmed@example.com", "en", null, { confirm: false });
      const gone = await subscriber("gone@example.com", "en", world.serviceA);
      await unsubscribeByToken(db, gone, now);
      await db.deleteFrom("outbox").execute();

      const first = await makeEntry(db, world, "closed", {
        draft: { youSaidEn: "Letters are hard to read.", youSaidUr: "خطوط پڑھنا مشکل ہے۔" },
      });
      const second = await makeEntry(db, world, "closed", {
        draft: { youSaidEn: "Nobody calls back.", youSaidUr: "کوئی واپس کال نہیں کرتا۔" },
      });
      const published = await publishEntries(db, world.users.pcf, [first, second], now, testPublication({ publicUrl: PUBLIC_URL }));
      expect(published.ok).toBe(true);

      await runJobs(db, { ...testJobSettings(), transport, now, publicUrl: PUBLIC_URL });
      const messages = await sink.waitFor(3);
      await runJobs(db, { ...testJobSettings(), transport, now: new Date(now.getTime() + 3_600_000), publicUrl: PUBLIC_URL });
      expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["a-ur@example.com", "all-en@example.com", "both@example.com"]);

      const to = (address: string) => messages.find((m) => m.to.includes(address))!;
      const english = to("all-en@example.com");
      expect(english.subject).toBe("New from You said, we did");
      expect(english.html).toContain('dir="ltr"');
      for (const text of ["Letters are hard to read.", "Nobody calls back.", "We answer every call within two working days.", "Done"]) {
        expect(english.text).toContain(text);
      }
      expect(english.text).toContain(`${PUBLIC_URL}/you-said-we-did/${first}?lng=en`);
      expect(english.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(english.headers["list-unsubscribe"]).toMatch(/you-said-we-did\/unsubscribe\/[A-Za-z0-9_-]{32}\?lng=en/);

      const urdu = to("a-ur@example.com");
      expect(urdu.subject).toMatch(/[\u0600-\u06FF]/);
      expect(urdu.html).toContain('dir="rtl"');
      expect(urdu.html).toContain('lang="ur"');
      expect(urdu.text).toContain("خطوط پڑھنا مشکل ہے۔");
      expect(urdu.text).toContain("ہم ہر کال کا جواب دو کاروباری دنوں میں دیتے ہیں۔");
      expect(urdu.text).not.toContain("Letters are hard to read.");
      expect(urdu.headers["list-unsubscribe"]).toContain(`/you-said-we-did/unsubscribe/${urduA}?lng=ur`);

      const kinds = (await outbox()).map((m) => [m.kind, m.status]);
      expect(kinds).toEqual([
        ["loop_publication", "sent"],
        ["loop_publication", "sent"],
        ["loop_publication", "sent"],
      ]);
    });

    it("reach subscribers of a contributing service", async () => {
      await subscriber("b-only@example.com", "en", world.serviceB);
      await subscriber("a-only@example.com", "en", world.serviceA);
      await db.deleteFrom("outbox").execute();
      const shared = await makeEntry(db, world, "closed", { draft: { contributingServiceIds: [world.serviceB] } });
      await publishEntries(db, world.users.pcf, [shared], now, testPublication({ publicUrl: PUBLIC_URL }));
      await runJobs(db, { ...testJobSettings(), transport, now, publicUrl: PUBLIC_URL });
      await sink.waitFor(2);
      expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["a-only@example.com", "b-only@example.com"]);
    });
  });
});
