/**
 * Which cuts of the results are hidden from those who may not see small numbers
 * (DESIGN.md "Suppression"; docs/decisions/017-suppression-across-cuts.md). The unit is
 * the respondent group of a cut: its number of submitted responses. A cut is the source
 * the viewer opened (kind ⊃ survey ⊃ campaign) and, along each other dimension, a value:
 * place (all ⊃ organisation / locality ⊃ organisation within a locality ⊃ service),
 * period (all ⊃ term ⊃ month), language (all ⊃ each) and channel (all ⊃ each).
 *
 * A cut is hidden, to a fixed point, when
 * 1. it has 1 to k−1 respondents;
 * 2. its difference from any wider cut the viewer can open is 1 to k−1 respondents;
 * 3. along a hierarchy where it is one part of a whole: another part is hidden, and the
 *    hidden parts together hold fewer than k (the smallest shown part is hidden next), or
 *    the whole is hidden and every part is shown (the smallest part is hidden).
 * Parts nobody can open (responses without a service) count as hidden parts: the whole
 * minus the shown parts gives them. A cut with nobody in it is never hidden (there is
 * nothing to show, and a hidden 0 would be known to be 0).
 *
 * Everything is computed once from the fine cells (the rollup's response counts for the
 * scope) over the cuts that have anyone in them, so the same cut is hidden on every page,
 * trend and CSV that shows it.
 */
import { CHANNELS, LANGUAGES, type Channel, type Language, type Locality } from "@db/schema";
import { termOfMonth } from "./periods";
import type { MonthKey, TermKey } from "./types";

/** One row of the rollup: submitted responses of a campaign × month × service × language × channel. */
export interface FineCell {
  campaignId: number;
  month: MonthKey;
  /** Null (0 in the rollup): a response without a service. */
  serviceId: number | null;
  language: Language;
  channel: Channel;
  n: number;
}

/** What the cuts are made of: the scope's campaigns and every service. */
export interface LatticeShape {
  campaigns: readonly { id: number; surveyId: number }[];
  services: readonly { id: number; organisationId: number; locality: Locality | null }[];
  /** The kind's own figures by term, and by channel, can be opened (the board dashboard's KPIs and return rates). */
  kindCuts: boolean;
}

export type SourceCut = { level: "kind" } | { level: "survey"; id: number } | { level: "campaign"; id: number };
export type PlaceCut =
  | { level: "all" }
  | { level: "organisation"; id: number }
  | { level: "locality"; locality: Locality }
  | { level: "organisation_locality"; id: number; locality: Locality }
  | { level: "service"; id: number };
export type PeriodCut = { level: "all" } | { level: "term"; key: TermKey } | { level: "month"; key: MonthKey };

export interface Cut {
  source: SourceCut;
  place: PlaceCut;
  period: PeriodCut;
  language: Language | "all";
  channel: Channel | "all";
}

/** The widest cut of a source: every place, period, language and channel. */
export function wholeOf(source: SourceCut): Cut {
  return { source, place: { level: "all" }, period: { level: "all" }, language: "all", channel: "all" };
}

const ALL = "*";
const NO_SERVICE = "v0";

function sourceCode(s: SourceCut): string {
  return s.level === "kind" ? "k" : s.level === "survey" ? `s${s.id}` : `c${s.id}`;
}
function placeCode(p: PlaceCut): string {
  if (p.level === "all") return ALL;
  if (p.level === "organisation") return `o${p.id}`;
  if (p.level === "locality") return `l${p.locality}`;
  if (p.level === "organisation_locality") return `o${p.id}l${p.locality}`;
  return `v${p.id}`;
}
function periodCode(p: PeriodCut): string {
  return p.level === "all" ? ALL : p.key;
}

/** One dimension of the lattice: its values, each value's wider values and the wholes it splits. */
class Dimension {
  readonly codes: string[] = [];
  readonly index = new Map<string, number>();
  /** Single-step wider values. */
  readonly parents: number[][] = [];
  /** For each value, the partitions of it into narrower values (exact: the parts add up to it). */
  readonly partitions: number[][][] = [];
  /** Values nobody can open (responses without a service). */
  readonly closed = new Set<number>();

  add(code: string, parents: string[] = []): number {
    let i = this.index.get(code);
    if (i === undefined) {
      i = this.codes.length;
      this.codes.push(code);
      this.index.set(code, i);
      this.parents.push([]);
      this.partitions.push([]);
    }
    for (const p of parents) {
      const pi = this.add(p);
      if (!this.parents[i].includes(pi)) this.parents[i].push(pi);
    }
    return i;
  }

