// The machine's raw limit for storing a response: a plain node:http server that parses the
// same urlencoded form a survey page posts (URLSearchParams) and stores it with
// better-sqlite3 in one transaction (a response row and its answer rows), in a throwaway
// SQLite file in WAL mode like the app's. Measured with autocannon: responses/s.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import SQLite from "better-sqlite3";
import autocannon from "autocannon";

const SCHEMA = `
  create table responses (id integer primary key, token text not null unique, page integer not null, submitted_at text);
  create table answers (response_id integer not null references responses(id), question_key text not null, value text not null, primary key (response_id, question_key, value));
`;

function openRawDatabase(file: string): SQLite.Database {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec(SCHEMA);
  return sqlite;
}

/** A handler storing one posted form as a submitted response with its answers. */
function rawHandler(sqlite: SQLite.Database): http.RequestListener {
  const insertResponse = sqlite.prepare(`insert into responses (token, page, submitted_at) values (?, ?, ?)`);
  const insertAnswer = sqlite.prepare(`insert or ignore into answers (response_id, question_key, value) values (?, ?, ?)`);
  const store = sqlite.transaction((form: URLSearchParams) => {
    // Each post is a new response (autocannon repeats one body), so the token is made here.
    const id = insertResponse.run(crypto.randomBytes(24).toString("base64url"), Number(form.get("page") ?? 1), new Date().toISOString()).lastInsertRowid;
    for (const [key, value] of form) if (key.startsWith("q_") && value !== "") insertAnswer.run(id, key.slice(2), value);
  });
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      store(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(303, { location: "/done" }).end();
    });
  };
}

export interface RawLimit {
  perSecond: number;
  stored: number;
  /** Connection errors, timeouts and 4xx/5xx answers: should be 0. */
  failed: number;
}

/** Posts `body` (every page's answers of one response) for `seconds` at `connections`. */
export async function measureRawLimit(file: string, body: string, seconds: number, connections: number): Promise<RawLimit> {
  const sqlite = openRawDatabase(file);
  const server = http.createServer(rawHandler(sqlite));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      connections,
      duration: seconds,
    });
    const stored = (sqlite.prepare(`select count(*) as n from responses`).get() as { n: number }).n;
    const failed = result.errors + result.timeouts + result["4xx"] + result["5xx"];
    return { perSecond: result.requests.average, stored, failed };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sqlite.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}
