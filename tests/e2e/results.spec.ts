import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { openDatabase } from "@db/connection";
import { parseCsv } from "~/surveys/translations";
import { expect, test } from "./support/test";
import { expectNoAxeViolations } from "./support/axe";
import { exactly, tr, type Lng } from "./support/locales";
import { signIn } from "./support/staff";
import { expectLanguage, open } from "./support/survey";
import { ACCOUNTS, lookUpIds } from "./support/staff-pages";
import { buildResultsDataSet, COMMENTS, type ResultsDataSet } from "../support/results-pages-data";

// Results pages in the browser: the hand-built data set's figures as people read them,
// what the board and the PCF never see, the filters without JavaScript, and axe on every
// results page in English and Urdu. tests/unit/results-pages.test.ts checks every figure
// of the same data set in the pages' data and CSV files.

const HIDDEN = "fewer than 5 responses";

/**
 * The hand-built data set in the e2e server's database, under names of its own, built
 * once for every worker. Hiding holds across surveys (DESIGN "Suppression"): while one
 * worker was still adding a second copy, its few responses so far made a tiny parent
 * survey, and the board rightly lost the smallest other one (the first copy) beside it.
 * So the first worker builds it (the lock is a folder: making one is atomic) and the others
 * wait for the file that says it is complete.
 */
async function insertDataSet(prefix: string): Promise<ResultsDataSet> {
  const file = process.env.E2E_DATABASE_FILE!;
  const done = `${file}.results-data.json`;
  const lock = `${file}.results-data.lock`;
  for (;;) {
    if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, "utf8")) as ResultsDataSet;
    try {
      fs.mkdirSync(lock);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const db = openDatabase(file);
    try {
      const d = await buildResultsDataSet(db, prefix);
      fs.writeFileSync(`${done}.part`, JSON.stringify(d));
      fs.renameSync(`${done}.part`, done);
      return d;
    } finally {
      await db.destroy();
      fs.rmdirSync(lock);
    }
  }
}

const text = (l: Locator) => l.evaluate((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim());
const table = (page: Page, caption: string) => page.getByRole("table", { name: exactly(caption) });

/** A table's body as rows of cell texts (the row header first). */
async function rowsOf(t: Locator): Promise<string[][]> {
  // evaluateAll does not wait: right after a redirect the page may still be loading.
  await t.waitFor();
  return t.locator("tbody tr, tfoot tr").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())),
  );
}

/** The figure next to a label in the headline list. */
const headline = (page: Page, label: string) => page.locator(".results-summary dt", { hasText: exactly(label) }).locator("xpath=following-sibling::dd[1]");

