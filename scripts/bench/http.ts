// The HTTP part of `npm run bench`: builds the app and starts it on a fresh demo database,
// then measures in one run, on the same machine: the raw limit of storing a response, the
// app's complete-response rate beside it, single-page throughput, and every respondent
// page's weight in Chromium. Prints the load average at its start and end.
import fs from "node:fs";
import path from "node:path";
import { buildApp, startApp } from "./app-server";
import { countSubmitted, measureCompleteResponses, type CompleteRate } from "./complete-responses";
import { heading, kb, loadAverage, n, summary } from "./format";
import { NoJsClient, completeResponse, postsOnly, startResponse } from "./no-js-client";
import { measurePageWeights, type PageWeight } from "./page-weight";
import { measureRawLimit } from "./raw-limit";
import { measurePage, type Throughput } from "./throughput";

const DIR = "tests/.tmp/bench";
const CONNECTIONS = 10;
/** The demo survey answered: two pages, one service (so no "which service" question). */
const SURVEY = process.env.BENCH_SURVEY ?? "local-offer-2026-27";
const SECONDS = { raw: 10, complete: 15, page: 5 };

/** Every page's answers of one response in one form: what the raw server stores per post. */
function wholeResponseBody(bodies: string[]): string {
  const form = new URLSearchParams();
  for (const body of bodies) for (const [k, v] of new URLSearchParams(body)) if (k.startsWith("q_")) form.append(k, v);
  const last = new URLSearchParams(bodies.at(-1));
  form.set("token", last.get("token") ?? "");
  form.set("page", last.get("page") ?? "1");
  form.set("intent", "submit");
  return form.toString();
}

function printCompleteRate(title: string, rate: CompleteRate, raw: number): void {
  console.log(`  ${title}`);
  console.log(`  ${n(rate.acknowledged)} responses acknowledged in ${rate.seconds.toFixed(1)} s: ${rate.perSecond.toFixed(0)} responses/s`);
  console.log(`  stored as submitted in the app's database: ${n(rate.stored)} of the ${n(rate.acknowledged)} acknowledged`);
  if (rate.lost.length > 0) {
    console.log(`\n  !!!!! ${rate.lost.length} ACKNOWLEDGED RESPONSE(S) NOT STORED AS SUBMITTED !!!!!`);
    for (const token of rate.lost.slice(0, 10)) console.log(`  !!!!! lost: resume token ${token}`);
    console.log("");
  }
  for (const [message, count] of rate.errors) console.log(`  failed ${count}×: ${message}`);
  console.log(`  app / raw: ${((rate.perSecond / raw) * 100).toFixed(1)} % of the raw limit (goal ≥ 10 %)\n`);
}

function printThroughput(rows: Throughput[]): void {
  for (const r of rows) {
    const goal = r.label.startsWith("static") ? "(reference)" : r.path.startsWith("/you-said-we-did") && !r.path.endsWith(".xml") ? "goal ≥ 500" : r.path.endsWith(".xml") ? "" : "goal ≥ 1,000";
    const failed = r.failed > 0 ? `  ← ${n(r.failed)} answers were not 200` : "";
    console.log(`  ${r.label.padEnd(34)} ${r.path.slice(0, 44).padEnd(46)} ${n(r.perSecond).padStart(7)} req/s  ${goal}${failed}`);
  }
}

function printPageWeights(rows: PageWeight[]): void {
  const header = ["page", "lng", "requests", "total", "font", "before font", "JS", "goal"];
  console.log(`  ${header[0].padEnd(40)} ${header[1].padEnd(3)} ${header.slice(2).map((h) => h.padStart(11)).join(" ")}`);
  for (const r of rows) {
    const before = r.bytes - r.fontBytes;
    const over = before > r.goalKb * 1024 || (r.goalKb === 30 && r.jsBytes > 0) ? "  ← OVER THE GOAL" : "";
    const cells = [String(r.requests), kb(r.bytes), kb(r.fontBytes), kb(before), kb(r.jsBytes), `≤ ${r.goalKb} KB${r.goalKb === 30 ? ", 0 JS" : ""}`];
    console.log(`  ${r.label.padEnd(40)} ${r.lng.padEnd(3)} ${cells.map((c) => c.padStart(11)).join(" ")}${over}`);
  }
}

function summariseRate(label: string, raw: number, rate: CompleteRate, baseline: boolean): void {
  const ratio = (rate.perSecond / raw) * 100;
  summary.push(
    { label: `app: ${label}`, value: `${n(rate.perSecond)} responses/s = ${ratio.toFixed(1)} % of raw`, goal: "≥ 10 % of raw", baseline: baseline ? "160 responses/s = 2.1 %" : "", met: ratio >= 10 },
    { label: `  acknowledged / stored`, value: `${n(rate.acknowledged)} / ${n(rate.stored)}`, goal: "all stored", baseline: baseline ? "2,908 / 2,921" : "", met: rate.lost.length === 0 },
  );
}

