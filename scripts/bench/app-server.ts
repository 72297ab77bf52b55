// Starts the built app (`node build/server/start.js`, a demo start: migrates and seeds the
// demo data) on a fresh database file and a free port, for the HTTP parts of the bench.
// The build is made under the same lock as /tmp/e2e.sh's, then copied to a private
// folder, so a build made by someone else during the bench cannot change what is measured.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/production-server";

const LOCK = "/tmp/said-e2e.lock";

export interface AppServer {
  url: string;
  databaseFile: string;
  stop: () => Promise<void>;
}

/** `npm run build` (retried: others edit app/ while the bench runs), then a private copy of build/ and public/. */
export function buildSnapshot(dir: string): string {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("flock", [LOCK, "npm", "run", "--silent", "build"], { stdio: ["ignore", "ignore", "pipe"] });
      const snapshot = path.resolve(dir, "app");
      fs.rmSync(snapshot, { recursive: true, force: true });
      fs.mkdirSync(snapshot, { recursive: true });
      // Copied under the lock's protection would be nicer; a copy right after is close enough.
      fs.cpSync("build", path.join(snapshot, "build"), { recursive: true });
      fs.cpSync("public", path.join(snapshot, "public"), { recursive: true });
      return snapshot;
    } catch (error) {
      if (attempt >= 5) throw error;
      console.log(`  the build failed (someone may be mid-edit); trying again in 60 s (attempt ${attempt} of 5)`);
      execFileSync("sleep", ["60"]);
    }
  }
}

/**
 * Starts the snapshot's server. Its packages resolve from the project's node_modules
 * (the snapshot lives inside the project). Rate limits are raised so the bench's one
 * address is never refused; request logging is off.
 */
export async function startApp(snapshot: string, databaseFile: string): Promise<AppServer> {
  for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) fs.rmSync(f, { force: true });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["build/server/start.js"], {
    cwd: snapshot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      PORT: String(port),
      DATABASE_FILE: path.resolve(databaseFile),
      RATE_LIMIT_FACTOR: "1000",
      LOG_REQUESTS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    const code = await Promise.race([exited, new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 200))]);
    if (code !== "waiting") throw new Error(`the app exited (${code}) before listening:\n${output}`);
  }
  return {
    url,
    databaseFile,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
