import type { Kysely } from "kysely";
import { z } from "zod";
import type { Channel, Database, Language } from "@db/schema";
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
import { KEYED_CHANNELS } from "./keyed";

type Q = FormQuestion & { id: number };


export const KeyedMetaSchema = z.object({
  channel: z.enum(KEYED_CHANNELS, { error: "channel_required" }),
  language: z.enum(["en", "ur"], { error: "language_required" }),
  service: z.coerce.number({ error: "service_required" }).int({ error: "service_required" }).positive({ error: "service_required" }),
  form_token: z.string().refine(isWellFormedToken, { error: "form_token" }),
});

export interface KeyedForm {
  meta: Record<"channel" | "language" | "service" | "form_token", string>;
  values: AnswerValues;
}

export function readKeyedForm(form: FormData, questions: FormQuestion[]): KeyedForm {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    meta: { channel: get("channel"), language: get("language"), service: get("service"), form_token: get("form_token") },
    values: readPageValues(form, questions),
  };
}

export type KeyedResult =
  | { ok: true; data: { channel: Channel; language: Language; serviceId: number; token: string; answers: AnswerValues } }
  | { ok: false; errors: Record<string, string>; answerErrors: FieldErrors };

/**
 * Checks a keyed-in response: channel, language, one of `allowedServiceIds`, and every
 * question the answers leave visible, with the respondent's own form rules. Answers to
 * questions the other answers hide are dropped.
 */
export function validateKeyedResponse(form: KeyedForm, questions: FormQuestion[], allowedServiceIds: readonly number[]): KeyedResult {
  const errors: Record<string, string> = {};
  const parsed = KeyedMetaSchema.safeParse(form.meta);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (!errors.service && !allowedServiceIds.includes(Number(form.meta.service))) errors.service = "service_required";
  const answers = keepVisibleAnswers(questions, form.values);
  const answerErrors = validateAnswers(
    questions.filter((q) => isVisible(q, answers)),
    answers,
  );
  if (!parsed.success || Object.keys(errors).length > 0 || Object.keys(answerErrors).length > 0) {
    return { ok: false, errors, answerErrors };
  }
  const { channel, language, service, form_token } = parsed.data;
  return { ok: true, data: { channel, language, serviceId: service, token: form_token, answers } };
}

/**
 * Stores a keyed-in response as submitted, with who keyed it in. The form's one-time
 * token is the response's token: a second post of the same form finds it and stores
 * nothing ("already_saved").
 */
export async function saveKeyedResponse(
  db: Kysely<Database>,
  input: { campaignId: number; userId: number; questions: Q[]; now: Date } & Extract<KeyedResult, { ok: true }>["data"],
): Promise<"saved" | "already_saved"> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
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
        keyed_by_user_id: input.userId,
      })
      .onConflict((oc) => oc.column("resume_token").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return "already_saved";
    const rows = input.questions.flatMap((q) =>
      (input.answers[q.key] ?? []).map((value) => ({
        response_id: inserted.id,
        question_id: q.id,
        value,
        score: scoreOf(q.type, value),
      })),
    );
    if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
    await countSubmittedResponse(trx, inserted.id);
    return "saved";
  });
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
