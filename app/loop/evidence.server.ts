/**
 * The evidence a "You said" is drafted from (issue 5, item 2): comments chosen on a
 * survey's results page, or every response of a filtered cut of it. The selection travels
 * as a query string (`survey=3&answer=12&answer=15` or `survey=3&from=filter&campaign=2...`)
 * from the results page to /staff/loop/new and on in a hidden field to its action, and
 * is checked here each time: only comments and responses the user may read on that
 * results page can become evidence.
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import type { StaffUser } from "~/auth/permissions";
import { forbidden } from "~/auth/session.server";
import { formatDate } from "~/i18n/format";
import { pick } from "~/i18n/i18n";
import { responseIdsInCut } from "~/results/queries.server";
import { filterOf, parseResultsQuery, readableCut, type ResultsQuery } from "~/results/survey-page.server";

type Db = Kysely<Database>;

/** More comments than this in one "You said" is not a choice anyone made by hand. */
export const MAX_CHOSEN_COMMENTS = 200;

export type EvidenceSelection =
  | { surveyId: number; kind: "comments"; answerIds: number[] }
  | { surveyId: number; kind: "filter"; query: ResultsQuery };

function badRequest(): never {
  throw json({ reason: "bad_request" }, { status: 400 });
}

const positiveInt = (v: string) => (/^\d{1,12}$/.test(v) && Number(v) > 0 ? Number(v) : null);

/** The selection in a query string; null when it names no survey (a draft without evidence). A malformed one is a 400. */
export function parseEvidenceSelection(search: URLSearchParams): EvidenceSelection | null {
  const survey = search.get("survey");
  if (survey === null || survey === "") return null;
  const surveyId = positiveInt(survey);
  if (surveyId === null) badRequest();
  if (search.get("from") === "filter") return { surveyId, kind: "filter", query: parseResultsQuery(search) };
  const answers = search.getAll("answer").map(positiveInt);
  if (answers.length === 0 || answers.length > MAX_CHOSEN_COMMENTS || answers.some((a) => a === null)) badRequest();
  return { surveyId, kind: "comments", answerIds: [...new Set(answers as number[])] };
}

/** The selection as the query string it came in, for the hidden field of the draft form. */
export function selectionQuery(selection: EvidenceSelection): string {
  const params = new URLSearchParams({ survey: String(selection.surveyId) });
  if (selection.kind === "comments") for (const id of selection.answerIds) params.append("answer", String(id));
  else {
    params.set("from", "filter");
    for (const [k, v] of Object.entries(selection.query)) if (v !== undefined && k !== "comments_page") params.set(k, String(v));
  }
  return params.toString();
}

export interface ChosenComment {
  answerId: number;
  responseId: number;
  text: string;
  language: Language;
  question: { en: string; ur: string };
  serviceId: number | null;
  submittedAt: string;
}

export interface ResolvedEvidence {
  survey: { id: number; title: { en: string; ur: string } };
  kind: "comments" | "filter";
  /** The chosen comments (kind "comments"). */
  comments: ChosenComment[];
  /** What createDraft records. */
  evidence: { responseId: number; answerId: number | null }[];
  /** Distinct responses: how many families raised it. */
  families: number;
  /** The services the evidence is about (to suggest the lead service). */
  serviceIds: number[];
}

async function surveyOrBadRequest(db: Db, surveyId: number) {
  // The title of its latest version: the one the results page shows.
  const survey = await db
    .selectFrom("survey_versions")
    .select(["survey_id", "title_en", "title_ur"])
    .where("survey_id", "=", surveyId)
    .orderBy((eb) => eb.case().when("status", "=", "published").then(0).else(1).end())
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!survey) badRequest();
  return { id: survey.survey_id, title: { en: survey.title_en, ur: survey.title_ur } };
}

/**
 * Checks a selection against what the user may read and returns the evidence. Comments
 * that are not free-text answers of a submitted response to this survey are a 400;
 * comments about a service the user does not work for, and any selection by someone who
 * never reads comments (the PCF), are a 403.
 */
