import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Channel, Database, Language, Response } from "@db/schema";
import { countSubmittedResponse } from "~/results/rollup.server";
import type { RateLimitResult } from "~/rate-limit/store.server";
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

/** A response by its link (campaign slug and token) with its survey's title, in one read: the pages after a survey need no more. */
export async function findLinkedResponse(db: Db, slug: string, token: string) {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .selectFrom("responses")
    .innerJoin("campaigns", "campaigns.id", "responses.campaign_id")
    .innerJoin("survey_versions", "survey_versions.id", "campaigns.survey_version_id")
    .select(["responses.resume_token", "responses.submitted_at", "campaigns.slug", "survey_versions.title_en", "survey_versions.title_ur"])
    .where("responses.resume_token", "=", token)
    .where("campaigns.slug", "=", slug)
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
  /** The response this token named when the post was read; absent, a new one is made. */
  existingId?: number;
  /**
   * Counts a new response against its client's limit, first in the transaction; refused,
   * only the count is stored (not asked when the response exists).
   */
  limitNew?: (trx: Transaction<Database>) => Promise<RateLimitResult>;
  /** Set on the last page when every answer is valid: submitted in the same transaction. */
  submit?: Submission;
}

export interface Submission {
  /** Every question of the survey and the response's final answers, by key. */
  questions: Q[];
  answers: AnswerValues;
  /** Runs in the same transaction, only when this call submits the response. */
  onSubmitted?: (trx: Transaction<Database>) => Promise<void>;
}

export type SavePageResult =
  | { outcome: "saved" | "submitted" | "already_submitted" }
  | { outcome: "refused"; limit: RateLimitResult };

// Free text is capped even when saved unvalidated ("Back", "Save"): a runaway paste
// should not fill the disk, and validation will ask for it to be shortened.
const HARD_TEXT_CAP = 20_000;

/**
 * Saves one page in one transaction: creates the response on first save (keyed by its
 * token, so a double submit reuses it), replaces this page's answers and, with `submit`,
 * submits it. Every transaction starts with a write, so a second process on the file
 * waits for it rather than failing on a read snapshot. Submitted answers never change:
 * a submitted response (or a token of another campaign) reports "already_submitted".
 */
export async function savePage(db: Db, input: SavePageInput): Promise<SavePageResult> {
  return db.transaction().execute(async (trx): Promise<SavePageResult> => {
    let responseId = input.existingId;
    let fresh = false;
    if (responseId === undefined) {
      const limit = await input.limitNew?.(trx);
      if (limit && !limit.allowed) return { outcome: "refused", limit };
      const created = await insertResponse(trx, input);
      if (created) {
        responseId = created.id;
        fresh = true;
      } else {
        // Made meanwhile by a second post of this form (a double click, two tabs).
        const other = await trx.selectFrom("responses").select(["id", "campaign_id"]).where("resume_token", "=", input.token).executeTakeFirstOrThrow();
        if (other.campaign_id !== input.campaignId) return { outcome: "already_submitted" };
        responseId = other.id;
      }
    }
    if (!fresh && !(await updateResponse(trx, responseId, input))) return { outcome: "already_submitted" };
    await writeAnswers(trx, responseId, input, fresh);
    if (!input.submit) return { outcome: "saved" };
    await countSubmittedResponse(trx, responseId);
    await input.submit.onSubmitted?.(trx);
    return { outcome: "submitted" };
  });
}

/** The columns every post sets on its response and, when it submits, the submission. */
function stamp(language: Language, now: Date, submitting: boolean) {
  const at = now.toISOString();
  // Online, the date completed is the day of submission (UTC, as every period).
  return { language, updated_at: at, ...(submitting ? { submitted_at: at, completed_on: at.slice(0, 10) } : {}) };
}

function reachedPage(input: SavePageInput): number {
  return Math.max(input.page, input.reachedPage ?? input.page);
}

/** The new response, or undefined when its token is already taken. */
function insertResponse(trx: Transaction<Database>, input: SavePageInput) {
  return trx
    .insertInto("responses")
    .values({
      campaign_id: input.campaignId,
      service_id: input.serviceId ?? null,
      channel: input.channel,
      resume_token: input.token,
      current_page: reachedPage(input),
      started_at: input.now.toISOString(),
      submitted_at: null,
      ...stamp(input.language, input.now, Boolean(input.submit)),
    })
    .onConflict((oc) => oc.column("resume_token").doNothing())
    .returning("id")
    .executeTakeFirst();
}

/** False when the response was submitted meanwhile: then nothing changes. */
async function updateResponse(trx: Transaction<Database>, responseId: number, input: SavePageInput): Promise<boolean> {
  const reached = reachedPage(input);
  const updated = await trx
    .updateTable("responses")
    .set((eb) => ({
      ...stamp(input.language, input.now, Boolean(input.submit)),
      current_page: eb.case().when("current_page", "<", reached).then(eb.val(reached)).else(eb.ref("current_page")).end(),
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
    }))
    .where("id", "=", responseId)
    .where("submitted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return updated !== undefined;
}

/**
 * This page's answers in place of the ones saved for its questions; on submission,
 * answers that the final answers hide (a follow-up whose condition was changed) go too.
 */
async function writeAnswers(trx: Transaction<Database>, responseId: number, input: SavePageInput, fresh: boolean): Promise<void> {
  const hidden = new Set(input.submit ? hiddenAnswerIds(input.submit) : []);
  const replaced = fresh ? [] : [...new Set([...input.questions.map((q) => q.id), ...hidden])];
  if (replaced.length > 0) {
    await trx.deleteFrom("answers").where("response_id", "=", responseId).where("question_id", "in", replaced).execute();
  }
  const rows = input.questions
    .filter((q) => !hidden.has(q.id))
    .flatMap((q) =>
      (input.values[q.key] ?? []).map((value) => ({
        response_id: responseId,
        question_id: q.id,
        value: isText(q.type) ? value.slice(0, HARD_TEXT_CAP) : value,
        score: scoreOf(q.type, value),
      })),
    );
  if (rows.length > 0) await trx.insertInto("answers").values(rows).execute();
}

/** Questions answered that the final answers hide. */
function hiddenAnswerIds({ questions, answers }: Pick<Submission, "questions" | "answers">): number[] {
  const visible = keepVisibleAnswers(questions, answers);
  return questions.filter((q) => answers[q.key] && !visible[q.key]).map((q) => q.id);
}
