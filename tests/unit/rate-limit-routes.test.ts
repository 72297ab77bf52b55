import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { HashGate } from "~/auth/hash-gate.server";
import { signInAction } from "~/auth/sign-in.server";
import { createUser } from "~/auth/users.server";
import * as signInRoute from "~/routes/sign-in";
import * as subscribeRoute from "~/routes/you-said-we-did.subscribe";
import * as entryRoute from "~/routes/you-said-we-did.$id";
import * as lookAgainRoute from "~/routes/you-said-we-did.$id_.look-again";
import * as startSurveyRoute from "~/routes/s.$slug._index";
import * as resumedSurveyRoute from "~/routes/s.$slug.r.$token._index";
import * as campaignRoute from "~/routes/staff.campaigns.$id._index";
import { newResumeToken } from "~/responding/responses.server";
import { settle } from "../support/admin";
import { invite } from "../support/campaigns";
import { testContext } from "../support/context";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";
import { makeEntry, makeLoopWorld, type LoopWorld } from "../support/loop";
import { makeStaff } from "../support/staff";

// The rate limits where people meet them, through the routes' own actions with a real
// SQLite file and the load context the server hands them: 429 with Retry-After on every
// refusal, and whatever was typed comes back with the form.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let world: LoopWorld;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  world = await makeLoopWorld(db);
});
afterEach(() => cleanup());

const BASE = "http://localhost:3000";
/** The load context of a request from this client address (factor 1, as in production). */
const from = (clientIp: string): AppLoadContext => ({ ...testContext(db), clientIp });
const count = async (table: "outbox" | "loop_ratings" | "loop_reviews" | "responses") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

/** A refusal: 429, a Retry-After of whole seconds within the window, and its body. */
async function expectRefused(res: Response, maxSeconds: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("Retry-After"));
  expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= maxSeconds, `Retry-After ${retryAfter}`).toBe(true);
  return res.json();
}

describe("subscribe", () => {
  const post = (email: string, clientIp = "203.0.113.5") =>
    settle(
      subscribeRoute.action({
        request: postForm(`${BASE}/you-said-we-did/subscribe`, [["email", email], ["language", "en"], ["service", "all"]]),
        params: {},
        context: from(clientIp),
      }),
    );

  it("30 posts for one address queue one confirmation; past the IP's limit the form comes back with the email", async () => {
    const statuses: number[] = [];
    let refusedBody: unknown;
    for (let i = 0; i < 30; i++) {
      const res = await post("Stranger@Example.org");
      statuses.push(res.status);
      if (res.status === 429) refusedBody ??= await expectRefused(res, 3600);
      else expect(res.headers.get("Location")).toBe("/you-said-we-did/subscribe/sent");
    }
    // 10 an hour from one IP: the first 10 look the same ("check your email"), whether mail went or not.
    expect(statuses).toEqual([...Array(10).fill(302), ...Array(20).fill(429)]);
    expect(refusedBody).toEqual({
      errors: { email: expect.stringMatching(/^This form was sent too many times in a short time\. Wait (60|59) minutes, then send it again\.$/) },
      values: { email: "Stranger@Example.org", language: "en", service: "all" },
    });
    const mail = await db.selectFrom("outbox").select(["to_address", "kind"]).execute();
    expect(mail).toEqual([{ to_address: "stranger@example.org", kind: "loop_subscription_confirm" }]);
  });

  it("from 30 different addresses (IPs) still queues one confirmation a day for one email address", async () => {
    for (let i = 0; i < 30; i++) expect((await post("stranger@example.org", `198.51.100.${i}`)).status).toBe(302);
    expect(await count("outbox")).toBe(1);
    // Another address is not held up.
    expect((await post("someone.else@example.org", "198.51.100.99")).status).toBe(302);
    expect(await count("outbox")).toBe(2);
  });

  it("an invalid form is not counted", async () => {
    for (let i = 0; i < 15; i++) expect((await post("not an address")).status).toBe(400);
    expect((await post("real@example.org")).status).toBe(302);
  });
});

