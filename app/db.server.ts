import type { Kysely } from "kysely";
import { openDatabase } from "@db/connection";
import type { Database } from "@db/schema";
import { readEnv } from "./env.server";

// One Kysely instance for the process, kept across dev rebuilds.
const globalForDb = globalThis as unknown as { __saidAndDoneDb?: Kysely<Database> };

export function getDb(): Kysely<Database> {
  if (!globalForDb.__saidAndDoneDb) {
    globalForDb.__saidAndDoneDb = openDatabase(readEnv().DATABASE_FILE);
  }
  return globalForDb.__saidAndDoneDb;
}