  partition(whole: string, parts: string[]): void {
    const list = parts.map((p) => this.index.get(p)).filter((p): p is number => p !== undefined);
    if (list.length > 0) this.partitions[this.add(whole)].push(list);
  }

  /** The value and every wider one. */
  ancestors(i: number): number[] {
    const seen = new Set<number>([i]);
    const stack = [i];
    while (stack.length) for (const p of this.parents[stack.pop()!]) if (!seen.has(p)) seen.add(p), stack.push(p);
    return [...seen];
  }
}

const SOURCE = 0;
const PLACE = 1;
const PERIOD = 2;
const LANGUAGE = 3;
const CHANNEL = 4;

/** The hidden cuts of one scope, and how many respondents each cut has. */
export class Disclosure {
  constructor(
    private readonly dims: Dimension[],
    private readonly counts: ReadonlyMap<number, number>,
    private readonly hiddenCuts: ReadonlySet<number>,
    readonly threshold: number,
  ) {}

  private idOf(cut: Cut): number | undefined {
    const codes = [sourceCode(cut.source), placeCode(cut.place), periodCode(cut.period), cut.language === "all" ? ALL : cut.language, cut.channel === "all" ? ALL : cut.channel];
    let id = 0;
    for (let d = 0; d < this.dims.length; d++) {
      const i = this.dims[d].index.get(codes[d]);
      if (i === undefined) return undefined;
      id = id * this.dims[d].codes.length + i;
    }
    return id;
  }

  /** Submitted responses in the cut (0 for a cut nobody is in, or one this scope does not know). */
  respondents(cut: Cut): number {
    const id = this.idOf(cut);
    return id === undefined ? 0 : (this.counts.get(id) ?? 0);
  }

  /** Whether every figure of the cut is shown as "fewer than k responses" to those who may not see small numbers. */
  isHidden(cut: Cut): boolean {
    const id = this.idOf(cut);
    return id !== undefined && this.hiddenCuts.has(id);
  }

  /** How many cuts with anyone in them there are, and how many are hidden (for the bench and the decision note). */
  get size(): { cuts: number; hidden: number } {
    return { cuts: this.counts.size, hidden: this.hiddenCuts.size };
  }
}

function buildDimensions(cells: readonly FineCell[], shape: LatticeShape): Dimension[] {
  const source = new Dimension();
  source.add("k");
  const surveys = new Map<number, string[]>();
  for (const c of shape.campaigns) {
    source.add(`c${c.id}`, [`s${c.surveyId}`]);
    source.add(`s${c.surveyId}`, ["k"]);
    surveys.set(c.surveyId, [...(surveys.get(c.surveyId) ?? []), `c${c.id}`]);
  }
  source.partition("k", [...surveys.keys()].map((id) => `s${id}`));
  for (const [id, campaigns] of surveys) source.partition(`s${id}`, campaigns);

  const place = new Dimension();
  place.add(ALL);
  place.closed.add(place.add(NO_SERVICE, [ALL]));
  const byOrganisation = new Map<number, typeof shape.services>();
  const byLocality = new Map<Locality, Set<string>>();
  const byPair = new Map<string, string[]>();
  for (const s of shape.services) {
    const org = `o${s.organisationId}`;
    place.add(org, [ALL]);
    byOrganisation.set(s.organisationId, [...(byOrganisation.get(s.organisationId) ?? []), s]);
    if (s.locality === null) {
      place.add(`v${s.id}`, [org]);
      continue;
    }
    const pair = `${org}l${s.locality}`;
    place.add(`l${s.locality}`, [ALL]);
    place.add(pair, [org, `l${s.locality}`]);
    place.add(`v${s.id}`, [pair]);
    byLocality.set(s.locality, (byLocality.get(s.locality) ?? new Set()).add(pair));
    byPair.set(pair, [...(byPair.get(pair) ?? []), `v${s.id}`]);
  }
  const withoutLocality = shape.services.filter((s) => s.locality === null).map((s) => `v${s.id}`);
  place.partition(ALL, [...[...byOrganisation.keys()].map((id) => `o${id}`), NO_SERVICE]);
  place.partition(ALL, [...[...byLocality.keys()].map((l) => `l${l}`), ...withoutLocality, NO_SERVICE]);
  for (const [id, services] of byOrganisation) {
    place.partition(
      `o${id}`,
      services.map((s) => `v${s.id}`),
    );
    const pairs = [...new Set(services.filter((s) => s.locality !== null).map((s) => `o${id}l${s.locality}`))];
    place.partition(`o${id}`, [...pairs, ...services.filter((s) => s.locality === null).map((s) => `v${s.id}`)]);
  }
  for (const [locality, pairs] of byLocality) place.partition(`l${locality}`, [...pairs]);
  for (const [pair, services] of byPair) place.partition(pair, services);

  const period = new Dimension();
  period.add(ALL);
  const months = [...new Set(cells.map((c) => c.month))].sort();
  const terms = new Map<TermKey, MonthKey[]>();
  for (const m of months) {
    const term = termOfMonth(m);
    period.add(term, [ALL]);
    period.add(m, [term]);
    terms.set(term, [...(terms.get(term) ?? []), m]);
  }
  period.partition(ALL, [...terms.keys()]);
  for (const [term, ms] of terms) period.partition(term, ms);

  const language = new Dimension();
  language.add(ALL);
  for (const l of LANGUAGES) language.add(l, [ALL]);
  language.partition(ALL, [...LANGUAGES]);

  const channel = new Dimension();
  channel.add(ALL);
  const channels = [...new Set<string>([...CHANNELS, ...cells.map((c) => c.channel)])];
  for (const c of channels) channel.add(c, [ALL]);
  channel.partition(ALL, channels);

  return [source, place, period, language, channel];
}

