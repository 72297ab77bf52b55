// The HTTP edge: everything a request meets before the app, in order. See
// docs/decisions/012-http-edge.md for why each step is here rather than in a route.
import crypto from "node:crypto";
import fs from "node:fs";
import express, { type NextFunction, type Request, type Response } from "express";
import compression from "compression";
import type { Kysely } from "kysely";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import "../app/context";
import type { Database } from "../db/schema";
import type { Env } from "../app/env.server";
import { checkHealth } from "../app/ops/health.server";
import { boundedFormBody } from "./http/body";
import { edgePageHtml, type EdgeStatus } from "../app/http/edge-pages";
import { isStaffPath, mustNotStore, redactPath, securityHeaders } from "./http/policy";
import { logLine, requestLog } from "./http/request-log";

export interface AppParts {
  db: Kysely<Database>;
  env: Env;
  build: ServerBuild;
  publicDir?: string;
}

function sendEdgePage(res: Response, status: EdgeStatus): void {
  res.status(status).type("html").send(edgePageHtml(status));
}


/** The route of `/staff` and every route under it (flat route files `staff.tsx`, `staff.*.tsx`). */
const isStaffRoute = (id: string) => id === "routes/staff" || id.startsWith("routes/staff.");
/** The splat route: the 404 page for an address no route matches, staff or public. */
const NOT_FOUND_ROUTE = "routes/$";

/**
 * The build with only some of its routes. Remix ranks every route again each time it
 * matches an address, three times a request (decision 018), so fewer routes is less work.
 * The browser's route manifest is the build's own file (lazy route discovery is off), so
 * a hydrated staff page still knows every route.
 */
function buildWithRoutes(build: ServerBuild, keep: (routeId: string) => boolean): ServerBuild {
  const only = <T,>(routes: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(routes).filter(([id]) => keep(id)));
  return { ...build, routes: only(build.routes), assets: { ...build.assets, routes: only(build.assets.routes) } };
}

export function createApp({ db, env, build, publicDir = "public" }: AppParts): express.Express {
  // The site's own origin: PUBLIC_URL's in production (right behind a TLS proxy, whatever
  // Host a client sends), else the Host asked for (a demo on localhost or a LAN address).
  const publicOrigin = env.production ? new URL(env.PUBLIC_URL).origin : null;
  const siteOrigin = (req: Request) => publicOrigin ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  if (env.LOG_REQUESTS) app.use(requestLog);

  // A path that does not decode (`/s/%E0%A4%A`) is the client's mistake: a 400 page, not a crash.
  app.use((req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return sendEdgePage(res, 400);
    }
    next();
  });

  // Security headers on every response (pages, feed, CSV, static files, errors).
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.set(securityHeaders(nonce, env.production));
    if (mustNotStore(req.path)) res.set("Cache-Control", "no-store");
    next();
  });

  app.use(compression({ threshold: 1024 }));

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth(db);
    res.status(health.ok ? 200 : 503).set("Cache-Control", "no-store").json(health);
  });

  // Hashed build assets never change under their name: cached for a year. Other public
  // files (the favicon, the Urdu font) for an hour. Only paths under public/'s own entries
  // go to the file system: asking it about every page address cost a tenth of a page.
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y", fallthrough: true }));
  const serveStatic = express.static(publicDir, { maxAge: "1h" });
  const publicEntries = new Set(fs.existsSync(publicDir) ? fs.readdirSync(publicDir) : []);
  app.use((req, res, next) => {
    const first = req.path.split("/")[1] ?? "";
    if (publicEntries.has(first)) return serveStatic(req, res, next);
    next();
  });

  // A form posted from another site is refused here with a clear 403 (Remix would abort
  // it with a bare 500). Staff forms also check a CSRF token; see docs/decisions/006.
  app.use((req, res, next) => {
    const origin = req.get("origin");
    if (req.method === "POST" && origin && origin !== "null" && origin !== siteOrigin(req)) return sendEdgePage(res, 403);
    next();
  });

  app.use(boundedFormBody);

  // Staff and public addresses never match each other's routes, so each has a handler
  // built over its own (see buildWithRoutes): a respondent's page is matched against 24
  // routes, not 73.
  const handleStaff = createRequestHandler(buildWithRoutes(build, (id) => id === "root" || id === NOT_FOUND_ROUTE || isStaffRoute(id)), "production");
  const handlePublic = createRequestHandler(buildWithRoutes(build, (id) => !isStaffRoute(id)), "production");
  app.all("*", (req, res, next) => {
    void remix(req, res).catch(next);
  });

  async function remix(req: Request, res: Response): Promise<void> {
    let url: URL;
    try {
      url = new URL(`${siteOrigin(req)}${req.originalUrl}`);
    } catch {
      return sendEdgePage(res, 400);
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
    }
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const body = res.locals.body as Buffer | undefined;
    const request = new Request(url.href, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(req.method !== "GET" && req.method !== "HEAD" ? { body: new Uint8Array(body ?? Buffer.alloc(0)) } : {}),
    });
    const context: AppLoadContext = { db, env, nonce: res.locals.nonce as string, clientIp: req.ip ?? "" };
    const handle = isStaffPath(url.pathname) ? handleStaff : handlePublic;
    const response = await handle(request, context);
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) {
      if (key === "set-cookie") res.append(key, value);
      else res.setHeader(key, value);
    }
    // Staff and respondent pages stay out of every cache, whatever a route set.
    if (mustNotStore(req.path)) res.set("Cache-Control", "no-store");
    // A page (rendered whole, app/entry.server.tsx) is written in one go; anything else,
    // such as a large CSV export, streams as the route produces it.
    if (!response.body) res.end();
    else if (response.headers.get("content-type")?.startsWith("text/html")) res.end(Buffer.from(await response.arrayBuffer()));
    else await writeReadableStreamToWritable(response.body, res);
  }

  // The last word on any error: a plain page, never a stack trace; the trace goes to the log.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logLine({ level: "error", method: req.method, path: redactPath(req.originalUrl), error: error instanceof Error ? error.stack : String(error) });
    if (res.headersSent) return res.end();
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    sendEdgePage(res, status === 400 ? 400 : status === 413 ? 413 : 500);
  });

  return app;
}

