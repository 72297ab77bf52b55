// The app's complete-response rate: virtual clients, each a browser without JavaScript,
// answer one demo survey from its start page to its done page over and over for a fixed
// time. Counts the responses acknowledged (the done page reached), then checks each one's
// row in the app's database: every acknowledged response must be stored as submitted.
import SQLite from "better-sqlite3";
import { NoJsClient } from "./no-js-client";

/** One complete response by a new client; resolves to its resume token once acknowledged. */
export type Journey = (client: NoJsClient) => Promise<string>;

export interface CompleteRate {
  seconds: number;
  acknowledged: number;
  stored: number;
  /** Acknowledged responses whose row is missing or not submitted. */
  lost: string[];
  errors: Map<string, number>;
  perSecond: number;
}

async function clientLoop(base: string, journey: Journey, until: number, tokens: string[], errors: Map<string, number>): Promise<void> {
  while (Date.now() < until) {
    try {
      // A new client (no cookies) per response, like a new family each time.
      tokens.push(await journey(new NoJsClient(base)));
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/[A-Za-z0-9_-]{32}/g, "<token>") : String(error);
      errors.set(message, (errors.get(message) ?? 0) + 1);
    }
  }
}

/** Submitted responses of the campaign in the app's database (read while the app runs: WAL). */
function storedSubmitted(databaseFile: string, slug: string, tokens: string[]): { stored: number; lost: string[] } {
  const sqlite = new SQLite(databaseFile, { readonly: true });
  try {
    const find = sqlite.prepare(
      `select r.submitted_at from responses r join campaigns c on c.id = r.campaign_id where c.slug = ? and r.resume_token = ?`,
    );
    const lost = tokens.filter((token) => !(find.get(slug, token) as { submitted_at: string | null } | undefined)?.submitted_at);
    return { stored: tokens.length - lost.length, lost };
  } finally {
    sqlite.close();
  }
}

export function countSubmitted(databaseFile: string, slug: string): number {
  const sqlite = new SQLite(databaseFile, { readonly: true });
  try {
    const row = sqlite
      .prepare(`select count(*) as n from responses r join campaigns c on c.id = r.campaign_id where c.slug = ? and r.submitted_at is not null`)
      .get(slug) as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}

export async function measureCompleteResponses(
  base: string,
  databaseFile: string,
  slug: string,
  journey: Journey,
  seconds: number,
  clients: number,
): Promise<CompleteRate> {
  const tokens: string[] = [];
  const errors = new Map<string, number>();
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, () => clientLoop(base, journey, until, tokens, errors)));
  const elapsed = (Date.now() - started) / 1000;
  const { stored, lost } = storedSubmitted(databaseFile, slug, tokens);
  return { seconds: elapsed, acknowledged: tokens.length, stored, lost, errors, perSecond: tokens.length / elapsed };
}
