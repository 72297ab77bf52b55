import type { z } from "zod";

/** Field name → error code (a translation key suffix), the first issue of each field. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** Every value of a form field that may repeat (checkboxes), as strings. */
export function allStrings(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string");
}

/** A form field as a string ("" when missing or a file). */
export function str(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** A route's numeric id parameter, or a 404 for anything else. */
export function idParam(value: string | undefined): number | undefined {
  return value && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}
