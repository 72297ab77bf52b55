import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrateToLatest, openDatabase } from "@db/connection";
import { createUser } from "~/auth/users.server";
import { CHOICE_SURVEY, makeCampaign } from "./fixtures";

// A real production start (`node build/server/start.js` with NODE_ENV=production) on its
// own port and SQLite file, as a council's IT team would run it behind a TLS proxy.

export const SITE = "https://said-and-done.test";
export const ADMIN = { email: "it.admin@council.example", password: "a long real passphrase 2026" };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function requireBuild(): void {
  for (const file of ["build/server/start.js", "build/index.js"]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  }
}

/** A migrated database file holding one real admin and an open campaign of CHOICE_SURVEY. */
export async function prepareProductionDatabase(dir: string): Promise<{ file: string; campaignSlug: string }> {
  const file = path.join(dir, "live.sqlite");
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    await createUser(db, { email: ADMIN.email, name: "IT admin", password: ADMIN.password, role: "admin", serviceIds: [] });
    const { campaign } = await makeCampaign(db, { spec: CHOICE_SURVEY });
    return { file, campaignSlug: campaign.slug };
  } finally {
    await db.destroy();
  }
}

export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    PUBLIC_URL: SITE,
    MAIL_FROM: "Said & Done <no-reply@council.example>",
    TRUST_PROXY: "1",
    LOG_REQUESTS: "true",
    ...extra,
  };
}

/** Starts the built server in production mode and waits until /healthz answers. */
export async function startProductionServer(databaseFile: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  requireBuild();
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server/start.js"], {
    env: productionEnv({ PORT: String(port), DATABASE_FILE: databaseFile, ...extra }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (;;) {
    const ready = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ready) break;
    const code = await Promise.race([exited, new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 200))]);
    if (code !== "waiting") throw new Error(`the production server exited (${code}):\n${output}`);
  }
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** Runs the production start on a file and returns how it ended (for starts that must refuse). */
export async function runProductionStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  requireBuild();
  const port = String(await freePort());
  const child = spawn(process.execPath, ["build/server/start.js"], { env: productionEnv({ PORT: port, ...env }), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

/** Resident memory of a process in MB, from /proc. */
export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-prod-"));
}
