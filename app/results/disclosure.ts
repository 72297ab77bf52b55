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
    private readonly index: IdTable,
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

  private numberOf(cut: Cut): number {
    const id = this.idOf(cut);
    return id === undefined ? -1 : this.index.get(id);
  }

  /** Submitted responses in the cut (0 for a cut nobody is in, or one this scope does not know). */
  respondents(cut: Cut): number {
    const i = this.numberOf(cut);
    return i < 0 ? 0 : this.respondentsOf[i];
  }

  /** Whether every figure of the cut is shown as "fewer than k responses" to those who may not see small numbers. */
  isHidden(cut: Cut): boolean {
    const i = this.numberOf(cut);
    return i >= 0 && this.hiddenFlags[i] === 1;
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

/** A split that a value is a part of, and the wider value split. */
interface Containing {
  whole: number;
  split: Split;
}

/** Most splits of one value (see `Split`). */
const SPLITS = 2;

/**
 * Cut id → cut number. Open addressing over typed arrays rather than a Map: planning looks
 * a few million integer ids up, and this is several times faster than `Map.get`, with no
 * per-entry allocation. Ids are whole numbers below 2^53 (a Float64Array holds them all).
 */
class IdTable {
  /** Pairs of id (−1: empty) and number side by side, so a probe reads one cache line. */
  private slots: Float64Array;
  private mask: number;
  private used = 0;

  /** Room for about `expected` ids before it grows. */
  constructor(expected: number) {
    let size = 1 << 10;
    while (size < 2 * expected) size *= 2;
    this.slots = new Float64Array(2 * size).fill(-1);
    this.mask = size - 1;
  }

  private slot(id: number): number {
    // Low and high 32 bits of the id (ids past 2^32 are possible in big lattices),
    // mixed as MurmurHash3's finaliser does: neighbouring ids land far apart.
    let h = (id >>> 0) ^ Math.imul((id / 4294967296) | 0, 0x27d4eb2d);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const { slots, mask } = this;
    let s = h & mask;
    while (slots[2 * s] !== id && slots[2 * s] !== -1) s = (s + 1) & mask;
    return 2 * s;
  }

  /** The number of the cut with this id, or −1. */
  get(id: number): number {
    const s = this.slot(id);
    return this.slots[s] === id ? this.slots[s + 1] : -1;
  }

  /** The number of the cut with this id, giving it `next` if it has none yet. */
  getOrAdd(id: number, next: number): number {
    const s = this.slot(id);
    if (this.slots[s] === id) return this.slots[s + 1];
    this.slots[s] = id;
    this.slots[s + 1] = next;
    if (++this.used * 2 > this.mask) this.grow();
    return next;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2)
      if (old[s] !== -1) {
        const t = this.slot(old[s]);
        this.slots[t] = old[s];
        this.slots[t + 1] = old[s + 1];
      }
  }
}

/** Each dimension's splits by value (`Dimension.partitions`), and for each value the splits of wider values it is a part of. */
interface Splits {
  own: Split[][][];
  containing: Containing[][][];
}

function splitsOf(dims: readonly Dimension[]): Splits {
  // Per-split state is kept in SPLITS slots per cut and dimension.
  if (dims.some((dim) => dim.partitions.some((splits) => splits.length > SPLITS))) throw new Error(`A value has more than ${SPLITS} splits`);
  const own = dims.map((dim) =>
    dim.partitions.map((splits) =>
      splits.map((parts, j) => {
        const rank = new Int32Array(dim.codes.length);
        parts.forEach((p, r) => (rank[p] = r + 1));
        return { j, parts, rank };
      }),
    ),
  );
  const containing = dims.map((dim, d) => {
    const list: Containing[][] = dim.codes.map(() => []);
    own[d].forEach((splits, whole) => splits.forEach((split) => split.parts.forEach((p) => list[p].push({ whole, split }))));
    return list;
  });
  return { own, containing };
}

/** A growing list of 32-bit integers: millions of links in typed memory, outside the garbage-collected heap. */
class IntList {
  data = new Int32Array(1 << 12);
  length = 0;