test.describe("a hand-built data set", () => {
  let d: ResultsDataSet;
  test.beforeAll(async ({}, info) => {
    d = await insertDataSet(`e2e-w${info.workerIndex}-${Date.now().toString(36)}`);
  });

  test("the board reads the figures worked out by hand, every answer count of a group of 5 or more, no comments", async ({ page }) => {
    await signIn(page, ACCOUNTS.board, `/staff/results/surveys/${d.surveys.parent}`);
    // Overall: 5 ×9, 4 ×8, 3 ×2, 2 ×3, 1 ×4, don't know ×3 = 29 answers; 17 positive, 7 negative.
    await expect(headline(page, "Satisfied (% positive)").locator(".figure")).toHaveText("58.6% (n = 29, 95% interval 40.7–74.5%)");
    await expect(headline(page, "Dissatisfied (% negative)")).toHaveText("24.1% (n = 29, 95% interval 12.2–42.1%)");
    // A group of 29: every count is shown, small ones included (decision 017).
    await expect(headline(page, "Answered “don’t know”")).toHaveText("3");
    // Return rate: (13 invitation + 10 paper) / (23 delivered + eligible 40) = 23/63; summer's
    // open-link and autumn's paper responses have no denominator (decision 016). Hidden from
    // the board: 23 − 10 would give the 13 invitation responses, hidden beside autumn's 2 on
    // paper (decision 017). An admin sees it below.
    await expect(headline(page, "Return rate")).toContainText(HIDDEN);
    // Trend: spring (10) hidden with summer (4), so summer is not 29 − 10 − 15.
    expect(await rowsOf(table(page, `% positive by term: Hand-built parent survey ${d.slugs.parent}`))).toEqual([
      ["Spring term 2026", HIDDEN],
      ["Summer term 2026", HIDDEN],
      ["Autumn term 2026", "60.0%", "15", "35.7–80.2%"],
    ]);
    expect(await rowsOf(table(page, "Answers: Overall, how satisfied are you?"))).toEqual([
      ["Very satisfied", "9", "31.0%"],
      ["Satisfied", "8", "27.6%"],
      ["Neither satisfied nor dissatisfied", "2", "6.9%"],
      ["Dissatisfied", "3", "10.3%"],
      ["Very dissatisfied", "4", "13.8%"],
      ["Don't know", "3", "10.3%"],
      ["Answered", "29"],
    ]);
    // Yes 11, no 4 of 15: shown, "no" included.
    expect(await rowsOf(table(page, "Answers: Did you know who to contact?"))).toEqual([
      ["Yes", "11", "73.3%"],
      ["No", "4", "26.7%"],
      ["Not sure", "0", "0.0%"],
      ["Answered", "15"],
    ]);
    // The chart is an image named by its title, drawing every bar.
    const chart = page.getByRole("img", { name: exactly("Answers: Overall, how satisfied are you?") });
    await expect(chart).toBeVisible();
    await expect(chart.locator("text", { hasText: HIDDEN })).toHaveCount(0);
    await expect(chart.locator("g > rect")).toHaveCount(6);
    // No comments, and no link to them.
    await expect(page.getByRole("heading", { name: "Comments" })).toHaveCount(0);
    await expect(page.getByText(COMMENTS.child)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Comments (CSV)" })).toHaveCount(0);
    await expectNoAxeViolations(page, "hand-built results (board, en)");

    // Service B alone (3 responses): every figure in words, the chart too.
    await page.goto(`/staff/results/surveys/${d.surveys.parent}?service=${d.serviceB}`);
    expect(await rowsOf(table(page, "Answers: Overall, how satisfied are you?"))).toEqual([
      ["Very satisfied", HIDDEN],
      ["Satisfied", HIDDEN],
      ["Neither satisfied nor dissatisfied", HIDDEN],
      ["Dissatisfied", HIDDEN],
      ["Very dissatisfied", HIDDEN],
      ["Don't know", HIDDEN],
      ["Answered", HIDDEN],
    ]);
    await expectNoAxeViolations(page, "hand-built results, a hidden service (board, en)");
    await page.goto(`/staff/results/surveys/${d.surveys.parent}`);

    // The CSV behind the link: the same figures.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Every question’s answers (CSV)" }).click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of file) chunks.push(c as Buffer);
    const csv = Buffer.concat(chunks);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString("utf8").split("\r\n");
    expect(lines).toContain("\"Overall, how satisfied are you?\",Very satisfied,9,31");
    expect(lines).toContain(`"Overall, how satisfied are you?",Dissatisfied,3,10.3`);
    expect(lines).toContain(`Did you know who to contact?,Yes,11,73.3`);
  });

  test("the board and the PCF see the co-assessment with each side hidden under 5", async ({ page }) => {
    for (const who of [ACCOUNTS.board, ACCOUNTS.pcf]) {
      await signIn(page, who, `/staff/results/surveys/${d.surveys.co}/co-assessment`);
      // A: families trusted 3 of 6 = 50.0%, professionals 4 of 5 = 80.0%, gap −30.0.
      expect(await rowsOf(table(page, `Charter principles: ${d.serviceNames.a}`))).toEqual([
        ["Families are trusted.", "50.0%", "6", "18.8–81.2%", "80.0%", "5", "37.6–96.4%", "−30.0 points"],
        ["Families are listened to.", "66.7%", "6", "30.0–90.3%", "40.0%", "5", "11.8–76.9%", "+26.7 points"],
      ]);
      // B: 2 professionals; the 7 families are hidden too.
      const gap = "not shown: one side is hidden or has no answers";
      expect(await rowsOf(table(page, `Charter principles: ${d.serviceNames.b}`))).toEqual([
        ["Families are trusted.", HIDDEN, HIDDEN, gap],
        ["Families are listened to.", HIDDEN, HIDDEN, gap],
      ]);
      await page.getByRole("button", { name: "Sign out" }).click();
      // Wait for the signed-out page: going on while the sign-out is still on its way
      // would find the old session still there.
      await expect(page).toHaveURL(/signed-out/);
    }
  });

  test("an admin sees every figure, with the small-numbers warning on what the board cannot see, and the comments", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin, `/staff/results/surveys/${d.surveys.parent}?service=${d.serviceB}`);
    // Service B: 3 responses, 5 4 1: hidden from the board, flagged for an admin.
    expect(await rowsOf(table(page, "Answers: Overall, how satisfied are you?"))).toEqual([
      ["Very satisfied", "1 Small numbers: treat with care", "33.3%"],
      ["Satisfied", "1 Small numbers: treat with care", "33.3%"],
      ["Neither satisfied nor dissatisfied", "0", "0.0%"],
      ["Dissatisfied", "0", "0.0%"],
      ["Very dissatisfied", "1 Small numbers: treat with care", "33.3%"],
      ["Don't know", "0", "0.0%"],
      ["Answered", "3 Small numbers: treat with care"],
    ]);
    await expect(headline(page, "Answered “don’t know”")).toHaveText("0");
    await page.goto(`/staff/results/surveys/${d.surveys.parent}`);
    await expect(headline(page, "Return rate").locator(".figure").first()).toHaveText("36.5% (n = 63, 95% interval 25.7–48.9%) Small numbers: treat with care");
    const comments = page.getByRole("region", { name: "Comments" });
    await expect(comments.getByText(COMMENTS.child)).toBeVisible();
    await expect(comments.getByText(COMMENTS.formula)).toBeVisible();
    await expect(comments.locator("blockquote[lang=ur][dir=rtl]")).toHaveText(COMMENTS.urdu);
    await expectNoAxeViolations(page, "hand-built results (admin, en)");
    await page.goto(`/staff/results/surveys/${d.surveys.parent}?lng=ur`);
    await expectLanguage(page, "ur");
    await expectNoAxeViolations(page, "hand-built results (admin, ur)");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the filters are a plain form with their own address", async ({ page }) => {
      await signIn(page, ACCOUNTS.board, `/staff/results/surveys/${d.surveys.parent}`);
      await page.getByLabel("Campaign", { exact: true }).selectOption({ label: `${d.slugs.parent.replace(/-parent$/, "")} autumn` });
      await page.getByLabel("Period", { exact: true }).selectOption({ label: "October 2026" });
      await page.getByRole("button", { name: "Show results" }).click();
      await expect(page).toHaveURL(new RegExp(`campaign=${d.campaigns.autumn}.*period=2026-10`));
      // Autumn: 5 5 5 4 4 4 4 (A) + 5 4 (B) = 9 of 15.
      await expect(headline(page, "Satisfied (% positive)").locator(".figure")).toHaveText("60.0% (n = 15, 95% interval 35.7–80.2%)");
      await expect(page.getByLabel("Campaign", { exact: true })).toHaveValue(String(d.campaigns.autumn));
      await expect(page.locator(".results-cut")).toContainText("Period: October 2026");
      await expectNoAxeViolations(page, "filtered results without JavaScript", { javaScriptEnabled: false });
    });
  });
});

