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
  private readonly hiddenCount: number;

  /**
   * `index` maps a cut's id (its values' mixed-radix number over the dimensions) to its
   * place in `respondentsOf` and `hiddenFlags`; only cuts with anyone in them are there.
   */
  constructor(
    private readonly dims: readonly Dimension[],
    private readonly index: ReadonlyMap<number, number>,
    private readonly respondentsOf: Float64Array,
    private readonly hiddenFlags: Uint8Array,
    readonly threshold: number,
  ) {
    let hidden = 0;
    for (let i = 0; i < hiddenFlags.length; i++) hidden += hiddenFlags[i];
    this.hiddenCount = hidden;
  }

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

  private numberOf(cut: Cut): number | undefined {
    const id = this.idOf(cut);
    return id === undefined ? undefined : this.index.get(id);
  }

  /** Submitted responses in the cut (0 for a cut nobody is in, or one this scope does not know). */
  respondents(cut: Cut): number {
    const i = this.numberOf(cut);
    return i === undefined ? 0 : this.respondentsOf[i];
  }

  /** Whether every figure of the cut is shown as "fewer than k responses" to those who may not see small numbers. */
  isHidden(cut: Cut): boolean {
    const i = this.numberOf(cut);
    return i !== undefined && this.hiddenFlags[i] === 1;
  }

  /** How many cuts with anyone in them there are, and how many are hidden (for the bench and the decision note). */
  get size(): { cuts: number; hidden: number } {
    return { cuts: this.respondentsOf.length, hidden: this.hiddenCount };
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
 * The j-th split of a value into `parts` (values of the same dimension; `buildDimensions`
 * never repeats a part, and makes at most two splits of a value).
 */
interface Split {
  j: number;
  parts: readonly number[];
  /** Each value's place in `parts` plus one (0: not a part), for ties in parts' order. */
  rank: Int32Array;
}

/** A split that a value is a part of: the wider value split, and which of the part's parents that is (−1: not a parent). */
interface Containing {
  whole: number;
  slot: number;
  split: Split;
}

/** Most splits of one value (see `Split`). */
const SPLITS = 2;

/**
 * The cuts with anyone in them, numbered 0, 1, … in the order the fine cells first reach
 * them: every later step goes through the cuts in that order, and the plan's tie-breaks
 * depend on it. A cut's id is its values' mixed-radix number over the dimensions; the ids
 * run to about 10^8 (the product of the dimensions' sizes) with a few hundred thousand in
 * use, too sparse for arrays indexed by id, so one Map turns an id into the cut's number
 * and everything else about a cut is an array read by number.
 */
class Cuts {
  readonly index = new Map<number, number>();
  readonly ids: number[] = [];
  readonly respondents: number[] = [];
  /** Each cut's value along each dimension, kept rather than decoded from the id on every visit. */
  readonly values: number[][];

  constructor(
    readonly dims: readonly Dimension[],
    readonly strides: readonly number[],
  ) {
    this.values = dims.map(() => []);
  }

  get length(): number {
    return this.ids.length;
  }

  /** Adds n respondents to the cut of these values (one per dimension). */
  add(values: readonly number[], n: number): void {
    let id = 0;
    for (let d = 0; d < values.length; d++) id += values[d] * this.strides[d];
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.respondents.push(0);
      for (let d = 0; d < values.length; d++) this.values[d].push(values[d]);
    }
    this.respondents[i] += n;
  }

  /** The number of the cut that is cut i with value v along dimension d, or −1 when nobody is in it. */
  along(i: number, d: number, v: number): number {
    return this.index.get(this.ids[i] + (v - this.values[d][i]) * this.strides[d]) ?? -1;
  }
}

/** Respondents of every cut with anyone in it: each fine cell adds to all its wider cuts. */
function countCuts(cells: readonly FineCell[], shape: LatticeShape, dims: readonly Dimension[]): Cuts {
  const sizes = dims.map((d) => d.codes.length);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const cuts = new Cuts(dims, strides);
  const known = new Set(shape.services.map((s) => s.id));
  const campaigns = new Set(shape.campaigns.map((c) => c.id));
  const ancestorsOf = dims.map(() => new Map<number, number[]>());
  const ancestors = (d: number, code: string) => {
    const i = dims[d].index.get(code)!;
    let list = ancestorsOf[d].get(i);
    if (!list) ancestorsOf[d].set(i, (list = dims[d].ancestors(i)));
    return list;
  };
  const values = [0, 0, 0, 0, 0];
  for (const cell of cells) {
    if (cell.n <= 0 || !campaigns.has(cell.campaignId)) continue;
    const service = cell.serviceId !== null && known.has(cell.serviceId) ? `v${cell.serviceId}` : NO_SERVICE;
    const lists = [ancestors(SOURCE, `c${cell.campaignId}`), ancestors(PLACE, service), ancestors(PERIOD, cell.month), ancestors(LANGUAGE, cell.language), ancestors(CHANNEL, cell.channel)];
    for (const a of lists[0])
      for (const b of lists[1])
        for (const c of lists[2])
          for (const e of lists[3])
            for (const f of lists[4]) {
              values[0] = a;
              values[1] = b;
              values[2] = c;
              values[3] = e;
              values[4] = f;
              cuts.add(values, cell.n);
            }
  }
  return cuts;
}

