import { z } from "zod";
import { QUESTION_TYPES, SURVEY_KINDS, type QuestionType } from "@db/schema";
import {
  MAX_KEY,
  MAX_OPTIONS,
  MAX_PAGE,
  MAX_TEXT,
  OPTION_VALUE_PATTERN,
  QUESTION_KEY_PATTERN,
  SURVEY_SLUG_PATTERN,
  conditionValue,
  hasOptions,
  optionValueFromLabel,
  parseConditionValue,
  type BuilderQuestion,
  type QuestionTexts,
} from "./builder";
import type { QuestionInput } from "./builder.server";

/**
 * The builder's forms: each read from FormData once, checked with zod, errors by field
 * id as translation codes (`builder:errors.<code>`), the typed values kept for re-showing.
 */

export type FieldErrors = Record<string, string>;

const text = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(MAX_TEXT, { error: "too_long" }));

function str(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

function errorsOf(issues: z.core.$ZodIssue[], fieldOf: (path: PropertyKey[]) => string = (p) => String(p[0])): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldOf(issue.path)] ??= issue.message;
  return errors;
}

export type Parsed<T, V> = { ok: true; data: T; values: V } | { ok: false; errors: FieldErrors; values: V };

// ---------------------------------------------------------------------------

export const CreateSurveySchema = z.object({
  kind: z.enum(SURVEY_KINDS, { error: "kind_required" }),
  slug: z
    .string()
    .trim()
    .min(1, { error: "slug_required" })
    .max(80, { error: "too_long" })
    .regex(SURVEY_SLUG_PATTERN, { error: "slug_format" }),
  title_en: z.string().trim().min(1, { error: "title_required" }).max(MAX_TEXT, { error: "too_long" }),
});
export type CreateSurveyValues = { kind: string; slug: string; title_en: string };

export function readCreateSurvey(form: FormData): Parsed<z.output<typeof CreateSurveySchema>, CreateSurveyValues> {
  const values = { kind: str(form, "kind"), slug: str(form, "slug"), title_en: str(form, "title_en") };
  const result = CreateSurveySchema.safeParse(values);
  return result.success ? { ok: true, data: result.data, values } : { ok: false, errors: errorsOf(result.error.issues), values };
}

// ---------------------------------------------------------------------------

export const VersionTextsSchema = z.object({ title_en: text, title_ur: text, intro_en: text, intro_ur: text });
export type VersionTextsValues = { title_en: string; title_ur: string; intro_en: string; intro_ur: string };

export function readVersionTexts(form: FormData): Parsed<z.output<typeof VersionTextsSchema>, VersionTextsValues> {
  const values = { title_en: str(form, "title_en"), title_ur: str(form, "title_ur"), intro_en: str(form, "intro_en"), intro_ur: str(form, "intro_ur") };
  const result = VersionTextsSchema.safeParse(values);
  return result.success ? { ok: true, data: result.data, values } : { ok: false, errors: errorsOf(result.error.issues), values };
}

// ---------------------------------------------------------------------------

export interface OptionRowValues {
  /** The option this row was loaded from ("" for a new row). */
  id: string;
  value: string;
  label_en: string;
  label_ur: string;
}

export interface QuestionFormValues extends QuestionTexts {
  key: string;
  type: string;
  page: string;
  required: boolean;
  /** About the respondent: small answer counts stay hidden in results (decision 017). */
  about_you: boolean;
  headline: boolean;
  /** `key=value` of the question this one depends on, or "". */
  show_if: string;
  options: OptionRowValues[];
}

/** Blank rows a question form shows, so options can be added without JavaScript. */
export function withBlankRows(options: OptionRowValues[], type: string, isNew: boolean): OptionRowValues[] {
  const blank = { id: "", value: "", label_en: "", label_ur: "" };
  const wanted = isNew ? 3 : hasOptions(type as QuestionType) ? options.length + 1 : Math.max(2, options.length);
  return [...options, ...Array.from({ length: Math.max(0, wanted - options.length) }, () => ({ ...blank }))];
}

export function questionFormValues(q: BuilderQuestion | null, headlineKey: string | null, defaultPage: number): QuestionFormValues {
  const options = (q?.options ?? []).map((o) => ({ id: String(o.id), value: o.value, label_en: o.label_en, label_ur: o.label_ur }));
  return {
    key: q?.key ?? "",
    type: q?.type ?? "",
    page: String(q?.page ?? defaultPage),
    required: Boolean(q?.required),
    about_you: Boolean(q?.about_you),
    headline: q !== null && q.key === headlineKey,
    text_en: q?.text_en ?? "",
    text_ur: q?.text_ur ?? "",
    hint_en: q?.hint_en ?? "",
    hint_ur: q?.hint_ur ?? "",
    show_if: conditionValue(q?.show_if_key ?? null, q?.show_if_value ?? null),
    options: withBlankRows(options, q?.type ?? "", q === null),
  };
}