/** Every results page of the seeded demo, with its heading (ids looked up from the database). */
function resultsPages() {
  const ids = lookUpIds();
  return [
    "/staff/dashboard",
    "/staff/results",
    `/staff/results/surveys/${ids.survey}`,
    `/staff/results/surveys/${ids.survey}?period=2026-autumn&language=ur`,
    `/staff/results/surveys/${ids.coSurvey}`,
    `/staff/results/surveys/${ids.coSurvey}/co-assessment`,
  ];
}

for (const lng of ["en", "ur"] as Lng[]) {
  for (const who of ["board", "member"] as const) {
    test(`every results page has no axe violations as ${who} (${lng})`, async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, ACCOUNTS[who], "/staff", lng);
      for (const path of resultsPages()) {
        const url = new URL(path, "http://x");
        url.searchParams.set("lng", lng);
        const res = await page.goto(url.pathname + url.search);
        expect(res?.status(), path).toBe(200);
        await expectLanguage(page, lng);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        await expectNoAxeViolations(page, `${path} as ${who} (${lng})`);
      }
    });
  }
}

test("the dashboard shows the four KPIs with counts, intervals and a trend each, in both languages", async ({ page }) => {
  await signIn(page, ACCOUNTS.board, "/staff/dashboard");
  for (const lng of ["en", "ur"] as Lng[]) {
    await page.goto(`/staff/dashboard?lng=${lng}`);
    for (const key of ["parent_return", "parent_satisfaction", "settings_positive", "partners_positive"]) {
      const title = tr(lng, `results:kpis.${key}.title`);
      await expect(page.getByRole("heading", { level: 2, name: exactly(title) })).toBeVisible();
      await expect(page.getByRole("img", { name: exactly(tr(lng, "results:dashboard.trend_title", { kpi: title })) })).toBeVisible();
      const rows = await rowsOf(table(page, tr(lng, "results:dashboard.trend_title", { kpi: title })));
      expect(rows).toHaveLength(4);
    }
  }
  // In Urdu the charts are mirrored: the % scale is on the right, the oldest term on the right.
  const chart = page.getByRole("img", { name: exactly(tr("ur", "results:dashboard.trend_title", { kpi: tr("ur", "results:kpis.parent_satisfaction.title") })) });
  const scaleX = Number(await chart.locator("text", { hasText: /^100%$/ }).getAttribute("x"));
  expect(scaleX).toBeGreaterThan(500);
  // Numbers sit in <bdi> inside Urdu sentences.
  await expect(page.locator(".kpi__current bdi").first()).toBeVisible();
});

