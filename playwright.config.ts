import path from "node:path";
import { defineConfig } from "@playwright/test";

// Browser tests drive Debian's Chromium against the built app, started with a fresh
// SQLite file seeded with the demo data. Playwright never downloads a browser.
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
    command: "node --import tsx server/start.ts",
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), DATABASE_FILE, NODE_ENV: "production" },
  },
});
