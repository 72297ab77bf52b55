import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { languageFromRequest, pick } from "~/i18n/i18n";
import { POLICIES } from "~/rate-limit/policies";
import { refusalInit } from "~/rate-limit/responses.server";
import { hitForIp, type ClientLimits } from "~/rate-limit/store.server";
import { findRespondentCampaignBySlug, isCampaignOpen, type CampaignSurvey } from "~/surveys/surveys.server";
import { clearInvitationCookie, readInvitationCookie } from "~/campaigns/invitation-cookie";
import { findInvitationByToken, markInvitationCompleted } from "~/campaigns/invitations.server";
import {
  FORM_ERROR,
  SERVICE_FIELD,
  firstInvalidPage,
  neighbourPage,
  questionsOnPage,
  readPageValues,
  validateAnswers,
  visiblePages,
  type AnswerValues,
  type FieldErrors,
} from "./form";
import {
  findLinkedResponse,
  findResponseByToken,
  isWellFormedToken,
  loadAnswerValues,
  newResumeToken,
  savePage,
  type Submission,
} from "./responses.server";

type Db = Kysely<Database>;

/** What the survey page component renders, all in the respondent's language. */
export interface SurveyPageData {
  slug: string;
  title: string;
  intro: string | null;
  token: string;
  page: number;
  pageNumber: number;
  pageCount: number;
  isFirst: boolean;
  isLast: boolean;
  questions: {
    key: string;
    type: string;
    required: boolean;
    text: string;
    hint: string;
    options: { value: string; label: string }[];
  }[];
  serviceChoice: { options: { value: string; label: string }[] } | null;
  values: AnswerValues;
  errors: FieldErrors;
  /** Set when the page was reached by a resume link, so it can be shown again. */
  resumePath: string | null;
}

export interface SurveyPageErrorData {
  errors: FieldErrors;
  values: AnswerValues;
}

/** Guards against a body too large to be a survey page (mostly runaway pastes). */
const MAX_BODY_BYTES = 256 * 1024;

export function resumePath(slug: string, token: string, page?: number): string {
  return `/s/${slug}/r/${token}${page ? `?page=${page}` : ""}`;
}

/** A campaign open for answers; a 404 if unknown, a 410 (explained by the error page) if closed. */
export async function getOpenCampaignOr404(db: Db, slug: string, now: Date): Promise<CampaignSurvey> {
  const found = await findRespondentCampaignBySlug(db, slug);
  if (!found) throw json({ reason: "not_found" }, { status: 404 });
  if (!isCampaignOpen(found.campaign, now)) throw json({ reason: "closed" }, { status: 410 });
  return found;
}

/**
 * The invitation this device came from (a cookie set by /i/<token>), when it is one of
 * this campaign's: the campaign is narrowed to the invitation's service, so the
 * respondent is not asked which service. Nothing about it is stored with the response.
 */
async function withInvitation(db: Db, request: Request, cs: CampaignSurvey): Promise<{ cs: CampaignSurvey; invitationId: number | null }> {
  const invitation = await findInvitationByToken(db, readInvitationCookie(request));
  if (!invitation || invitation.campaign_id !== cs.campaign.id) return { cs, invitationId: null };
  const services = cs.services.filter((s) => s.id === invitation.service_id);
  return { cs: services.length ? { ...cs, services } : cs, invitationId: invitation.id };
}

/** As getOpenCampaignOr404, seen by this respondent (narrowed to their invitation's service). */
export async function getOpenCampaignForRespondent(db: Db, request: Request, slug: string, now: Date): Promise<CampaignSurvey> {
  return (await withInvitation(db, request, await getOpenCampaignOr404(db, slug, now))).cs;
}

/** The action of every survey page: the first (no token yet) and resumed ones. `cookieSecure` is `env.COOKIE_SECURE`. */
export async function surveyPageAction(
  db: Db,
  request: Request,
  slug: string,
  tokenFromUrl: string | null,
  cookieSecure: boolean,
  limits: ClientLimits,
) {
  const now = new Date();
  const cs = await getOpenCampaignOr404(db, slug, now);
  return handleSurveyPost(db, request, cs, tokenFromUrl, languageFromRequest(request), now, cookieSecure, limits);
}

function serviceFieldNeeded(cs: CampaignSurvey): boolean {
  return cs.services.length > 1;
}

