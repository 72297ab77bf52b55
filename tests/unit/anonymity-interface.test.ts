import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { AppLoadContext } from "@remix-run/node";
import type { Database } from "@db/schema";
import { seedDemoData } from "@db/seed/seed";
import { DEMO_INVITED_CAMPAIGN } from "@db/seed/invitations";
import { testEnv } from "~/env.server";
import { invitationCookie } from "~/campaigns/invitation-cookie";
import { sendReminders } from "~/campaigns/reminders.server";
import { HIDDEN } from "~/mail/mailbox";
import { getOpenCampaignForRespondent, handleSurveyPost } from "~/responding/survey-page.server";
import { newResumeToken } from "~/responding/responses.server";
import { parseCsv } from "~/surveys/translations";
import * as campaignPage from "~/routes/staff.campaigns.$id._index";
import * as invitationsPage from "~/routes/staff.campaigns.$id.invitations";
import * as returnRateCsv from "~/routes/staff.campaigns.$id.return-rate[.csv]";
import * as mailbox from "~/routes/staff.mailbox._index";
import * as mailboxMessage from "~/routes/staff.mailbox.$id";
import * as answersCsv from "~/routes/staff.results.surveys.$surveyId.answers[.csv]";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";
import { makeStaff } from "../support/staff";
import { testContext } from "../support/context";
import { PUBLIC_URL, invite } from "../support/campaigns";

// DESIGN.md "Anonymity": for an invitation campaign staff see counts, never which invitee
// has answered; reminder emails appear in the mailbox without their recipient; the raw
// answers export of an invitation campaign gives the month of submission only.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let context: AppLoadContext;
beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
  context = testContext(db);
});
afterEach(async () => cleanup());

const invitedAt = new Date("2026-11-02T09:00:00.000Z");
const answeredAt = new Date("2026-11-25T10:17:23.456Z");
const remindedAt = new Date("2026-11-26T08:00:00.000Z");
const ANSWERED = "amina.answered@example.com";
const WAITING = ["bilal.waiting@example.com", "chen.waiting@example.com"];

/** The whole body of a route's answer, thrown or returned, as text. */
async function bodyOf(p: Promise<unknown>): Promise<string> {
  let res: Response;
  try {
    res = (await p) as Response;
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    res = e;
  }
  expect(res.status).toBe(200);
  return res.text();
}

/** Answers the campaign's survey (three pages) as a browser would, with or without an invitation cookie. */
async function answer(slug: string, cookie: string | null, comment: string, now: Date) {
  const headers: Record<string, string> = cookie ? { Cookie: `lng=en; ${cookie}` } : { Cookie: "lng=en" };
  const url = `http://localhost/s/${slug}`;
  const seen = await getOpenCampaignForRespondent(db, new Request(url, { headers }), slug, now);
  const token = newResumeToken();
  await handleSurveyPost(db, postForm(url, [["token", token], ["page", "1"], ["intent", "next"], ["q_overall", "4"], ["q_contact_known", "yes"]], headers), seen, null, "en", now, false);
  const done = (await handleSurveyPost(db, postForm(`${url}/r/${token}`, [["page", "3"], ["intent", "submit"], ["q_comment", comment]], headers), seen, token, "en", now, false)) as Response;
  expect(done.headers.get("Location")).toBe(`/s/${slug}/r/${token}/done`);
}

/**
 * A campaign with three invitations, all delivered; Amina answers through her link (with
 * a comment that names her son), then a reminder round goes to the two who have not.
 * Beside it, an open-link campaign of the same survey with one response the same day.
 */
