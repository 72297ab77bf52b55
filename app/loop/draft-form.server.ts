/**
 * The draft form (/staff/loop/new, and "Edit draft" on an entry's page): its schema, the
 * values it re-shows after an error, and the choices it offers.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, Language, LoopSource } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { getFixedT, pick } from "~/i18n/i18n";
import { parseTermKey, previousTerms, termOf } from "~/results/periods";
import { termLabel } from "~/results/results-page.server";
import type { TermKey } from "~/results/types";
import type { DraftInput } from "./loop.server";
import type { Problem } from "./loop-states";
import { themeLabel } from "./labels";
import { LOOP_THEMES } from "./themes";

type Db = Kysely<Database>;

const text = z.string().optional().default("");

export const DraftFormSchema = z.object({
  leadService: text,
  contributing: z.array(z.string()).default([]),
  period: text,
  theme: text,
  youSaidEn: text,
  youSaidUr: text,
  forumFamilies: text,
});
export type DraftValues = z.infer<typeof DraftFormSchema>;

export const EMPTY_DRAFT: DraftValues = { leadService: "", contributing: [], period: "", theme: "", youSaidEn: "", youSaidUr: "", forumFamilies: "" };

/** The form's fields (only these: a form may carry other fields too, such as the intent). */
export function readDraftForm(form: FormData): DraftValues {
  return DraftFormSchema.parse({
    leadService: form.get("leadService") ?? undefined,
    contributing: form.getAll("contributing").filter((v): v is string => typeof v === "string"),
    period: form.get("period") ?? undefined,
    theme: form.get("theme") ?? undefined,
    youSaidEn: form.get("youSaidEn") ?? undefined,
    youSaidUr: form.get("youSaidUr") ?? undefined,
    forumFamilies: form.get("forumFamilies") ?? undefined,
  });
}

/** Which source a person's drafts have: the PCF drafts from the forum; everyone else from surveys. */
export function sourceFor(user: StaffUser): LoopSource {
  return user.role === "pcf" ? "forum" : "survey";
}

const whole = (v: string) => (/^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v.trim() === "" ? null : NaN);

/**
 * The typed values as a draft for createDraft / editDraft. A lead service that is not a
 * service at all is a problem here (the rules only know ids); contributing services that
 * do not exist are dropped.
 */
export function draftInputOf(
  values: DraftValues,
  serviceIds: readonly number[],
): { input: Omit<DraftInput, "source" | "surveyId" | "evidence">; problems: Problem[] } {
  const lead = Number(values.leadService);
  const known = new Set(serviceIds);
  const problems: Problem[] = [];
  if (values.leadService !== "" && !known.has(lead)) problems.push({ field: "leadService", code: "leadService_missing" });
  return {
    input: {
      leadServiceId: known.has(lead) ? lead : 0,
      contributingServiceIds: values.contributing.map(Number).filter((id) => known.has(id) && id !== lead),
      period: values.period,
      theme: values.theme,
      youSaidEn: values.youSaidEn,
      youSaidUr: values.youSaidUr,
      forumFamilies: whole(values.forumFamilies),
    },
    problems,
  };
}

/** The draft form as posted: its values to re-show, and the draft they make, checked against the services there are. */
export async function draftFromForm(db: Db, form: FormData): Promise<{ values: DraftValues } & ReturnType<typeof draftInputOf>> {
  const values = readDraftForm(form);
  const services = await db.selectFrom("services").select("id").execute();
  return {
    values,
    ...draftInputOf(
      values,
      services.map((s) => s.id),
    ),
  };
}

export interface Choice {
  value: string;
  label: string;
}

export interface DraftChoices {
  /** Services the user may lead a draft for. */
  leadServices: Choice[];
  /** Every service, for the contributing checkboxes. */
  services: Choice[];
  periods: Choice[];
  themes: Choice[];
  /** The term a new draft defaults to. */
  currentTerm: TermKey;
}

/** The next term, the current one and the three before it. */
function termChoices(now: Date): TermKey[] {
  const current = termOf(now);
  let next = current;
  for (let months = 1; next === current; months++) next = termOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1)));
  return [next, current, ...previousTerms(current, 3).reverse()];
}

export async function draftChoices(db: Db, user: StaffUser, lng: Language, now: Date, keepPeriod?: string): Promise<DraftChoices> {
  const services = await db.selectFrom("services").select(["id", "name_en", "name_ur"]).orderBy(lng === "ur" ? "name_ur" : "name_en").execute();
  const own = user.role === "admin" || user.role === "pcf" ? services : services.filter((s) => user.serviceIds.includes(s.id));
  const asChoice = (s: (typeof services)[number]) => ({ value: String(s.id), label: pick(s, "name", lng) });
  const terms = termChoices(now);
  // An entry's own period stays choosable when it is older than the list.
  if (keepPeriod && parseTermKey(keepPeriod) && !terms.includes(keepPeriod as TermKey)) terms.push(keepPeriod as TermKey);
  const tc = getFixedT(lng, "loop_common");
  return {
    leadServices: own.map(asChoice),
    services: services.map(asChoice),
    periods: terms.map((k) => ({ value: k, label: termLabel(k, lng) })),
    themes: LOOP_THEMES.map((theme) => ({ value: theme, label: themeLabel(tc, theme) })),
    currentTerm: termOf(now),
  };
}
