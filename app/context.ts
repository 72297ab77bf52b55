import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import type { Env } from "./env.server";

/**
 * What the server hands every loader and action (Remix's load context): the process's
 * one database, the environment parsed once at boot, this response's CSP nonce and the
 * client's address (after `TRUST_PROXY`), used only for rate limits and never stored.
 */
export interface AppContext {
  db: Kysely<Database>;
  env: Env;
  nonce: string;
  clientIp: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
