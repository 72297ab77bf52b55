// Compiles the server and its commands to plain JavaScript in build/server/, so a
// production machine runs `node build/server/start.js` with no TypeScript loader and no
// dev dependencies (`npm ci --omit=dev` after the build). Packages stay external: they
// are the production dependencies in node_modules.
import fs from "node:fs";
import { build } from "esbuild";

const entryPoints = ["server/start.ts", "server/jobs.ts", "server/create-admin.ts", "server/backup.ts", "db/cli.ts"];
const missing = entryPoints.filter((f) => !fs.existsSync(f));
if (missing.length && !process.env.BUILD_SERVER_PARTIAL) {
  console.error(`build-server: missing ${missing.join(", ")}`);
  process.exit(1);
}

// Bare imports are npm packages, left to node_modules; `~/` and `@db/` are our own
// folders (tsconfig paths), compiled in.
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./~]/ }, (args) => (args.path.startsWith("@db/") ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: entryPoints.filter((f) => fs.existsSync(f)),
  outdir: "build/server",
  entryNames: "[name]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [externalPackages],
  sourcemap: true,
  logLevel: "warning",
  jsx: "automatic",
});
console.log("server compiled to build/server/");
