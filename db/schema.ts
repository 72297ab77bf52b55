import type { Generated, Insertable, Selectable } from "kysely";

/** Languages every respondent-visible text exists in. */
export const LANGUAGES = ["en", "ur"] as const;
export type Language = (typeof LANGUAGES)[number];

export const ORGANISATION_KINDS = [
  "local_authority",
  "health",
  "childrens_trust",
  "education",
  "voluntary",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LOCALITIES = ["north", "south", "east", "west", "central", "city_wide"] as const;
export type Locality = (typeof LOCALITIES)[number];

export const SURVEY_KINDS = ["parent", "young_person", "setting", "partner", "co_assessment"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const QUESTION_TYPES = [
  "satisfaction",
  "agreement",
  "single_choice",
  "multiple_choice",
  "yes_no_not_sure",
  "short_text",
  "long_text",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * How a response came in (never which invitation): `invitation` through a personal link,
 * `open_link` through the campaign's link or QR code; the others keyed in by staff.
 */
export const CHANNELS = ["invitation", "open_link", "paper", "phone", "interpreted"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  kind: OrganisationKind;
  name_en: string;
  name_ur: string;
}

export interface ServiceTable {
  id: Generated<number>;
  slug: string;
  organisation_id: number;
  locality: Locality | null;
  name_en: string;
  name_ur: string;
}

/** A survey is the stable identity; its content lives in versions. */
export interface SurveyTable {
  id: Generated<number>;
  slug: string;
  kind: SurveyKind;
  created_at: string;
}

export interface SurveyVersionTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  status: "draft" | "published";
  title_en: string;
  title_ur: string;
  intro_en: string;
  intro_ur: string;
  /** The English each Urdu text was translated from; differs from `_en` when the Urdu is stale. */
  title_ur_source: string;
  intro_ur_source: string;
  /** Stable key of the headline satisfaction question (the KPI). */
  headline_question_key: string | null;
  created_at: string;
  published_at: string | null;
}

export interface QuestionTable {
  id: Generated<number>;
  survey_version_id: number;
  /** Stable within a survey across versions, e.g. "overall". */
  key: string;
  position: number;
  page: number;
  type: QuestionType;
  required: number;
  text_en: string;
  text_ur: string;
  hint_en: string;
  hint_ur: string;
  text_ur_source: string;
  hint_ur_source: string;
  /** Shown only when the question with this key (on an earlier page) ... */
  show_if_key: string | null;
  /** ... has this value (for multiple choice: includes it). */
  show_if_value: string | null;
  /** 1: a question about the respondent (ethnicity, the child's needs): its small answer counts are hidden even in a large group. */
  about_you: Generated<number>;
}

export interface QuestionOptionTable {
  id: Generated<number>;
  question_id: number;
  position: number;
  value: string;
  label_en: string;
  label_ur: string;
  label_ur_source: string;
}

export interface CampaignTable {
  id: Generated<number>;
  slug: string;
  survey_version_id: number;
  name_en: string;
  name_ur: string;
  opens_at: string;
  closes_at: string;
  anonymous: Generated<number>;
  /** Paper forms handed out etc.: the return-rate denominator without invitations. */
  eligible_count: number | null;
  /** Days after each invitation when a reminder goes to non-completers, e.g. "7,14"; empty for none. */
  reminder_days: Generated<string>;
  created_at: string;
}

export interface CampaignServiceTable {
  campaign_id: number;
  service_id: number;
}

/** Forms handed out by one service of a campaign: the eligible count recorded per service (instead of one total). */
export interface CampaignEligibleCountTable {
  campaign_id: number;
  service_id: number;
  eligible_count: number;
}

export interface ResponseTable {
  id: Generated<number>;
  campaign_id: number;
  service_id: number | null;
  language: Language;
  channel: Channel;
  /** Unguessable; the respondent's save-and-resume link. */
  resume_token: string;
  /** The page the respondent reached, to resume where they left off. */
  current_page: number;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** The staff member who keyed in a paper, phone or interpreted response. Never the respondent. */
  keyed_by_user_id: number | null;
  /**
   * YYYY-MM-DD, null until submitted: the date every figure uses. Online, the day of
   * submission (UTC); keyed, the date the form was completed, not the day it was keyed.
   */
  completed_on: string | null;
  /** A voided keyed response leaves every figure; the row stays with who, when and why. */
  voided_at: string | null;
  voided_by_user_id: number | null;
  void_reason: string | null;
  /** The tally this paper response was made from (a stack of forms counted by headline answer); null otherwise. */
  tally_id: number | null;
}

/**
 * A stack of paper forms entered as counts of the headline answer for one service, month
 * and language (DESIGN.md "Response"). It made `total` paper responses (`responses.tally_id`);
 * voiding it voids them all. At most one live tally per campaign, service, month and language.
 */
export interface TallyTable {
  id: Generated<number>;
  campaign_id: number;
  service_id: number;
  /** YYYY-MM. */
  month: string;
  language: Language;
  /** JSON object of headline answer value ("5".."1", "dont_know") → count, as typed. */
  counts_json: string;
  total: number;
  keyed_by_user_id: number;
  created_at: string;
  voided_at: string | null;
  voided_by_user_id: number | null;
  void_reason: string | null;
}

export const KEYED_AUDIT_ACTIONS = ["corrected", "voided"] as const;
export type KeyedAuditAction = (typeof KEYED_AUDIT_ACTIONS)[number];

/** Every correction or void of a keyed response: who, when, why, and the form before and after. */
export interface KeyedResponseAuditTable {
  id: Generated<number>;
  response_id: number;
  campaign_id: number;
  user_id: number;
  at: string;
  action: KeyedAuditAction;
  reason: string | null;
  /** JSON: the response's date completed, channel, language, service and answers. */
  before_json: string;
  /** JSON as `before_json`; null for a void. */
  after_json: string | null;
}

export interface AnswerTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  /** Option value, scale point ("1".."5" or "dont_know") or free text. One row per chosen option. */
  value: string;
  /** 1..5 for scale answers, null for "dont_know" and everything else. */
  score: number | null;
}

export const ROLES = ["admin", "pcf", "board", "service_lead", "service_member"] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: Generated<number>;
  /** Stored lower-case. */
  email: string;
  name: string;
  /** scrypt: "scrypt$N$r$p$salt$hash" (base64url). Never a plain password. */
  password_hash: string;
  role: Role;
  active: Generated<number>;
  created_at: string;
}

