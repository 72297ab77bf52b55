import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The environment is read once, at boot, by app/env.server.ts; everything else in app/
// gets it through the load context (app/context.ts) or as a parameter.
const APP = path.resolve(__dirname, "../../app");
const THE_READER = "app/env.server.ts";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("configuration read once", () => {
  it("has no process.env or readEnv( in app/ outside app/env.server.ts", () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .map((file) => path.relative(path.resolve(APP, ".."), file).split(path.sep).join("/"))
      .filter((rel) => rel !== THE_READER)
      .filter((rel) => /process\.env|readEnv\(/.test(fs.readFileSync(path.resolve(APP, "..", rel), "utf8")));
    expect(offenders, `read the environment outside ${THE_READER}`).toEqual([]);
  });
});