  push(x: number): this {
    if (this.length === this.data.length) {
      const data = new Int32Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = x;
    return this;
  }
}

/**
 * The cuts with anyone in them, numbered 0, 1, … in the order the fine cells first reach
 * them: every later step goes through the cuts in that order, and the plan's tie-breaks
 * depend on it. A cut's id is its values' mixed-radix number over the dimensions; the ids
 * run to about 10^8 (the product of the dimensions' sizes) with a few hundred thousand in
 * use, too sparse for arrays indexed by id, so one table turns an id into the cut's number
 * and everything else about a cut is an array read by number.
 */
class Cuts {
  readonly index: IdTable;
  readonly respondents: number[] = [];
  /** Each cut's value along each dimension (once counting is done), kept rather than decoded from the id on every visit. */
  values: Int32Array[] = [];
  private readonly valueLists: IntList[];
  /** Slots per cut and dimension for its single-step wider cuts. */
  readonly width: number;
  /** Cut i's wider cut along d with its q-th parent value is `up[(i·D + d)·width + q]` (−1: no such parent value). */
  readonly up = new IntList();
  /**
   * The splits cut i is a part of, dimension by dimension in `containing` order, from
   * `splitsIn[splitsInStart[i]]`, each as its whole's cut w, the dimension d and which
   * split j: (w·D + d)·SPLITS + j (a part's whole is not always a single step wider: an
   * organisation is split into its services).
   */
  readonly splitsInStart = new IntList().push(0);
  readonly splitsIn = new IntList();

  constructor(
    readonly dims: readonly Dimension[],
    expected: number,
  ) {
    this.index = new IdTable(expected);
    this.valueLists = dims.map(() => new IntList());
    this.width = Math.max(1, ...dims.flatMap((dim) => dim.parents.map((ps) => ps.length)));
  }

  get length(): number {
    return this.respondents.length;
  }

  /** Adds n respondents to the cut with this id and these values (one per dimension); its number. */
  add(id: number, values: readonly number[], n: number): number {
    const i = this.index.getOrAdd(id, this.length);
    if (i === this.length) {
      this.respondents.push(0);
      for (let d = 0; d < values.length; d++) this.valueLists[d].push(values[d]);
    }
    this.respondents[i] += n;
    return i;
  }

  /** Once every cell is counted. */
  done(): void {
    this.values = this.valueLists.map((list) => list.data.subarray(0, list.length));
  }

