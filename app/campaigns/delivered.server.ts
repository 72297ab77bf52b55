/**
 * DESIGN.md "Delivered", in one place for every page: an invitation whose email the mail
 * relay accepted (`sent_at`, set only by the sender on acceptance) with no bounce recorded
 * since (`bounced_at`: a refusal at sending, or the relay's bounce list uploaded by an
 * admin; a later acceptance clears it). Queued, failed or bounced is not delivered.
 */
import { sql, type RawBuilder } from "kysely";

/** True for a delivered invitation; `alias` is how the query names the invitations table. */
export function isDeliveredSql(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.sent_at`)} is not null and ${sql.ref(`${alias}.bounced_at`)} is null)`;
}

/** How many invitations in the group are delivered. */
export function countDeliveredSql(alias: string): RawBuilder<number> {
  return sql<number>`coalesce(sum(case when ${isDeliveredSql(alias)} then 1 else 0 end), 0)`;
}
