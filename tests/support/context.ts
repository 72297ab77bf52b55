import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { PublicationSettings } from "~/loop/subscriptions.server";
import { testEnv } from "~/env.server";

/**
 * What the server hands a loader or action (app/context.ts), for route tests: the
 * test's own database and settings from `testEnv` (never process.env).
 */
export function testContext(db: Kysely<Database>, envOverrides: Record<string, string> = {}): AppLoadContext {
  return { db, env: testEnv(envOverrides), nonce: "test-nonce", clientIp: "127.0.0.1" };
}

/** The publication settings of `testEnv()`: links to http://localhost:3000, threshold 5. */
export function testPublication(overrides: Partial<PublicationSettings> = {}): PublicationSettings {
  const env = testEnv();
  return { publicUrl: env.PUBLIC_URL, suppressionThreshold: env.SUPPRESSION_THRESHOLD, ...overrides };
}

/** What `runJobs` takes from `testEnv()`; a test's own `publicUrl` may follow. */
export function testJobSettings(): { publicUrl: string; mailFrom: string } {
  const env = testEnv();
  return { publicUrl: env.PUBLIC_URL, mailFrom: env.MAIL_FROM };
}
