import { z } from "zod";
import type { QuestionType } from "@db/schema";

/** The parts of a question the form rules need (a DB row or a builder preview). */
export interface FormQuestion {
  key: string;
  page: number;
  type: QuestionType;
  required: number | boolean;
  show_if_key: string | null;
  show_if_value: string | null;
  options: { value: string }[];
}

/** Answers by question key. Choices are option values; text is a single string. */
export type AnswerValues = Record<string, string[]>;

export interface FieldError {
  code: "required_choice" | "required_text" | "invalid_choice" | "too_long" | "too_many_requests";
  max?: number;
  /** too_many_requests: seconds until the page may be sent again. */
  retryAfterSeconds?: number;
}
export type FieldErrors = Record<string, FieldError>;
/** The key of an error about the whole page rather than one question (a rate limit). */
export const FORM_ERROR = "_form";

/** Scale points in the order shown, most positive first, in both directions. */
export const SCALE_VALUES = ["5", "4", "3", "2", "1", "dont_know"] as const;
export const YES_NO_VALUES = ["yes", "no", "not_sure"] as const;
export const TEXT_LIMITS = { short_text: 200, long_text: 5000 } as const;
/** The field for "which service is this about?" when a campaign covers several. */
export const SERVICE_FIELD = "service";

export function fieldName(key: string): string {
  return `q_${key}`;
}

export function isScale(type: QuestionType): boolean {
  return type === "satisfaction" || type === "agreement";
}

export function isText(type: QuestionType): type is "short_text" | "long_text" {
  return type === "short_text" || type === "long_text";
}

/** The values a choice question accepts; null for free text. */
export function allowedValues(q: Pick<FormQuestion, "type" | "options">): readonly string[] | null {
  if (isScale(q.type)) return SCALE_VALUES;
  if (q.type === "yes_no_not_sure") return YES_NO_VALUES;
  if (q.type === "single_choice" || q.type === "multiple_choice") return q.options.map((o) => o.value);
  return null;
}

/** A 1..5 score for scale answers, null for "don't know" and everything else. */
export function scoreOf(type: QuestionType, value: string): number | null {
  if (!isScale(type)) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

export function isVisible(q: FormQuestion, answers: AnswerValues): boolean {
  if (!q.show_if_key) return true;
  return (answers[q.show_if_key] ?? []).includes(q.show_if_value ?? "");
}

/** Pages that have at least one visible question, in order. */
export function visiblePages(questions: FormQuestion[], answers: AnswerValues): number[] {
  const pages = new Set<number>();
  for (const q of questions) if (isVisible(q, answers)) pages.add(q.page);
  return [...pages].sort((a, b) => a - b);
}

export function questionsOnPage<Q extends FormQuestion>(questions: Q[], page: number, answers: AnswerValues): Q[] {
  return questions.filter((q) => q.page === page && isVisible(q, answers));
}

/** The next or previous visible page, or undefined at either end. */
export function neighbourPage(
  questions: FormQuestion[],
  answers: AnswerValues,
  page: number,
  step: 1 | -1,
): number | undefined {
  const pages = visiblePages(questions, answers);
  return step === 1 ? pages.find((p) => p > page) : [...pages].reverse().find((p) => p < page);
}

/**
 * Reads one page's answers from a submitted form; empty answers are left out. A text
 * question keeps its first value; a choice keeps each value once, in the order first
 * sent: a hand-made post repeating `q_x=a` 5,000 times is one "a", not 5,000 answers
 * (the answers table's unique index, migration 2026-12-03-005, refuses a second one).
 */
export function readPageValues(form: FormData, questions: FormQuestion[]): AnswerValues {
  const values: AnswerValues = {};
  for (const q of questions) {
    const raw = form
      .getAll(fieldName(q.key))
      .filter((v): v is string => typeof v === "string")
      .map((v) => (isText(q.type) ? v.replace(/\r\n/g, "\n") : v));
    const kept = isText(q.type) ? raw.slice(0, 1).filter((v) => v.trim() !== "") : [...new Set(raw.filter((v) => v !== ""))];
    if (kept.length > 0) values[q.key] = kept;
  }
  return values;
}

// A question's schema, made once per question object. Making zod schemas (and the object
// schema around them) on every post was a tenth of a response's server time (issue 13);
// published questions are read once and kept (surveys.server.ts), so their objects last.
const schemas = new WeakMap<FormQuestion, z.ZodType<unknown>>();

function fieldSchema(q: FormQuestion): z.ZodType<unknown> {
  let schema = schemas.get(q);
  if (!schema) schemas.set(q, (schema = makeFieldSchema(q)));
  return schema;
}

function makeFieldSchema(q: FormQuestion): z.ZodType<unknown> {
  const required = Boolean(q.required);
  const allowed = allowedValues(q);
  if (allowed === null) {
    const max = TEXT_LIMITS[q.type as keyof typeof TEXT_LIMITS] ?? TEXT_LIMITS.long_text;
    const text = z.string().trim().max(max, { error: "too_long" });
    return z
      .array(z.string())
      .transform((a) => a[0] ?? "")
      .pipe(required ? text.min(1, { error: "required_text" }) : text);
  }
  const choice = z.enum(allowed as [string, ...string[]], { error: "invalid_choice" });
  if (q.type === "multiple_choice") {
    const many = z.array(choice);
    return required ? many.min(1, { error: "required_choice" }) : many;
  }
  const single = z.array(choice).max(1, { error: "invalid_choice" });
  return required ? single.min(1, { error: "required_choice" }) : single;
}

/** Validates the visible questions of a page (with zod); returns errors by question key. */
export function validateAnswers(questions: FormQuestion[], values: AnswerValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const q of questions) {
    if (errors[q.key]) continue;
    const result = fieldSchema(q).safeParse(values[q.key] ?? []);
    if (result.success) continue;
    // The first problem with a question is the one shown.
    const code = result.error.issues[0]?.message as FieldError["code"];
    errors[q.key] =
      code === "too_long"
        ? { code, max: TEXT_LIMITS[q.type as keyof typeof TEXT_LIMITS] }
        : { code: ["required_choice", "required_text", "invalid_choice", "too_long"].includes(code) ? code : "invalid_choice" };
  }
  return errors;
}

/** Drops answers to questions that the final answers hide (a changed earlier answer). */
export function keepVisibleAnswers(questions: FormQuestion[], answers: AnswerValues): AnswerValues {
  const kept: AnswerValues = {};
  // Visibility depends only on earlier pages, so one pass in page order settles it.
  const ordered = [...questions].sort((a, b) => a.page - b.page);
  for (const q of ordered) {
    if (answers[q.key] && isVisible(q, kept)) kept[q.key] = answers[q.key];
  }
  return kept;
}

/** The first visible page with an invalid answer, checking the whole survey before submit. */
export function firstInvalidPage(questions: FormQuestion[], answers: AnswerValues): number | undefined {
  for (const page of visiblePages(questions, answers)) {
    const errors = validateAnswers(questionsOnPage(questions, page, answers), answers);
    if (Object.keys(errors).length > 0) return page;
  }
  return undefined;
}