async function invitedCampaignAfterReminders() {
  const { campaign, versionId } = await makeCampaign(db);
  const invitations = await invite(db, campaign.id, [[ANSWERED, "en"], [WAITING[0], "en"], [WAITING[1], "ur"]], invitedAt);
  // Delivered: the relay accepted each invitation email.
  await db.updateTable("invitations").set({ sent_at: invitedAt.toISOString() }).where("campaign_id", "=", campaign.id).execute();
  const amina = invitations.find((i) => i.email === ANSWERED)!;
  await answer(campaign.slug, invitationCookie(campaign.slug, amina.token, false).split(";")[0], "Idris, my son, waited a year", answeredAt);

  const openLink = await db
    .insertInto("campaigns")
    .values({ ...campaign, id: undefined, slug: `${campaign.slug}-open`, survey_version_id: versionId })
    .returningAll()
    .executeTakeFirstOrThrow();
  const services = await db.selectFrom("campaign_services").select("service_id").where("campaign_id", "=", campaign.id).execute();
  await db.insertInto("campaign_services").values(services.map((s) => ({ campaign_id: openLink.id, service_id: s.service_id }))).execute();
  await answer(openLink.slug, null, "Quicker letters please", answeredAt);

  const admin = await makeStaff(db, "admin");
  const round = await sendReminders(db, campaign.id, { kind: "manual", userId: admin.id }, remindedAt, { publicUrl: PUBLIC_URL });
  expect(round.recipients).toBe(2);
  return { campaign, openLink, invitations, admin, amina };
}