function summarise(raw: number, rates: { journey: CompleteRate; posts: CompleteRate }, pages: Throughput[], weights: PageWeight[]): void {
  summary.push({ label: "raw limit (node:http + better-sqlite3)", value: `${n(raw)} responses/s`, goal: "", baseline: "7,468 responses/s", met: null });
  summariseRate("complete responses, the posts only", raw, rates.posts, true);
  summariseRate("complete responses, whole no-JS journey", raw, rates.journey, false);
  const baselines: Record<string, string> = { "/": "154 req/s", [`/s/${SURVEY}`]: "150 req/s", "/you-said-we-did": "68 req/s", "/you-said-we-did/feed.xml": "173 req/s", "/favicon.svg": "6,077 req/s" };
  for (const p of pages) {
    const isStatic = p.label.startsWith("static");
    const isUpdate = p.path === "/you-said-we-did";
    const isFeed = p.path.endsWith(".xml");
    const goal = isStatic || isFeed ? 0 : isUpdate ? 500 : 1000;
    summary.push({
      label: `GET ${p.label}`,
      value: `${n(p.perSecond)} req/s${p.failed ? ` (${n(p.failed)} not 200)` : ""}`,
      goal: goal ? `≥ ${n(goal)} req/s` : "",
      baseline: baselines[p.path] ?? "",
      met: goal ? p.perSecond >= goal && p.failed === 0 : null,
    });
  }
  for (const w of weights) {
    const before = w.bytes - w.fontBytes;
    const isStart = w.label.startsWith("survey start");
    summary.push({
      label: `weight: ${w.label} (${w.lng})`,
      value: `${kb(before)} before the font, ${kb(w.jsBytes)} JS${w.fontBytes ? ` (+ ${kb(w.fontBytes)} font)` : ""}`,
      goal: `≤ ${w.goalKb} KB${w.goalKb === 30 ? ", 0 JS" : ""}`,
      baseline: isStart ? (w.lng === "en" ? "1,095 KB in all" : "1,227 KB with the font") : "",
      met: before <= w.goalKb * 1024 && (w.goalKb !== 30 || w.jsBytes === 0),
    });
  }
}

export async function runHttpBench(): Promise<void> {
  heading("HTTP: the built app on a fresh demo database");
  console.log("  building the app (npm run build)...");
  buildApp();
  const databaseFile = path.join(DIR, "http-app.sqlite");
  fs.mkdirSync(DIR, { recursive: true });
  const app = await startApp(databaseFile);
  try {
    console.log(`  app listening at ${app.url} (database ${databaseFile}); survey answered: /s/${SURVEY}`);
    console.log(`  load average at the start (1, 5, 15 min): ${loadAverage()}`);
    // One response first: warms the app and gives the form a survey page really posts.
    const sample = await completeResponse(new NoJsClient(app.url), SURVEY);

    heading(`Raw limit: node:http + better-sqlite3, ${CONNECTIONS} connections, ${SECONDS.raw} s`);
    const raw = await measureRawLimit(path.join(DIR, "raw-limit.sqlite"), wholeResponseBody(sample.bodies), SECONDS.raw, CONNECTIONS);
    console.log(`  ${n(raw.perSecond)} responses/s (${n(raw.stored)} stored${raw.failed ? `, ${raw.failed} FAILED` : ""})`);

    heading(`The app's complete responses: ${CONNECTIONS} clients without JavaScript, ${SECONDS.complete} s each, /s/${SURVEY}`);
    const before = countSubmitted(databaseFile, SURVEY);
    const measure = (journey: (c: NoJsClient) => Promise<string>) =>
      measureCompleteResponses(app.url, databaseFile, SURVEY, journey, SECONDS.complete, CONNECTIONS);
    const posts = await measure((client) => postsOnly(client, sample));
    printCompleteRate(`The ${sample.bodies.length} posts of a response only (redirects not followed: the submit path alone):`, posts, raw.perSecond);
    const journey = await measure(async (client) => (await completeResponse(client, SURVEY)).token);
    printCompleteRate(
      `The whole journey: GET the start page, each page posted and its redirect followed, the done page (${2 * sample.bodies.length + 1} requests):`,
      journey,
      raw.perSecond,
    );
    const after = countSubmitted(databaseFile, SURVEY);
    console.log(`  (submitted responses of the campaign in the database: ${n(before)} before, ${n(after)} after: ${n(after - before)} new)`);

    heading(`Throughput at ${CONNECTIONS} connections, ${SECONDS.page} s each`);
    const responsePage = await startResponse(new NoJsClient(app.url), SURVEY);
    const targets: [string, string][] = [
      ["home", "/"],
      ["home in Urdu", "/?lng=ur"],
      ["survey start page", `/s/${SURVEY}`],
      ["response page (unsubmitted)", responsePage],
      ["you said, we did", "/you-said-we-did"],
      ["you said, we did: feed", "/you-said-we-did/feed.xml"],
      ["static file", "/favicon.svg"],
    ];
    const pages: Throughput[] = [];
    for (const [label, target] of targets) pages.push(await measurePage(app.url, label, target, SECONDS.page, CONNECTIONS));
    printThroughput(pages);

    heading("Page weight in Chromium (compressed bytes on the wire, cache off)");
    const weights = await measurePageWeights(app.url, databaseFile, SURVEY);
    printPageWeights(weights);
    console.log(`\n  load average at the end (1, 5, 15 min): ${loadAverage()}`);
    summarise(raw.perSecond, { journey, posts }, pages, weights);
  } finally {
    await app.stop();
  }
}
