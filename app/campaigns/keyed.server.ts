import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { Database, Language } from "@db/schema";
import { getFixedT, pick } from "~/i18n/i18n";
import type { QuestionWithOptions } from "~/surveys/surveys.server";
import {
  isScale,
  keepVisibleAnswers,
  readPageValues,
  scoreOf,
  validateAnswers,
  isVisible,
  type AnswerValues,
  type FieldErrors,
  type FormQuestion,
} from "~/responding/form";
import { isWellFormedToken } from "~/responding/responses.server";
import { countSubmittedResponse } from "~/results/rollup.server";
import { completedOnProblem, KEYED_CHANNELS, type KeyedChannel } from "./keyed";

type Q = FormQuestion & { id: number };

export const KeyedMetaSchema = z.object({
  channel: z.enum(KEYED_CHANNELS, { error: "channel_required" }),
  language: z.enum(["en", "ur"], { error: "language_required" }),
  service: z.coerce.number({ error: "service_required" }).int({ error: "service_required" }).positive({ error: "service_required" }),
  form_token: z.string().refine(isWellFormedToken, { error: "form_token" }),
});

export const KEYED_META_FIELDS = ["channel", "language", "service", "completed_on", "form_token"] as const;

export interface KeyedForm {
  meta: Record<(typeof KEYED_META_FIELDS)[number], string>;
  values: AnswerValues;
}

export function readKeyedForm(form: FormData, questions: FormQuestion[]): KeyedForm {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    meta: Object.fromEntries(KEYED_META_FIELDS.map((k) => [k, get(k)])) as KeyedForm["meta"],
    values: readPageValues(form, questions),
  };
}

/** A keyed response as it is stored: how, in which language, about which service, when completed, and its answers. */
export interface KeyedResponseData {
  channel: KeyedChannel;
  language: Language;
  serviceId: number;
  /** YYYY-MM-DD: the date on the form, the date every figure uses. */
  completedOn: string;
  answers: AnswerValues;
}

export type KeyedResult =
  | { ok: true; data: KeyedResponseData & { token: string } }
  | { ok: false; errors: Record<string, string>; answerErrors: FieldErrors };

/**
 * Checks a keyed-in response: channel, language, one of `allowedServiceIds`, the date
 * completed (within the campaign's period, not after `today`), and every question the
 * answers leave visible, with the respondent's own form rules. Answers to questions the
 * other answers hide are dropped.
 */
export function validateKeyedResponse(
  form: KeyedForm,
  questions: FormQuestion[],
  allowedServiceIds: readonly number[],
  campaign: { opens_at: string; closes_at: string },
  today: string,
): KeyedResult {
  const errors: Record<string, string> = {};
  const parsed = KeyedMetaSchema.safeParse(form.meta);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (!errors.service && !allowedServiceIds.includes(Number(form.meta.service))) errors.service = "service_required";
  const dateProblem = completedOnProblem(form.meta.completed_on, campaign, today);
  if (dateProblem) errors.completed_on = dateProblem;
  const answers = keepVisibleAnswers(questions, form.values);
  const answerErrors = validateAnswers(
    questions.filter((q) => isVisible(q, answers)),
    answers,
  );
  if (!parsed.success || Object.keys(errors).length > 0 || Object.keys(answerErrors).length > 0) {
    return { ok: false, errors, answerErrors };
  }
  const { channel, language, service, form_token } = parsed.data;
  return { ok: true, data: { channel, language, serviceId: service, completedOn: form.meta.completed_on.trim(), token: form_token, answers } };
}

export interface KeyedResponseInput extends KeyedResponseData {
  campaignId: number;
  /** The staff member keying it in (never the respondent). */
  userId: number;
  /** The survey's questions (with ids): `answers` are by question key. */
  questions: Q[];
  /** Unique per response: the keyed form's one-time token, or `newResumeToken()` for each response of a tally. */
  token: string;
  /** When it was keyed: `submitted_at`. The figures use `completedOn`. */
  now: Date;
}

/**
 * THE way to create a keyed response (paper, phone, interpreted; a keyed form or each
 * response of a tally): inserts it as submitted in the caller's transaction, with who
 * keyed it, its date completed and its answers, and counts it in the rollup in the same
 * transaction. The caller has checked the input (`validateKeyedResponse`, or its own
 * rules for a tally; the date completed must lie within the campaign's period). Returns
 * the new response's id, or undefined when a response with `token` already exists (a
 * form posted twice): then nothing is stored.
 */
export async function insertKeyedResponse(trx: Transaction<Database>, input: KeyedResponseInput): Promise<number | undefined> {
  const at = input.now.toISOString();
  const inserted = await trx
    .insertInto("responses")
    .values({
      campaign_id: input.campaignId,
      service_id: input.serviceId,
      language: input.language,
      channel: input.channel,
      resume_token: input.token,
      current_page: Math.max(1, ...input.questions.map((q) => q.page)),
      started_at: at,
      updated_at: at,
      submitted_at: at,
      completed_on: input.completedOn,
      keyed_by_user_id: input.userId,
    })
    .onConflict((oc) => oc.column("resume_token").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return undefined;
  await insertAnswers(trx, inserted.id, input.questions, input.answers);
  await countSubmittedResponse(trx, inserted.id);
  return inserted.id;
}

/** Stores the answers of one response, one row per value (`answers` by question key). */
export async function insertAnswers(trx: Transaction<Database>, responseId: number, questions: Q[], answers: AnswerValues): Promise<void> {
  const rows = questions.flatMap((q) =>
    (answers[q.key] ?? []).map((value) => ({ response_id: responseId, question_id: q.id, value, score: scoreOf(q.type, value) })),
  );
  if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
}

/**
 * Stores one keyed-in form in its own transaction (see `insertKeyedResponse`). The
 * form's one-time token is the response's token: a second post of the same form finds
 * it and stores nothing ("already_saved").
 */
export async function saveKeyedResponse(db: Kysely<Database>, input: KeyedResponseInput): Promise<"saved" | "already_saved"> {
  const id = await db.transaction().execute((trx) => insertKeyedResponse(trx, input));
  return id === undefined ? "already_saved" : "saved";
}

function answerLabel(q: QuestionWithOptions, value: string, lng: Language): string {
  const option = q.options.find((o) => o.value === value);
  if (option) return pick(option, "label", lng);
  if (q.type === "yes_no_not_sure" || isScale(q.type)) {
    const scale = q.type === "yes_no_not_sure" ? "yes_no_not_sure" : q.type;
    return getFixedT(lng, "survey")(`scale.${scale}.${value}`);
  }
  return value;
}

/**
 * Every question of the survey on one page, in the staff member's language. A
 * conditional question is shown too, its condition written into the hint.
 */
export function keyedQuestions(questions: QuestionWithOptions[], lng: Language) {
  const t = getFixedT(lng, "campaigns");
  return questions.map((q) => {
    const hint = pick(q, "hint", lng);
    const parent = q.show_if_key ? questions.find((p) => p.key === q.show_if_key) : undefined;
    const condition = parent
      ? t("keyed.condition", { question: pick(parent, "text", lng), answer: answerLabel(parent, q.show_if_value ?? "", lng) })
      : "";
    return {
      key: q.key,
      type: q.type,
      required: Boolean(q.required),
      text: pick(q, "text", lng),
      hint: [condition, hint].filter(Boolean).join(" "),
      options: q.options.map((o) => ({ value: o.value, label: pick(o, "label", lng) })),
    };
  });
}