/**
 * Each cut's single-step wider and narrower cuts along each dimension, and the parts of
 * each of its splits that have anyone in them, looked up by id once (a Map lookup per
 * link) so that the fixed point, which visits each cut's neighbours and each split's
 * parts, reads arrays instead of looking ids up again.
 */
class Links {
  /** Slots per cut and dimension for its wider cuts, in `Dimension.parents` order (−1: none). */
  readonly width: number;
  readonly up: Int32Array;
  /** The narrower cuts of cut i along d are `down[downStart[i·D + d]]` up to `downStart[i·D + d + 1]`, by ascending value. */
  readonly downStart: Int32Array;
  readonly down: Int32Array;
  /** Likewise the parts of split j of cut i along d, from `partsStart[(i·D + d)·SPLITS + j]`, in no particular order. */
  readonly partsStart: Int32Array;
  readonly parts: Int32Array;

  constructor(dims: readonly Dimension[], cuts: Cuts, containing: readonly Containing[][][]) {
    const D = dims.length;
    const N = cuts.length;
    this.width = Math.max(1, ...dims.flatMap((dim) => dim.parents.map((ps) => ps.length)));
    const width = this.width;
    this.up = new Int32Array(N * D * width).fill(-1);
    for (let i = 0; i < N; i++)
      for (let d = 0; d < D; d++) {
        const parents = dims[d].parents[cuts.values[d][i]];
        for (let q = 0; q < parents.length; q++) this.up[(i * D + d) * width + q] = cuts.along(i, d, parents[q]);
      }
    // Each cut is a part of the splits its values are parts of, when the whole has anyone in it.
    let links = 0;
    for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) links += containing[d][cuts.values[d][i]].length;
    const splits = new Int32Array(links);
    const members = new Int32Array(links);
    for (let i = 0, m = 0; i < N; i++)
      for (let d = 0; d < D; d++)
        for (const { whole, slot, split } of containing[d][cuts.values[d][i]]) {
          const w = slot >= 0 ? this.up[(i * D + d) * width + slot] : cuts.along(i, d, whole);
          splits[m] = w < 0 ? -1 : (w * D + d) * SPLITS + split.j;
          members[m++] = i;
        }
    [this.partsStart, this.parts] = grouped(N * D * SPLITS, splits, members);
    // Along each dimension, the cuts by ascending value (a counting sort), so each
    // whole's narrower cuts come out in the order of their values.
    const wholes = new Int32Array(N * D * width).fill(-1);
    const narrower = new Int32Array(N * D * width);
    for (let d = 0, m = 0; d < D; d++)
      for (const i of countingSort(cuts.values[d], dims[d].codes.length))
        for (let q = 0; q < width; q++, m++) {
          const up = this.up[(i * D + d) * width + q];
          if (up >= 0) wholes[m] = up * D + d;
          narrower[m] = i;
        }
    [this.downStart, this.down] = grouped(N * D, wholes, narrower);
  }
}

/** Members listed by group (0 … size−1; −1: none), each group's in the order given: the start of each group and the members. */
function grouped(size: number, groups: Int32Array, members: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(size + 1);
  for (const g of groups) if (g >= 0) start[g + 1]++;
  for (let s = 1; s <= size; s++) start[s] += start[s - 1];
  const list = new Int32Array(start[size]);
  const next = start.slice(0, size);
  for (let m = 0; m < groups.length; m++) if (groups[m] >= 0) list[next[groups[m]]++] = members[m];
  return [start, list];
}

/** Positions 0 … n−1 ordered by their keys (each below `size`), equal keys in position order. */
function countingSort(keys: readonly number[], size: number): Int32Array {
  const start = new Int32Array(size + 1);
  for (const key of keys) start[key + 1]++;
  for (let v = 1; v <= size; v++) start[v] += start[v - 1];
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[start[keys[i]]++] = i;
  return order;
}

/**
 * The fixed point of the hiding rules over the counted cuts. Per-cut state is in typed
 * arrays by the cut's number (see `Cuts`); per-value facts of each dimension (closed,
 * month, the splits a value is in, its neighbours) are worked out once per value rather
 * than per cut.
 */
