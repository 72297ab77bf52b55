import { z } from "zod";
import { LOCALITIES } from "@db/schema";
import { fieldErrors, str, type FieldErrors } from "./form-helpers";

const MAX_NAME_LENGTH = 200;
const MAX_SLUG_LENGTH = 60;
/** The locality field's value for a service without one. */
export const NO_LOCALITY = "none";

const ServiceFieldsSchema = z.object({
  organisation: z.string().regex(/^\d{1,12}$/, "organisation_required").transform(Number),
  name_en: z.string().trim().min(1, "name_en_required").max(MAX_NAME_LENGTH, "name_too_long"),
  name_ur: z.string().trim().min(1, "name_ur_required").max(MAX_NAME_LENGTH, "name_too_long"),
  locality: z
    .enum([...LOCALITIES, NO_LOCALITY], "locality_required")
    .transform((v) => (v === NO_LOCALITY ? null : v)),
});

export const ServiceEditSchema = ServiceFieldsSchema;
export type ServiceEdit = z.output<typeof ServiceEditSchema>;

export const ServiceCreateSchema = ServiceFieldsSchema.extend({
  slug: z
    .string()
    .trim()
    .min(1, "slug_required")
    .max(MAX_SLUG_LENGTH, "slug_too_long")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug_invalid"),
});
export type ServiceCreate = z.output<typeof ServiceCreateSchema>;

export interface ServiceFormValues {
  organisation: string;
  slug: string;
  name_en: string;
  name_ur: string;
  locality: string;
}

export function serviceFormValues(form: FormData): ServiceFormValues {
  return {
    organisation: str(form, "organisation"),
    slug: str(form, "slug").slice(0, MAX_SLUG_LENGTH * 2),
    name_en: str(form, "name_en").slice(0, MAX_NAME_LENGTH * 2),
    name_ur: str(form, "name_ur").slice(0, MAX_NAME_LENGTH * 2),
    locality: str(form, "locality"),
  };
}

export function parseServiceForm<S extends typeof ServiceCreateSchema | typeof ServiceEditSchema>(
  schema: S,
  form: FormData,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(serviceFormValues(form));
  return parsed.success ? { ok: true, data: parsed.data as z.output<S> } : { ok: false, errors: fieldErrors(parsed.error) };
}
