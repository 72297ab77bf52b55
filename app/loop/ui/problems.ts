import type { TFunction } from "i18next";
import type { SummaryError } from "~/ui/forms";

/** A problem as an action returns it: the form field and the code (app/loop/loop-states.ts Problem). */
export interface ShownProblem {
  field: string;
  code: string;
}

/** The translation key of a problem: "too long" says which text and its limit. */
export function problemKey(p: ShownProblem): string {
  // i18n-dynamic: loop:problems.
  return p.code === "too_long" ? `loop:problems.too_long_${p.field}` : `loop:problems.${p.code}`;
}

/** Field id on a page with several forms: the form's intent, then the field. */
export const fieldId = (form: string, field: string) => `${form}-${field}`;

/**
 * The errors of one form on the page, from the action's answer (which names the form it
 * was for): each field's first message, and the summary linking to each field.
 */
export function formProblems(
  t: TFunction,
  form: string,
  answer: { form?: string; errors?: ShownProblem[] } | undefined,
  /** Where a problem of a field not in this form is fixed (e.g. the Urdu "You said" in the draft form). */
  elsewhere: Record<string, string> = {},
): { errorOf: (field: string) => string | undefined; summary: SummaryError[] } {
  const problems = answer?.form === form ? (answer.errors ?? []) : [];
  const seen = new Set<string>();
  const summary: SummaryError[] = [];
  for (const p of problems) {
    const href = elsewhere[p.field] ?? fieldId(form, p.field);
    if (seen.has(href)) continue;
    seen.add(href);
    summary.push({ href, text: t(problemKey(p)) });
  }
  return {
    errorOf: (field) => {
      const p = problems.find((x) => x.field === field && !elsewhere[x.field]);
      return p ? t(problemKey(p)) : undefined;
    },
    summary,
  };
}
