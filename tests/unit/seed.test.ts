import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { seedDemoData } from "@db/seed/seed";
import { SURVEYS } from "@db/seed/content/surveys";
import { ORGANISATIONS } from "@db/seed/content/organisations";
import { SurveySpecSchema } from "~/surveys/spec";
import { createTestDb } from "../support/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function seededDb() {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  await seedDemoData(t.db);
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
    expect(await seedDemoData(a)).toEqual({ seeded: false, responses: 0 });
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
    expect(spread.map((r) => r.channel).sort()).toEqual(["interpreted", "online", "paper", "phone"]);
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
});
