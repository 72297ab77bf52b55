import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { seedDemoData } from "@db/seed/seed";
import { SURVEYS } from "@db/seed/content/surveys";
import { ORGANISATIONS } from "@db/seed/content/organisations";
import { SurveySpecSchema } from "~/surveys/spec";
import { createTestDb } from "../support/db";
import { DEMO_INVITED_CAMPAIGN } from "@db/seed/invitations";
import { returnRates } from "~/results/return-rates.server";
import { testEnv } from "~/env.server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function seededDb() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  await seedDemoData(t.db, testEnv());
  return t.db;
}

async function fingerprint(db: Awaited<ReturnType<typeof seededDb>>) {
  const { rows } = await sql<{ responses: number; submitted: number; answers: number; scores: number; ur: number }>`
    select (select count(*) from responses) as responses,
           (select count(*) from responses where submitted_at is not null) as submitted,
           (select count(*) from answers) as answers,
           (select sum(score) from answers) as scores,
           (select count(*) from responses where language = 'ur') as ur`.execute(db);
  return rows[0];
}

describe("demo data", () => {
  it("is deterministic and seeds only an empty database", async () => {
    const a = await seededDb();
    const b = await seededDb();
    const first = await fingerprint(a);
    expect(first).toEqual(await fingerprint(b));
    expect(first.responses).toBeGreaterThanOrEqual(300);
    expect(first.ur).toBeGreaterThan(0);
    expect(await seedDemoData(a, testEnv())).toEqual({ seeded: false, responses: 0 });
    expect(await fingerprint(a)).toEqual(first);
  });

  it("has the Birmingham services and five surveys with open campaigns", async () => {
    const db = await seededDb();
    const services = await db.selectFrom("services").select("slug").orderBy("slug").execute();
    expect(services.map((s) => s.slug)).toEqual(
      expect.arrayContaining(["senar-north", "senar-south", "senar-east", "senar-west", "slt", "cat", "ftb", "local-offer", "sendiass"]),
    );
    const surveys = await db.selectFrom("surveys").select(["slug", "kind"]).orderBy("id").execute();
    expect(surveys).toEqual([
      { slug: "senar-parent", kind: "parent" },
      { slug: "senco-setting", kind: "setting" },
      { slug: "partner-organisation", kind: "partner" },
      { slug: "local-offer", kind: "parent" },
      { slug: "co-assessment", kind: "co_assessment" },
    ]);
    const spread = await db
      .selectFrom("responses")
      .select(["channel"])
      .distinct()
      .execute();
    expect(spread.map((r) => r.channel).sort()).toEqual(["interpreted", "invitation", "open_link", "paper", "phone"]);
  });

  it("gives every respondent-visible text in English and Urdu", () => {
    for (const org of ORGANISATIONS) {
      expect(org.name.en && org.name.ur).toBeTruthy();
      for (const s of org.services) expect(s.name.en && s.name.ur).toBeTruthy();
    }
    for (const raw of SURVEYS) {
      const s = SurveySpecSchema.parse(raw);
      const texts = [s.title, s.intro, ...s.questions.flatMap((q) => [q.text, ...(q.hint ? [q.hint] : []), ...(q.options ?? []).map((o) => o.label)])];
      for (const t of texts) {
        expect(t.en.length, `${s.slug}: ${t.en}`).toBeGreaterThan(0);
        expect(t.ur, `${s.slug}: Urdu for "${t.en}"`).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });

  it("marks a satisfaction headline and only shows questions after earlier pages", () => {
    for (const s of SURVEYS.map((x) => SurveySpecSchema.parse(x))) {
      const headline = s.questions.find((q) => q.key === s.headline);
      expect(headline?.type, s.slug).toBe("satisfaction");
      for (const q of s.questions.filter((x) => x.showIf)) {
        const source = s.questions.find((x) => x.key === q.showIf!.key);
        expect(source && source.page < q.page, `${s.slug}.${q.key}`).toBe(true);
      }
    }
  });

  it("has the eight charter principles in the co-assessment form", () => {
    const co = SURVEYS.find((s) => s.slug === "co-assessment")!;
    const agreement = co.questions.filter((q) => q.type === "agreement").map((q) => q.key);
    expect(agreement).toEqual(["trusted", "listened_to", "transparency", "communicated_with", "involved", "empowered", "equal", "accountable"]);
  });

  it("invites the partner organisations by email, with a bounce, an opt-out and a reminder only to those still to answer", async () => {
    const db = await seededDb();
    const campaign = await db.selectFrom("campaigns").select("id").where("slug", "=", DEMO_INVITED_CAMPAIGN).executeTakeFirstOrThrow();
    const invitations = await db.selectFrom("invitations").selectAll().where("campaign_id", "=", campaign.id).execute();
    const submitted = await db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaign.id)
      .where("submitted_at", "is not", null)
      .where("channel", "=", "invitation")
      .executeTakeFirstOrThrow();
    const completed = invitations.filter((i) => i.completed_on).length;
    // One invitation completed per response submitted through a personal link, one per service still to answer, one bounced, one opted out.
    expect(completed).toBe(Number(submitted.n));
    expect(invitations).toHaveLength(completed + 4 + 2);
    expect(invitations.filter((i) => i.bounced_at)).toHaveLength(1);
    expect(invitations.filter((i) => i.opted_out_at)).toHaveLength(1);
    const reminded = invitations.filter((i) => i.reminder_count > 0);
    expect(reminded).toHaveLength(4);
    expect(reminded.every((i) => !i.completed_on && !i.opted_out_at && !i.bounced_at)).toBe(true);

    // Return rate = invitation responses / delivered (the bounce is not delivered).
    const rates = await returnRates(db, { campaignId: campaign.id });
    expect(rates.delivered).toBe(invitations.length - 1);
    expect(rates.channels.find((c) => c.channel === "invitation")!.rate).toEqual({ kind: "rate", returned: Number(submitted.n), denominator: invitations.length - 1 });

    // The mailbox has every email: delivered ones sent, the bounce failed with its reason.
    const mail = await db.selectFrom("outbox").select(["kind", "status", "last_error"]).execute();
    expect(mail.filter((m) => m.kind === "invitation")).toHaveLength(invitations.length);
    expect(mail.filter((m) => m.kind === "reminder" && m.status === "sent")).toHaveLength(4);
    expect(mail.filter((m) => m.status === "failed").map((m) => m.last_error)).toEqual([expect.stringContaining("550")]);
    expect(mail.filter((m) => m.status === "pending")).toHaveLength(0);
  });
});
