import { z } from "zod";
import type { Survey } from "@db/schema";
import { BilingualSchema, OptionSpecSchema, QuestionSpecSchema, SurveySpecSchema, type SurveySpec } from "./spec";
import { MAX_TEXT, hasOptions, inOrder, isStale, type BuilderQuestion, type Translation, type VersionTexts } from "./builder";

/**
 * A survey as a JSON file: the `SurveySpecSchema` shape, so a file validates with the
 * same schema the seed uses. An Urdu text that is out of date also carries `urSource`,
 * the English it was made from, so exporting and importing never hides a stale
 * translation (SurveySpecSchema ignores the extra field).
 */

const SourcedSchema = BilingualSchema.extend({ urSource: z.string().max(MAX_TEXT).optional() });

export const SurveyFileSchema = SurveySpecSchema.extend({
  title: SourcedSchema,
  intro: SourcedSchema,
  questions: z
    .array(
      QuestionSpecSchema.extend({
        text: SourcedSchema,
        hint: SourcedSchema.optional(),
        options: z.array(OptionSpecSchema.extend({ label: SourcedSchema })).max(50).optional(),
      }),
    )
    .min(1)
    .max(200),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.questions.forEach((q, i) => {
    if (seen.has(q.key)) ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: "duplicate_key", params: { key: q.key } });
    seen.add(q.key);
  });
});
export type SurveyFile = z.output<typeof SurveyFileSchema>;
type SourcedText = z.input<typeof SourcedSchema>;

/** Refused before reading: a survey file is a few tens of kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

function sourced(t: Translation): SourcedText {
  return isStale(t) ? { en: t.en, ur: t.ur, urSource: t.source } : { en: t.en, ur: t.ur };
}

/** A version as the JSON file a download gives. */
export function surveyFileOf(survey: Pick<Survey, "slug" | "kind">, version: VersionTexts, questions: BuilderQuestion[]): SurveySpec {
  return {
    slug: survey.slug,
    kind: survey.kind,
    title: sourced({ en: version.title_en, ur: version.title_ur, source: version.title_ur_source }),
    intro: sourced({ en: version.intro_en, ur: version.intro_ur, source: version.intro_ur_source }),
    headline: version.headline_question_key ?? "",
    questions: inOrder(questions).map((q) => ({
      key: q.key,
      page: q.page,
      type: q.type,
      required: Boolean(q.required),
      ...(q.about_you ? { aboutYou: true } : {}),
      text: sourced({ en: q.text_en, ur: q.text_ur, source: q.text_ur_source }),
      ...(q.hint_en || q.hint_ur ? { hint: sourced({ en: q.hint_en, ur: q.hint_ur, source: q.hint_ur_source }) } : {}),
      ...(hasOptions(q.type)
        ? { options: q.options.map((o) => ({ value: o.value, label: sourced({ en: o.label_en, ur: o.label_ur, source: o.label_ur_source }) })) }
        : {}),
      ...(q.show_if_key ? { showIf: { key: q.show_if_key, value: q.show_if_value ?? "" } } : {}),
    })),
  };
}

export function surveyFileName(slug: string, version: number): string {
  return `survey-${slug}-v${version}.json`;
}

export type SurveyFileProblemCode =
  | "no_file"
  | "too_large"
  | "bad_json"
  | "missing"
  | "wrong_type"
  | "too_small"
  | "too_big"
  | "bad_slug"
  | "bad_key"
  | "not_allowed"
  | "duplicate_key"
  | "kind_differs"
  | "draft_exists"
  | "invalid";

/** One thing wrong with a file, where it is (`questions[2].text.ur`) and what would fix it. */
export interface SurveyFileProblem {
  path: string;
  code: SurveyFileProblemCode;
  values?: Record<string, string | number>;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function problemOf(issue: z.core.$ZodIssue, data: unknown): SurveyFileProblem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_type":
      return valueAt(data, issue.path) === undefined
        ? { path, code: "missing" }
        : { path, code: "wrong_type", values: { expected: issue.expected } };
    case "too_small":
      return { path, code: "too_small", values: { min: Number(issue.minimum) } };
    case "too_big":
      return { path, code: "too_big", values: { max: Number(issue.maximum) } };
    case "invalid_format":
      return { path, code: issue.pattern?.includes("_") ? "bad_key" : "bad_slug" };
    case "invalid_value":
      return { path, code: "not_allowed", values: { allowed: issue.values.map(String).join(", ") } };
    case "custom":
      return issue.message === "duplicate_key" ? { path, code: "duplicate_key", values: { key: String(issue.params?.key ?? "") } } : { path, code: "invalid" };
    default:
      return { path, code: "invalid" };
  }
}

/** Reads an uploaded survey file: the survey, or every problem with its path (at most 50). */
export function parseSurveyFile(text: string): { file: SurveyFile } | { problems: SurveyFileProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (e) {
    return { problems: [{ path: "", code: "bad_json", values: { detail: e instanceof Error ? e.message : String(e) } }] };
  }
  const result = SurveyFileSchema.safeParse(data);
  if (!result.success) return { problems: result.error.issues.slice(0, 50).map((i) => problemOf(i, data)) };
  return { file: result.data };
}
