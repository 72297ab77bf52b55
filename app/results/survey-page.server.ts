/**
 * One survey's results page (/staff/results/surveys/:id) and its CSV files: the headline
 * figure, the return rate, the trend by term, every question's answers and, for admins
 * and the service's own staff, the comments, all for the cut the filters pick.
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import { CHANNELS, LANGUAGES, LOCALITIES, type Channel, type Database, type Language, type Locality, type SurveyKind } from "@db/schema";
import { forbidden } from "~/auth/session.server";
import { isServiceRole, type StaffUser } from "~/auth/permissions";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n";
import { parseMonthKey, parseTermKey } from "./periods";
import {
  campaignsWithInvitations,
  comments as queryComments,
  filterOptions,
  headlineByPeriod,
  questionDistributions,
  responseIdsInCut,
  type ResultsFilter,
} from "./queries.server";
import { returnRateCsvRows, returnRateView, type ReturnRateView } from "./return-rate-view";
import { returnRates } from "./return-rates.server";
import type { CsvCell } from "./csv";
import {
  channelLabel,
  countCsvCell,
  figureCsvCells,
  languageLabel,
  monthLabel,
  periodLabel,
  questionView,
  shareCsvCell,
  textOf,
  trendOf,
  type QuestionView,
} from "./results-page.server";
import type { Cut, PeriodCut, SourceCut } from "./disclosure";
import { consistentWithRollup, disclosureOfKind, placeOf } from "./disclosure.server";
import { hiddenWithCut, visibilityFor } from "./suppression";
import type { CountCell, Figure, MonthKey, TermKey, Visibility } from "./types";
import type { TrendPoint } from "./ui/charts";

type Db = Kysely<Database>;

/** Comments shown per page. */
export const COMMENTS_PER_PAGE = 50;

const id = z.coerce.number().int().positive();
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

/**
 * The filters as they come in the address (a GET form): every one optional; a value that
 * is not a possible choice is read as "all" rather than an error (it only comes from an
 * edited address).
 */
export const ResultsQuerySchema = z.object({
  campaign: optional(id),
  service: optional(id),
  organisation: optional(id),
  locality: optional(z.enum(LOCALITIES)),
  language: optional(z.enum(LANGUAGES)),
  channel: optional(z.enum(CHANNELS)),
  period: optional(z.string().refine((v) => parseTermKey(v) !== null || parseMonthKey(v) !== null)),
  comments_page: optional(id),
});
export type ResultsQuery = z.infer<typeof ResultsQuerySchema>;

export function parseResultsQuery(search: URLSearchParams): ResultsQuery {
  const raw = Object.fromEntries([...search.entries()].filter(([, v]) => v !== ""));
  return ResultsQuerySchema.parse(raw);
}

/** The cut the queries take, from the parsed filters. */
export function filterOf(surveyId: number, q: ResultsQuery): ResultsFilter {
  return {
    surveyId,
    campaignId: q.campaign,
    serviceIds: q.service !== undefined ? [q.service] : undefined,
    organisationId: q.organisation,
    locality: q.locality,
    language: q.language,
    channel: q.channel,
    period: q.period ? { type: parseTermKey(q.period) ? "term" : "month", key: q.period } : undefined,
  };
}

/** The filters as a query string, for links to the CSV files and to other comment pages. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export interface Choice {
  value: string;
  label: string;
}

export interface FilterView {
  values: Record<"campaign" | "service" | "organisation" | "locality" | "language" | "channel" | "period", string>;
  campaigns: Choice[];
  services: Choice[];
  organisations: Choice[];
  localities: Choice[];
  languages: Choice[];
  channels: Choice[];
  terms: Choice[];
  months: Choice[];
  /** Service staff choose among their own services only. */
  ownServicesOnly: boolean;
}

export type { ReturnRateView };

export interface CommentView {
  /** For choosing comments as the evidence of a "You said" (app/loop/evidence.server.ts). */
  answerId: number;
  question: string;
  text: string;
  language: Language;
  service: string | null;
  date: string;
}

