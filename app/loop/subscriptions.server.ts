import type { Kysely, Transaction } from "kysely";
import type { Database } from "@db/schema";

type Tx = Kysely<Database> | Transaction<Database>;

/**
 * Queues one email per confirmed subscriber listing the entries just published that
 * concern them, in the caller's transaction. (Being written in the "public" part of issue 5.)
 */
export async function queuePublicationEmails(_trx: Tx, _entryIds: readonly number[], _now: Date, _publicUrl?: string): Promise<number> {
  return 0;
}
