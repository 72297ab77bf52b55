import path from "node:path";
import { defineConfig } from "@playwright/test";

// Browser tests drive Debian's Chromium against the built app (`npm run build` first),
// started as the demo (`npm start` without NODE_ENV=production) on a fresh SQLite file
// seeded with the demo data. Playwright never downloads a browser. The production start
// is tested on its own server process in tests/unit/production-server.test.ts.
const PORT = Number(process.env.E2E_PORT ?? 3456);
// Set once in the runner process; workers inherit it, so tests can open the same file.
process.env.E2E_DATABASE_FILE ??= path.resolve("tests/.tmp", `e2e-${Date.now()}.sqlite`);
const DATABASE_FILE = process.env.E2E_DATABASE_FILE;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "tests/.tmp/playwright-results.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node build/server/start.js",
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    // Every browser here shares 127.0.0.1, so the per-IP rate limits are raised; the
    // per-account and per-address limits (the ones these tests trigger) stay as they are.
    env: { PORT: String(PORT), DATABASE_FILE, NODE_ENV: "development", RATE_LIMIT_FACTOR: "50" },
  },
});
