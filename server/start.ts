// `npm start`: migrate, seed demo data into an empty database, then serve the built app.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { openDatabase, migrateToLatest } from "../db/connection";
import { seedDemoData } from "../db/seed/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/content/users";
import { readEnv } from "../app/env.server";

const env = readEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" });

const db = openDatabase(env.DATABASE_FILE);
const applied = await migrateToLatest(db);
const { seeded, responses } = await seedDemoData(db);
await db.destroy();

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
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
      "  Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
