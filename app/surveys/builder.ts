import type { Language, Question, QuestionOption, QuestionType, SurveyVersion } from "@db/schema";
import { allowedValues } from "~/responding/form";

/**
 * The survey builder's rules, free of the database: translation tracking, what stops a
 * version being published, conditions and ordering. Routes and queries call these.
 */

/** A survey's address part: lower-case letters and digits in groups joined by dashes. */
export const SURVEY_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A question's stable key: lower_snake_case, starting with a letter. */
export const QUESTION_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
/** An option's stored value (what results count): lower_snake_case. */
export const OPTION_VALUE_PATTERN = /^[a-z0-9_]+$/;
/** Every respondent-visible text fits the JSON spec's limit. */
export const MAX_TEXT = 2000;
export const MAX_KEY = 60;
export const MAX_PAGE = 50;
export const MAX_OPTIONS = 50;

export type VersionTexts = Pick<
  SurveyVersion,
  "title_en" | "title_ur" | "title_ur_source" | "intro_en" | "intro_ur" | "intro_ur_source" | "headline_question_key"
>;
export type BuilderOption = Pick<QuestionOption, "id" | "position" | "value" | "label_en" | "label_ur" | "label_ur_source">;
export type BuilderQuestion = Pick<
  Question,
  | "id"
  | "key"
  | "position"
  | "page"
  | "type"
  | "required"
  | "about_you"
  | "text_en"
  | "text_ur"
  | "text_ur_source"
  | "hint_en"
  | "hint_ur"
  | "hint_ur_source"
  | "show_if_key"
  | "show_if_value"
> & { options: BuilderOption[] };

export function hasOptions(type: QuestionType): type is "single_choice" | "multiple_choice" {
  return type === "single_choice" || type === "multiple_choice";
}

/** Only a satisfaction question can be the headline (the KPI is "% satisfied"). */
export function canBeHeadline(type: QuestionType): boolean {
  return type === "satisfaction";
}

// ---------------------------------------------------------------------------
// Translation tracking

/** One translatable text: its English, its Urdu and the English the Urdu was made from. */
export interface Translation {
  en: string;
  ur: string;
  source: string;
}

export type TranslationStatus = "missing" | "stale" | "ok";

const blank = (s: string) => s.trim() === "";

/** Stale: there is an Urdu text, but the English changed after it was translated. */
export function isStale(t: Translation): boolean {
  return !blank(t.ur) && t.source !== t.en;
}

export function translationStatus(t: Translation): TranslationStatus {
  if (blank(t.ur)) return blank(t.en) ? "ok" : "missing";
  return isStale(t) ? "stale" : "ok";
}

/**
 * The English an Urdu text counts as translated from after a save. Writing (or changing)
 * the Urdu ties it to the English as it is now; changing only the English leaves the
 * old source, which is what makes the Urdu stale until someone looks at it.
 */
export function urduSourceAfterSave(before: Translation | undefined, after: { en: string; ur: string }): string {
  if (blank(after.ur)) return "";
  if (!before || after.ur !== before.ur) return after.en;
  return before.source;
}

export type TextField = "title" | "intro" | "text" | "hint" | "label";

/** Where a text lives: the version itself, a question, or one option of a question. */
export interface TextUnit extends Translation {
  /** Stable within a version, used in the translation file: "question:overall:text". */
  id: string;
  field: TextField;
  question?: QuestionRef;
  option?: { id: number; value: string; index: number };
  /** Hints may be left out, in both languages together. */
  optional: boolean;
}

/** A question as problems and badges name it: its number in the list and its key. */
export interface QuestionRef {
  id: number;
  key: string;
  number: number;
}

export function inOrder<Q extends { position: number }>(questions: Q[]): Q[] {
  return [...questions].sort((a, b) => a.position - b.position);
}

function refOf(q: BuilderQuestion, index: number): QuestionRef {
  return { id: q.id, key: q.key, number: index + 1 };
}