class Planner {
  readonly open: Uint8Array;
  readonly hidden: Uint8Array;
  /** Cuts hidden in steps 1 and 2, in the order they were hidden (the worklist starts from them). */
  readonly hiddenFirst: number[] = [];
  /** Memo of `smallestGap`; −1 not yet known (a gap is positive or Infinity). */
  private readonly gap: Float64Array;
  /**
   * Splits whose hidden parts already hold k stay so (cuts are only ever hidden, never
   * shown again): they are not summed again. One byte per cut and dimension, a bit per
   * split (`buildDimensions` makes at most two splits of a value).
   */
  private readonly satisfied: Uint8Array;
  /** Newly hidden cuts still to look at, last in first out. */
  private readonly queue: number[] = [];
  /** Scratch list of a split's shown parts (`complement` does not nest). */
  private readonly shown: number[] = [];
  /** For each dimension and value, its own splits (`Dimension.partitions`). */
  private readonly splits: Split[][][];
  /** For each dimension and value, the splits of wider values it is a part of. */
  private readonly containing: Containing[][][];
  private readonly links: Links;

  constructor(
    private readonly dims: readonly Dimension[],
    private readonly cuts: Cuts,
    private readonly k: number,
  ) {
    const count = cuts.length;
    this.open = new Uint8Array(count);
    this.hidden = new Uint8Array(count);
    this.gap = new Float64Array(count).fill(-1);
    this.satisfied = new Uint8Array(count * dims.length);
    this.splits = dims.map((dim) =>
      dim.partitions.map((splits) =>
        splits.map((parts, j) => {
          const rank = new Int32Array(dim.codes.length);
          parts.forEach((p, r) => (rank[p] = r + 1));
          return { j, parts, rank };
        }),
      ),
    );
    this.containing = dims.map((dim, d) => {
      const list: Containing[][] = dim.codes.map(() => []);
      this.splits[d].forEach((splits, whole) => splits.forEach((split) => split.parts.forEach((p) => list[p].push({ whole, slot: dim.parents[p].indexOf(whole), split }))));
      return list;
    });
    this.links = new Links(dims, cuts, this.containing);
  }

  /** Which cuts the viewer can open: no closed value; the kind's own cuts only as the dashboard shows them. */
  markOpen(kindCuts: boolean): void {
    const { dims, cuts } = this;
    const closed = dims.map((dim) => dim.codes.map((_, v) => dim.closed.has(v)));
    const isMonth = dims[PERIOD].codes.map((code) => /^\d{4}-\d{2}$/.test(code));
    const kindValue = dims[SOURCE].index.get("k")!;
    const allPlace = dims[PLACE].index.get(ALL);
    const allLanguage = dims[LANGUAGE].index.get(ALL);
    const [source, place, period, language] = [cuts.values[SOURCE], cuts.values[PLACE], cuts.values[PERIOD], cuts.values[LANGUAGE]];
    for (let i = 0; i < cuts.length; i++) {
      let open = true;
      for (let d = 0; d < dims.length && open; d++) if (closed[d][cuts.values[d][i]]) open = false;
      // (The dashboard's return rates go by channel too.)
      if (open && source[i] === kindValue) open = kindCuts && place[i] === allPlace && language[i] === allLanguage && !isMonth[period[i]];
      this.open[i] = open ? 1 : 0;
    }
  }

  /** Step 1, small groups. Cuts nobody can open are never shown: they are hidden parts (step 3). */
  hideSmall(): void {
    for (let i = 0; i < this.cuts.length; i++) if (this.open[i] && this.cuts.respondents[i] < this.k) this.hideFirst(i);
  }

  /** Step 2, differences from wider cuts. */
  hideDifferences(): void {
    for (let i = 0; i < this.cuts.length; i++) if (this.open[i] && !this.hidden[i] && this.smallestGap(i) < this.k) this.hideFirst(i);
  }

  private hideFirst(i: number): void {
    this.hidden[i] = 1;
    this.hiddenFirst.push(i);
  }

  /**
   * The smallest positive difference from any wider cut the viewer can open. It is met on
   * a single step up, or through a wider cut of the same size (a step of 0): on any path
   * up, the first step that adds someone adds no more than the whole path.
   */
  private smallestGap(i: number): number {
    const memo = this.gap[i];
    if (memo >= 0) return memo;
    const { cuts, dims } = this;
    const { up: ups, width } = this.links;
    const n = cuts.respondents[i];
    let best = Infinity;
    for (let d = 0; d < dims.length; d++) {
      for (let q = (i * dims.length + d) * width, end = q + width; q < end; q++) {
        const up = ups[q];
        if (up < 0 || !this.open[up]) continue;
        const m = cuts.respondents[up];
        best = Math.min(best, m > n ? m - n : this.smallestGap(up));
      }
    }
    this.gap[i] = best;
    return best;
  }

