/**
 * Co-assessment results (/staff/results/surveys/:id/co-assessment): for each service, each
 * charter principle's % agree among families and among professionals, and the gap
 * between them in percentage points (families − professionals).
 */
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Language } from "@db/schema";
import { forbidden } from "~/auth/session.server";
import { isServiceRole, type StaffUser } from "~/auth/permissions";
import { getFixedT } from "~/i18n/i18n";
import { answered, roundPercent } from "./metrics";
import { coAssessmentByService, filterOptions } from "./queries.server";
import { figureCsvCells, periodLabel, textOf } from "./results-page.server";
import { filterOf, parseResultsQuery, periodCutOf, servicesOfCampaigns, type Choice } from "./survey-page.server";
import { consistentWithRollup, disclosureOfKind } from "./disclosure.server";
import { figureOfCut, suppressParts, toFigure, visibilityFor } from "./suppression";
import type { Figure, ScaleCounts, Visibility } from "./types";
import type { CsvCell } from "./csv";

type Db = Kysely<Database>;

/** Families − professionals in points; shown only when both sides are. */
export type Gap = { kind: "shown"; points: number } | { kind: "unknown" };

export interface PrincipleView {
  key: string;
  text: string;
  family: Figure;
  professional: Figure;
  gap: Gap;
}

export interface CoAssessmentServiceView {
  id: number;
  name: string;
  visibility: Visibility;
  principles: PrincipleView[];
}

export interface CoAssessmentView {
  survey: { id: number; slug: string; title: string };
  threshold: number;
  filters: { values: { campaign: string; service: string; period: string }; campaigns: Choice[]; services: Choice[]; terms: Choice[]; months: Choice[] };
  services: CoAssessmentServiceView[];
}

/**
 * One principle on one service. Families and professionals are groups picked by an
 * answer about the respondent (the "role" question), so a side of fewer than k is hidden
 * as on an "about you" question, and with it the other side (else the hidden side is the
 * principle's answers on the survey's own page minus the shown one). A hidden service
 * (its respondent group; decision 017) hides both.
 */
export function principleView(
  key: string,
  text: string,
  family: ScaleCounts,
  professional: ScaleCounts,
  visibility: Visibility,
  threshold: number,
  cutHidden = false,
): PrincipleView {
  const nf = answered(family);
  const np = answered(professional);
  if (cutHidden && visibility === "suppress") {
    const hidden: Figure = { kind: "suppressed", reason: "fewer_than", threshold };
    return { key, text, family: nf ? hidden : figureOfCut(0, 0, true, visibility, threshold), professional: np ? hidden : figureOfCut(0, 0, true, visibility, threshold), gap: { kind: "unknown" } };
  }
  const sides = suppressParts(nf + np, [nf, np], visibility, threshold).parts;
  const side = (counts: ScaleCounts, n: number, i: number): Figure =>
    sides[i].kind === "suppressed" ? { kind: "suppressed", reason: "fewer_than", threshold } : toFigure(counts.positive, n, visibility, threshold);
  const f = side(family, nf, 0);
  const p = side(professional, np, 1);
  return {
    key,
    text,
    family: f,
    professional: p,
    // From the %s as shown (one decimal), so the gap is what a reader would work out.
    gap:
      f.kind === "shown" && p.kind === "shown"
        ? { kind: "shown", points: Number((roundPercent(f.percent) - roundPercent(p.percent)).toFixed(1)) }
        : { kind: "unknown" },
  };
}

/** The co-assessment view, built from one consistent reading of the rollup (disclosure.server.ts `consistentWithRollup`). */
export async function loadCoAssessment(...args: Parameters<typeof buildCoAssessment>): ReturnType<typeof buildCoAssessment> {
  return consistentWithRollup(args[0], () => buildCoAssessment(...args));
}

