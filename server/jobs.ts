// `npm run jobs`: run the background jobs once (deliver due mail...), print what was done, exit.
// For a cron job or a manual nudge; `npm start` runs the same jobs every few seconds itself.
import { openDatabase, migrateToLatest } from "../db/connection";
import { readEnv } from "../app/env.server";
import { describeJobsSummary, runJobs } from "../app/jobs/jobs.server";
import { createMailTransport } from "../app/mail/transport.server";

const env = readEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" });
const db = openDatabase(env.DATABASE_FILE);
const transport = env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null;
try {
  await migrateToLatest(db);
  console.log(describeJobsSummary(await runJobs(db, { transport })));
} finally {
  transport?.close();
  await db.destroy();
}
