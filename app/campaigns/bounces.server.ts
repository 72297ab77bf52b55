import type { Kysely } from "kysely";
import type { Database } from "@db/schema";
import { parseBounceList, type BounceListResult } from "./bounces";

/** Addresses looked up per query (SQLite takes at most 32,766 parameters). */
const CHUNK = 500;

export interface BounceUploadResult {
  /** Addresses in the list (each once). */
  addresses: number;
  /** Invitations of the campaign the list named, marked bounced now. */
  marked: number;
  /** Of the named invitations, those already recorded as bounced (their first bounce stands). */
  alreadyBounced: number;
  /** Addresses that are not invited to this campaign. */
  unknown: number;
}

/**
 * Marks the campaign's invitations to the listed addresses bounced (`bounced_at` now),
 * in one transaction: they are no longer delivered (DESIGN "Delivered"), so they leave
 * the return rate's denominator and get no reminders. A bad line refuses the whole list.
 */
export async function recordBounceList(
  db: Kysely<Database>,
  campaignId: number,
  text: string,
  now: Date,
): Promise<{ ok: true; result: BounceUploadResult } | Exclude<BounceListResult, { ok: true }>> {
  const parsed = parseBounceList(text);
  if (!parsed.ok) return parsed;
  const at = now.toISOString();
  const result: BounceUploadResult = { addresses: parsed.emails.length, marked: 0, alreadyBounced: 0, unknown: 0 };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < parsed.emails.length; i += CHUNK) {
      const chunk = parsed.emails.slice(i, i + CHUNK);
      const found = await trx
        .selectFrom("invitations")
        .select(["id", "bounced_at"])
        .where("campaign_id", "=", campaignId)
        .where("email", "in", chunk)
        .execute();
      const fresh = found.filter((f) => f.bounced_at === null).map((f) => f.id);
      if (fresh.length > 0) await trx.updateTable("invitations").set({ bounced_at: at }).where("id", "in", fresh).execute();
      result.marked += fresh.length;
      result.alreadyBounced += found.length - fresh.length;
      result.unknown += chunk.length - found.length;
    }
  });
  return { ok: true, result };
}
