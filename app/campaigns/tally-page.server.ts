/**
 * What the tally pages (/staff/campaigns/:id/tallies…) show: the form's choices in the
 * staff member's language, and the campaign's tallies as rows to read. Who may use them:
 * the same people as keying paper responses (the campaigns area, the campaign's services).
 */
import type { Kysely } from "kysely";
import type { Database, Language, Tally as TallyRow } from "@db/schema";
import { formatDate } from "~/i18n/format";
import { getFixedT, pick } from "~/i18n/i18n";
import { monthLabel } from "~/results/results-page.server";
import type { MonthKey } from "~/results/types";
import { requireStaffUser } from "~/auth/session.server";
import type { StaffUser } from "~/auth/permissions";
import { requireCampaignForUser, type ScopedCampaign } from "./campaigns.server";
import { TALLY_VALUES, type TallyInput, type TallyValue } from "./tally";
import { json } from "@remix-run/node";
import { findTally, findTallyQuestion, listTallies, type TallyQuestion } from "./tally.server";

type Db = Kysely<Database>;

export interface TallyCampaign {
  user: StaffUser;
  detail: ScopedCampaign;
  /** Undefined when the survey's headline is not a scale: no tally can be entered. */
  question: TallyQuestion | undefined;
}

export async function requireTallyCampaign(db: Db, request: Request, idParam: string | undefined, user?: StaffUser): Promise<TallyCampaign> {
  const staff = user ?? (await requireStaffUser(db, request, "campaigns"));
  const detail = await requireCampaignForUser(db, staff, idParam);
  return { user: staff, detail, question: await findTallyQuestion(db, detail) };
}

/** Today in UTC, as every period. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function readTallyForm(form: FormData): TallyInput {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    service: get("service"),
    month: get("month"),
    language: get("language"),
    counts: Object.fromEntries(TALLY_VALUES.map((v) => [v, get(`count_${v}`)])) as Record<TallyValue, string>,
  };
}

/** The form's choices: the user's services in the campaign, and one number field per headline answer with its label. */
export function tallyFormView({ detail, question }: TallyCampaign, lng: Language) {
  const survey = getFixedT(lng, "survey");
  return {
    services: detail.services.filter((s) => detail.scope.includes(s.id)).map((s) => ({ value: String(s.id), label: pick(s, "name", lng) })),
    question: question ? pick(question, "text", lng) : null,
    // i18n-dynamic: survey:scale.
    counts: question ? TALLY_VALUES.map((v) => ({ value: v, label: survey(`scale.${question.type}.${v}`) })) : [],
    opens: formatDate(detail.campaign.opens_at, lng),
    closes: formatDate(detail.campaign.closes_at, lng),
  };
}

export type TallyFormView = ReturnType<typeof tallyFormView>;

/** The campaign's tallies this user may see, as the list shows them. */
export async function tallyListView(db: Db, { detail, question }: TallyCampaign, lng: Language) {
  const survey = getFixedT(lng, "survey");
  const t = getFixedT(lng, "campaigns");
  const rows = await listTallies(db, detail.campaign.id, detail.scope);
  return rows.map((r) => ({
    id: r.id,
    service: lng === "ur" ? r.service.ur : r.service.en,
    month: monthLabel(r.month as MonthKey, lng),
    // i18n-dynamic: campaigns:keyed.languages.
    language: t(`keyed.languages.${r.language}`),
    counts: TALLY_VALUES.map((v) => ({
      value: v,
      label: question ? survey(`scale.${question.type}.${v}`) : v,
      n: r.counts[v] ?? 0,
    })),
    total: r.total,
    keyedBy: r.keyedBy,
    keyedOn: formatDate(r.createdAt, lng),
    voided: r.voided ? { on: formatDate(r.voided.at, lng), by: r.voided.by, reason: r.voided.reason } : null,
  }));
}

export type TallyListRowView = Awaited<ReturnType<typeof tallyListView>>[number];

/** The live tally the address names, of a service this user keys for in the campaign; a 404 for any other. */
export async function requireLiveTally(db: Db, tc: TallyCampaign, tallyId: string | undefined): Promise<TallyRow> {
  const id = Number(tallyId);
  const tally = Number.isSafeInteger(id) && id > 0 ? await findTally(db, tc.detail.campaign.id, id) : undefined;
  if (!tally || tally.voided_at !== null || !tc.detail.scope.includes(tally.service_id)) throw json({ reason: "not_found" }, { status: 404 });
  return tally;
}
