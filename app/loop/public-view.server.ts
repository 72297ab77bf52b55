import type { Language, LoopOutcome } from "@db/schema";
import { getFixedT, languageFromRequest } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import { monthLabel, termLabel } from "~/results/results-page.server";
import type { MonthKey, TermKey } from "~/results/types";
import { outcomeLabel, themeLabel } from "./labels";
import {
  entriesMatching,
  mayRate,
  parsePublicFilters,
  publicSnapshot,
  type Bilingual,
  type FamiliesFigure,
  type PublicEntry,
  type PublicFilters,
  type PublicSnapshot,
} from "./public.server";

/**
 * Public entries as one language shows them: every text picked and phrased on the
 * server (no hydration drift), nothing else carried to the browser.
 */

/** A text in the page's language, or the English when the Urdu is missing (marked so). */
export interface LangText {
  text: string;
  lang: Language;
}

export interface EntryView {
  id: number;
  theme: string;
  term: string;
  service: string;
  organisation: string;
  also: string[];
  youSaid: LangText;
  did: null | { outcome: LoopOutcome; outcomeLabel: string; weDid: LangText; inPlaceSince: string | null };
  /** "We are doing — due …" or "Overdue — was due …". */
  doing: null | { line: string; overdue: boolean };
  families: string;
  updates: { iso: string; date: string; text: LangText }[];
  /** Published "We did"s ask "Did this help?". */
  canRate: boolean;
}

export function textIn(value: Bilingual, lng: Language): LangText {
  const wanted = value[lng].trim();
  return wanted ? { text: wanted, lang: lng } : { text: value.en, lang: "en" };
}

export function familiesText(figure: FamiliesFigure, lng: Language): string {
  const t = getFixedT(lng, "yswd");
  if (figure.kind === "fewer_than") return t("families.fewer", { threshold: figure.threshold });
  return figure.n === 1 ? t("families.one") : t("families.many", { n: figure.n });
}

const month = (isoDate: string, lng: Language) => monthLabel(isoDate.slice(0, 7) as MonthKey, lng);

/** Views of the entries a public snapshot holds: made once per entry and language while the snapshot lasts. */
const views = new WeakMap<PublicEntry, Partial<Record<Language, EntryView>>>();

/** An entry as `lng` shows it. Shared between requests: read only. */
export function entryView(entry: PublicEntry, lng: Language): EntryView {
  let made = views.get(entry);
  if (!made) views.set(entry, (made = {}));
  return (made[lng] ??= makeEntryView(entry, lng));
}

function makeEntryView(entry: PublicEntry, lng: Language): EntryView {
  const t = getFixedT(lng, "yswd");
  const common = getFixedT(lng, "loop_common");
  const { state } = entry;
  return {
    id: entry.id,
    theme: themeLabel(common, entry.theme),
    term: termLabel(entry.period as TermKey, lng),
    service: entry.service.name[lng],
    organisation: entry.organisation.name[lng],
    also: entry.alsoServices.map((s) => s.name[lng]),
    youSaid: textIn(entry.youSaid, lng),
    did:
      state.kind === "did"
        ? {
            outcome: state.outcome,
            outcomeLabel: outcomeLabel(common, state.outcome),
            weDid: textIn(state.weDid, lng),
            inPlaceSince: state.changeFrom ? t("in_place_since", { month: month(state.changeFrom, lng) }) : null,
          }
        : null,
    doing:
      state.kind === "doing"
        ? {
            overdue: state.overdue,
            line: !state.dueOn
              ? t("doing_no_date")
              : state.overdue
              ? t("overdue", { month: month(state.dueOn, lng) })
              : t("doing_due", { month: month(state.dueOn, lng) }),
          }
        : null,
    families: familiesText(entry.families, lng),
    updates: entry.updates.map((u) => ({ iso: u.at, date: formatDate(u.at, lng), text: textIn(u.body, lng) })),
    canRate: mayRate(entry),
  };
}

export interface ServiceGroup {
  key: number;
  name: string;
  entries: EntryView[];
}
export interface OrganisationGroup {
  key: number;
  name: string;
  services: ServiceGroup[];
}

