// `npm start`: migrate, seed demo data into an empty database, serve the built app, and
// run the background jobs (mail delivery) every few seconds.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { migrateToLatest } from "../db/connection";
import { seedDemoData } from "../db/seed/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/content/users";
import { readEnv } from "../app/env.server";
import { getDb } from "../app/db.server";
import { describeJobsSummary, jobsDidWork, runJobs, startJobLoop } from "../app/jobs/jobs.server";
import { createMailTransport } from "../app/mail/transport.server";

const env = readEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" });

// The app's own Kysely instance (one per process, kept on globalThis): the job loop and
// the requests then take turns on one SQLite connection. A second connection in the same
// thread could wait on a lock that only this thread can release.
const db = getDb();
const applied = await migrateToLatest(db);
const { seeded, responses } = await seedDemoData(db);

const transport = env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null;
const jobs = startJobLoop(async () => {
  const summary = await runJobs(db, { transport });
  if (jobsDidWork(summary)) console.log(describeJobsSummary(summary));
});

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
// A form posted from another site is refused here with a clear 403 (Remix itself would
// abort it with a bare 500). Staff forms also check a CSRF token; see docs/decisions/006.
app.use((req, res, next) => {
  const origin = req.get("origin");
  if (req.method === "POST" && origin && origin !== "null" && new URL(origin).host !== req.get("host")) {
    res
      .status(403)
      .type("html")
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form refused – Said & Done</title></head><body><main>' +
          "<h1>This form was sent from another website</h1><p>For your security it was not accepted. Open Said &amp; Done directly and try again.</p>" +
          '<p lang="ur" dir="rtl">یہ فارم کسی دوسری ویب سائٹ سے بھیجا گیا تھا، اس لیے قبول نہیں کیا گیا۔</p></main></body></html>',
      );
    return;
  }
  next();
});
app.all("*", createRequestHandler({ build, mode: "production" }));

const server = app.listen(env.PORT, () => {
  const base = `http://localhost:${env.PORT}`;
  console.log(
    [
      "",
      "Said & Done is running.",
      `  Open ${base}`,
      `  Database: ${env.DATABASE_FILE} (${applied.length} migration(s) applied${seeded ? `, demo data seeded: ${responses} responses` : ""})`,
      `  Urdu: ${base}/?lng=ur`,
      `  Staff sign-in: ${base}/sign-in (every demo account's password: ${DEMO_PASSWORD})`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(30)} ${u.role.replace("_", " ")}`),
      env.SMTP_URL
        ? `  Mail: sent through ${new URL(env.SMTP_URL).host}, retried while it is down; outbox at ${base}/staff/mailbox`
        : `  Mail: SMTP_URL is not set, so no email is sent: it stays in the outbox, readable at ${base}/staff/mailbox (admin)`,
      "  Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    void Promise.all([closed, jobs.stop()])
      .then(() => {
        transport?.close();
        return db.destroy();
      })
      .finally(() => process.exit(0));
  });
}
