import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { test, expect } from "./support/test";
import { openE2eDatabase } from "./support/db";
import { ACCOUNTS, STAFF, lookUpIds, staffPages, type Who } from "./support/staff-pages";
import { DEMO_PASSWORD } from "./support/staff";

// The role × page matrix: every staff page, as every role, over real HTTP against the
// built server. A role either reaches the page (200), is refused (403), or — signed
// out — is sent to sign in. Ids of other services' data are swapped into URLs on purpose.

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
    for (const { path, allowed } of staffPages(ids)) {
      const res = await ctx.get(path, { maxRedirects: 0 });
      const outcome =
        res.status() === 200 ? "ok" : res.status() === 403 ? "forbidden" : res.status() === 302 && /\/sign-in\?redirectTo=/.test(res.headers()["location"] ?? "") ? "sign-in" : `status ${res.status()}`;
      seen.push(`${path} → ${outcome}`);
      expected.push(`${path} → ${who === "anonymous" ? "sign-in" : allowed.includes(who as never) ? "ok" : "forbidden"}`);
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
