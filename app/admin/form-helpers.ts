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

/**
 * A name set inside a translated sentence, isolated from the text around it (Unicode
 * FSI…PDI, the plain-text `<bdi>`), so "Priya Sharma (SENAR North lead)" keeps its
 * brackets where they belong inside an Urdu sentence. For flashes and titles, where
 * no element can be used.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
