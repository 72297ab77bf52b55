// `npm run bench`: every figure of issue 13 in one run on one machine.
//   1. the database: builds (or reuses) BENCH_RESPONSES submitted responses (default
//      1,000,000, up to 10,000,000) and times the board dashboard and results queries;
//   2. HTTP: the raw limit of storing a response beside the built app's complete-response
//      rate, page throughput at 10 connections, and every respondent page's weight in Chromium;
//   3. a summary: each figure beside its goal and the baseline.
// BENCH_ONLY=db or BENCH_ONLY=http runs one part.
import { runDatabaseBench, MAX_RESPONSES } from "./bench/database";
import { heading, loadAverage, summary } from "./bench/format";
import { runHttpBench } from "./bench/http";

const only = process.env.BENCH_ONLY ?? "all";
if (!["all", "db", "http"].includes(only)) {
  console.error("BENCH_ONLY must be db or http (or unset for both)");
  process.exit(1);
}
const responses = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
if (only !== "http" && (!Number.isInteger(responses) || responses < 1000 || responses > MAX_RESPONSES)) {
  console.error(`BENCH_RESPONSES must be a whole number from 1000 to ${MAX_RESPONSES}`);
  process.exit(1);
}

console.log(`npm run bench (${only === "all" ? "database and HTTP" : only}); load average at the start: ${loadAverage()}`);
if (only !== "http") await runDatabaseBench(responses);
if (only !== "db") await runHttpBench();

heading("Summary: each figure beside its goal and the issue's baseline");
for (const s of summary) {
  const mark = s.met === null ? "  " : s.met ? "ok" : "✗ ";
  const goal = s.goal ? `goal ${s.goal}` : "";
  const baseline = s.baseline ? `was ${s.baseline}` : "";
  console.log(`${mark} ${s.label.padEnd(72)} ${s.value.padEnd(54)} ${goal.padEnd(22)} ${baseline}`);
}
console.log(`\nload average at the end: ${loadAverage()}`);
