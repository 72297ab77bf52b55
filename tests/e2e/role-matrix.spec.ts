import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { test, expect } from "./support/test";
import { openE2eDatabase } from "./support/db";
import { DEMO_PASSWORD } from "./support/staff";

// The role × page matrix: every staff page, as every role, over real HTTP against the
// built server. A role either reaches the page (200), is refused (403), or — signed
// out — is sent to sign in. Ids of other services' data are swapped into URLs on purpose.

type Who = "anonymous" | "admin" | "pcf" | "board" | "lead" | "member" | "slt";
const ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  admin: "admin@demo.test",
  pcf: "pcf@demo.test",
  board: "board@demo.test",
  lead: "lead.senar-north@demo.test",
  member: "member.senar-north@demo.test",
  slt: "member.slt@demo.test",
};
const STAFF: Exclude<Who, "anonymous">[] = ["admin", "pcf", "board", "lead", "member", "slt"];

interface Ids {
  senarCampaign: number; // senar-parent-2026-27: SENAR North, South, East, West
  sltCampaign: number; // co-assessment-2026-27: SLT, CAT, FtB
  survey: number;
  version: number;
  user: number;
  service: number;
}

function lookUpIds(): Ids {
  const db = openE2eDatabase();
  try {
    const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
    return {
      senarCampaign: one("SELECT id FROM campaigns WHERE slug = ?", "senar-parent-2026-27"),
      sltCampaign: one("SELECT id FROM campaigns WHERE slug = ?", "co-assessment-2026-27"),
      survey: one("SELECT id FROM surveys WHERE slug = ?", "senar-parent"),
      version: one("SELECT v.id FROM survey_versions v JOIN surveys s ON s.id = v.survey_id WHERE s.slug = ?", "senar-parent"),
      user: one("SELECT id FROM users WHERE email = ?", "member.slt@demo.test"),
      service: one("SELECT id FROM services WHERE slug = ?", "slt"),
    };
  } finally {
    db.close();
  }
}

/** Each page and the roles that may open it; everyone else gets 403, the signed-out get sign-in. */
function pages(ids: Ids): { path: string; allowed: Who[] }[] {
  const admin: Who[] = ["admin"];
  const campaignStaff: Who[] = ["admin", "lead", "member", "slt"];
  const senar: Who[] = ["admin", "lead", "member"];
  const slt: Who[] = ["admin", "slt"];
  return [
    { path: "/staff", allowed: STAFF },
    { path: "/staff/users", allowed: admin },
    { path: "/staff/users/new", allowed: admin },
    { path: `/staff/users/${ids.user}`, allowed: admin },
    { path: "/staff/services", allowed: admin },
    { path: "/staff/services/new", allowed: admin },
    { path: `/staff/services/${ids.service}`, allowed: admin },
    { path: "/staff/surveys", allowed: admin },
    { path: "/staff/surveys/new", allowed: admin },
    { path: `/staff/surveys/${ids.survey}`, allowed: admin },
    { path: `/staff/surveys/${ids.survey}/versions/${ids.version}`, allowed: admin },
    { path: "/staff/campaigns", allowed: campaignStaff },
    { path: "/staff/campaigns/new", allowed: admin },
    { path: `/staff/campaigns/${ids.senarCampaign}`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/edit`, allowed: admin },
    { path: `/staff/campaigns/${ids.senarCampaign}/invitations`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/poster`, allowed: senar },
    { path: `/staff/campaigns/${ids.senarCampaign}/responses/new`, allowed: senar },
    { path: `/staff/campaigns/${ids.sltCampaign}`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/invitations`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/poster`, allowed: slt },
    { path: `/staff/campaigns/${ids.sltCampaign}/responses/new`, allowed: slt },
    { path: "/staff/mailbox", allowed: admin },
  ];
}

async function signedInAs(baseURL: string, who: Who): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  if (who === "anonymous") return ctx;
  const res = await ctx.post("/sign-in", {
    form: { email: ACCOUNTS[who], password: DEMO_PASSWORD, redirectTo: "/staff" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign in as ${who}`).toBe(302);
  return ctx;
}

for (const who of ["anonymous", ...STAFF] as Who[]) {
  test(`${who}: reaches exactly the staff pages of their role`, async ({ baseURL }) => {
    const ids = lookUpIds();
    const ctx = await signedInAs(baseURL!, who);
    const seen: string[] = [];
    const expected: string[] = [];
    for (const { path, allowed } of pages(ids)) {
      const res = await ctx.get(path, { maxRedirects: 0 });
      const outcome =
        res.status() === 200 ? "ok" : res.status() === 403 ? "forbidden" : res.status() === 302 && /\/sign-in\?redirectTo=/.test(res.headers()["location"] ?? "") ? "sign-in" : `status ${res.status()}`;
      seen.push(`${path} → ${outcome}`);
      expected.push(`${path} → ${who === "anonymous" ? "sign-in" : allowed.includes(who) ? "ok" : "forbidden"}`);
    }
    expect(seen).toEqual(expected);
    await ctx.dispose();
  });
}

/** The CSRF token of a signed-in context, as its staff forms carry it. */
async function csrfOf(ctx: APIRequestContext): Promise<string> {
  const res = await ctx.get("/staff?_data=routes%2Fstaff");
  return ((await res.json()) as { csrf: string }).csrf;
}

// Posting straight to an action is no way round the matrix: a valid CSRF token of the
// wrong role still gets 403, and nothing is created or sent.
test("actions refuse roles that may not use them, even with a valid form token", async ({ baseURL }) => {
  const ids = lookUpIds();
  const posts: { who: Who; path: string; form: Record<string, string> }[] = [
    { who: "member", path: "/staff/users/new", form: { name: "Mallory", email: "mallory@example.com", role: "admin", password: "a-long-password-123" } },
    { who: "lead", path: "/staff/services/new", form: { slug: "mallory-service", name_en: "Mallory", name_ur: "میلوری" } },
    { who: "board", path: "/staff/surveys/new", form: { kind: "parent", slug: "mallory-survey", title_en: "Mallory" } },
    { who: "member", path: `/staff/campaigns/${ids.sltCampaign}`, form: { intent: "remind" } },
    { who: "member", path: `/staff/campaigns/${ids.sltCampaign}/invitations`, form: { csv: "email,language\nmallory@example.com,en\n" } },
    { who: "slt", path: `/staff/campaigns/${ids.senarCampaign}/edit`, form: { eligible_count: "1" } },
    { who: "pcf", path: "/staff/campaigns/new", form: { name_en: "Mallory" } },
  ];
  for (const { who, path, form } of posts) {
    const ctx = await signedInAs(baseURL!, who);
    const res = await ctx.post(path, { form: { csrf: await csrfOf(ctx), ...form }, maxRedirects: 0 });
    expect(res.status(), `${who} POST ${path}`).toBe(403);
    await ctx.dispose();
  }
  const db = openE2eDatabase();
  try {
    expect(db.prepare("SELECT count(*) AS n FROM users WHERE email = 'mallory@example.com'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM services WHERE slug = 'mallory-service'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM surveys WHERE slug = 'mallory-survey'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM invitations WHERE email = 'mallory@example.com'").get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test("an admin's post without the form token is refused", async ({ baseURL }) => {
  const ctx = await signedInAs(baseURL!, "admin");
  const res = await ctx.post("/staff/services/new", { form: { slug: "no-token-service", name_en: "No token", name_ur: "ٹوکن نہیں" }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  await ctx.dispose();
});
