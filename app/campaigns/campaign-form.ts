import { z } from "zod";
import { formatReminderDays, parseReminderDays } from "./reminders";

/** The largest eligible count accepted (forms handed out, people reachable). */
export const MAX_ELIGIBLE = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const dateField = (code: string) => z.string().trim().refine(isRealDate, { error: code });

const name = (required: string) => z.string().trim().min(1, { error: required }).max(200, { error: "name_too_long" });

/** What both the new and the edit form ask: names, dates, eligible count, schedule. */
const detailsShape = {
  name_en: name("name_en_required"),
  name_ur: name("name_ur_required"),
  opens_on: dateField("opens_on_invalid"),
  closes_on: dateField("closes_on_invalid"),
  eligible_count: z
    .string()
    .trim()
    .refine((v) => v === "" || isEligibleCount(v), { error: "eligible_invalid" })
    .transform((v) => (v === "" ? null : Number(v))),
  reminder_days: z
    .string()
    .max(100, { error: "schedule_not_numbers" })
    .transform((v, ctx) => {
      const parsed = parseReminderDays(v);
      if ("problem" in parsed) {
        ctx.addIssue({ code: "custom", message: `schedule_${parsed.problem}` });
        return z.NEVER;
      }
      return formatReminderDays(parsed.days);
    }),
};

function closesAfterOpens(v: { opens_on: string; closes_on: string }, ctx: z.RefinementCtx) {
  if (v.closes_on < v.opens_on) ctx.addIssue({ code: "custom", path: ["closes_on"], message: "closes_before_opens" });
}

export const CampaignDetailsSchema = z.object(detailsShape).superRefine(closesAfterOpens);

export const NewCampaignSchema = z
  .object({
    ...detailsShape,
    survey_version_id: z.coerce.number({ error: "survey_required" }).int({ error: "survey_required" }).positive({ error: "survey_required" }),
    service_ids: z
      .array(z.coerce.number({ error: "services_required" }).int({ error: "services_required" }).positive({ error: "services_required" }))
      .min(1, { error: "services_required" })
      .max(100, { error: "services_required" }),
    anonymous: z.enum(["yes", "no"], { error: "anonymous_required" }),
  })
  .superRefine(closesAfterOpens);

export type CampaignDetails = z.output<typeof CampaignDetailsSchema>;
export type NewCampaign = z.output<typeof NewCampaignSchema>;

/** The form's values as typed, to show again after an error. */
export type CampaignFormValues = Record<string, string | string[]>;

const TEXT_FIELDS = ["name_en", "name_ur", "opens_on", "closes_on", "eligible_count", "reminder_days", "survey_version_id", "anonymous"];

export function readCampaignForm(form: FormData): CampaignFormValues {
  const values: CampaignFormValues = {};
  for (const key of TEXT_FIELDS) {
    const v = form.get(key);
    values[key] = typeof v === "string" ? v : "";
  }
  values.service_ids = form.getAll("service_ids").filter((v): v is string => typeof v === "string");
  return values;
}

/** Error codes by field, the first for each (the fields' order is the page's). */
export function errorsByField(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Parses a campaign form once. On failure every mistake is listed at once: the date
 * order is checked too, though zod skips refinements while other fields are wrong.
 */
export function parseCampaignForm<S extends typeof NewCampaignSchema | typeof CampaignDetailsSchema>(
  schema: S,
  values: CampaignFormValues,
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data as z.output<S> };
  const errors = errorsByField(parsed.error);
  const opens = String(values.opens_on ?? "").trim();
  const closes = String(values.closes_on ?? "").trim();
  if (isRealDate(opens) && isRealDate(closes) && closes < opens) errors.closes_on ??= "closes_before_opens";
  return { ok: false, errors };
}

/** Stored times of a campaign's first and last day (UTC, whole days). */
export function opensAtOf(day: string): string {
  return `${day}T00:00:00.000Z`;
}
export function closesAtOf(day: string): string {
  return `${day}T23:59:59.999Z`;
}

/** The name of a service's eligible-count field on the edit form. */
export function eligibleFieldOf(serviceId: number): string {
  return `eligible_${serviceId}`;
}

function isEligibleCount(v: string): boolean {
  return /^\d{1,7}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_ELIGIBLE;
}

/** The per-service eligible-count fields as typed (one per service of the campaign). */
export function readEligibleByService(form: FormData, serviceIds: readonly number[]): CampaignFormValues {
  const values: CampaignFormValues = {};
  for (const id of serviceIds) {
    const v = form.get(eligibleFieldOf(id));
    values[eligibleFieldOf(id)] = typeof v === "string" ? v.trim() : "";
  }
  return values;
}

/**
 * Eligible counts per service (forms each service handed out), so a return rate cut by
 * service keeps its denominator. A campaign records one total or these, never both
 * (docs/decisions/016-return-rates.md): with both, the total is refused.
 */
export function parseEligibleByService(
  values: CampaignFormValues,
  serviceIds: readonly number[],
  total: string,
): { ok: true; counts: { serviceId: number; eligibleCount: number }[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const counts: { serviceId: number; eligibleCount: number }[] = [];
  for (const id of serviceIds) {
    const field = eligibleFieldOf(id);
    const v = String(values[field] ?? "").trim();
    if (v === "") continue;
    if (!isEligibleCount(v)) errors[field] = "eligible_invalid";
    else counts.push({ serviceId: id, eligibleCount: Number(v) });
  }
  if (counts.length > 0 && total.trim() !== "") errors.eligible_count = "eligible_both";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, counts };
}

/** A URL-safe slug from a campaign's English name. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "campaign";
}