export interface SurveyResultsView {
  survey: { id: number; slug: string; kind: SurveyKind; title: string };
  visibility: Visibility;
  threshold: number;
  filters: FilterView;
  /** Labels of the filters in use, for the page's summary and the CSV files. */
  cutDescription: { name: string; value: string }[];
  headline: { question: string; positive: Figure; negative: Figure; dontKnow: CountCell; answered: CountCell } | null;
  returnRate: ReturnRateView;
  trend: TrendPoint[];
  questions: QuestionView[];
  /** Null: this viewer never sees comments (board, PCF). */
  comments: {
    total: number;
    page: number;
    pages: number;
    items: CommentView[];
    fromServices: "all" | "own";
    /** Submitted responses in the cut this viewer may read: a "You said" may be drafted from all of them. */
    responses: number;
  } | null;
}

/** A 404 for an id that names no survey. */
function notFound(): never {
  throw json({ reason: "not_found" }, { status: 404 });
}

/** The survey id in an address, or a 404 for anything that is not one. */
export function surveyIdOr404(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function headlineKeyOf(db: Db, surveyId: number): Promise<string | null> {
  const row = await db
    .selectFrom("survey_versions")
    .select("headline_question_key")
    .where("survey_id", "=", surveyId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .executeTakeFirst();
  return row?.headline_question_key ?? null;
}

/** The services the survey's campaigns (or one of them) are for. */
export async function servicesOfCampaigns(db: Db, surveyId: number, campaignId: number | undefined): Promise<number[]> {
  const rows = await db
    .selectFrom("campaign_services as cs")
    .innerJoin("campaigns as c", "c.id", "cs.campaign_id")
    .innerJoin("survey_versions as v", "v.id", "c.survey_version_id")
    .select("cs.service_id")
    .distinct()
    .where("v.survey_id", "=", surveyId)
    .$if(campaignId !== undefined, (q) => q.where("c.id", "=", campaignId!))
    .execute();
  return rows.map((r) => r.service_id);
}

/** The results view, built from one consistent reading of the rollup (disclosure.server.ts `consistentWithRollup`). */
export async function loadSurveyResults(...args: Parameters<typeof buildSurveyResults>): ReturnType<typeof buildSurveyResults> {
  return consistentWithRollup(args[0], () => buildSurveyResults(...args));
}

/**
 * Everything the survey results page shows, for this viewer and these filters. Service
 * staff may pick only their own services (another service's id is a 403); figures about
 * other services, or all of them together, are hidden from them under the threshold as
 * from the board.
 */
async function buildSurveyResults(
  db: Db,
  viewer: StaffUser,
  surveyId: number,
  search: URLSearchParams,
  lng: Language,
  threshold: number,
  opts: { allComments?: boolean } = {},
): Promise<SurveyResultsView> {
  const t = getFixedT(lng, "results");
  const all = await filterOptions(db, { surveyId });
  const survey = all.surveys.find((s) => s.id === surveyId);
  if (!survey) notFound();
  const q = parseResultsQuery(search);
  const serviceStaff = isServiceRole(viewer.role);
  if (q.service !== undefined && serviceStaff && !viewer.serviceIds.includes(q.service)) forbidden();

  // Choices: only what this survey has; a value that is not among them reads as "all".
  const surveyServices = new Set(await servicesOfCampaigns(db, surveyId, undefined));
  const offeredServices = all.services.filter((s) => surveyServices.has(s.id) && (!serviceStaff || viewer.serviceIds.includes(s.id)));
  const offeredOrganisations = all.organisations.filter((o) => offeredServices.some((s) => s.organisationId === o.id));
  const offeredLocalities = [...new Set(offeredServices.map((s) => s.locality).filter((l): l is Locality => l !== null))].sort();
  if (q.campaign !== undefined && !all.campaigns.some((c) => c.id === q.campaign)) q.campaign = undefined;
  if (q.service !== undefined && !offeredServices.some((s) => s.id === q.service)) q.service = undefined;
  if (q.organisation !== undefined && !offeredOrganisations.some((o) => o.id === q.organisation)) q.organisation = undefined;
  if (q.locality !== undefined && !offeredLocalities.includes(q.locality)) q.locality = undefined;
  const periods = q.campaign !== undefined ? await filterOptions(db, { surveyId, campaignId: q.campaign }) : all;

  const filter = filterOf(surveyId, q);
  // Which services the figures are about: the visibility of everything on the page.
  const cutServices = (await servicesOfCampaigns(db, surveyId, q.campaign)).filter((sid) => {
    const s = all.services.find((x) => x.id === sid);
    return (
      s !== undefined &&
      (q.service === undefined || s.id === q.service) &&
      (q.organisation === undefined || s.organisationId === q.organisation) &&
      (q.locality === undefined || s.locality === q.locality)
    );
  });
  const visibility = visibilityFor(viewer, cutServices);
  // Which cuts are hidden, worked out across every page that shows them (decision 017).
  const plan = await disclosureOfKind(db, survey.kind, threshold);
  const source: SourceCut = q.campaign !== undefined ? { level: "campaign", id: q.campaign } : { level: "survey", id: surveyId };
  const place = placeOf(q, all.services);
  const cutOf = (period: PeriodCut, channel: Cut["channel"] = q.channel ?? "all"): Cut | null =>
    place && { source, place, period, language: q.language ?? "all", channel };
  const hiddenCut = (c: Cut | null) => c !== null && plan.isHidden(c);
  const cutHidden = hiddenCut(cutOf(periodCutOf(q.period)));
  const aboutYou = await aboutYouKeysOf(db, surveyId);

  const headlineKey = await headlineKeyOf(db, surveyId);
  const questions = (await questionDistributions(db, filter)).map((d) =>
    questionView(d, lng, { cutHidden, aboutYou: aboutYou.has(d.key), visibility, threshold }),
  );
  const headlineQuestion = questions.find((x) => x.key === headlineKey && x.positive !== null);
  const trend = trendOf(await headlineByPeriod(db, { ...filter, period: undefined }, "term"), lng, visibility, threshold, (term) =>
    hiddenCut(cutOf({ level: "term", key: term as TermKey })),
  );
  const returns = await returnRates(db, filter);

  const pickName = (x: { name: { en: string; ur: string } }) => textOf(x.name, lng);
  const filters: FilterView = {
    values: {
      campaign: q.campaign?.toString() ?? "",
      service: q.service?.toString() ?? "",
      organisation: q.organisation?.toString() ?? "",
      locality: q.locality ?? "",
      language: q.language ?? "",
      channel: q.channel ?? "",
      period: q.period ?? "",
    },
    campaigns: all.campaigns.map((c) => ({ value: String(c.id), label: pickName(c) })),
    services: offeredServices.map((s) => ({ value: String(s.id), label: pickName(s) })),
    organisations: offeredOrganisations.map((o) => ({ value: String(o.id), label: pickName(o) })),
    // i18n-dynamic: admin:localities.
    localities: offeredLocalities.map((l) => ({ value: l, label: getFixedT(lng, "admin")(`localities.${l}`) })),
    languages: LANGUAGES.map((l) => ({ value: l, label: languageLabel(l, lng) })),
    channels: CHANNELS.map((c) => ({ value: c, label: channelLabel(c, lng) })),
    terms: periods.terms.map((k) => ({ value: k, label: periodLabel(k, lng) })),
    months: periods.months.map((k) => ({ value: k, label: periodLabel(k, lng) })),
    ownServicesOnly: serviceStaff,
  };
  if (q.period && !periods.terms.includes(q.period as never) && !periods.months.includes(q.period as never)) {
    filters.terms.push({ value: q.period, label: periodLabel(q.period, lng) });
  }
  const labelOf = (list: Choice[], value: string) => list.find((c) => c.value === value)?.label ?? value;
  const cutDescription = (
    [
      ["campaign", filters.campaigns],
      ["service", filters.services],
      ["organisation", filters.organisations],
      ["locality", filters.localities],
      ["language", filters.languages],
      ["channel", filters.channels],
      ["period", [...filters.terms, ...filters.months]],
    ] as const
  )
    .filter(([name]) => filters.values[name] !== "")
    // i18n-dynamic: results:filters.
    .map(([name, list]) => ({ name: t(`filters.${name}`), value: labelOf([...list], filters.values[name]) }));

  return {
    survey: { id: survey.id, slug: survey.slug, kind: survey.kind, title: textOf(survey.title, lng) },
    visibility,
    threshold,
    filters,
    cutDescription,
    headline: headlineQuestion
      ? {
          question: headlineQuestion.text,
          positive: headlineQuestion.positive!,
          negative: headlineQuestion.negative!,
          dontKnow: headlineQuestion.dontKnow!,
          answered: headlineQuestion.answered,
        }
      : null,
    returnRate: hideReturnRateWithCut(returnRateView(returns, visibility, threshold, lng, filter), visibility, threshold, (channel) =>
      hiddenCut(cutOf(periodCutOf(q.period), channel)),
    ),
    trend,
    questions,
    comments: await commentsFor(db, viewer, filter, opts.allComments ? null : (q.comments_page ?? 1), lng, all.services),
  };
}

/** The period filter as a cut. */
export function periodCutOf(period: string | undefined): PeriodCut {
  if (!period) return { level: "all" };
  return parseTermKey(period) ? { level: "term", key: period as TermKey } : { level: "month", key: period as MonthKey };
}

/** Keys of the survey's questions marked "about you" (in any version). */
export async function aboutYouKeysOf(db: Db, surveyId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("survey_versions as v", "v.id", "q.survey_version_id")
    .select("q.key")
    .distinct()
    .where("v.survey_id", "=", surveyId)
    .where("q.about_you", "=", 1)
    .execute();
  return new Set(rows.map((r) => r.key));
}

/**
 * A return rate of a hidden cut is hidden with it: its numerator is the cut's respondents.
 * `isHidden` says whether the cut ("all" channels, or one channel of it) is hidden. The
 * combined rate counts only the channels with a denominator, so it is hidden too when one
 * of them is: with one such channel it is that channel's rate, and the cut's respondents
 * minus its numerator would give the channels left out.
 */
export function hideReturnRateWithCut(
  view: ReturnRateView,
  visibility: Visibility,
  threshold: number,
  isHidden: (channel: Channel | "all") => boolean,
): ReturnRateView {
  // A rate's numerator is a group of respondents too, and so are the responses of its channel
  // left out for want of a denominator: together they are the channel's respondents, so a
  // channel whose counted or left-out responses are 1 to k−1 hides both (else 4 paper forms
  // of the one campaign with an eligible count show as "4 of 1,350").
  const small = (n: number) => n > 0 && n < threshold;
  const counted = (f: Figure) => (f.kind === "shown" ? f.successes : 0);
  const leftOut = (channel: Channel) => {
    const w = view.withoutDenominator.find((x) => x.channel === channel);
    return w?.responses.kind === "shown" ? w.responses.count : 0;
  };
  const smallParts = (channel: Channel) => small(leftOut(channel)) || view.channels.some((c) => c.channel === channel && small(counted(c.figure)));
  const whole = isHidden("all");
  const channelHidden = (channel: Channel) => whole || isHidden(channel) || smallParts(channel);
  const hideCount = (cell: CountCell, hidden: boolean): CountCell =>
    hidden && visibility === "suppress" ? { kind: "suppressed", reason: "fewer_than", threshold } : cell;
  const figure = hiddenWithCut(
    view.figure,
    whole || small(counted(view.figure)) || view.channels.some((c) => c.figure.kind !== "not_available" && channelHidden(c.channel)),
    visibility,
    threshold,
  );
  const gone = figure.kind === "suppressed" && view.figure.kind !== "suppressed";
  return {
    ...view,
    figure,
    delivered: gone ? null : view.delivered,
    eligible: gone ? null : view.eligible,
    channels: view.channels.map((c) => ({ ...c, figure: hiddenWithCut(c.figure, channelHidden(c.channel), visibility, threshold) })),
    withoutDenominator: view.withoutDenominator.map((w) => ({ ...w, responses: hideCount(w.responses, channelHidden(w.channel)) })),
  };
}

/**
 * The cut narrowed to what this viewer may read free text and single responses of:
 * admins every service in it; service staff their own services only; the board and the
 * PCF nothing (null).
 */
export function readableCut(viewer: StaffUser, filter: ResultsFilter): { filter: ResultsFilter; fromServices: "all" | "own" } | null {
  if (viewer.role === "admin") return { filter, fromServices: "all" };
  if (!isServiceRole(viewer.role)) return null;
  const own = (filter.serviceIds ?? viewer.serviceIds).filter((sid) => viewer.serviceIds.includes(sid));
  return { filter: { ...filter, serviceIds: own }, fromServices: "own" };
}

/**
 * Free-text comments: admins read every one in the cut; service staff only those about
 * their own services; the board and the PCF none at all (not even how many there are).
 */
async function commentsFor(
  db: Db,
  viewer: StaffUser,
  filter: ResultsFilter,
  /** Null: every comment (the CSV file). */
  page: number | null,
  lng: Language,
  services: { id: number; name: { en: string; ur: string } }[],
): Promise<SurveyResultsView["comments"]> {
  const readable = readableCut(viewer, filter);
  if (!readable) return null;
  const result = await queryComments(
    db,
    readable.filter,
    page === null ? { limit: -1, offset: 0 } : { limit: COMMENTS_PER_PAGE, offset: (page - 1) * COMMENTS_PER_PAGE },
  );
  const nameOf = new Map(services.map((s) => [s.id, textOf(s.name, lng)]));
  const invited = await campaignsWithInvitations(db, [...new Set(result.comments.map((c) => c.campaignId))]);
  return {
    total: result.total,
    page: page ?? 1,
    pages: Math.max(1, Math.ceil(result.total / COMMENTS_PER_PAGE)),
    fromServices: readable.fromServices,
    responses: page === null ? 0 : (await responseIdsInCut(db, readable.filter)).length,
    items: result.comments.map((c) => ({
      answerId: c.answerId,
      question: textOf(c.questionText, lng),
      text: c.text,
      language: c.language,
      service: c.serviceId === null ? null : (nameOf.get(c.serviceId) ?? null),
      date: invited.has(c.campaignId) ? monthLabel(c.submittedOn.slice(0, 7) as MonthKey, lng) : formatDate(`${c.submittedOn}T00:00:00.000Z`, lng),
    })),
  };
}


export const SURVEY_TABLES = ["summary", "trend", "questions", "comments"] as const;
export type SurveyTable = (typeof SURVEY_TABLES)[number];

/** The lines above a table in a CSV file: which survey, which cut, and when. */
function csvPreamble(view: SurveyResultsView, lng: Language, now: Date): CsvCell[][] {
  const t = getFixedT(lng, "results");
  return [
    [t("csv.survey"), view.survey.title],
    [t("csv.filters"), view.cutDescription.length ? view.cutDescription.map((c) => `${c.name}: ${c.value}`).join("; ") : t("filters.none")],
    [t("csv.made_on"), formatDate(now.toISOString(), lng)],
    [],
  ];
}

/**
 * One of the page's tables as CSV rows, exactly as the page shows it to this viewer
 * (hidden cells in words, never as numbers); null for the comments of a viewer who may
 * not read them.
 */
export function surveyCsvRows(view: SurveyResultsView, table: SurveyTable, lng: Language, now: Date): CsvCell[][] | null {
  const t = getFixedT(lng, "results");
  const figureHead = [t("csv.percent"), t("csv.n"), t("csv.interval_low"), t("csv.interval_high"), t("csv.note")];
  let rows: CsvCell[][];
  if (table === "summary") {
    const h = view.headline;
    rows = [
      [t("csv.figure"), ...figureHead],
      ...(h
        ? [
            [t("headline.positive"), ...figureCsvCells(h.positive, lng)],
            [t("headline.negative"), ...figureCsvCells(h.negative, lng)],
            [t("headline.dont_know"), null, countCsvCell(h.dontKnow, lng), null, null, null],
          ]
        : []),
      ...returnRateCsvRows(view.returnRate, lng, t("return_rate.title")),
    ];
  } else if (table === "trend") {
    rows = [[t("csv.term"), ...figureHead], ...view.trend.map((p) => [p.label, ...figureCsvCells(p.figure, lng)])];
  } else if (table === "questions") {
    rows = [
      [t("csv.question"), t("csv.answer"), t("csv.count"), t("csv.share")],
      ...view.questions.flatMap((q) => [
        ...q.bars.map((b) => [q.text, b.label, countCsvCell(b.cell, lng), shareCsvCell(b.cell, b.percent, lng)]),
        [q.text, t("table.answered"), countCsvCell(q.answered, lng), null],
      ]),
    ];
  } else {
    if (!view.comments) return null;
    rows = [
      [t("csv.question"), t("csv.comment"), t("csv.language"), t("csv.service"), t("csv.date")],
      ...view.comments.items.map((c) => [c.question, c.text, languageLabel(c.language, lng), c.service, c.date]),
    ];
  }
  return [...csvPreamble(view, lng, now), ...rows];
}