async function buildCoAssessment(
  db: Db,
  viewer: StaffUser,
  surveyId: number,
  search: URLSearchParams,
  lng: Language,
  threshold: number,
): Promise<CoAssessmentView> {
  const all = await filterOptions(db, { surveyId });
  const survey = all.surveys.find((s) => s.id === surveyId && s.kind === "co_assessment");
  if (!survey) throw json({ reason: "not_found" }, { status: 404 });
  const q = parseResultsQuery(search);
  const serviceStaff = isServiceRole(viewer.role);
  if (q.service !== undefined && serviceStaff && !viewer.serviceIds.includes(q.service)) forbidden();
  if (q.campaign !== undefined && !all.campaigns.some((c) => c.id === q.campaign)) q.campaign = undefined;

  const linked = await servicesOfCampaigns(db, surveyId, q.campaign);
  const surveyServices = all.services.filter((s) => linked.includes(s.id));
  const offered = serviceStaff ? surveyServices.filter((s) => viewer.serviceIds.includes(s.id)) : surveyServices;
  if (q.service !== undefined && !surveyServices.some((s) => s.id === q.service)) q.service = undefined;
  const periods = q.campaign !== undefined ? await filterOptions(db, { surveyId, campaignId: q.campaign }) : all;

  const shown = q.service !== undefined ? surveyServices.filter((s) => s.id === q.service) : surveyServices;
  const base = filterOf(surveyId, { campaign: q.campaign, period: q.period });
  // Every service in one pass over the rollup, an entry for each (zeros where nobody answered).
  const counts = shown.length ? await coAssessmentByService(db, { ...base, serviceIds: shown.map((s) => s.id) }) : [];
  const plan = await disclosureOfKind(db, "co_assessment", threshold);
  const services: CoAssessmentServiceView[] = shown.map((s) => {
    const visibility = visibilityFor(viewer, [s.id]);
    const cutHidden = plan.isHidden({
      source: q.campaign !== undefined ? { level: "campaign", id: q.campaign } : { level: "survey", id: surveyId },
      place: { level: "service", id: s.id },
      period: periodCutOf(q.period),
      language: "all",
      channel: "all",
    });
    const principles = counts.find((x) => x.serviceId === s.id)?.principles ?? [];
    return {
      id: s.id,
      name: textOf(s.name, lng),
      visibility,
      principles: principles.map((p) => principleView(p.key, textOf(p.text, lng), p.family, p.professional, visibility, threshold, cutHidden)),
    };
  });
  return {
    survey: { id: survey.id, slug: survey.slug, title: textOf(survey.title, lng) },
    threshold,
    filters: {
      values: { campaign: q.campaign?.toString() ?? "", service: q.service?.toString() ?? "", period: q.period ?? "" },
      campaigns: all.campaigns.map((c) => ({ value: String(c.id), label: textOf(c.name, lng) })),
      services: offered.map((s) => ({ value: String(s.id), label: textOf(s.name, lng) })),
      terms: periods.terms.map((k) => ({ value: k, label: periodLabel(k, lng) })),
      months: periods.months.map((k) => ({ value: k, label: periodLabel(k, lng) })),
    },
    services,
  };
}

/** The co-assessment tables as CSV: one row per service and principle. */
export function coAssessmentCsvRows(view: CoAssessmentView, lng: Language): CsvCell[][] {
  const t = getFixedT(lng, "results");
  const figureHeads = (who: string) => [
    `${who}: ${t("csv.percent")}`,
    `${who}: ${t("csv.n")}`,
    `${who}: ${t("csv.interval_low")}`,
    `${who}: ${t("csv.interval_high")}`,
    `${who}: ${t("csv.note")}`,
  ];
  return [
    [t("csv.service"), t("csv.principle"), ...figureHeads(t("co.families")), ...figureHeads(t("co.professionals")), t("csv.gap")],
    ...view.services.flatMap((s) =>
      s.principles.map((p) => [
        s.name,
        p.text,
        ...figureCsvCells(p.family, lng),
        ...figureCsvCells(p.professional, lng),
        p.gap.kind === "shown" ? Number(p.gap.points.toFixed(1)) : t("co.gap_unknown"),
      ]),
    ),
  ];
}