/** Which services a service lead or member belongs to. */
export interface UserServiceTable {
  user_id: number;
  service_id: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie's random token: a stolen database cannot sign anyone in. */
  id: string;
  user_id: number;
  csrf_token: string;
  /** A one-time confirmation message shown on the next page. */
  flash: string | null;
  created_at: string;
  expires_at: string;
}

/**
 * A personal invitation. For an anonymous campaign nothing links it to a response:
 * it only records that (and in which month) it was completed.
 */
export interface InvitationTable {
  id: Generated<number>;
  campaign_id: number;
  service_id: number;
  email: string;
  language: Language;
  /** Unguessable; the link /i/<token>. */
  token: string;
  created_at: string;
  /** When the mail relay accepted the invitation email; null while it is queued or failed (DESIGN "Delivered"). */
  sent_at: string | null;
  /** A refusal at sending, or a bounce from the relay's bounce list, since it was accepted. */
  bounced_at: string | null;
  /**
   * The month (YYYY-MM) it was completed, no finer: a day or a time could be matched to a
   * response (DESIGN.md "Anonymity"; migration 010). The name is older than the rule.
   */
  completed_on: string | null;
  opted_out_at: string | null;
  last_reminded_at: string | null;
  reminder_count: Generated<number>;
}

/** A round of reminders: by hand, or scheduled N days after invitation. */
export interface ReminderRoundTable {
  id: Generated<number>;
  campaign_id: number;
  kind: "manual" | "scheduled";
  /** For scheduled rounds: days after the invitation was sent. */
  day_offset: number | null;
  sent_at: string;
  recipient_count: number;
  created_by_user_id: number | null;
}

/** Which invitation each reminder round reached (so a scheduled reminder is never sent twice). */
export interface InvitationReminderTable {
  invitation_id: number;
  reminder_round_id: number;
  day_offset: number | null;
}

