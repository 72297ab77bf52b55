import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { pick } from "~/i18n/i18n";
import { termPeriod, parseTermKey } from "~/results/periods";
import { termLabel } from "~/results/results-page.server";
import type { TermKey, Visibility } from "~/results/types";
import { loopCounts, loopFigures, loopFiguresByService, overdueNow, type LoopEntryRow, type LoopFigures, type LoopRatingRow, type LoopServiceFigures, type Span } from "./figures";
import { todayOf } from "./loop-states";

type Db = Kysely<Database>;

/** Every entry that was ever opened (drafts and discarded entries never count), by its lead service. */
export async function loopEntryRows(db: Db): Promise<LoopEntryRow[]> {
  const rows = await db
    .selectFrom("loop_entries")
    .select(["lead_service_id", "status", "opened_at", "closed_at", "due_on"])
    .where("opened_at", "is not", null)
    .where("status", "not in", ["draft", "discarded"])
    .execute();
  return rows.map((r) => ({ serviceId: r.lead_service_id, status: r.status, openedAt: r.opened_at, closedAt: r.closed_at, dueOn: r.due_on }));
}

/** "Did this help?" ratings given within a span, by the lead service of the entry rated. */
export async function loopRatingRows(db: Db, span: Span): Promise<LoopRatingRow[]> {
  const rows = await db
    .selectFrom("loop_ratings as r")
    .innerJoin("loop_entries as e", "e.id", "r.entry_id")
    .select(["e.lead_service_id", "r.rating", "r.rated_at"])
    .where("r.rated_at", ">=", span.start)
    .where("r.rated_at", "<", span.end)
    .execute();
  return rows.map((r) => ({ serviceId: r.lead_service_id, rating: r.rating, ratedAt: r.rated_at }));
}

export interface LoopDashboardView {
  /** Open entries past their due date today, every service. */
  overdueNow: number;
  /** Oldest first, the chosen term last; every service. */
  byTerm: { term: TermKey; label: string; figures: LoopFigures }[];
  /** The chosen term, by lead service (services with an entry ever opened), by name. */
  byService: { serviceId: number; name: string; overdueNow: number; figures: LoopServiceFigures }[];
}

function spanOf(term: TermKey): Span {
  const { year, season } = parseTermKey(term)!;
  return termPeriod(year, season);
}

/** The loop section of the board dashboard: `terms` oldest first, the chosen one last. */
export async function loadLoopDashboard(
  db: Db,
  terms: readonly TermKey[],
  visibility: Visibility,
  threshold: number,
  lng: Language,
  now: Date,
): Promise<LoopDashboardView> {
  const today = todayOf(now);
  const term = terms[terms.length - 1];
  const entries = await loopEntryRows(db);
  const ratings = await loopRatingRows(db, { start: spanOf(terms[0]).start, end: spanOf(term).end });
  const serviceIds = [...new Set(entries.map((e) => e.serviceId))];
  const services = serviceIds.length
    ? await db.selectFrom("services").select(["id", "name_en", "name_ur"]).where("id", "in", serviceIds).execute()
    : [];
  const named = services.map((s) => ({ id: s.id, name: pick(s, "name", lng) })).sort((a, b) => a.name.localeCompare(b.name, lng));
  const span = spanOf(term);
  const figures = loopFiguresByService(
    named.map((s) =>
      loopCounts(
        entries.filter((e) => e.serviceId === s.id),
        ratings.filter((r) => r.serviceId === s.id),
        span,
      ),
    ),
    visibility,
    threshold,
  );
  return {
    overdueNow: overdueNow(entries, today),
    byTerm: terms.map((k) => ({ term: k, label: termLabel(k, lng), figures: loopFigures(loopCounts(entries, ratings, spanOf(k)), visibility, threshold) })),
    byService: named.map((s, i) => ({
      serviceId: s.id,
      name: s.name,
      overdueNow: overdueNow(
        entries.filter((e) => e.serviceId === s.id),
        today,
      ),
      figures: figures[i],
    })),
  };
}
