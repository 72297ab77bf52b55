// Starts the built app (`node build/server/start.js`, a demo start: migrates and seeds the
// demo data) on a fresh database file and a free port, for the HTTP parts of the bench.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/production-server";

export interface AppServer {
  url: string;
  databaseFile: string;
  stop: () => Promise<void>;
}

/** `npm run build`: the bench measures what `npm start` serves. */
export function buildApp(): void {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Starts the built server. Rate limits are raised so the bench's one address is never
 * refused; request logging is off.
 */
export async function startApp(databaseFile: string): Promise<AppServer> {
  for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) fs.rmSync(f, { force: true });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["build/server/start.js"], {
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