function buildPageData(
  cs: CampaignSurvey,
  lng: Language,
  opts: { token: string; page: number; values: AnswerValues; serviceId: number | null; errors?: FieldErrors; resumable: boolean },
): SurveyPageData {
  const pages = visiblePages(cs.questions, opts.values);
  const pageIndex = Math.max(0, pages.indexOf(opts.page));
  const isFirst = pageIndex === 0;
  const values = { ...opts.values };
  if (opts.serviceId) values[SERVICE_FIELD] = [String(opts.serviceId)];
  return {
    slug: cs.campaign.slug,
    title: pick(cs.version, "title", lng),
    intro: isFirst ? pick(cs.version, "intro", lng) : null,
    token: opts.token,
    page: opts.page,
    pageNumber: pageIndex + 1,
    pageCount: pages.length,
    isFirst,
    isLast: pageIndex === pages.length - 1,
    questions: questionsOnPage(cs.questions, opts.page, opts.values).map((q) => ({
      key: q.key,
      type: q.type,
      required: Boolean(q.required),
      text: pick(q, "text", lng),
      hint: pick(q, "hint", lng),
      options: q.options.map((o) => ({ value: o.value, label: pick(o, "label", lng) })),
    })),
    serviceChoice:
      isFirst && serviceFieldNeeded(cs)
        ? { options: cs.services.map((s) => ({ value: String(s.id), label: pick(s, "name", lng) })) }
        : null,
    values,
    errors: opts.errors ?? {},
    resumePath: opts.resumable ? resumePath(cs.campaign.slug, opts.token) : null,
  };
}

/** The response a respondent's link names, with its survey's title; a clear 404 for anything unknown. */
export async function getLinkedResponseOr404(db: Db, slug: string, token: string) {
  const response = await findLinkedResponse(db, slug, token);
  if (!response) throw json({ reason: "unknown_link" }, { status: 404 });
  return { response, path: resumePath(response.slug, response.resume_token) };
}

/** The first page of a new response: a fresh token goes into the form. */
export function newSurveyPage(cs: CampaignSurvey, lng: Language): SurveyPageData {
  const first = visiblePages(cs.questions, {})[0] ?? 1;
  return buildPageData(cs, lng, { token: newResumeToken(), page: first, values: {}, serviceId: null, resumable: false });
}

/** A page of a response reached by its resume link; a submitted one goes to its confirmation. */
export async function resumedSurveyPage(
  db: Db,
  cs: CampaignSurvey,
  token: string,
  url: URL,
  lng: Language,
): Promise<SurveyPageData> {
  const response = await findResponseByToken(db, cs.campaign.id, token);
  if (!response) throw json({ reason: "unknown_link" }, { status: 404 });
  if (response.submitted_at) throw redirect(`${resumePath(cs.campaign.slug, token)}/done`);
  const values = await loadAnswerValues(db, response.id, cs.questions);
  const pages = visiblePages(cs.questions, values);
  const requested = Number(url.searchParams.get("page"));
  // A respondent may revisit any page up to the furthest they reached, never skip ahead.
  const reachable = pages.filter((p) => p <= response.current_page);
  const page = reachable.includes(requested) ? requested : (reachable.at(-1) ?? pages[0] ?? 1);
  let errors: FieldErrors | undefined;
  if (url.searchParams.get("check") === "1") {
    errors = validateAnswers(questionsOnPage(cs.questions, page, values), values);
    if (serviceFieldNeeded(cs) && pages.indexOf(page) === 0 && !response.service_id) {
      errors[SERVICE_FIELD] = { code: "required_choice" };
    }
  }
  return buildPageData(cs, lng, { token, page, values, serviceId: response.service_id, errors, resumable: true });
}

const INTENTS = ["next", "back", "save", "submit"] as const;
type Intent = (typeof INTENTS)[number];

/**
 * Handles every post of a survey page: save this page's answers, then move on,
 * go back, save for later or submit. Errors come back with the answers given.
 */
