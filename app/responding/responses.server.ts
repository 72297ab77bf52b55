import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Channel, Database, Language, Response } from "@db/schema";
import { countSubmittedResponse } from "~/results/rollup.server";
import { isText, keepVisibleAnswers, scoreOf, type AnswerValues, type FormQuestion } from "./form";

type Db = Kysely<Database>;
type Q = FormQuestion & { id: number };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** An unguessable token: 24 random bytes, the respondent's resume link. */
export function newResumeToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export async function findResponseByToken(db: Db, campaignId: number, token: string): Promise<Response | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .selectFrom("responses")
    .selectAll()
    .where("resume_token", "=", token)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

/** Saved answers of a response, by question key. */
export async function loadAnswerValues(db: Db, responseId: number, questions: Q[]): Promise<AnswerValues> {
  const rows = await db
    .selectFrom("answers")
    .select(["question_id", "value"])
    .where("response_id", "=", responseId)
    .orderBy("id")
    .execute();
  const keyOf = new Map(questions.map((q) => [q.id, q.key]));
  const values: AnswerValues = {};
  for (const r of rows) {
    const key = keyOf.get(r.question_id);
    if (key) (values[key] ??= []).push(r.value);
  }
  return values;
}

export interface SavePageInput {
  campaignId: number;
  token: string;
  language: Language;
  channel: Channel;
  /** Set when the respondent chose (or the campaign has only one) service. */
  serviceId?: number | null;
  page: number;
  /** The furthest page the respondent may now open (this one, or the next after "Continue"). */
  reachedPage?: number;
  /** The questions shown on this page: their answers are replaced by `values`. */
  questions: Q[];
  values: AnswerValues;
  now: Date;
}

// Free text is capped even when saved unvalidated ("Back", "Save"): a runaway paste
// should not fill the disk, and validation will ask for it to be shortened.
const HARD_TEXT_CAP = 20_000;

/**
 * Creates the response on first save (keyed by its token, so a double submit
 * reuses it) and replaces this page's answers. Returns undefined when the
 * response was already submitted: submitted answers never change.
 */
export async function savePage(db: Db, input: SavePageInput): Promise<Response | undefined> {
  const now = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("responses")
      .values({
        campaign_id: input.campaignId,
        service_id: input.serviceId ?? null,
        language: input.language,
        channel: input.channel,
        resume_token: input.token,
        current_page: input.page,
        started_at: now,
        updated_at: now,
        submitted_at: null,
      })
      .onConflict((oc) => oc.column("resume_token").doNothing())
      .execute();
    const response = await trx
      .selectFrom("responses")
      .selectAll()
      .where("resume_token", "=", input.token)
      .executeTakeFirstOrThrow();
    if (response.campaign_id !== input.campaignId || response.submitted_at) return undefined;

    const reached = Math.max(response.current_page, input.reachedPage ?? input.page);
    const ids = input.questions.map((q) => q.id);
    if (ids.length > 0) {
      await trx.deleteFrom("answers").where("response_id", "=", response.id).where("question_id", "in", ids).execute();
    }
    const rows = input.questions.flatMap((q) =>
      (input.values[q.key] ?? []).map((value) => ({
        response_id: response.id,
        question_id: q.id,
        value: isText(q.type) ? value.slice(0, HARD_TEXT_CAP) : value,
        score: scoreOf(q.type, value),
      })),
    );
    if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
    await trx
      .updateTable("responses")
      .set({
        language: input.language,
        updated_at: now,
        current_page: reached,
        ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
      })
      .where("id", "=", response.id)
      .execute();
    return { ...response, current_page: reached };
  });
}

export type SubmitResult = "submitted" | "already_submitted";

/**
 * Marks a response submitted, dropping answers the final answers hide.
 * Idempotent: a second submit changes nothing and reports "already_submitted".
 */
export async function submitResponse(
  db: Db,
  responseId: number,
  questions: Q[],
  answers: AnswerValues,
  language: Language,
  now: Date,
  /** Runs in the same transaction, only when this call submits the response. */
  onSubmitted?: (trx: Transaction<Database>) => Promise<void>,
): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("responses")
      .select("submitted_at")
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow();
    if (current.submitted_at) return "already_submitted";
    const visible = keepVisibleAnswers(questions, answers);
    const hidden = questions.filter((q) => answers[q.key] && !visible[q.key]).map((q) => q.id);
    if (hidden.length > 0) {
      await trx.deleteFrom("answers").where("response_id", "=", responseId).where("question_id", "in", hidden).execute();
    }
    await trx
      .updateTable("responses")
      // Online, the date completed is the day of submission (UTC, as every period).
      .set({ submitted_at: now.toISOString(), completed_on: now.toISOString().slice(0, 10), updated_at: now.toISOString(), language })
      .where("id", "=", responseId)
      .where("submitted_at", "is", null)
      .execute();
    await countSubmittedResponse(trx, responseId);
    await onSubmitted?.(trx);
    return "submitted";
  });
}