test("the dashboard shows the You Said, We Did figures by term in both languages, with their own CSV", async ({ page, request }) => {
  await signIn(page, ACCOUNTS.board, "/staff/dashboard");
  for (const lng of ["en", "ur"] as Lng[]) {
    await page.goto(`/staff/dashboard?term=2026-autumn&lng=${lng}`);
    await expect(page.getByRole("heading", { level: 2, name: exactly(tr(lng, "results:loop.title")) })).toBeVisible();
    const byTerm = table(page, tr(lng, "results:loop.by_term_caption"));
    await expect(byTerm.getByRole("columnheader", { name: exactly(tr(lng, "results:loop.median_days")) })).toBeVisible();
    const rows = await rowsOf(byTerm);
    const terms = [["autumn", 2025], ["spring", 2026], ["summer", 2026], ["autumn", 2026]] as const;
    expect(rows.map((r) => r[0])).toEqual(terms.map(([season, year]) => tr(lng, `results:periods.term.${season}`, { year: String(year) })));
    // The table scrolls inside its own region, which keyboard users can reach.
    await expect(page.getByRole("region", { name: exactly(tr(lng, "results:loop.by_term_caption")) })).toHaveAttribute("tabindex", "0");
  }
  const href = await page.getByRole("link", { name: exactly(tr("ur", "results:downloads.loop")) }).getAttribute("href");
  expect(href).toContain("table=loop");
  const cookies = await page.context().cookies();
  const res = await request.get("/staff/dashboard/export.csv?table=loop&term=2026-autumn&lng=en", { headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
  expect(res.status()).toBe(200);
  const parsed = parseCsv(await res.text());
  if ("error" in parsed) throw new Error("not CSV");
  expect(parsed.records[0].cells.slice(0, 4)).toEqual(["Term", "Service", "Opened", "Closed out"]);
});

test("the board and the PCF see no headline from fewer than 5, no small-numbers warning and no comment, on pages and in CSV files", async ({ page, request }) => {
  test.setTimeout(120_000);
  const ids = lookUpIds();
  const seededComment = "Nobody answered my emails for weeks.";
  for (const who of [ACCOUNTS.board, ACCOUNTS.pcf]) {
    await signIn(page, who, "/staff/results");
    const pages = [
      "/staff/dashboard",
      `/staff/results/surveys/${ids.survey}`,
      `/staff/results/surveys/${ids.survey}?period=2026-autumn`,
      `/staff/results/surveys/${ids.survey}?language=ur&channel=paper`,
      `/staff/results/surveys/${ids.coSurvey}`,
      `/staff/results/surveys/${ids.coSurvey}/co-assessment`,
    ];
    for (const path of pages) {
      await page.goto(path);
      const body = await text(page.locator("main"));
      // Headline figures and the dashboard's are of whole respondent groups: never from 1 to 4.
      // (Inside a shown group every answer count is shown, small ones included: decision 017;
      // tests/unit/results-disclosure-attack.test.ts tries the subtractions across pages.)
      const headlines = path.startsWith("/staff/dashboard") ? body : await page.locator(".results-summary").evaluateAll((els) => els.map((e) => e.textContent ?? "").join(" "));
      // A return rate's n is its denominator (forms handed out, invitations delivered), written "1,350".
      for (const m of headlines.matchAll(/\(n = ([\d,]+)/g)) expect(Number(m[1].replace(/,/g, "")), `${path}: ${m[0]}`).toBeGreaterThanOrEqual(5);
      expect(body, path).not.toContain("Small numbers");
      expect(body, path).not.toContain(seededComment);
    }
    const cookies = await page.context().cookies();
    const headers = { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    for (const path of [`/staff/results/surveys/${ids.survey}/export.csv?table=summary&channel=phone`, "/staff/dashboard/export.csv"]) {
      const res = await request.get(path, { headers });
      expect(res.status(), path).toBe(200);
      const parsed = parseCsv(await res.text());
      if ("error" in parsed) throw new Error(`${path}: not CSV`);
      const rows = parsed.records.map((r) => r.cells);
      const header = rows.findIndex((r) => r.includes("n"));
      const col = rows[header].findIndex((h) => h === "n");
      // Rows with a % (a "don't know" count sits in the n column without one).
      for (const r of rows.slice(header + 1)) if (/^\d+$/.test(r[col] ?? "") && (r[col - 1] ?? "") !== "") expect(Number(r[col]) === 0 || Number(r[col]) >= 5, `${path}: ${r.join(",")}`).toBe(true);
    }
    expect((await request.get(`/staff/results/surveys/${ids.survey}/export.csv?table=comments`, { headers })).status()).toBe(403);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/signed-out/);
  }
});

test("print hides the filters and downloads and keeps charts whole", async ({ page }) => {
  const ids = lookUpIds();
  await signIn(page, ACCOUNTS.admin, `/staff/results/surveys/${ids.survey}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".results-filters")).toBeHidden();
  await expect(page.locator(".results-downloads")).toBeHidden();
  await expect(page.getByRole("img").first()).toBeVisible();
  await expect(page.locator(".chart-pair").first()).toHaveCSS("break-inside", "avoid");
});

test("results pages work at 320 px wide without sideways scrolling of the page", async ({ page }) => {
  const ids = lookUpIds();
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, ACCOUNTS.board, `/staff/results/surveys/${ids.survey}`);
  for (const path of [`/staff/results/surveys/${ids.survey}`, "/staff/dashboard", `/staff/results/surveys/${ids.coSurvey}/co-assessment`]) {
    await open(page, path, true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