  /**
   * Records the wider cuts of the cuts `cell` numbered from `first` on (new with this cell).
   * Every wider cut of a cut of the cell is a cut of the cell too, so it is read from
   * `cell.numbers` by position instead of being looked up by id.
   */
  link(first: number, cell: CellCuts): void {
    const D = this.dims.length;
    const { lists, steps, numbers } = cell;
    const position = [0, 0, 0, 0, 0];
    for (let p = 0; p < cell.size; p++) {
      if (numbers[p] >= first) {
        for (let d = 0; d < D; d++) for (const shift of lists[d].upShifts[position[d]]) this.up.push(shift === null ? -1 : numbers[p + shift * steps[d]]);
        for (let d = 0; d < D; d++) for (const { shift, j } of lists[d].wholeShifts[position[d]]) this.splitsIn.push((numbers[p + shift * steps[d]] * D + d) * SPLITS + j);
        this.splitsInStart.push(this.splitsIn.length);
      }
      // The next position, innermost dimension fastest (as `numbers` is filled).
      for (let d = D - 1; d >= 0 && ++position[d] === lists[d].values.length; d--) position[d] = 0;
    }
  }
}

/**
 * A value and every wider one (`Dimension.ancestors`); for each of them, how many places
 * along the list its parents are (`Cuts.width` of them, null: none), and the wholes of the
 * splits it is a part of (`containing` order).
 */
interface Ancestry {
  values: number[];
  /** Each value's place in `values` (−1: not in it). */
  position: Int32Array;
  upShifts: (number | null)[][];
  wholeShifts: { shift: number; j: number }[][];
}

function ancestryOf(dim: Dimension, value: number, width: number, containing: readonly Containing[][]): Ancestry {
  const values = dim.ancestors(value);
  const shift = (from: number, to: number) => values.indexOf(to) - from;
  const position = new Int32Array(dim.codes.length).fill(-1);
  values.forEach((v, p) => (position[v] = p));
  return {
    values,
    position,
    upShifts: values.map((v, p) => Array.from({ length: width }, (_, q) => (q < dim.parents[v].length ? shift(p, dim.parents[v][q]) : null))),
    wholeShifts: values.map((v, p) => containing[v].map(({ whole, split }) => ({ shift: shift(p, whole), j: split.j }))),
  };
}

/** The cuts a fine cell is in: the product of its ancestries, numbered in nested order (source outermost). */
interface CellCuts {
  lists: Ancestry[];
  /** How far apart in `numbers` two cuts one place apart along each dimension are. */
  steps: number[];
  size: number;
  numbers: Int32Array;
}

/**
 * Adds a cell's respondents to each of its cuts, in nested order, numbering new ones.
 * Cells next to each other in key order share many cuts (two channels of one month share
 * every cut of all channels): a cut the previous cell was in too has its number from there,
 * not from the id table.
 */
function countCell(cuts: Cuts, cell: CellCuts, previous: CellCuts, strides: readonly number[], values: number[], n: number): void {
  const [l0, l1, l2, l3, l4] = cell.lists.map((list) => list.values);
  const [m0, m1, m2, m3, m4] = previous.lists.map((list) => list.position);
  const [s0, s1, s2, s3] = previous.steps;
  const { numbers } = cell;
  const known = previous.numbers;
  let p = 0;
  for (const a of l0) {
    const qa = m0[a] < 0 ? -1 : m0[a] * s0;
    for (const b of l1) {
      const qb = qa < 0 || m1[b] < 0 ? -1 : qa + m1[b] * s1;
      for (const e of l2) {
        const qe = qb < 0 || m2[e] < 0 ? -1 : qb + m2[e] * s2;
        for (const f of l3) {
          const qf = qe < 0 || m3[f] < 0 ? -1 : qe + m3[f] * s3;
          for (const g of l4) {
            if (qf >= 0 && m4[g] >= 0) {
              const i = known[qf + m4[g]];
              cuts.respondents[i] += n;
              numbers[p++] = i;
              continue;
            }
            values[0] = a;
            values[1] = b;
            values[2] = e;
            values[3] = f;
            values[4] = g;
            numbers[p++] = cuts.add(a * strides[0] + b * strides[1] + e * strides[2] + f * strides[3] + g * strides[4], values, n);
          }
        }
      }
    }
  }
}

/** Respondents of every cut with anyone in it: each fine cell adds to all its wider cuts. */
function countCuts(cells: readonly FineCell[], shape: LatticeShape, dims: readonly Dimension[], splits: Splits): Cuts {
  const sizes = dims.map((d) => d.codes.length);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  // (About 50 cuts per fine cell in the benchmark's data.)
  const cuts = new Cuts(dims, cells.length * 32);
  const known = new Set(shape.services.map((s) => s.id));
  const campaigns = new Set(shape.campaigns.map((c) => c.id));
  const ancestriesOf = dims.map(() => new Map<number, Ancestry>());
  const ancestry = (d: number, code: string) => {
    const i = dims[d].index.get(code)!;
    let list = ancestriesOf[d].get(i);
    if (!list) ancestriesOf[d].set(i, (list = ancestryOf(dims[d], i, cuts.width, splits.containing[d])));
    return list;
  };
  const values = [0, 0, 0, 0, 0];
  let cell: CellCuts = { lists: [], steps: [0, 0, 0, 0, 0], size: 0, numbers: new Int32Array(256) };
  // Before the first cell, a previous one with no cuts.
  const nothing = dims.map((dim) => ({ values: [], position: new Int32Array(dim.codes.length).fill(-1), upShifts: [], wholeShifts: [] }));
  let previous: CellCuts = { lists: nothing, steps: [0, 0, 0, 0, 0], size: 0, numbers: new Int32Array(256) };
  for (const c of cells) {
    if (c.n <= 0 || !campaigns.has(c.campaignId)) continue;
    const service = c.serviceId !== null && known.has(c.serviceId) ? `v${c.serviceId}` : NO_SERVICE;
    const lists = [ancestry(SOURCE, `c${c.campaignId}`), ancestry(PLACE, service), ancestry(PERIOD, c.month), ancestry(LANGUAGE, c.language), ancestry(CHANNEL, c.channel)];
    cell.lists = lists;
    cell.size = 1;
    for (let d = dims.length - 1; d >= 0; d--) (cell.steps[d] = cell.size), (cell.size *= lists[d].values.length);
    if (cell.numbers.length < cell.size) cell.numbers = new Int32Array(cell.size);
    const first = cuts.length;
    countCell(cuts, cell, previous, strides, values, c.n);
    if (cuts.length > first) cuts.link(first, cell);
    [cell, previous] = [previous, cell];
  }
  cuts.done();
  return cuts;
}

/**
 * Each cut's single-step narrower cuts along each dimension, and the parts of each of its
 * splits that have anyone in them, gathered once from `Cuts.up` and `Cuts.splitsIn` so that
 * the fixed point, which visits each cut's neighbours and each split's parts, reads
 * arrays instead of looking ids up.
 */
class Links {
  /**
   * The single-step narrower cuts of cut i along d with as many respondents as it (the
   * same group under another name, rule 4) are `same[sameStart[i·D + d]]` up to
   * `sameStart[i·D + d + 1]`, by ascending value. Few cuts have any, so only these are kept.
   */
  readonly sameStart: Int32Array;
  readonly same: Int32Array;
  /** Likewise the parts of split j of cut i along d, from `partsStart[(i·D + d)·SPLITS + j]`, in no particular order. */
  readonly partsStart: Int32Array;
  readonly parts: Int32Array;

