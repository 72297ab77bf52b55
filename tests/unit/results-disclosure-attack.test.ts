import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Channel, Database, Language, Locality } from "@db/schema";
import * as dashboardPage from "~/routes/staff.dashboard._index";
import * as dashboardCsv from "~/routes/staff.dashboard.export[.csv]";
import * as surveyPage from "~/routes/staff.results.surveys.$surveyId._index";
import * as surveyCsv from "~/routes/staff.results.surveys.$surveyId.export[.csv]";
import { insertSurveyVersion } from "~/surveys/surveys.server";
import { parseCsv } from "~/surveys/translations";
import type { CountCell, Figure } from "~/results/types";
import { createTestDb } from "../support/db";
import { makeStaff } from "../support/staff";
import { respond } from "../support/results-data";
import { testContext } from "../support/context";

// An attack on the suppression, as the board would make it (DESIGN.md "Suppression";
// docs/decisions/017): read every figure of every single-filter and two-filter cut from
// the pages and the CSV files, try every parent − child and parent − siblings subtraction
// of the respondent counts and of each question's answer count, and find no group of 1–4.
//
// The data (every question required, so a question's answers are its group's respondents):
// organisation O1: A (north) 200, B (south) 3, C (south) 12; organisation O2: D (south) 30,
// E (east) 7; and 2 responses without a service. Small groups at several levels:
// - B: 3 (a service); A in Urdu: 2 (service × language); E on paper: 2 (service × channel);
// - D in the summer term: 4 (service × term); November: 2 (a month: E's paper forms);
// - the 2 without a service (all services minus the organisations).
// (B shares October in O1 with C's 6, not only with A: else A in October, which is all of
// A, would be hidden as B's complement.) A's 200 (October, the autumn campaign): overall 150 × 5, 40 × 4, 7 × 3, 3 × 1 (3 negative);
// ethnicity ("about you") 190 white, 7 Asian, 3 Black.

const K = 5;
let db: Kysely<Database>;
let cleanup: () => Promise<void>;
let context: LoaderFunctionArgs["context"];
let board: Awaited<ReturnType<typeof makeStaff>>;
let surveyId = 0;

interface Group {
  service: "A" | "B" | "C" | "D" | "E" | null;
  campaign: "autumn" | "summer";
  day: string;
  language: Language;
  channel: Channel;
  overall: string[];
  ethnicity?: string[];
}

const many = (n: number, v: string) => Array.from({ length: n }, () => v);
const GROUPS: Group[] = [
  { service: "A", campaign: "autumn", day: "2026-10-05", language: "en", channel: "open_link", overall: [...many(148, "5"), ...many(40, "4"), ...many(7, "3"), ...many(3, "1")], ethnicity: [...many(188, "white"), ...many(7, "asian"), ...many(3, "black")] },
  { service: "A", campaign: "autumn", day: "2026-10-06", language: "ur", channel: "open_link", overall: many(2, "5"), ethnicity: many(2, "white") },
  { service: "B", campaign: "autumn", day: "2026-10-07", language: "en", channel: "paper", overall: ["5", "4", "2"] },
  { service: "C", campaign: "autumn", day: "2026-10-15", language: "en", channel: "open_link", overall: ["5", "5", "4", "4", "3", "1"] },
  { service: "C", campaign: "summer", day: "2026-06-10", language: "en", channel: "open_link", overall: ["5", "4", "4", "3", "2", "dont_know"] },
  { service: "D", campaign: "autumn", day: "2026-10-12", language: "en", channel: "open_link", overall: [...many(14, "5"), ...many(8, "4"), ...many(4, "2")] },
  { service: "D", campaign: "summer", day: "2026-05-14", language: "en", channel: "open_link", overall: ["5", "4", "1", "1"] },
  { service: "E", campaign: "autumn", day: "2026-10-20", language: "en", channel: "phone", overall: ["5", "5", "4", "3", "3"] },
  { service: "E", campaign: "autumn", day: "2026-11-03", language: "en", channel: "paper", overall: ["4", "1"] },
  { service: null, campaign: "autumn", day: "2026-10-21", language: "en", channel: "open_link", overall: ["5", "3"] },
];