/** The question form as posted: ticked "remove" rows are left out, blank rows kept for re-showing. */
export function readQuestionValues(form: FormData): QuestionFormValues {
  const rows = Math.min(Number(str(form, "option_rows")) || 0, MAX_OPTIONS + 10);
  const options: OptionRowValues[] = [];
  for (let i = 0; i < rows; i++) {
    if (form.get(`option_${i}_remove`)) continue;
    options.push({
      id: str(form, `option_${i}_id`),
      value: str(form, `option_${i}_value`),
      label_en: str(form, `option_${i}_label_en`),
      label_ur: str(form, `option_${i}_label_ur`),
    });
  }
  return {
    key: str(form, "key"),
    type: str(form, "type"),
    page: str(form, "page"),
    required: form.get("required") !== null,
    about_you: form.get("about_you") !== null,
    headline: form.get("headline") !== null,
    text_en: str(form, "text_en"),
    text_ur: str(form, "text_ur"),
    hint_en: str(form, "hint_en"),
    hint_ur: str(form, "hint_ur"),
    show_if: str(form, "show_if"),
    options,
  };
}

const OptionRowSchema = z.object({
  id: z.string().transform((s) => (/^\d+$/.test(s) ? Number(s) : null)),
  row: z.number(),
  value: z
    .string()
    .trim()
    .min(1, { error: "option_value_required" })
    .max(MAX_KEY, { error: "too_long" })
    .regex(OPTION_VALUE_PATTERN, { error: "option_value_format" }),
  label_en: text,
  label_ur: text,
});

export const QuestionFormSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, { error: "key_required" })
    .max(MAX_KEY, { error: "too_long" })
    .regex(QUESTION_KEY_PATTERN, { error: "key_format" }),
  type: z.enum(QUESTION_TYPES, { error: "type_required" }),
  page: z.coerce.number({ error: "page_invalid" }).int({ error: "page_invalid" }).min(1, { error: "page_invalid" }).max(MAX_PAGE, { error: "page_invalid" }),
  required: z.boolean(),
  about_you: z.boolean(),
  headline: z.boolean(),
  text_en: text,
  text_ur: text,
  hint_en: text,
  hint_ur: text,
  condition: z.string().transform(parseConditionValue),
  options: z.array(OptionRowSchema).max(MAX_OPTIONS, { error: "too_many_options" }),
});

/**
 * The question a form describes. Rows left blank are ignored; a row with an English
 * label but no value gets one made from the label.
 */
export function parseQuestionForm(values: QuestionFormValues): Parsed<QuestionInput, QuestionFormValues> {
  const rows = values.options
    .map((o, row) => ({ ...o, row }))
    .filter((o) => [o.value, o.label_en, o.label_ur].some((s) => s.trim() !== ""))
    .map((o) => ({ ...o, value: o.value.trim() === "" ? optionValueFromLabel(o.label_en) : o.value }));
  const result = QuestionFormSchema.safeParse({ ...values, condition: values.show_if, options: rows });
  if (result.success) return { ok: true, data: result.data, values };
  const fieldOf = (path: PropertyKey[]) => {
    if (path[0] === "condition") return "show_if";
    if (path[0] === "options" && typeof path[1] === "number") return `option_${rows[path[1]].row}_${String(path[2] ?? "value")}`;
    return String(path[0]);
  };
  return { ok: false, errors: errorsOf(result.error.issues, fieldOf), values };
}

// ---------------------------------------------------------------------------

export const MoveSchema = z.object({ question: z.coerce.number().int().positive(), direction: z.enum(["up", "down"]) });
export const ConfirmSchema = z.object({ unit: z.string().min(1).max(200) });

/** The intent of a form with several buttons. */
export function intentOf(form: FormData): string {
  return str(form, "intent");
}

export function fieldsOf(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, str(form, n)]));
}

/** An uploaded file's text, or why there is none: refused before reading when too large. */
export async function readUpload(form: FormData, name: string, maxBytes: number): Promise<{ text: string } | { error: "no_file" | "too_large" }> {
  const file = form.get(name);
  if (file === null || typeof file === "string" || file.size === 0) return { error: "no_file" };
  if (file.size > maxBytes) return { error: "too_large" };
  return { text: await file.text() };
}
