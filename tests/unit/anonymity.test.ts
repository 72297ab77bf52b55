import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Database } from "@db/schema";
import { invitationCookie } from "~/campaigns/invitation-cookie";
import { getOpenCampaignForRespondent, handleSurveyPost, newSurveyPage } from "~/responding/survey-page.server";
import { newResumeToken } from "~/responding/responses.server";
import { createTestDb } from "../support/db";
import { makeCampaign, postForm } from "../support/fixtures";

// DESIGN.md "Anonymity": for an anonymous campaign the response row holds no link to an
// invitation, an email address or a token; the invitation only records that it was completed.

let db: Kysely<Database>;
let cleanup: () => Promise<void>;
const now = new Date("2026-11-25T10:17:23.456Z");

beforeEach(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

/** An id no other row has, so finding it anywhere would mean a link. */
const INVITATION_ID = 987_654;
const EMAIL = "amina.parent@example.com";
const INVITATION_TOKEN = "Inv1tat10nT0kenInv1tat10nT0ken12";

async function completeThroughInvitation() {
  const { campaign, serviceIds } = await makeCampaign(db, { services: 2 });
  await db
    .insertInto("invitations")
    .values({
      id: INVITATION_ID,
      campaign_id: campaign.id,
      service_id: serviceIds[1],
      email: EMAIL,
      language: "ur",
      token: INVITATION_TOKEN,
      created_at: "2026-11-20T09:00:00.000Z",
      sent_at: "2026-11-20T09:00:00.000Z",
    })
    .execute();
  // What /i/<token> leaves on the device, sent back by the browser on the survey's pages.
  const cookie = invitationCookie(campaign.slug, INVITATION_TOKEN, false).split(";")[0];
  const headers = { Cookie: `lng=ur; ${cookie}` };
  const url = `http://localhost/s/${campaign.slug}`;

  const seen = await getOpenCampaignForRespondent(db, new Request(url, { headers }), campaign.slug, now);
  // The invitation says which service: the respondent is not asked.
  expect(newSurveyPage(seen, "ur").serviceChoice).toBeNull();

  const token = newResumeToken();
  const first = await handleSurveyPost(
    db,
    postForm(url, [["token", token], ["page", "1"], ["intent", "next"], ["q_overall", "5"], ["q_contact_known", "yes"]], headers),
    seen,
    null,
    "ur",
    now, false,
  );
  expect((first as Response).status).toBe(302);
  const done = (await handleSurveyPost(
    db,
    postForm(`${url}/r/${token}`, [["page", "3"], ["intent", "submit"], ["q_comment", "شکریہ"]], headers),
    seen,
    token,
    "ur",
    now, false,
  )) as Response;
  expect(done.headers.get("Location")).toBe(`/s/${campaign.slug}/r/${token}/done`);
  return { campaign, serviceIds, done, resumeToken: token };
}

describe("anonymity of invited responses", () => {
  it("marks the invitation completed in a month only, and the response holds no token, email or invitation id", async () => {
    const { campaign, serviceIds, done } = await completeThroughInvitation();

    // The device forgets the invitation once it is used.
    expect(done.headers.get("Set-Cookie")).toBe(`sd_invitation=; Path=/s/${campaign.slug}; HttpOnly; SameSite=Lax; Max-Age=0`);

    const invitation = await db.selectFrom("invitations").selectAll().where("id", "=", INVITATION_ID).executeTakeFirstOrThrow();
    // The month, no day: a day could be matched to the one response submitted on it.
    expect(invitation.completed_on).toBe("2026-11");

    const responses = await db.selectFrom("responses").selectAll().where("campaign_id", "=", campaign.id).execute();
    expect(responses).toHaveLength(1);
    const [response] = responses;
    expect(response).toMatchObject({ service_id: serviceIds[1], language: "ur", channel: "invitation", keyed_by_user_id: null });
    const answers = await db.selectFrom("answers").selectAll().where("response_id", "=", response.id).execute();
    for (const row of [response, ...answers]) {
      for (const [column, value] of Object.entries(row)) {
        expect(value, `${column} holds the invitation id`).not.toBe(INVITATION_ID);
        expect(String(value), column).not.toContain(INVITATION_TOKEN);
        expect(String(value).toLowerCase(), column).not.toContain(EMAIL);
        expect(String(value), column).not.toContain("amina");
      }
    }
  });

  it("gives the response its own token, different from every invitation token", async () => {
    const { resumeToken } = await completeThroughInvitation();
    const tokens = (await db.selectFrom("invitations").select("token").execute()).map((r) => r.token);
    const submitted = await db.selectFrom("responses").select("resume_token").where("submitted_at", "is not", null).execute();
    expect(submitted.map((r) => r.resume_token)).toEqual([resumeToken]);
    for (const r of submitted) expect(tokens).not.toContain(r.resume_token);
  });
});

describe("anonymity in the schema", () => {
  type ForeignKey = { table: string; from: string };

  async function tables(): Promise<string[]> {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
    return rows.rows.map((r) => r.name);
  }
  async function foreignKeys(table: string): Promise<ForeignKey[]> {
    return (await sql<ForeignKey>`select * from pragma_foreign_key_list(${table})`.execute(db)).rows;
  }
  async function columns(table: string): Promise<string[]> {
    return (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
  }

  it("has no foreign-key path from answers or responses to invitations or any respondent's email", async () => {
    const reached = new Set<string>();
    const queue = ["answers", "responses"];
    while (queue.length) {
      const table = queue.shift()!;
      if (reached.has(table)) continue;
      reached.add(table);
      for (const fk of await foreignKeys(table)) queue.push(fk.table);
    }
    // Respondents' addresses live in invitations and the outbox; neither is reachable.
    expect(reached.has("invitations")).toBe(false);
    expect(reached.has("outbox")).toBe(false);
    // The only address reachable is a staff member's (who keyed in a paper response).
    const withEmail: string[] = [];
    for (const table of reached) if ((await columns(table)).some((c) => /email|to_address/.test(c))) withEmail.push(table);
    expect(withEmail).toEqual(["users"]);
    expect([...reached].sort()).toEqual(["answers", "campaigns", "organisations", "questions", "responses", "services", "survey_versions", "surveys", "users"]);
  });

  it("has no table linking a response or an answer to an invitation or an email", async () => {
    for (const table of await tables()) {
      const targets = new Set((await foreignKeys(table)).map((fk) => fk.table));
      const holdsRespondent = targets.has("responses") || targets.has("answers") || table === "responses" || table === "answers";
      const holdsInvitation = targets.has("invitations") || targets.has("outbox") || table === "invitations" || table === "outbox";
      expect(holdsRespondent && holdsInvitation, table).toBe(false);
    }
  });

  it("names no column of responses or answers after an invitation, email or token, but the resume token", async () => {
    for (const table of ["responses", "answers"]) {
      const suspicious = (await columns(table)).filter((c) => /invit|email|mail|token|address/i.test(c));
      expect(suspicious, table).toEqual(table === "responses" ? ["resume_token"] : []);
    }
  });
});
