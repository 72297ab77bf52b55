// `npm start`. Without NODE_ENV=production it is the demo: migrate, seed demo data into an
// empty database, serve, print the demo sign-ins. With NODE_ENV=production it is the
// service: PUBLIC_URL and MAIL_FROM required, no demo data ever, and it refuses to run
// while demo accounts exist. Both run the background jobs every few seconds.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { migrateToLatest, openDatabase } from "../db/connection";
import { seedDemoData } from "../db/seed/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/content/users";
import { readEnv, type Env } from "../app/env.server";
import { describeJobsSummary, jobsDidWork, runJobs, startJobLoop } from "../app/jobs/jobs.server";
import { createMailTransport } from "../app/mail/transport.server";
import { createApp } from "./app";
import { countActiveAdmins } from "../app/admin/users.server";
import { countDemoAccounts, runMaintenance } from "./maintenance";
import { logLine } from "./http/request-log";

function fail(message: string): never {
  console.error(`Said & Done cannot start: ${message}`);
  process.exit(1);
}

let env: Env;
try {
  env = readEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

// The app's mode (demo or production) is read above, once. Libraries always run their
// production builds, since this is a built app in both modes: React's development build
// renders pages about three times slower and is for `remix dev` only.
process.env.NODE_ENV = "production";

const db = openDatabase(env.DATABASE_FILE);
const applied = await migrateToLatest(db);

let seeded = false;
let responses = 0;
if (env.production) {
  const demo = await countDemoAccounts(db);
  if (demo > 0) {
    await db.destroy();
    fail(
      `this database (${env.DATABASE_FILE}) holds ${demo} demo account(s) (@demo.test), whose password is public. ` +
        "A production service starts from an empty database: point DATABASE_FILE at a new file and make the first admin with `npm run create-admin`.",
    );
  }
} else {
  ({ seeded, responses } = await seedDemoData(db, env));
}

const transport = env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null;
// The first purge waits an hour (then hourly), so a fresh demo keeps its half-finished responses for a while.
let lastMaintenance = Date.now();
const jobs = startJobLoop(async () => {
  const now = new Date();
  const summary = await runJobs(db, { transport, now, publicUrl: env.PUBLIC_URL, mailFrom: env.MAIL_FROM });
  if (jobsDidWork(summary)) logLine({ level: "info", job: "jobs", summary: describeJobsSummary(summary) });
  // Purging is cheap but need not run every few seconds.
  if (now.getTime() - lastMaintenance > 60 * 60_000) {
    lastMaintenance = now.getTime();
    const purged = await runMaintenance(db, env, now);
    if (purged.total > 0) logLine({ level: "info", job: "purge", ...purged.counts });
  }
});

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const app = createApp({ db, env, build });

const server = app.listen(env.PORT, async () => {
  const base = env.production ? env.PUBLIC_URL : `http://localhost:${env.PORT}`;
  const lines = [
    "",
    `Said & Done is running (${env.production ? "production" : "demo"}).`,
    `  Open ${base}   (listening on port ${env.PORT})`,
    `  Database: ${env.DATABASE_FILE} (${applied.length} migration(s) applied${seeded ? `, demo data seeded: ${responses} responses` : ""})`,
  ];
  if (env.production) {
    if ((await countActiveAdmins(db)) === 0) lines.push("  No admin yet: make one with `npm run create-admin -- --email you@council.example --name \"Your Name\"`.");
    lines.push(`  Health check: ${base}/healthz`);
  } else {
    lines.push(
      `  Urdu: ${base}/?lng=ur`,
      `  Staff sign-in: ${base}/sign-in (every demo account's password: ${DEMO_PASSWORD})`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(30)} ${u.role.replace("_", " ")}`),
    );
  }
  lines.push(
    env.SMTP_URL
      ? `  Mail: sent through ${new URL(env.SMTP_URL).host}, retried while it is down; outbox at ${base}/staff/mailbox`
      : `  Mail: SMTP_URL is not set, so no email is sent: it stays in the outbox, readable at ${base}/staff/mailbox (admin)`,
    "  Stop with Ctrl+C.",
    "",
  );
  console.log(lines.join("\n"));
});
// A slow client cannot hold a connection open for ever (slowloris).
server.requestTimeout = 60_000;
server.headersTimeout = 20_000;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.all([closed, jobs.stop()])
      .then(() => {
        transport?.close();
        return db.destroy();
      })
      .finally(() => process.exit(0));
  });
}