/** Every translatable text of a version, in the order a respondent meets them. */
export function textUnits(version: VersionTexts, questions: BuilderQuestion[]): TextUnit[] {
  const units: TextUnit[] = [
    { id: "survey:title", field: "title", en: version.title_en, ur: version.title_ur, source: version.title_ur_source, optional: false },
    { id: "survey:intro", field: "intro", en: version.intro_en, ur: version.intro_ur, source: version.intro_ur_source, optional: false },
  ];
  inOrder(questions).forEach((q, i) => {
    const question = refOf(q, i);
    units.push({ id: `question:${q.key}:text`, field: "text", question, en: q.text_en, ur: q.text_ur, source: q.text_ur_source, optional: false });
    units.push({ id: `question:${q.key}:hint`, field: "hint", question, en: q.hint_en, ur: q.hint_ur, source: q.hint_ur_source, optional: true });
    if (!hasOptions(q.type)) return;
    q.options.forEach((o, index) => {
      units.push({
        id: `option:${q.key}:${o.value}`,
        field: "label",
        question,
        option: { id: o.id, value: o.value, index },
        en: o.label_en,
        ur: o.label_ur,
        source: o.label_ur_source,
        optional: false,
      });
    });
  });
  return units;
}

// ---------------------------------------------------------------------------
// Conditions

export type ConditionProblem = "condition_missing" | "condition_later" | "condition_value";

type ConditionSubject = Pick<BuilderQuestion, "position" | "page" | "show_if_key" | "show_if_value">;

/**
 * What is wrong with a question's condition, if anything. The question it depends on
 * must come earlier in the list and sit on an earlier page (respondents' pages are
 * decided on the server, so an answer on the same page cannot show or hide a question),
 * and the value must be one that question offers.
 */
export function conditionProblem(q: ConditionSubject, questions: BuilderQuestion[]): ConditionProblem | null {
  if (!q.show_if_key) return null;
  const target = questions.find((x) => x.key === q.show_if_key);
  if (!target) return "condition_missing";
  if (!(target.position < q.position && target.page < q.page)) return "condition_later";
  const allowed = allowedValues(target);
  if (!allowed || !allowed.includes(q.show_if_value ?? "")) return "condition_value";
  return null;
}

/** The questions before `position` that a condition can use, with the values each offers. */
export function conditionChoices(questions: BuilderQuestion[], position: number): { question: BuilderQuestion; values: string[] }[] {
  return inOrder(questions)
    .filter((q) => q.position < position)
    .flatMap((q) => {
      const values = allowedValues(q);
      return values && values.length > 0 ? [{ question: q, values: [...values] }] : [];
    });
}

/** A condition as one form value, `key=value`, so one select picks both. */
export function conditionValue(key: string | null, value: string | null): string {
  return key ? `${key}=${value ?? ""}` : "";
}

export function parseConditionValue(raw: string): { key: string; value: string } | null {
  const at = raw.indexOf("=");
  if (at <= 0) return null;
  return { key: raw.slice(0, at), value: raw.slice(at + 1) };
}

// ---------------------------------------------------------------------------
// Publishing

export type ProblemCode =
  | "empty"
  | "hint_one_language"
  | "stale"
  | "no_questions"
  | "duplicate_key"
  | "no_headline"
  | "headline_missing"
  | "headline_not_satisfaction"
  | ConditionProblem
  | "too_few_options"
  | "duplicate_option_value";

export interface PublishProblem {
  code: ProblemCode;
  /** The text concerned (empty, one-language hint, stale). */
  unit?: TextUnit;
  /** The language whose text is empty. */
  lang?: Language;
  question?: QuestionRef;
  /** The key a condition or the headline names; the value a condition or option repeats. */
  target?: string;
  value?: string;
}

function textProblems(unit: TextUnit): PublishProblem[] {
  const emptyEn = blank(unit.en);
  const emptyUr = blank(unit.ur);
  if (unit.optional && emptyEn && emptyUr) return [];
  if (unit.optional && emptyEn !== emptyUr) {
    return [{ code: "hint_one_language", unit, question: unit.question, lang: emptyEn ? "en" : "ur" }];
  }
  const problems: PublishProblem[] = [];
  if (emptyEn) problems.push({ code: "empty", unit, question: unit.question, lang: "en" });
  if (emptyUr) problems.push({ code: "empty", unit, question: unit.question, lang: "ur" });
  if (problems.length === 0 && isStale(unit)) problems.push({ code: "stale", unit, question: unit.question });
  return problems;
}