describe("sign-in", () => {
  const EMAIL = "admin@test.example";
  const PASSWORD = "the right password";
  beforeEach(async () => {
    await createUser(db, { email: EMAIL, name: "Admin", password: PASSWORD, role: "admin" });
  });
  const fields = (email: string, password: string): [string, string][] => [["email", email], ["password", password]];
  const viaRoute = (email: string, password: string, clientIp: string) =>
    settle(signInRoute.action({ request: postForm(`${BASE}/sign-in`, fields(email, password)), params: {}, context: from(clientIp) }));

  it("the 11th wrong password for one address from one IP gives 429, while the right one from another IP signs in", async () => {
    for (let i = 1; i <= 10; i++) expect((await viaRoute(EMAIL, `guess ${i}`, "203.0.113.66")).status, `guess ${i}`).toBe(400);
    const refused = await viaRoute(EMAIL, `guess 11`, "203.0.113.66");
    expect(await expectRefused(refused, 15 * 60)).toEqual({ errors: { email: "too_many" }, email: EMAIL, wait: 15 });
    // Even the right password is refused from there for now...
    expect((await viaRoute(EMAIL, PASSWORD, "203.0.113.66")).status).toBe(429);
    // ...but the real admin, elsewhere, is not locked out.
    const elsewhere = await viaRoute(EMAIL, PASSWORD, "192.0.2.44");
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.headers.get("Set-Cookie")).toMatch(/^sd_session=/);
  });

  it("refuses a flood from one IP before verifying any password, and lets others in meanwhile", async () => {
    class CountingGate extends HashGate {
      runs = 0;
      override run<T>(task: () => Promise<T>) {
        this.runs++;
        return super.run(task);
      }
    }
    const gate = new CountingGate();
    const attempt = (email: string, password: string, clientIp: string) =>
      settle(signInAction(db, postForm(`${BASE}/sign-in`, fields(email, password)), false, { clientIp, factor: 1, gate }));
    // Random addresses, as the measured flood did: the per-address limit never trips.
    for (let i = 0; i < 20; i++) expect((await attempt(`random${i}@example.org`, "wrong", "203.0.113.9")).status).toBe(400);
    expect(gate.runs).toBe(20);
    for (let i = 20; i < 40; i++) {
      const res = await attempt(`random${i}@example.org`, "wrong", "203.0.113.9");
      expect(await expectRefused(res, 15 * 60)).toEqual({ errors: { email: "too_many" }, email: `random${i}@example.org`, wait: 15 });
    }
    // Twenty refusals, not one scrypt among them.
    expect(gate.runs).toBe(20);
    expect((await attempt(EMAIL, PASSWORD, "192.0.2.1")).status).toBe(302);
    expect(gate.runs).toBe(21);
  });

  it("counts an IPv6 client by its /64", async () => {
    for (let i = 0; i < 20; i++) expect((await viaRoute(`r${i}@example.org`, "wrong", `2001:db8:1:2::${i + 1}`)).status).toBe(400);
    expect((await viaRoute("r20@example.org", "wrong", "2001:db8:1:2:ffff::99")).status).toBe(429);
    expect((await viaRoute(EMAIL, PASSWORD, "2001:db8:1:3::1")).status).toBe(302);
  });

  it("answers 429 at once, keeping the email, when the password checks are all busy", async () => {
    const full = new HashGate(0, 0);
    const res = await settle(signInAction(db, postForm(`${BASE}/sign-in`, fields(EMAIL, PASSWORD)), false, { clientIp: "203.0.113.1", factor: 1, gate: full }));
    expect(res.headers.get("Retry-After")).toBe("60");
    expect(await expectRefused(res, 60)).toEqual({ errors: { email: "busy" }, email: EMAIL, wait: 1 });
    // A busy refusal is no failure: nothing is counted against the address.
    expect(await db.selectFrom("rate_limits").selectAll().execute()).toEqual([]);
  });
});