const ids = { services: {} as Record<string, number>, organisations: {} as Record<string, number>, campaigns: {} as Record<string, number> };
const PLACE: Record<string, { org: string; locality: Locality }> = {
  A: { org: "O1", locality: "north" },
  B: { org: "O1", locality: "south" },
  C: { org: "O1", locality: "south" },
  D: { org: "O2", locality: "south" },
  E: { org: "O2", locality: "east" },
};

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  context = testContext(db);
  for (const org of ["O1", "O2"]) {
    ids.organisations[org] = (
      await db.insertInto("organisations").values({ slug: org.toLowerCase(), kind: "local_authority", name_en: org, name_ur: org }).returning("id").executeTakeFirstOrThrow()
    ).id;
  }
  for (const [s, p] of Object.entries(PLACE)) {
    ids.services[s] = (
      await db
        .insertInto("services")
        .values({ slug: `svc-${s.toLowerCase()}`, organisation_id: ids.organisations[p.org], locality: p.locality, name_en: `Service ${s}`, name_ur: `سروس ${s}` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  const bi = (en: string) => ({ en, ur: `${en} (ur)` });
  const versionId = await insertSurveyVersion(db, {
    slug: "attack",
    kind: "parent",
    title: bi("Attack survey"),
    intro: bi("Intro"),
    headline: "overall",
    questions: [
      { key: "overall", page: 1, type: "satisfaction", required: true, text: bi("Overall?") },
      {
        key: "ethnicity",
        page: 1,
        type: "single_choice",
        required: true,
        text: bi("Ethnicity?"),
        options: [
          { value: "white", label: bi("White") },
          { value: "asian", label: bi("Asian") },
          { value: "black", label: bi("Black") },
        ],
      },
    ],
  });
  await db.updateTable("questions").set({ about_you: 1 }).where("survey_version_id", "=", versionId).where("key", "=", "ethnicity").execute();
  surveyId = (await db.selectFrom("survey_versions").select("survey_id").where("id", "=", versionId).executeTakeFirstOrThrow()).survey_id;
  for (const [name, opens, services] of [
    ["autumn", "2026-09-01", ["A", "B", "C", "D", "E"]],
    ["summer", "2026-04-13", ["C", "D"]],
  ] as const) {
    const id = (
      await db
        .insertInto("campaigns")
        .values({ slug: `attack-${name}`, survey_version_id: versionId, name_en: name, name_ur: name, opens_at: `${opens}T00:00:00.000Z`, closes_at: "2026-12-31T23:59:59.999Z", eligible_count: null, created_at: `${opens}T00:00:00.000Z` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    ids.campaigns[name] = id;
    await db
      .insertInto("campaign_services")
      .values(services.map((s) => ({ campaign_id: id, service_id: ids.services[s] })))
      .execute();
  }
  for (const g of GROUPS) {
    for (const [i, overall] of g.overall.entries()) {
      await respond(db, ids.campaigns[g.campaign], {
        service: g.service === null ? null : ids.services[g.service],
        language: g.language,
        channel: g.channel,
        submittedAt: `${g.day}T10:00:00.000Z`,
        answers: { overall, ethnicity: g.ethnicity?.[i] ?? "white" },
      });
    }
  }
  board = await makeStaff(db, "board");
}, 60_000);
afterAll(async () => cleanup());

// ---------------------------------------------------------------------------------------
// The cuts the board opens, and the respondents each holds (from GROUPS, by hand)

interface Filters {
  campaign?: "autumn" | "summer";
  service?: string;
  organisation?: string;
  locality?: Locality;
  language?: Language;
  channel?: Channel;
  period?: string;
}

const TERM_OF: Record<string, string> = { "2026-05": "2026-summer", "2026-06": "2026-summer", "2026-10": "2026-autumn", "2026-11": "2026-autumn" };

/** Which response (by its group and place in it) is in a cut: the set an attacker subtracts. */
function members(f: Filters): Set<string> {
  const set = new Set<string>();
  for (const [gi, g] of GROUPS.entries()) {
    const month = g.day.slice(0, 7);
    const place = g.service ? PLACE[g.service] : null;
    const ok =
      (f.campaign === undefined || g.campaign === f.campaign) &&
      (f.service === undefined || g.service === f.service) &&
      (f.organisation === undefined || place?.org === f.organisation) &&
      (f.locality === undefined || place?.locality === f.locality) &&
      (f.language === undefined || g.language === f.language) &&
      (f.channel === undefined || g.channel === f.channel) &&
      (f.period === undefined || f.period === month || f.period === TERM_OF[month]);
    if (ok) g.overall.forEach((_, i) => set.add(`${gi}.${i}`));
  }
  return set;
}

const SERVICES = ["A", "B", "C", "D", "E"];
const ORGANISATIONS = ["O1", "O2"];
const LOCALITIES: Locality[] = ["north", "south", "east"];
const LANGS: Language[] = ["en", "ur"];
const CHANNELS_USED: Channel[] = ["open_link", "paper", "phone"];
const TERMS = ["2026-summer", "2026-autumn"];
const MONTHS = ["2026-05", "2026-06", "2026-10", "2026-11"];

const single: Filters[] = [
  {},
  ...SERVICES.map((service) => ({ service })),
  ...ORGANISATIONS.map((organisation) => ({ organisation })),
  ...LOCALITIES.map((locality) => ({ locality })),
  ...LANGS.map((language) => ({ language })),
  ...CHANNELS_USED.map((channel) => ({ channel })),
  ...[...TERMS, ...MONTHS].map((period) => ({ period })),
  { campaign: "autumn" as const },
  { campaign: "summer" as const },
];
const double: Filters[] = SERVICES.flatMap((service) => [
  ...CHANNELS_USED.map((channel) => ({ service, channel })),
  ...LANGS.map((language) => ({ service, language })),
  ...TERMS.map((period) => ({ service, period })),
]);
const CUTS = [...single, ...double];
const keyOf = (f: Filters) => JSON.stringify(Object.entries(f).sort());

function queryOf(f: Filters): string {
  const p = new URLSearchParams();
  if (f.campaign) p.set("campaign", String(ids.campaigns[f.campaign]));
  if (f.service) p.set("service", String(ids.services[f.service]));
  if (f.organisation) p.set("organisation", String(ids.organisations[f.organisation]));
  if (f.locality) p.set("locality", f.locality);
  if (f.language) p.set("language", f.language);
  if (f.channel) p.set("channel", f.channel);
  if (f.period) p.set("period", f.period);
  const s = p.toString();
  return s ? `?${s}` : "";
}

// ---------------------------------------------------------------------------------------
// Reading what the board sees

async function settle(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}
type LoaderModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };
async function get(route: LoaderModule, path: string, params: Record<string, string> = {}) {
  const res = await settle(route.loader({ request: board.get(`http://localhost${path}`), params, context }));
  expect(res.status, path).toBe(200);
  return res;
}
async function csvRows(path: string): Promise<string[][]> {
  const text = await (await get(surveyCsv, path, { surveyId: String(surveyId) })).text();
  const parsed = parseCsv(text.replace(/^\uFEFF/, ""));
  if ("error" in parsed) throw new Error(JSON.stringify(parsed.error));
  const rows = parsed.records.map((r) => r.cells);
  return rows.slice(rows.findIndex((r) => r[0] === "Made on") + 1);
}

interface Seen {
  /** Answers per question as shown (null: hidden); a question's answers are its group here. */
  answered: Record<string, number | null>;
  /** Answer counts per question and value (null: hidden). */
  counts: Record<string, Record<string, number | null>>;
}

const count = (c: CountCell) => (c.kind === "shown" ? c.count : null);
const HIDDEN_WORDS = "fewer than 5 responses";
const csvNumber = (v: string) => (v === HIDDEN_WORDS ? null : Number(v));

type View = { view: { questions: { key: string; answered: CountCell; bars: { key: string; label: string; cell: CountCell }[] }[]; headline: { positive: Figure; negative: Figure } | null; trend: { key: string; figure: Figure }[]; returnRate: { figure: Figure } } };

/** Everything the board can read about the cuts: from pages, trends, CSV files and the dashboard. */
const seen = new Map<string, Seen>();
/** Figures of the same cut read in different places, to compare. */
const sightings: { key: string; where: string; n: number | null }[] = [];

async function readEverything() {
  if (seen.size) return;
  for (const f of CUTS) {
    const path = `/staff/results/surveys/${surveyId}${queryOf(f)}`;
    const { view } = (await (await get(surveyPage, path, { surveyId: String(surveyId) })).json()) as View;
    const s: Seen = { answered: {}, counts: {} };
    for (const q of view.questions) {
      s.answered[q.key] = count(q.answered);
      s.counts[q.key] = Object.fromEntries(q.bars.map((b) => [b.key, count(b.cell)]));
    }
    seen.set(keyOf(f), s);
    sightings.push({ key: keyOf(f), where: `page ${path}`, n: s.answered.overall });
    // A hidden group shows nothing at all; its return rate neither.
    if (s.answered.overall === null) {
      expect(view.headline!.positive.kind, path).toBe("suppressed");
      expect(view.headline!.negative.kind, path).toBe("suppressed");
      expect(Object.values(s.counts).flatMap((c) => Object.values(c)).every((v) => v === null), path).toBe(true);
      expect(view.returnRate.figure.kind === "suppressed" || view.returnRate.figure.kind === "not_available", path).toBe(true);
    }
    // The trend's terms are cuts too: the same filters in each term.
    if (!f.period) {
      for (const p of view.trend) sightings.push({ key: keyOf({ ...f, period: p.key }), where: `trend of ${path}`, n: p.figure.kind === "shown" ? p.figure.n : null });
    }
    // The CSV files show what the page shows.
    const questions = await csvRows(`/staff/results/surveys/${surveyId}/export.csv${queryOf(f) ? `${queryOf(f)}&` : "?"}table=questions`);
    for (const q of view.questions) {
      const rows = questions.filter((r) => r[0] === (q.key === "overall" ? "Overall?" : "Ethnicity?"));
      expect(csvNumber(rows.find((r) => r[1] === "Answered")![2]), `${path} csv ${q.key}`).toBe(s.answered[q.key]);
      for (const b of q.bars) expect(csvNumber(rows.find((r) => r[1] === b.label)![2]), `${path} csv ${q.key} ${b.key}`).toBe(s.counts[q.key][b.key]);
    }
    if (!f.period) {
      const trend = await csvRows(`/staff/results/surveys/${surveyId}/export.csv${queryOf(f) ? `${queryOf(f)}&` : "?"}table=trend`);
      for (const p of view.trend) {
        const row = trend.find((r) => r[0] === (p.key === "2026-summer" ? "Summer term 2026" : "Autumn term 2026"))!;
        expect(csvNumber(row[2]), `${path} csv trend ${p.key}`).toBe(p.figure.kind === "shown" ? p.figure.n : null);
      }
    }
  }
  // The dashboard: the parent kind (this survey alone) by term.
  for (const term of TERMS) {
    const data = (await (await get(dashboardPage, `/staff/dashboard?term=${term}`)).json()) as { view: { kpis: { key: string; current: { figure: Figure } }[] } };
    const f = data.view.kpis.find((k) => k.key === "parent_satisfaction")!.current.figure;
    sightings.push({ key: keyOf({ period: term }), where: `dashboard ${term}`, n: f.kind === "shown" ? f.n : null });
    const csv = new TextDecoder().decode(await (await get(dashboardCsv, `/staff/dashboard/export.csv?term=${term}`)).arrayBuffer());
    const parsed = parseCsv(csv.replace(/^\uFEFF/, ""));
    if ("error" in parsed) throw new Error("bad CSV");
    const label = term === "2026-summer" ? "Summer term 2026" : "Autumn term 2026";
    const row = parsed.records.map((r) => r.cells).find((r) => r[0] === "Parental satisfaction" && r[1] === label)!;
    sightings.push({ key: keyOf({ period: term }), where: `dashboard CSV ${term}`, n: csvNumber(row[3]) });
  }
}

// ---------------------------------------------------------------------------------------

describe("as the board, subtracting figures across pages, trends, filters and CSV files", () => {
  it("shows each cut the same everywhere, with its respondents counted by hand", async () => {
    await readEverything();
    for (const s of sightings) {
      const n = seen.get(s.key)?.answered.overall;
      if (n !== undefined) expect(s.n, `${s.where} vs its page`).toBe(n);
      if (s.n !== null) expect(s.n, s.where).toBe(members(Object.fromEntries(JSON.parse(s.key)) as Filters).size);
    }
    // Some of it is shown, some hidden: the attack has something to work with.
    const shown = CUTS.filter((f) => seen.get(keyOf(f))!.answered.overall !== null);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(CUTS.length);
    // Every shown group has 5 or more; every hidden one with anyone in it is… hidden.
    for (const f of CUTS) {
      const n = seen.get(keyOf(f))!.answered.overall;
      if (n !== null) expect(n === 0 || n >= K, keyOf(f)).toBe(true);
      if (members(f).size > 0 && members(f).size < K) expect(n, keyOf(f)).toBeNull();
    }
  });

  it("finds no group of 1–4 by subtracting a child from a parent, in respondents or any question's answers", async () => {
    await readEverything();
    const shown = CUTS.filter((f) => seen.get(keyOf(f))!.answered.overall !== null);
    let tried = 0;
    for (const parent of shown) {
      const ps = members(parent);
      for (const child of shown) {
        const cs = members(child);
        if (cs.size >= ps.size || ![...cs].every((m) => ps.has(m))) continue;
        tried++;
        for (const q of ["overall", "ethnicity"]) {
          const d = seen.get(keyOf(parent))!.answered[q]! - seen.get(keyOf(child))!.answered[q]!;
          expect(d === 0 || d >= K, `${keyOf(parent)} − ${keyOf(child)}: ${q} ${d}`).toBe(true);
        }
      }
    }
    expect(tried).toBeGreaterThan(20);
  });

  it("finds no group of 1–4 by subtracting the shown siblings from a parent", async () => {
    await readEverything();
    const families: { parent: Filters; children: Filters[] }[] = [];
    const bases: Filters[] = [{}, ...SERVICES.map((service) => ({ service }))];
    for (const base of bases) {
      families.push({ parent: base, children: CHANNELS_USED.map((channel) => ({ ...base, channel })) });
      families.push({ parent: base, children: LANGS.map((language) => ({ ...base, language })) });
      families.push({ parent: base, children: TERMS.map((period) => ({ ...base, period })) });
    }
    families.push({ parent: {}, children: SERVICES.map((service) => ({ service })) });
    families.push({ parent: {}, children: ORGANISATIONS.map((organisation) => ({ organisation })) });
    families.push({ parent: {}, children: LOCALITIES.map((locality) => ({ locality })) });
    families.push({ parent: {}, children: [{ campaign: "autumn" }, { campaign: "summer" }] });
    families.push({ parent: {}, children: MONTHS.map((period) => ({ period })) });
    for (const term of TERMS) families.push({ parent: { period: term }, children: MONTHS.filter((m) => TERM_OF[m] === term).map((period) => ({ period })) });
    for (const org of ORGANISATIONS) families.push({ parent: { organisation: org }, children: SERVICES.filter((s) => PLACE[s].org === org).map((service) => ({ service })) });
    for (const l of LOCALITIES) families.push({ parent: { locality: l }, children: SERVICES.filter((s) => PLACE[s].locality === l).map((service) => ({ service })) });
    let tried = 0;
    for (const { parent, children } of families) {
      const p = seen.get(keyOf(parent))!;
      if (p.answered.overall === null) continue;
      const visible = children.map((c) => seen.get(keyOf(c))!).filter((c) => c.answered.overall !== null);
      // The siblings are disjoint parts of the parent (checked on the data itself).
      const sizes = children.map((c) => members(c).size);
      expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(members(parent).size);
      tried++;
      for (const q of ["overall", "ethnicity"]) {
        const rest = p.answered[q]! - visible.reduce((a, c) => a + c.answered[q]!, 0);
        expect(rest === 0 || rest >= K, `${keyOf(parent)} − shown ${children.map(keyOf).join(" ")}: ${q} ${rest}`).toBe(true);
      }
    }
    expect(tried).toBeGreaterThan(10);
  });

  it("shows the board the % negative of a group of 200 with 3 negative answers, and hides the small “about you” answers in it", async () => {
    const path = `/staff/results/surveys/${surveyId}?service=${ids.services.A}`;
    const { view } = (await (await get(surveyPage, path, { surveyId: String(surveyId) })).json()) as View;
    // 3 of 200 = 1.5 %; Wilson 95 %: centre (p + z²/2n)/(1 + z²/n) = 0.024140, half-width
    // z/(1 + z²/n) · √(p(1−p)/n + z²/4n²) = 0.019026 → 0.5 % to 4.3 %.
    const negative = view.headline!.negative;
    expect(negative.kind).toBe("shown");
    if (negative.kind !== "shown") return;
    expect([negative.successes, negative.n, Math.round(negative.percent * 10) / 10]).toEqual([3, 200, 1.5]);
    expect([Math.round(negative.interval!.low * 10) / 10, Math.round(negative.interval!.high * 10) / 10]).toEqual([0.5, 4.3]);
    const overall = view.questions.find((q) => q.key === "overall")!;
    expect(overall.bars.map((b) => [b.key, count(b.cell)])).toEqual([
      ["5", 150],
      ["4", 40],
      ["3", 7],
      ["2", 0],
      ["1", 3],
      ["dont_know", 0],
    ]);
    // Ethnicity is "about you": Black (3) is hidden, and with it the smallest other, Asian (7).
    const ethnicity = view.questions.find((q) => q.key === "ethnicity")!;
    expect(ethnicity.bars.map((b) => [b.key, count(b.cell)])).toEqual([
      ["white", 190],
      ["asian", null],
      ["black", null],
    ]);
  });
});
