// `npm run jobs`: run the background jobs once (deliver due mail, purge what the privacy
// notice says we forget), print what was done, exit. For a cron job or a manual nudge;
// `npm start` runs the same jobs every few seconds itself.
import { openDatabase, migrateToLatest } from "../db/connection";
import { readEnv } from "../app/env.server";
import { describeJobsSummary, runJobs } from "../app/jobs/jobs.server";
import { createMailTransport } from "../app/mail/transport.server";
import { runMaintenance } from "./maintenance";

const env = readEnv();
const db = openDatabase(env.DATABASE_FILE);
const transport = env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null;
try {
  await migrateToLatest(db);
  const now = new Date();
  console.log(describeJobsSummary(await runJobs(db, { transport, now, publicUrl: env.PUBLIC_URL, mailFrom: env.MAIL_FROM })));
  const purged = await runMaintenance(db, env, now);
  console.log(`Purged: ${Object.entries(purged.counts).map(([k, n]) => `${n} ${k}`).join(", ")}.`);
} finally {
  transport?.close();
  await db.destroy();
}