/**
 * The hidden cuts of a scope (a kind, with its surveys and campaigns), from its fine cells,
 * at threshold k. Pure: the same cells give the same answer.
 */
export function planDisclosure(cells: readonly FineCell[], shape: LatticeShape, threshold: number): Disclosure {
  const k = threshold;
  const dims = buildDimensions(cells, shape);
  const sizes = dims.map((d) => d.codes.length);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const decode = (id: number) => strides.map((s, d) => Math.floor(id / s) % sizes[d]);
  const replace = (id: number, idx: readonly number[], d: number, value: number) => id + (value - idx[d]) * strides[d];
  const known = new Set(shape.services.map((s) => s.id));
  const campaigns = new Set(shape.campaigns.map((c) => c.id));

  // Respondents of every cut with anyone in it: each fine cell adds to all its wider cuts.
  const counts = new Map<number, number>();
  const ancestorsOf = dims.map(() => new Map<number, number[]>());
  const ancestors = (d: number, code: string) => {
    const i = dims[d].index.get(code)!;
    let list = ancestorsOf[d].get(i);
    if (!list) ancestorsOf[d].set(i, (list = dims[d].ancestors(i)));
    return list;
  };
  for (const cell of cells) {
    if (cell.n <= 0 || !campaigns.has(cell.campaignId)) continue;
    const service = cell.serviceId !== null && known.has(cell.serviceId) ? `v${cell.serviceId}` : NO_SERVICE;
    const lists = [ancestors(SOURCE, `c${cell.campaignId}`), ancestors(PLACE, service), ancestors(PERIOD, cell.month), ancestors(LANGUAGE, cell.language), ancestors(CHANNEL, cell.channel)];
    for (const a of lists[0])
      for (const b of lists[1])
        for (const c of lists[2])
          for (const e of lists[3])
            for (const f of lists[4]) {
              const id = a * strides[0] + b * strides[1] + c * strides[2] + e * strides[3] + f * strides[4];
              counts.set(id, (counts.get(id) ?? 0) + cell.n);
            }
  }

  const kindValue = dims[SOURCE].index.get("k")!;
  const allOf = dims.map((d) => d.index.get(ALL));
  const isMonth = (i: number) => /^\d{4}-\d{2}$/.test(dims[PERIOD].codes[i]);
  /** Cuts the viewer can open: no closed value; the kind's own cuts only as the dashboard shows them. */
  const openable = (idx: readonly number[]) => {
    if (idx.some((v, d) => dims[d].closed.has(v))) return false;
    if (idx[SOURCE] !== kindValue) return true;
    // (The dashboard's return rates go by channel too.)
    return shape.kindCuts && idx[PLACE] === allOf[PLACE] && idx[LANGUAGE] === allOf[LANGUAGE] && !isMonth(idx[PERIOD]);
  };

  // 1. Small groups. Cuts nobody can open are never shown: they are hidden parts (below).
  const hidden = new Set<number>();
  const open = new Map<number, boolean>();
  for (const [id, n] of counts) {
    const o = openable(decode(id));
    open.set(id, o);
    if (o && n < k) hidden.add(id);
  }
  const isHiddenPart = (id: number) => hidden.has(id) || !open.get(id);

  // 2. Differences from wider cuts. The smallest positive difference from any wider cut
  // is met on a single step up, or through a wider cut of the same size (a step of 0):
  // on any path up, the first step that adds someone adds no more than the whole path.
  const gap = new Map<number, number>();
  const smallestGap = (id: number): number => {
    const memo = gap.get(id);
    if (memo !== undefined) return memo;
    const n = counts.get(id) ?? 0;
    const idx = decode(id);
    let best = Infinity;
    for (let d = 0; d < dims.length; d++) {
      for (const p of dims[d].parents[idx[d]]) {
        const up = replace(id, idx, d, p);
        if (!open.get(up)) continue;
        const m = counts.get(up) ?? 0;
        best = Math.min(best, m > n ? m - n : smallestGap(up));
      }
    }
    gap.set(id, best);
    return best;
  };
  for (const [id, o] of open) if (o && !hidden.has(id) && smallestGap(id) < k) hidden.add(id);

  // 3. Complementary hiding along every hierarchy and same-group cuts, until nothing
  // changes: a worklist of newly hidden cuts, each looking only at the splits it is in.
  const queue: number[] = [];
  const hide = (id: number) => {
    if (hidden.has(id)) return;
    hidden.add(id);
    queue.push(id);
  };
  // Splits whose hidden parts already hold k stay so (cuts are only ever hidden, never
  // shown again): they are not summed again. Key: the whole, the dimension, which split.
  const satisfied = new Set<number>();
  /** One split of `whole` along dimension d: hide the smallest shown parts until the hidden ones hold k. */
  const complement = (whole: number, wholeValue: number, d: number, j: number, parts: readonly number[]) => {
    const key = (whole * dims.length + d) * 8 + j;
    if (satisfied.has(key)) return;
    let hiddenSum = 0;
    let anyHidden = false;
    const shown: { id: number; n: number }[] = [];
    for (const p of parts) {
      const id = whole + (p - wholeValue) * strides[d];
      const n = counts.get(id);
      if (n === undefined) continue;
      if (isHiddenPart(id)) {
        hiddenSum += n;
        anyHidden = true;
      } else shown.push({ id, n });
    }
    if (!anyHidden && !hidden.has(whole)) return;
    if (anyHidden && hiddenSum >= k) {
      satisfied.add(key);
      return;
    }
    // Smallest first; equal sizes in the hierarchy's order.
    shown.sort((x, y) => x.n - y.n);
    let next = 0;
    if (!anyHidden && shown.length > 0) {
      hide(shown[next].id);
      hiddenSum += shown[next++].n;
    }
    while (hiddenSum < k) {
      if (next >= shown.length) {
        hide(whole);
        break;
      }
      hide(shown[next].id);
      hiddenSum += shown[next++].n;
    }
    satisfied.add(key);
  };
  // For each value, the splits of wider values it is a part of, and its narrower values.
  const containing = dims.map((dim) => {
    const list: { whole: number; j: number; parts: number[] }[][] = dim.codes.map(() => []);
    dim.partitions.forEach((splits, whole) => splits.forEach((parts, j) => parts.forEach((p) => list[p].push({ whole, j, parts }))));
    return list;
  });
  const children = dims.map((dim) => {
    const list: number[][] = dim.codes.map(() => []);
    dim.parents.forEach((ps, c) => ps.forEach((p) => list[p].push(c)));
    return list;
  });
  for (const id of hidden) queue.push(id);
  for (const [id, o] of open) if (!o) queue.push(id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    const n = counts.get(id)!;
    const idx = decode(id);
    const isOpen = open.get(id)!;
    for (let d = 0; d < dims.length; d++) {
      // As a part: a hidden part of k or more already satisfies every split it is in.
      if (n < k || !isOpen) {
        for (const split of containing[d][idx[d]]) {
          const whole = replace(id, idx, d, split.whole);
          if (open.get(whole)) complement(whole, split.whole, d, split.j, split.parts);
        }
      }
      if (!isOpen) continue;
      // As a whole: its own splits.
      dims[d].partitions[idx[d]].forEach((parts, j) => complement(id, idx[d], d, j, parts));
      // A wider or narrower cut with as many respondents is the same group under another
      // name (an organisation and its only service, say): hidden one, hidden both.
      for (const v of [...dims[d].parents[idx[d]], ...children[d][idx[d]]]) {
        const other = replace(id, idx, d, v);
        if (open.get(other) && counts.get(other) === n) hide(other);
      }
    }
  }
  return new Disclosure(dims, counts, hidden, k);
}