/** "sending" is a claim by one sender, so two senders never deliver the same message. */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Every email is written here first; the sender delivers it with retries. */
export interface OutboxTable {
  id: Generated<number>;
  /** e.g. "invitation", "reminder", "loop_overdue", "loop_publication" (labels in locales mail:kinds). */
  kind: string;
  to_address: string;
  language: Language;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of extra headers, e.g. List-Unsubscribe. */
  headers_json: Generated<string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  message_id: string | null;
  /** The invitation an invitation or reminder email is for, so a bounce marks it undelivered. */
  invitation_id: number | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * Results rollup (docs/decisions/008-results-rollup.md): how many submitted answers have each
 * value, per question, campaign, month, service, language, channel and respondent role.
 * Added to in the transaction that submits a response; `rebuildRollup` recounts it.
 */
export interface AnswerCountTable {
  question_id: number;
  campaign_id: number;
  /** YYYY-MM of the response's completed_on (the date it was completed). */
  month: string;
  /** 0 when the response has no service. */
  service_id: number;
  language: Language;
  channel: Channel;
  /** co_assessment surveys: the answer to the question keyed "role"; otherwise "". */
  role: string;
  /** The option or scale value; "" counts responses that answered a text or multiple-choice question. */
  value: string;
  n: number;
}

/** Submitted responses per campaign, month, service, language and channel. */
export interface ResponseCountTable {
  campaign_id: number;
  month: string;
  service_id: number;
  language: Language;
  channel: Channel;
  n: number;
}

// ---- The loop: "You Said, We Did" ----

export const LOOP_STATUSES = ["draft", "open", "closed", "published", "discarded"] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];
export const LOOP_OUTCOMES = ["done", "partly_done", "not_possible"] as const;
export type LoopOutcome = (typeof LOOP_OUTCOMES)[number];
export const LOOP_SOURCES = ["survey", "forum"] as const;
export type LoopSource = (typeof LOOP_SOURCES)[number];
export const LOOP_RATINGS = ["yes", "partly", "no"] as const;
export type LoopRating = (typeof LOOP_RATINGS)[number];
export const LOOP_REMINDER_KINDS = ["due_soon", "overdue", "escalation"] as const;
export type LoopReminderKind = (typeof LOOP_REMINDER_KINDS)[number];

/** A "You said" and what was done about it. Moves only through app/loop/loop.server.ts. */
export interface LoopEntryTable {
  id: Generated<number>;
  lead_service_id: number;
  /** The term the feedback belongs to, e.g. "2026-autumn". */
  period: string;
  /** A code from app/loop/themes.ts. */
  theme: string;
  source: LoopSource;
  /** The survey the evidence came from (source "survey"). */
  survey_id: number | null;
  /** Source "forum": how many families raised it, as the PCF counted them. */
  forum_families: number | null;
  you_said_en: string;
  you_said_ur: string;
  /** For outcome "not possible" this is the reason, published as honestly as a success. */
  we_did_en: string | null;
  we_did_ur: string | null;
  owner_id: number | null;
  /** YYYY-MM-DD, the last day to close out. */
  due_on: string | null;
  status: LoopStatus;
  outcome: LoopOutcome | null;
  /** Internal outcome and impact note, required at close-out. */
  outcome_note: string | null;
  /** What changed (required when the outcome claims a change). */
  change_evidence: string | null;
  /** YYYY-MM-DD the change took effect. */
  change_from: string | null;
  created_by: number;
  created_at: string;
  opened_at: string | null;
  /** The latest close-out (a send-back clears it). */
  closed_at: string | null;
  published_at: string | null;
  /** Set when an open entry was published as "We are doing". */
  published_open_at: string | null;
  discarded_at: string | null;
}

/** Contributing services: the entry shows in their queues too. */
export interface LoopEntryServiceTable {
  entry_id: number;
  service_id: number;
}

/** The responses (and chosen comments) a "You said" came from. Never shown publicly. */
export interface LoopEvidenceTable {
  id: Generated<number>;
  entry_id: number;
  response_id: number;
  answer_id: number | null;
}

/** The audit trail: every transition and change, with who, when and why. */
export interface LoopEventTable {
  id: Generated<number>;
  entry_id: number;
  at: string;
  /** Null for the public (a family's request) and the system. */
  user_id: number | null;
  action: string;
  from_status: LoopStatus | null;
  to_status: LoopStatus | null;
  reason: string | null;
  detail: string | null;
  /** JSON array of { field, before, after }: every text the event changed (app/loop/audit.ts). */
  changes: string | null;
}