describe("You Said, We Did", () => {
  let entryId: number;
  beforeEach(async () => {
    entryId = await makeEntry(db, world, "published");
  });

  it('"Did this help?": 30 answers an hour from one IP, then 429 with the answer still chosen', async () => {
    // A script sends no "already answered" cookie: each post looks like a new browser.
    const rate = (clientIp: string) =>
      settle(
        entryRoute.action({
          request: postForm(`${BASE}/you-said-we-did/${entryId}`, [["rating", "no"]]),
          params: { id: String(entryId) },
          context: from(clientIp),
        }),
      );
    for (let i = 0; i < 30; i++) expect((await rate("203.0.113.20")).status).toBe(302);
    const body = await expectRefused(await rate("203.0.113.20"), 3600);
    expect(body).toEqual({
      errors: { rating: expect.stringMatching(/^This form was sent too many times in a short time\. Wait \d+ minutes, then send it again\.$/) },
      values: { rating: "no" },
    });
    expect(await count("loop_ratings")).toBe(30);
    // Another family elsewhere still answers.
    expect((await rate("198.51.100.20")).status).toBe(302);
    expect(await count("loop_ratings")).toBe(31);
  });

  it("look again: 10 an hour from one IP, then the form again with the reason typed", async () => {
    const reason = "The clinic still does not answer the phone on Mondays.";
    const ask = (clientIp: string) =>
      settle(
        lookAgainRoute.action({
          request: postForm(`${BASE}/you-said-we-did/${entryId}/look-again?lng=ur`, [["reason", reason]]),
          params: { id: String(entryId) },
          context: from(clientIp),
        }),
      );
    for (let i = 0; i < 10; i++) expect((await ask("203.0.113.30")).status).toBe(302);
    const body = await expectRefused(await ask("203.0.113.30"), 3600);
    // In the page's language (Urdu here), with the reason kept.
    expect(body).toEqual({ errors: { reason: expect.stringMatching(/\d+ منٹ انتظار کریں/) }, values: { reason } });
    expect(await count("loop_reviews")).toBe(10);
  });
});

describe("starting a response", () => {
  it("allows 200 new responses in 10 minutes from one IP, then shows the page again with the answers; resumed ones go on", async () => {
    const { campaign } = await makeCampaign(db);
    const url = `${BASE}/s/${campaign.slug}`;
    const answers: [string, string][] = [["page", "1"], ["intent", "next"], ["q_overall", "4"], ["q_contact_known", "yes"]];
    const start = (token: string) =>
      settle(startSurveyRoute.action({ request: postForm(url, [["token", token], ...answers]), params: { slug: campaign.slug }, context: from("203.0.113.40") }));
    let firstToken = "";
    for (let i = 0; i < 200; i++) {
      const token = newResumeToken();
      firstToken ||= token;
      expect((await start(token)).status).toBe(302);
    }
    expect(await count("responses")).toBe(200);

    const token = newResumeToken();
    const body = await expectRefused(await start(token), 600);
    expect(body).toEqual({
      errors: { _form: { code: "too_many_requests", retryAfterSeconds: expect.any(Number) } },
      values: { overall: ["4"], contact_known: ["yes"] },
      token,
    });
    expect(await count("responses")).toBe(200);

    // A response already started is not a new one: its next page is saved as usual.
    const resumed = await settle(
      resumedSurveyRoute.action({
        request: postForm(`${url}/r/${firstToken}`, [["page", "3"], ["intent", "save"], ["q_comment", "Thank you"]]),
        params: { slug: campaign.slug, token: firstToken },
        context: from("203.0.113.40"),
      }),
    );
    expect(resumed.status).toBe(302);
    // And a parents' evening behind another school's connection is not held up.
    const other = await settle(
      startSurveyRoute.action({ request: postForm(url, [["token", newResumeToken()], ...answers]), params: { slug: campaign.slug }, context: from("198.51.100.40") }),
    );
    expect(other.status).toBe(302);
  }, 60_000);
});

describe("manual reminders", () => {
  it("go at most once a day per campaign, whoever presses; the second press says when the next may go", async () => {
    const now = new Date();
    await invite(db, world.campaign.id, [["a@example.org", "en"], ["b@example.org", "ur"]], now);
    const admin = await makeStaff(db, "admin");
    const press = async () =>
      settle(
        campaignRoute.action({
          request: admin.post(`${BASE}/staff/campaigns/${world.campaign.id}`, [["intent", "remind"]]),
          params: { id: String(world.campaign.id) },
          context: testContext(db),
        }),
      );
    // Nobody to remind yet (no invitation emailed): that press does not use up the day's reminder.
    await db.updateTable("invitations").set({ sent_at: null }).execute();
    expect((await press()).status).toBe(302);
    await db.updateTable("invitations").set({ sent_at: now.toISOString() }).execute();
    const before = await count("outbox");

    expect((await press()).status).toBe(302);
    expect(await count("outbox")).toBe(before + 2);

    const refused = await expectRefused(await press(), 24 * 3600);
    expect(refused).toEqual({ reminderRetryAfterSeconds: expect.any(Number) });
    expect(refused.reminderRetryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(await count("outbox")).toBe(before + 2);
    expect(await db.selectFrom("reminder_rounds").select("kind").execute()).toEqual([{ kind: "manual" }]);
  });
});
