// Before `npm start`: the demo builds the app first. A production start runs the build
// made at install time (`npm run build` before `npm ci --omit=dev`) and never rebuilds:
// the build tools are dev dependencies and are not there.
import { execSync } from "node:child_process";
import fs from "node:fs";

if (process.env.NODE_ENV === "production") {
  if (!fs.existsSync("build/server/start.js") || !fs.existsSync("build/index.js")) {
    console.error("No build found. On the build machine run `npm ci && npm run build`, then `npm ci --omit=dev` (see README, Production).");
    process.exit(1);
  }
} else {
  execSync("npm run --silent build", { stdio: "inherit" });
}