/** Everything that stops a version being published; empty when it may be published. */
export function publishProblems(version: VersionTexts, questions: BuilderQuestion[]): PublishProblem[] {
  const ordered = inOrder(questions);
  const units = textUnits(version, ordered);
  const problems: PublishProblem[] = units.filter((u) => !u.question).flatMap(textProblems);

  if (ordered.length === 0) problems.push({ code: "no_questions" });
  const headline = ordered.find((q) => q.key === version.headline_question_key);
  if (!version.headline_question_key) {
    if (ordered.length > 0) problems.push({ code: "no_headline" });
  } else if (!headline) {
    problems.push({ code: "headline_missing", target: version.headline_question_key });
  } else if (!canBeHeadline(headline.type)) {
    problems.push({ code: "headline_not_satisfaction", question: refOf(headline, ordered.indexOf(headline)) });
  }

  const seenKeys = new Set<string>();
  ordered.forEach((q, i) => {
    const question = refOf(q, i);
    if (seenKeys.has(q.key)) problems.push({ code: "duplicate_key", question, target: q.key });
    seenKeys.add(q.key);
    problems.push(...units.filter((u) => u.question?.id === q.id).flatMap(textProblems));
    if (hasOptions(q.type)) {
      if (q.options.length < 2) problems.push({ code: "too_few_options", question });
      const seen = new Set<string>();
      for (const o of q.options) {
        if (seen.has(o.value)) problems.push({ code: "duplicate_option_value", question, value: o.value });
        seen.add(o.value);
      }
    }
    const condition = conditionProblem(q, ordered);
    if (condition) problems.push({ code: condition, question, target: q.show_if_key ?? "", value: q.show_if_value ?? "" });
  });
  return problems;
}

// ---------------------------------------------------------------------------
// Editing questions

/** The ids in their new order after moving one question a place up (-1) or down (1); null at either end. */
export function moveInOrder(ids: number[], id: number, step: -1 | 1): number[] | null {
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** A stored value made from an English label: "Social worker" → "social_worker". */
export function optionValueFromLabel(label: string): string {
  return label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_KEY);
}

/** A question's texts as a form and a save carry them. */
export interface QuestionTexts {
  text_en: string;
  text_ur: string;
  hint_en: string;
  hint_ur: string;
}

export interface QuestionDraft {
  key: string;
  type: QuestionType;
  page: number;
  headline: boolean;
  condition: { key: string; value: string } | null;
  /** Kept option rows, with the form row each came from (for errors). */
  options: { value: string; row: number }[];
}

export type QuestionDraftError =
  | "key_taken"
  | "key_locked"
  | "headline_not_satisfaction"
  | "options_not_used"
  | "duplicate_option_value"
  | ConditionProblem;

/**
 * Checks of a question against the rest of its version, before saving: a unique key, a
 * key that published versions use stays as it is, a headline that is a satisfaction
 * question, options only where they are used, and a condition on an earlier question.
 * Returns the errors by form field.
 */
export function questionDraftErrors(
  draft: QuestionDraft,
  ctx: { others: BuilderQuestion[]; self: { key: string; position: number } | null; lockedKeys: ReadonlySet<string> },
): Record<string, QuestionDraftError> {
  const errors: Record<string, QuestionDraftError> = {};
  if (ctx.others.some((q) => q.key === draft.key)) errors.key = "key_taken";
  if (ctx.self && ctx.self.key !== draft.key && ctx.lockedKeys.has(ctx.self.key)) errors.key = "key_locked";
  if (draft.headline && !canBeHeadline(draft.type)) errors.headline = "headline_not_satisfaction";
  if (!hasOptions(draft.type) && draft.options.length > 0) errors.options = "options_not_used";
  const values = draft.options.map((o) => o.value);
  draft.options.forEach((o, i) => {
    if (values.indexOf(o.value) !== i) errors[`option_${o.row}_value`] = "duplicate_option_value";
  });
  if (draft.condition) {
    const position = ctx.self?.position ?? Math.max(0, ...ctx.others.map((q) => q.position)) + 1;
    const problem = conditionProblem(
      { position, page: draft.page, show_if_key: draft.condition.key, show_if_value: draft.condition.value },
      ctx.others,
    );
    if (problem) errors.show_if = problem;
  }
  return errors;
}