describe("no page, CSV or mailbox view names who has answered an invitation", () => {
  it("the invitation's completion is kept as a month, and counts are all the campaign pages give", async () => {
    const { campaign, admin, invitations } = await invitedCampaignAfterReminders();
    const stored = await db.selectFrom("invitations").select(["email", "completed_on"]).where("campaign_id", "=", campaign.id).orderBy("id").execute();
    expect(stored).toEqual([
      { email: ANSWERED, completed_on: "2026-11" },
      { email: WAITING[0], completed_on: null },
      { email: WAITING[1], completed_on: null },
    ]);

    const params = { id: String(campaign.id) };
    const url = `http://localhost/staff/campaigns/${campaign.id}`;
    const pages = {
      campaign: await bodyOf(campaignPage.loader({ request: admin.get(url), params, context })),
      invitations: await bodyOf(invitationsPage.loader({ request: admin.get(`${url}/invitations`), params, context })),
      returnRateCsv: await bodyOf(returnRateCsv.loader({ request: admin.get(`${url}/return-rate.csv`), params, context })),
    };
    for (const [name, body] of Object.entries(pages)) {
      for (const inv of invitations) {
        expect(body, `${name} shows ${inv.email}`).not.toContain(inv.email);
        expect(body, `${name} shows a token`).not.toContain(inv.token);
      }
    }
    // The campaign page counts: 3 invited, 1 answered, 2 still to answer; the round reached 2 (how many, not whom).
    const page = JSON.parse(pages.campaign);
    expect(page.counts).toMatchObject({ invited: 3, completed: 1, stillToAnswer: 2, remindable: 2 });
    expect(page.rounds.map((r: { kind: string; recipient_count: number }) => [r.kind, r.recipient_count])).toEqual([["manual", 2]]);
  });

  it("the mailbox lists reminders without their recipient, and keeps the recipient of every other kind", async () => {
    const { invitations, admin } = await invitedCampaignAfterReminders();
    const list = JSON.parse(await bodyOf(mailbox.loader({ request: admin.get("http://localhost/staff/mailbox"), params: {}, context })));
    const rows: { id: number; kind: string; to: string | null }[] = list.messages;
    expect(rows.filter((m) => m.kind === "invitation").map((m) => m.to).sort()).toEqual([ANSWERED, ...WAITING].sort());
    const reminders = rows.filter((m) => m.kind === "reminder");
    expect(reminders.map((m) => m.to)).toEqual([null, null]);
    const reminderRows = JSON.stringify(reminders);
    for (const inv of invitations) expect(reminderRows).not.toContain(inv.email);

    for (const r of reminders) {
      const view = await bodyOf(mailboxMessage.loader({ request: admin.get(`http://localhost/staff/mailbox/${r.id}`), params: { id: String(r.id) }, context }));
      const { message } = JSON.parse(view);
      expect(message.to).toBeNull();
      for (const inv of invitations) {
        expect(view, "the address").not.toContain(inv.email);
        // The token is in the invitation email beside the address: it would name them too.
        expect(view, "the personal link").not.toContain(inv.token);
      }
      // The reminder still reads as an email, with its link and opt-out masked.
      expect(message.text).toContain(`${PUBLIC_URL}/i/${HIDDEN}`);
      expect(message.text).toContain(`${PUBLIC_URL}/unsubscribe/${HIDDEN}`);
      expect(message.headers).toContainEqual(["List-Unsubscribe", `<${PUBLIC_URL}/unsubscribe/${HIDDEN}>`]);
    }
    // An invitation keeps its recipient and its link (everyone invited gets one).
    const invitationRow = rows.find((m) => m.kind === "invitation" && m.to === ANSWERED)!;
    const { message } = JSON.parse(await bodyOf(mailboxMessage.loader({ request: admin.get(`http://localhost/staff/mailbox/${invitationRow.id}`), params: { id: String(invitationRow.id) }, context })));
    expect(message.to).toBe(ANSWERED);
    expect(message.text).toContain(`${PUBLIC_URL}/i/${invitations[0].token}`);
  });

  it("the raw answers export gives the month for an invitation campaign and the day for an open-link one", async () => {
    const { campaign, openLink, admin } = await invitedCampaignAfterReminders();
    const version = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", campaign.survey_version_id).executeTakeFirstOrThrow();
    const csv = await bodyOf(
      answersCsv.loader({ request: admin.get(`http://localhost/staff/results/surveys/${version.survey_id}/answers.csv`), params: { surveyId: String(version.survey_id) }, context }),
    );
    const parsed = parseCsv(csv);
    if (!("records" in parsed)) throw new Error("unreadable CSV");
    const [header, ...rows] = parsed.records.map((r) => r.cells);
    const dateColumn = 5;
    expect(header[dateColumn]).toBe("Submitted on (the month only, for a campaign that invited by email)");
    // One response each: overall, contact_known and the comment.
    const byCampaign = (slug: string) => rows.filter((r) => r[1] === slug).map((r) => [r[0], r[dateColumn], r[6]]);
    expect(byCampaign(campaign.slug)).toEqual([
      ["1", "2026-11", "overall"],
      ["1", "2026-11", "contact_known"],
      ["1", "2026-11", "comment"],
    ]);
    expect(byCampaign(openLink.slug)).toEqual([
      ["2", "2026-11-25", "overall"],
      ["2", "2026-11-25", "contact_known"],
      ["2", "2026-11-25", "comment"],
    ]);
    for (const inv of await db.selectFrom("invitations").select(["email", "token"]).execute()) {
      expect(csv).not.toContain(inv.email);
      expect(csv).not.toContain(inv.token);
    }
  });

  it("the comments on the results page give the month for an invitation campaign and the day for an open-link one", async () => {
    const { campaign, admin } = await invitedCampaignAfterReminders();
    const version = await db.selectFrom("survey_versions").select("survey_id").where("id", "=", campaign.survey_version_id).executeTakeFirstOrThrow();
    const page = (await surveyPage.loader({
      request: admin.get(`http://localhost/staff/results/surveys/${version.survey_id}`),
      params: { surveyId: String(version.survey_id) },
      context,
    })) as Response;
    const { view } = (await page.json()) as { view: { comments: { items: { text: string; date: string }[] } } };
    expect(view.comments.items.map((c) => [c.text, c.date]).sort()).toEqual([
      ["Idris, my son, waited a year", "November 2026"],
      ["Quicker letters please", "25 November 2026"],
    ]);
  });
});

describe("the demo data", () => {
  it("never leaves a completed invitation the only response of its campaign that month", async () => {
    await seedDemoData(db, testEnv());
    const campaign = await db.selectFrom("campaigns").select("id").where("slug", "=", DEMO_INVITED_CAMPAIGN).executeTakeFirstOrThrow();
    const completed = await db
      .selectFrom("invitations")
      .select(["completed_on", (eb) => eb.fn.countAll<number>().as("n")])
      .where("campaign_id", "=", campaign.id)
      .where("completed_on", "is not", null)
      .groupBy("completed_on")
      .execute();
    expect(completed.length).toBeGreaterThan(0);
    for (const { completed_on: month } of completed) {
      expect(month).toMatch(/^\d{4}-\d{2}$/);
      const { n } = await db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "=", campaign.id)
        .where("submitted_at", ">=", `${month}-01`)
        .where("submitted_at", "<", `${month}-32`)
        .executeTakeFirstOrThrow();
      expect(Number(n), `responses in ${month}`).toBeGreaterThanOrEqual(2);
    }
  });
});