export async function resolveEvidence(db: Db, user: StaffUser, selection: EvidenceSelection): Promise<ResolvedEvidence> {
  if (!readableCut(user, { surveyId: selection.surveyId })) forbidden();
  const survey = await surveyOrBadRequest(db, selection.surveyId);
  if (selection.kind === "filter") {
    const q = selection.query;
    if (q.service !== undefined && user.role !== "admin" && !user.serviceIds.includes(q.service)) forbidden();
    const cut = readableCut(user, filterOf(selection.surveyId, q))!;
    const responseIds = await responseIdsInCut(db, cut.filter);
    const services = responseIds.length
      ? await db.selectFrom("responses").select("service_id").distinct().where("id", "in", responseIds.slice(0, 30_000)).execute()
      : [];
    return {
      survey,
      kind: "filter",
      comments: [],
      evidence: responseIds.map((responseId) => ({ responseId, answerId: null })),
      families: responseIds.length,
      serviceIds: services.map((s) => s.service_id).filter((id): id is number => id !== null),
    };
  }
  const rows = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .innerJoin("campaigns as c", "c.id", "r.campaign_id")
    .innerJoin("survey_versions as v", "v.id", "c.survey_version_id")
    .select(["a.id", "a.response_id", "a.value", "q.type", "q.text_en", "q.text_ur", "r.language", "r.service_id", "r.submitted_at", "r.voided_at", "v.survey_id"])
    .where("a.id", "in", selection.answerIds)
    .orderBy("r.submitted_at", "desc")
    .orderBy("a.id")
    .execute();
  const fits = (r: (typeof rows)[number]) =>
    r.survey_id === selection.surveyId && (r.type === "short_text" || r.type === "long_text") && r.submitted_at !== null && r.voided_at === null;
  if (rows.length !== selection.answerIds.length || !rows.every(fits)) badRequest();
  if (user.role !== "admin" && !rows.every((r) => r.service_id !== null && user.serviceIds.includes(r.service_id))) forbidden();
  const comments = rows.map(toChosenComment);
  return {
    survey,
    kind: "comments",
    comments,
    evidence: comments.map((c) => ({ responseId: c.responseId, answerId: c.answerId })),
    families: new Set(comments.map((c) => c.responseId)).size,
    serviceIds: [...new Set(comments.map((c) => c.serviceId).filter((id): id is number => id !== null))],
  };
}

type CommentRow = {
  id: number;
  response_id: number;
  value: string;
  text_en: string;
  text_ur: string;
  language: Language;
  service_id: number | null;
  submitted_at: string | null;
};

/** A row of answers joined to its question and submitted response. */
function toChosenComment(r: CommentRow): ChosenComment {
  return {
    answerId: r.id,
    responseId: r.response_id,
    text: r.value,
    language: r.language,
    question: { en: r.text_en, ur: r.text_ur },
    serviceId: r.service_id,
    submittedAt: r.submitted_at!,
  };
}

/** A comment as the pages show it, in the viewer's language. */
export interface CommentShown {
  text: string;
  language: Language;
  question: string;
  date: string;
}

export function showComment(c: Pick<ChosenComment, "text" | "language" | "question" | "submittedAt">, lng: Language): CommentShown {
  return { text: c.text, language: c.language, question: pick({ text_en: c.question.en, text_ur: c.question.ur }, "text", lng), date: formatDate(c.submittedAt, lng) };
}

/** The comments linked to an entry (for those who may read them), newest first. */
export async function linkedComments(db: Db, entryId: number): Promise<ChosenComment[]> {
  const rows = await db
    .selectFrom("loop_evidence as le")
    .innerJoin("answers as a", "a.id", "le.answer_id")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .innerJoin("responses as r", "r.id", "le.response_id")
    .select(["a.id", "a.response_id", "a.value", "q.text_en", "q.text_ur", "r.language", "r.service_id", "r.submitted_at"])
    .where("le.entry_id", "=", entryId)
    .where("r.submitted_at", "is not", null)
    // A voided (mis-keyed) form leaves the evidence as it leaves every figure.
    .where("r.voided_at", "is", null)
    .orderBy("r.submitted_at", "desc")
    .orderBy("a.id")
    .execute();
  return rows.map(toChosenComment);
}

/**
 * The evidence for the draft form: the selection in `search` (the page's address, or the
 * form's hidden field), checked, and as the page shows it. Only survey drafts have evidence.
 */
export async function evidenceForDraft(db: Db, user: StaffUser, search: URLSearchParams, lng: Language) {
  const selection = parseEvidenceSelection(search);
  if (!selection) return null;
  if (user.role === "pcf") forbidden();
  const resolved = await resolveEvidence(db, user, selection);
  return {
    resolved,
    query: selectionQuery(selection),
    view: {
      survey: resolved.survey.title[lng],
      kind: resolved.kind,
      families: resolved.families,
      comments: resolved.comments.map((c): CommentShown => showComment(c, lng)),
    },
  };
}

