// The production start, as a council's IT team and an attacker meet it: a real server
// process (`node build/server/start.js`, NODE_ENV=production) on its own SQLite file.
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  prepareProductionDatabase,
  productionEnv,
  residentMb,
  runProductionStart,
  startProductionServer,
  tempDir,
  type RunningServer,
} from "../support/production-server";

const run = promisify(execFile);
let server: RunningServer;
let dir: string;
let dbFile: string;
let surveyPath: string;

beforeAll(async () => {
  dir = tempDir();
  const prepared = await prepareProductionDatabase(dir);
  dbFile = prepared.file;
  surveyPath = `/s/${prepared.campaignSlug}`;
  server = await startProductionServer(dbFile);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers, redirect: "manual" });
const post = (p: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  fetch(`${server.url}${p}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
const fromClient = (n: number) => ({ "X-Forwarded-For": `203.0.113.${n}` });

async function signIn(email: string, password: string, client: number, redirectTo = "/staff") {
  return post("/sign-in", [["email", email], ["password", password], ["redirectTo", redirectTo]], fromClient(client));
}

function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** A chunked POST of `megabytes` of form data, stopping when the server answers. */
function chunkedPost(p: string, megabytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}${p}`);
    const req = http.request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" } });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.from(`comment=${"x".repeat(64 * 1024 - 9)}&`);
    let sent = 0;
    const write = () => {
      while (!answered && sent < megabytes * 16) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe("a production start", () => {
  it("refuses to run on a database holding demo accounts, and without PUBLIC_URL or MAIL_FROM", async () => {
    const demoDir = tempDir();
    const { file } = await prepareProductionDatabase(demoDir);
    const db = new Database(file);
    db.prepare("insert into users (email, name, password_hash, role, created_at) values ('admin@demo.test', 'Demo', 'x', 'admin', '2026-01-01')").run();
    db.close();
    const refused = await runProductionStart({ DATABASE_FILE: file });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("demo account");

    const noUrl = await runProductionStart({ DATABASE_FILE: path.join(demoDir, "other.sqlite"), PUBLIC_URL: "" });
    expect(noUrl.code).toBe(1);
    expect(noUrl.output).toContain("PUBLIC_URL");
  });

  it("seeds no demo data: no demo account can sign in, the real admin can, with a Secure HttpOnly SameSite cookie", async () => {
    expect(readDb((db) => db.prepare("select count(*) n from users where email like '%@demo.test'").get())).toEqual({ n: 0 });
    const demo = await signIn("admin@demo.test", "said-and-done-demo", 1);
    expect(demo.status).toBe(400);
    expect(demo.headers.get("set-cookie")).toBeNull();

    const real = await signIn(ADMIN.email, ADMIN.password, 2);
    expect(real.status).toBe(302);
    const cookie = real.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sd_session=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("sends the security headers on a page, the feed, a CSV and a static file, and no-store on staff pages", async () => {
    const admin = await signIn(ADMIN.email, ADMIN.password, 3);
    const session = (admin.headers.get("set-cookie") ?? "").split(";")[0]!;
    const responses = {
      page: await get("/"),
      feed: await get("/you-said-we-did/feed.xml"),
      csv: await get("/staff/dashboard/export.csv", { Cookie: session }),
      static: await get("/favicon.svg"),
      staff: await get("/staff", { Cookie: session }),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect(res.status, name).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), name).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), name).toContain("max-age=31536000");
    }
    expect(responses.csv.headers.get("content-type")).toContain("text/csv");
    expect(responses.staff.headers.get("cache-control")).toBe("no-store");
    expect(responses.csv.headers.get("cache-control")).toBe("no-store");
    expect(responses.page.headers.get("cache-control") ?? "").not.toContain("no-store");
    // A public page has no script at all; on a staff page the inline hydration script
    // carries this response's nonce, so it runs under the CSP, and no inline script lacks it.
    expect(await responses.page.text()).not.toMatch(/<script/);
    const html = await responses.staff.text();
    const nonce = /'nonce-([^']+)'/.exec(responses.staff.headers.get("content-security-policy")!)![1];
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<script(?![^>]*nonce=)(?![^>]*src=)[^>]*>/);
  });

  it("compresses HTML and JavaScript", async () => {
    const page = await get("/", { "Accept-Encoding": "gzip, br" });
    expect(page.headers.get("content-encoding")).toMatch(/gzip|br/);
    // Only staff pages load scripts (docs/decisions/018).
    const admin = await signIn(ADMIN.email, ADMIN.password, 4);
    const session = (admin.headers.get("set-cookie") ?? "").split(";")[0]!;
    const scripts = [...new Set((await (await get("/staff", { Cookie: session })).text()).match(/\/build\/[^"]+\.js/g) ?? [])];
    expect(scripts.length).toBeGreaterThan(0);
    let compressed = 0;
    for (const script of scripts) {
      const plain = await get(script, { "Accept-Encoding": "identity" });
      const size = (await plain.arrayBuffer()).byteLength;
      const js = await get(script, { "Accept-Encoding": "gzip" });
      await js.arrayBuffer();
      // Files under 1 KB are not worth compressing; every other one is.
      if (size >= 1024) {
        expect(js.headers.get("content-encoding"), script).toBe("gzip");
        compressed++;
      }
      expect(js.headers.get("cache-control"), script).toContain("immutable");
    }
    expect(compressed).toBeGreaterThan(0);

  });

  it("refuses 20 MB chunked bodies with 413 on a survey page, sign-in and subscribe, keeping memory flat", async () => {
    await get("/");
    const before = residentMb(server.pid);
    for (const p of [surveyPath, "/sign-in", "/you-said-we-did/subscribe"]) {
      expect(await chunkedPost(p, 20), p).toBe(413);
    }
    const after = residentMb(server.pid);
    expect(after - before).toBeLessThan(100);
    expect((await get("/healthz")).status).toBe(200);
  });

  it("refuses a body that is not a form with 415 and a form with thousands of fields with 413", async () => {
    const json = await fetch(`${server.url}/sign-in`, { method: "POST", body: '{"email":"x"}', headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(415);
    const many = await post(surveyPath, Array.from({ length: 5000 }, (_, i) => [`f${i}`, "1"] as [string, string]));
    expect(many.status).toBe(413);
  });

  it("answers a malformed cookie and a malformed address without a 500 or a stack trace", async () => {
    const cookie = await get("/", { Cookie: "lng=%E0%A4%A" });
    expect(cookie.status).toBe(200);
    const url = await get("/s/%E0%A4%A");
    expect(url.status).toBe(400);
    const body = await url.text();
    expect(body).toContain("This address is not valid");
    expect(body).not.toMatch(/at .*\(|node_modules|\/server\//);
  });

  it("keeps every sign-in redirect on this site", async () => {
    for (const [i, to] of ["/.//evil.example", "/..//evil.example", "/%2e%2e//evil.example", "/x/../\\evil.example", "//evil.example"].entries()) {
      const res = await signIn(ADMIN.email, ADMIN.password, 10 + i, to);
      expect(res.status, to).toBe(302);
      const location = res.headers.get("location") ?? "";
      expect(location.startsWith("/") && !location.startsWith("//") && !location.includes("\\"), `${to} → ${location}`).toBe(true);
    }
  });

  it("queues at most one confirmation for 30 subscribe posts for one address, from 30 clients", async () => {
    const email = "stranger@example.org";
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await post("/you-said-we-did/subscribe", [["email", email], ["language", "en"], ["service", "all"]], fromClient(100 + i));
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 302 || s === 303 || s === 200 || s === 429), statuses.join(",")).toBe(true);
    expect(readDb((db) => db.prepare("select count(*) n from outbox where to_address = ?").get(email))).toEqual({ n: 1 });
  });

  it("refuses a flood of wrong passwords with 429 while the right password from another client still signs in", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await signIn(i % 2 ? ADMIN.email : `random${i}@example.org`, `wrong ${i}`, 200);
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await signIn(ADMIN.email, ADMIN.password, 200);
    expect(refused.status).toBe(429);
    const elsewhere = await signIn(ADMIN.email, ADMIN.password, 201);
    expect(elsewhere.status).toBe(302);
  });

  it("counts an option repeated 500 times in one response once", async () => {
    const start = await get(surveyPath);
    const token = /name="token" value="([^"]+)"/.exec(await start.text())![1]!;
    const fields: [string, string][] = [["token", token], ["intent", "submit"], ["q_overall", "5"]];
    for (let i = 0; i < 500; i++) fields.push(["q_helped", "calls"]);
    const res = await post(surveyPath, fields, fromClient(50));
    expect(res.status).toBe(302);
    const rows = readDb((db) =>
      db
        .prepare("select a.value, count(*) n from answers a join responses r on r.id = a.response_id join questions q on q.id = a.question_id where q.key = 'helped' and r.resume_token = ? group by a.value")
        .all(token),
    );
    expect(rows).toEqual([{ value: "calls", n: 1 }]);
  });

  it("answers /healthz with the database and the outbox", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; database: string; outbox: { due: number } };
    expect(body.ok).toBe(true);
    expect(body.database).toBe("ok");
    expect(typeof body.outbox.due).toBe("number");
  });

  it("takes a backup under load that opens and holds every response acknowledged before it", async () => {
    const submitOne = async (i: number) => {
      const start = await get(surveyPath);
      const token = /name="token" value="([^"]+)"/.exec(await start.text())![1]!;
      const res = await post(surveyPath, [["token", token], ["intent", "submit"], ["q_overall", String((i % 5) + 1)]], fromClient(60 + (i % 50)));
      return res.status === 302 ? token : null;
    };
    const acknowledged: string[] = [];
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const token = await submitOne(i);
        if (token) acknowledged.push(token);
      }
    })();
    while (acknowledged.length < 10) await new Promise((r) => setTimeout(r, 50));
    const before = [...acknowledged];
    const dest = path.join(dir, "backup.sqlite");
    const { stdout } = await run(process.execPath, ["build/server/backup.js", dest], { env: productionEnv({ DATABASE_FILE: dbFile }) });
    stop = true;
    await load;
    expect(stdout).toContain("ok");
    const copy = new Database(dest, { readonly: true, fileMustExist: true });
    try {
      expect(copy.prepare("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
      const stored = new Set((copy.prepare("select resume_token from responses where submitted_at is not null").all() as { resume_token: string }[]).map((r) => r.resume_token));
      expect(before.filter((t) => !stored.has(t))).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it("writes one JSON log line per request, with no tokens, query strings or addresses", () => {
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { method?: string; path?: string; status?: number });
    const requests = lines.filter((l) => l.method);
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.some((l) => l.path === "/healthz" && l.status === 200)).toBe(true);
    const all = requests.map((l) => JSON.stringify(l)).join("\n");
    expect(all).not.toContain("203.0.113.");
    expect(all).not.toContain("redirectTo");
    expect(all).not.toMatch(/\/r\/(?!:token)[A-Za-z0-9_-]{10,}/);
  });
});