  constructor(dims: readonly Dimension[], cuts: Cuts) {
    const D = dims.length;
    const N = cuts.length;
    const { width } = cuts;
    const up = cuts.up.data;
    const [starts, splits] = [cuts.splitsInStart.data, cuts.splitsIn.data.subarray(0, cuts.splitsIn.length)];
    const members = new Int32Array(splits.length);
    for (let i = 0; i < N; i++) members.fill(i, starts[i], starts[i + 1]);
    [this.partsStart, this.parts] = grouped(N * D * SPLITS, splits, members);
    // Along each dimension, the cuts by ascending value (a counting sort), so each
    // whole's narrower cuts come out in the order of their values.
    const groups = new IntList();
    const narrower = new IntList();
    const { respondents } = cuts;
    for (let d = 0; d < D; d++)
      for (const i of countingSort(cuts.values[d], dims[d].codes.length))
        for (let q = 0; q < width; q++) {
          const wider = up[(i * D + d) * width + q];
          if (wider >= 0 && respondents[wider] === respondents[i]) groups.push(wider * D + d), narrower.push(i);
        }
    [this.sameStart, this.same] = grouped(N * D, groups.data.subarray(0, groups.length), narrower.data);
  }
}

/**
 * Members listed by group (0 … size−1; −1: none), each group's in the order given: the
 * start of each group (and the end of the last) and the members.
 */
function grouped(size: number, groups: Int32Array, members: Int32Array): [Int32Array, Int32Array] {
  // bounds[g + 1] is first the end of group g; filled from the back, it moves to its start.
  const bounds = new Int32Array(size + 2);
  for (let m = 0; m < groups.length; m++) if (groups[m] >= 0) bounds[groups[m] + 1]++;
  for (let s = 1; s <= size; s++) bounds[s] += bounds[s - 1];
  const list = new Int32Array(bounds[size]);
  bounds[size + 1] = bounds[size];
  for (let m = groups.length - 1; m >= 0; m--) if (groups[m] >= 0) list[--bounds[groups[m] + 1]] = members[m];
  return [bounds.subarray(1), list];
}

/** Positions 0 … n−1 ordered by their keys (each below `size`), equal keys in position order. */
function countingSort(keys: Int32Array, size: number): Int32Array {
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
  /** Scratch list of a split's shown parts (`complement` does not nest), as long as the longest split. */
  private readonly shown: Int32Array;
  /** For each dimension and value, its own splits (`Dimension.partitions`). */
  private readonly splits: Split[][][];
  /** For each dimension and value, the splits of wider values it is a part of. */
  private readonly containing: Containing[][][];
  private readonly links: Links;

  constructor(
    private readonly dims: readonly Dimension[],
    private readonly cuts: Cuts,
    splits: Splits,
    private readonly k: number,
  ) {
    const count = cuts.length;
    this.open = new Uint8Array(count);
    this.hidden = new Uint8Array(count);
    this.gap = new Float64Array(count).fill(-1);
    this.satisfied = new Uint8Array(count * dims.length);
    this.splits = splits.own;
    this.shown = new Int32Array(Math.max(0, ...splits.own.flat(2).map((split) => split.parts.length)));
    this.containing = splits.containing;
    this.links = new Links(dims, cuts);
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
    const { width } = cuts;
    const ups = cuts.up.data;
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
    const { width } = cuts;
    const [up, splitsIn] = [cuts.up.data, cuts.splitsIn.data];
    const { same, sameStart } = this.links;
    const D = dims.length;
    const n = cuts.respondents[i];
    const isOpen = open[i] === 1;
    // As a part: a hidden part of k or more already satisfies every split it is in.
    const asPart = n < k || !isOpen;
    let m = cuts.splitsInStart.data[i];
    for (let d = 0; d < D; d++) {
      const v = cuts.values[d][i];
      if (asPart)
        for (const { split } of this.containing[d][v]) {
          const whole = Math.floor(splitsIn[m++] / (D * SPLITS));
          if (open[whole]) this.complement(whole, d, split);
        }
      if (!isOpen) continue;
      // As a whole: its own splits.
      for (const split of this.splits[d][v]) this.complement(i, d, split);
      // A wider or narrower cut with as many respondents is the same group under another
      // name (an organisation and its only service, say): hidden one, hidden both. Wider
      // ones first, in `Dimension.parents` order, then narrower ones by value.
      for (let q = (i * D + d) * width, end = q + width; q < end; q++) this.hideSame(up[q], n);
      for (let s = sameStart[i * D + d], end = sameStart[i * D + d + 1]; s < end; s++) this.hideSame(same[s], n);
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
    let count = 0;
    for (let s = partsStart[key * SPLITS + split.j], end = partsStart[key * SPLITS + split.j + 1]; s < end; s++) {
      const part = parts[s];
      if (this.hidden[part] || !this.open[part]) {
        hiddenSum += respondents[part];
        anyHidden = true;
      } else shown[count++] = part;
    }
    if (!anyHidden && !this.hidden[whole]) return;
    if (anyHidden && hiddenSum >= k) {
      this.satisfied[key] |= bit;
      return;
    }
    // Smallest first; equal sizes in the split's order (`parts` are in the order of the
    // cuts). An insertion sort: a split has at most a few dozen parts.
    for (let a = 1; a < count; a++) {
      const x = shown[a];
      let b = a - 1;
      for (; b >= 0 && (respondents[shown[b]] > respondents[x] || (respondents[shown[b]] === respondents[x] && rank[values[shown[b]]] > rank[values[x]])); b--) shown[b + 1] = shown[b];
      shown[b + 1] = x;
    }
    let next = 0;
    if (!anyHidden && count > 0) {
      this.hide(shown[next]);
      hiddenSum += respondents[shown[next++]];
    }
    while (hiddenSum < k) {
      if (next >= count) {
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
  const splits = splitsOf(dims);
  const cuts = countCuts(cells, shape, dims, splits);
  const planner = new Planner(dims, cuts, splits, threshold);
  planner.markOpen(shape.kindCuts);
  planner.hideSmall();
  planner.hideDifferences();
  planner.settle();
  return new Disclosure(dims, cuts.index, Float64Array.from(cuts.respondents), planner.hidden, threshold);
}