export async function handleSurveyPost(
  db: Db,
  request: Request,
  campaignSurvey: CampaignSurvey,
  tokenFromUrl: string | null,
  lng: Language,
  now: Date,
  cookieSecure: boolean,
  /** The limit on starting responses; absent only where a test drives this directly. */
  limits?: ClientLimits,
) {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY_BYTES) throw json({ reason: "too_large" }, { status: 413 });
  const { cs, invitationId } = await withInvitation(db, request, campaignSurvey);
  const form = await request.formData();
  const intentRaw = String(form.get("intent") ?? "next");
  const intent: Intent = (INTENTS as readonly string[]).includes(intentRaw) ? (intentRaw as Intent) : "next";

  const posted = form.get("token");
  const token = tokenFromUrl ?? (isWellFormedToken(posted) ? posted : newResumeToken());
  const existing = await findResponseByToken(db, cs.campaign.id, token);
  // A resume link must name a response; the first page's token makes one.
  if (tokenFromUrl && !existing) throw json({ reason: "unknown_link" }, { status: 404 });
  const done = `${resumePath(cs.campaign.slug, token)}/done`;
  if (existing?.submitted_at) return redirect(done);

  const saved = existing ? await loadAnswerValues(db, existing.id, cs.questions) : {};
  const postedPage = Number(form.get("page"));
  const pages = visiblePages(cs.questions, saved);
  const page = pages.includes(postedPage) ? postedPage : (pages[0] ?? 1);
  const onPage = questionsOnPage(cs.questions, page, saved);
  const values = readPageValues(form, onPage);

  // Which service the feedback is about: chosen on the first page when there are several.
  const isFirstPage = pages.indexOf(page) === 0;
  let serviceId: number | null | undefined;
  const serviceErrors: FieldErrors = {};
  if (cs.services.length === 1) serviceId = cs.services[0].id;
  else if (serviceFieldNeeded(cs) && isFirstPage) {
    const chosen = Number(form.get(SERVICE_FIELD));
    const match = cs.services.find((s) => s.id === chosen);
    if (match) serviceId = match.id;
    else serviceErrors[SERVICE_FIELD] = { code: form.get(SERVICE_FIELD) ? "invalid_choice" : "required_choice" };
  }

  const validate = intent === "next" || intent === "submit";
  const errors: FieldErrors = validate ? { ...serviceErrors, ...validateAnswers(onPage, values) } : {};
  // The page comes back with every answer given: on errors (400), or refused by the limit
  // on starting responses (429, nothing stored).
  const showAgain = (init: ResponseInit) => {
    const shown: AnswerValues = { ...values };
    const posted = form.get(SERVICE_FIELD);
    if (typeof posted === "string" && posted) shown[SERVICE_FIELD] = [posted];
    return json({ errors, values: shown, token } satisfies SurveyPageErrorData & { token: string }, init);
  };
  if (Object.keys(errors).length > 0) return showAgain({ status: 400 });

  const answers = { ...saved };
  for (const q of onPage) {
    if (values[q.key]) answers[q.key] = values[q.key];
    else delete answers[q.key];
  }
  const next = neighbourPage(cs.questions, answers, page, 1);
  // Last page: check the whole survey (an earlier answer may have revealed a required
  // question); complete, it is submitted in the transaction that saves this page.
  const lastPage = validate && next === undefined;
  const invalid = lastPage ? firstInvalidPage(cs.questions, answers) : undefined;
  const submit: Submission | undefined =
    lastPage && (invalid === undefined || invalid === page)
      ? // The invitation records only the day it was completed, in the same transaction.
        { questions: cs.questions, answers, onSubmitted: invitationId === null ? undefined : (trx) => markInvitationCompleted(trx, invitationId, now) }
      : undefined;

  const result = await savePage(db, {
    campaignId: cs.campaign.id,
    token,
    language: lng,
    // How it came in, never which invitation: the response holds no link to it.
    channel: invitationId !== null ? "invitation" : "open_link",
    serviceId: serviceId ?? (existing ? undefined : null),
    page,
    reachedPage: validate && next !== undefined ? next : page,
    questions: onPage,
    values,
    now,
    existingId: existing?.id,
    // A page that would create the response counts against its client's limit.
    limitNew: limits ? (trx) => hitForIp(trx, POLICIES.responseStartPerIp, limits, now) : undefined,
    submit,
  });
  if (result.outcome === "refused") {
    errors[FORM_ERROR] = { code: "too_many_requests", retryAfterSeconds: result.limit.retryAfterSeconds };
    return showAgain(refusalInit(result.limit));
  }
  if (result.outcome === "already_submitted") return redirect(done);
  if (result.outcome === "submitted") {
    return invitationId === null ? redirect(done) : redirect(done, { headers: { "Set-Cookie": clearInvitationCookie(cs.campaign.slug, cookieSecure) } });
  }

  if (intent === "save") return redirect(`${resumePath(cs.campaign.slug, token)}/saved`);
  if (intent === "back") {
    const previous = neighbourPage(cs.questions, answers, page, -1) ?? page;
    return redirect(resumePath(cs.campaign.slug, token, previous));
  }
  if (next !== undefined) return redirect(resumePath(cs.campaign.slug, token, next));
  return redirect(`${resumePath(cs.campaign.slug, token, invalid)}&check=1`);
}