/** Entries grouped by organisation, then by lead service, each in name order for the language. */
export function groupEntries(entries: PublicEntry[], lng: Language): OrganisationGroup[] {
  const collator = new Intl.Collator(lng === "ur" ? "ur" : "en-GB");
  const orgs = new Map<number, OrganisationGroup>();
  for (const entry of entries) {
    let org = orgs.get(entry.organisation.id);
    if (!org) {
      org = { key: entry.organisation.id, name: entry.organisation.name[lng], services: [] };
      orgs.set(org.key, org);
    }
    let service = org.services.find((s) => s.key === entry.service.id);
    if (!service) {
      service = { key: entry.service.id, name: entry.service.name[lng], entries: [] };
      org.services.push(service);
    }
    service.entries.push(entryView(entry, lng));
  }
  const groups = [...orgs.values()].sort((a, b) => collator.compare(a.name, b.name));
  for (const g of groups) g.services.sort((a, b) => collator.compare(a.name, b.name));
  return groups;
}

/** The query string of a set of filters (for the print page and the feed links). */
export function filtersQuery(filters: PublicFilters, lng?: Language): string {
  const params = new URLSearchParams();
  if (filters.organisation) params.set("organisation", String(filters.organisation));
  if (filters.service) params.set("service", String(filters.service));
  if (filters.term) params.set("term", filters.term);
  if (filters.theme) params.set("theme", filters.theme);
  if (lng) params.set("lng", lng);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export interface Choice {
  value: string;
  label: string;
}

/**
 * Everything the list and print pages show: the filters in use, what they offer, the groups.
 * Made once per language and filters from the public snapshot (public.server.ts), so a view
 * costs one read of the generation. Shared between requests: read only.
 */
export async function loadPublicList(db: Parameters<typeof publicSnapshot>[0], request: Request, threshold: number, now = new Date()) {
  const lng = languageFromRequest(request);
  const filters = parsePublicFilters(new URL(request.url).searchParams);
  const snapshot = await publicSnapshot(db, now, threshold);
  return snapshot.memo(`list ${lng} ${filtersQuery(filters)}`, () => publicList(snapshot, filters, lng));
}

function publicList(snapshot: PublicSnapshot, filters: PublicFilters, lng: Language) {
  const entries = entriesMatching(snapshot, filters);
  const { choices } = snapshot;
  const common = getFixedT(lng, "loop_common");
  const collator = new Intl.Collator(lng === "ur" ? "ur" : "en-GB");
  const byLabel = (a: Choice, b: Choice) => collator.compare(a.label, b.label);
  return {
    lng,
    filters,
    filtered: Object.values(filters).some((v) => v !== undefined),
    count: entries.length,
    groups: groupEntries(entries, lng),
    choices: {
      organisations: choices.organisations.map((o) => ({ value: String(o.id), label: o.name[lng] })).sort(byLabel),
      services: choices.services.map((s) => ({ value: String(s.id), label: s.name[lng] })).sort(byLabel),
      terms: choices.terms.map((k) => ({ value: k, label: termLabel(k as TermKey, lng) })),
      themes: choices.themes.map((k) => ({ value: k, label: themeLabel(common, k) })).sort(byLabel),
    },
    values: {
      organisation: filters.organisation ? String(filters.organisation) : "",
      service: filters.service ? String(filters.service) : "",
      term: filters.term ?? "",
      theme: filters.theme ?? "",
    },
    query: filtersQuery(filters),
  };
}

/** An entry as plain paragraphs ("You said: …", "We did (Done): …"), for the feed and emails. */
export function entryParagraphs(view: EntryView, lng: Language): string[] {
  const t = getFixedT(lng, "yswd");
  const lines = [t("plain.you_said", { text: view.youSaid.text }), view.families];
  if (view.did) {
    lines.push(t("plain.we_did", { outcome: view.did.outcomeLabel, text: view.did.weDid.text }));
    if (view.did.inPlaceSince) lines.push(view.did.inPlaceSince);
  }
  if (view.doing) lines.push(t("plain.we_are_doing", { text: view.doing.line }));
  for (const u of view.updates) lines.push(t("plain.update", { date: u.date, text: u.text.text }));
  return lines;
}

/** "Communication, Autumn term 2026 – from Service A": an entry named in a feed or an email. */
export function entryHeading(view: EntryView, lng: Language): string {
  const t = getFixedT(lng, "yswd");
  return t("entry_heading", { title: t("entry_title", { theme: view.theme, term: view.term }), service: view.service });
}