  private hide(i: number): void {
    if (this.hidden[i]) return;
    this.hidden[i] = 1;
    this.queue.push(i);
  }

  /**
   * Step 3, complementary hiding along every hierarchy and same-group cuts, until nothing
   * changes: a worklist of newly hidden cuts, each looking only at the splits it is in.
   */
  settle(): void {
    const { queue, cuts, open } = this;
    for (const i of this.hiddenFirst) queue.push(i);
    for (let i = 0; i < cuts.length; i++) if (!open[i]) queue.push(i);
    while (queue.length > 0) this.visit(queue.pop()!);
  }

  private visit(i: number): void {
    const { cuts, dims, k, open } = this;
    const { up, width, down, downStart } = this.links;
    const D = dims.length;
    const n = cuts.respondents[i];
    const isOpen = open[i] === 1;
    for (let d = 0; d < D; d++) {
      const v = cuts.values[d][i];
      // As a part: a hidden part of k or more already satisfies every split it is in.
      if (n < k || !isOpen) {
        for (const { whole: value, slot, split } of this.containing[d][v]) {
          const whole = slot >= 0 ? up[(i * D + d) * width + slot] : cuts.along(i, d, value);
          if (whole >= 0 && open[whole]) this.complement(whole, d, split);
        }
      }
      if (!isOpen) continue;
      // As a whole: its own splits.
      for (const split of this.splits[d][v]) this.complement(i, d, split);
      // A wider or narrower cut with as many respondents is the same group under another
      // name (an organisation and its only service, say): hidden one, hidden both. Wider
      // ones first, in `Dimension.parents` order, then narrower ones by value.
      for (let q = (i * D + d) * width, end = q + width; q < end; q++) this.hideSame(up[q], n);
      for (let s = downStart[i * D + d], end = downStart[i * D + d + 1]; s < end; s++) this.hideSame(down[s], n);
    }
  }

  /** Hides cut `other` (−1: none) if the viewer can open it and it has n respondents. */
  private hideSame(other: number, n: number): void {
    if (other >= 0 && this.open[other] && this.cuts.respondents[other] === n) this.hide(other);
  }

  /** One split of cut `whole` along dimension d: hide the smallest shown parts until the hidden ones hold k. */
  private complement(whole: number, d: number, split: Split): void {
    const key = whole * this.dims.length + d;
    const bit = 1 << split.j;
    if (this.satisfied[key] & bit) return;
    const { cuts, k, shown } = this;
    const { respondents } = cuts;
    const values = cuts.values[d];
    const { rank } = split;
    const { parts, partsStart } = this.links;
    let hiddenSum = 0;
    let anyHidden = false;
    shown.length = 0;
    for (let s = partsStart[key * SPLITS + split.j], end = partsStart[key * SPLITS + split.j + 1]; s < end; s++) {
      const part = parts[s];
      if (this.hidden[part] || !this.open[part]) {
        hiddenSum += respondents[part];
        anyHidden = true;
      } else shown.push(part);
    }
    if (!anyHidden && !this.hidden[whole]) return;
    if (anyHidden && hiddenSum >= k) {
      this.satisfied[key] |= bit;
      return;
    }
    // Smallest first; equal sizes in the split's order (`parts` are in the order of the cuts).
    shown.sort((x, y) => respondents[x] - respondents[y] || rank[values[x]] - rank[values[y]]);
    let next = 0;
    if (!anyHidden && shown.length > 0) {
      this.hide(shown[next]);
      hiddenSum += respondents[shown[next++]];
    }
    while (hiddenSum < k) {
      if (next >= shown.length) {
        this.hide(whole);
        break;
      }
      this.hide(shown[next]);
      hiddenSum += respondents[shown[next++]];
    }
    this.satisfied[key] |= bit;
  }
}

/**
 * The hidden cuts of a scope (a kind, with its surveys and campaigns), from its fine cells,
 * at threshold k. Pure: the same cells give the same answer.
 */
export function planDisclosure(cells: readonly FineCell[], shape: LatticeShape, threshold: number): Disclosure {
  const dims = buildDimensions(cells, shape);
  const cuts = countCuts(cells, shape, dims);
  const planner = new Planner(dims, cuts, threshold);
  planner.markOpen(shape.kindCuts);
  planner.hideSmall();
  planner.hideDifferences();
  planner.settle();
  return new Disclosure(dims, cuts.index, Float64Array.from(cuts.respondents), planner.hidden, threshold);
}