/** A dated update to a published entry (published entries are never silently edited). */
export interface LoopUpdateTable {
  id: Generated<number>;
  entry_id: number;
  body_en: string;
  body_ur: string;
  created_at: string;
  created_by: number;
}

/** "Did this help?" answers: anonymous, nothing about who answered. */
export interface LoopRatingTable {
  id: Generated<number>;
  entry_id: number;
  rating: LoopRating;
  rated_at: string;
}

/** A family's request to look at a published entry again; goes to the PCF's queue. */
export interface LoopReviewTable {
  id: Generated<number>;
  entry_id: number;
  reason: string;
  language: Language;
  asked_at: string;
  dealt_at: string | null;
  dealt_by: number | null;
  dealt_note: string | null;
}

/** Families who asked to hear when entries are published. Kept apart from survey answers. */
export interface LoopSubscriptionTable {
  id: Generated<number>;
  email: string;
  language: Language;
  /** Null: every service. */
  service_id: number | null;
  /** Unguessable; confirms and unsubscribes. */
  token: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

/** Owner reminders and lead escalations sent, once per entry, kind and due date. */
export interface LoopReminderTable {
  entry_id: number;
  kind: LoopReminderKind;
  due_on: string;
  sent_at: string;
}

/** A rate limit's counter (app/rate-limit): hits in a fixed window, under a hashed key. */
export interface RateLimitTable {
  /** SHA-256 (hex) of the policy's scope and its subject: never a raw IP or email address. */
  key: string;
  window_start: string;
  hits: number;
  /** The window's end (ISO 8601); the row means nothing after it and is purged. */
  expires_at: string;
}

/** One row (id 1): how many times the results rollup has changed (migration 013). */
export interface RollupGenerationTable {
  id: number;
  n: number;
}

/**
 * One row (id 1): how many times what the public pages show has changed (migration 014:
 * triggers on the loop's tables, services and organisations add to it).
 */
export interface PublicGenerationTable {
  id: number;
  n: number;
}

export interface Database {
  organisations: OrganisationTable;
  services: ServiceTable;
  surveys: SurveyTable;
  survey_versions: SurveyVersionTable;
  questions: QuestionTable;
  question_options: QuestionOptionTable;
  campaigns: CampaignTable;
  campaign_services: CampaignServiceTable;
  campaign_eligible_counts: CampaignEligibleCountTable;
  responses: ResponseTable;
  answers: AnswerTable;
  users: UserTable;
  user_services: UserServiceTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  reminder_rounds: ReminderRoundTable;
  invitation_reminders: InvitationReminderTable;
  outbox: OutboxTable;
  answer_counts: AnswerCountTable;
  response_counts: ResponseCountTable;
  loop_entries: LoopEntryTable;
  loop_entry_services: LoopEntryServiceTable;
  loop_evidence: LoopEvidenceTable;
  loop_events: LoopEventTable;
  loop_updates: LoopUpdateTable;
  loop_ratings: LoopRatingTable;
  loop_reviews: LoopReviewTable;
  loop_subscriptions: LoopSubscriptionTable;
  loop_reminders: LoopReminderTable;
  rate_limits: RateLimitTable;
  rollup_generation: RollupGenerationTable;
  public_generation: PublicGenerationTable;
  keyed_response_audit: KeyedResponseAuditTable;
  tallies: TallyTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type Service = Selectable<ServiceTable>;
export type Survey = Selectable<SurveyTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type Question = Selectable<QuestionTable>;
export type QuestionOption = Selectable<QuestionOptionTable>;
export type Campaign = Selectable<CampaignTable>;
export type Response = Selectable<ResponseTable>;
export type Answer = Selectable<AnswerTable>;
export type NewResponse = Insertable<ResponseTable>;
export type User = Selectable<UserTable>;
export type Invitation = Selectable<InvitationTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type NewOutboxMessage = Insertable<OutboxTable>;
export type LoopEntry = Selectable<LoopEntryTable>;
export type LoopEvent = Selectable<LoopEventTable>;
export type Tally = Selectable<TallyTable>;
