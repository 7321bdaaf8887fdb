/**
 * Release counts by facet, answered from memory: one flat record per press release, derived from the facts
 * (facts.ts) of the releases a write touched, and a scan over the records per question (no allocation per record).
 * Keys are small dense numbers per dimension, so counts go into typed arrays rather than maps. Pre-aggregating
 * every combination of filters would cost memory for questions nobody asks; a scan of 100k records is a few ms
 * (docs/decisions/0013-release-statistics.md).
 */
import { FactStore, Slot, objectOf, slotOf, type TripleLike, type Touched } from './facts.js';
import { DIMENSIONS, isTime, type Dimension, type StatsRequest, type StatsRow } from './types.js';
import { csvField } from './answer.js';

/** Sections of a record, after a header of their end offsets: days (yyyymmdd), then dense keys of each thing. */
const S = { days: 0, state: 1, field: 2, publisher: 3, genre: 4, language: 5, speaker: 6 } as const;
const SECTIONS = 7;
type Thing = Exclude<Dimension, 'year' | 'month'>;
const THINGS: readonly Thing[] = ['state', 'field', 'publisher', 'genre', 'language', 'speaker'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
/** Largest pair table kept in a typed array (cells); larger products count in a Map. */
const PAIR_CELLS = 1 << 22;

/** yyyymmdd of a date's lexical form, or undefined when it is not a calendar date. */
export function dayNumber(lexical: string): number | undefined {
  const m = DAY.exec(lexical);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : undefined;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** The English name of a language code ("fr" → "French"); the code itself when it is not a well-formed tag. */
export function languageLabel(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code; // RangeError: not a structurally valid language tag
  }
}

/** Dense numbering of the values of one dimension (fact-store ids or, for times, year / month numbers). */
class Dense {
  readonly values: number[] = [];
  private readonly index = new Map<number, number>();
  of(value: number): number {
    let d = this.index.get(value);
    if (d === undefined) {
      this.index.set(value, (d = this.values.length));
      this.values.push(value);
    }
    return d;
  }
  find(value: number): number | undefined {
    return this.index.get(value);
  }
}

const start = (r: readonly number[], s: number): number => (s === 0 ? SECTIONS : r[s - 1]!);
function has(r: readonly number[], s: number, v: number): boolean {
  for (let i = start(r, s), end = r[s]!; i < end; i++) if (r[i] === v) return true;
  return false;
}

/** Dimension numbers (their place in DIMENSIONS); postings are kept for every dimension but months. */
const DIM = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i])) as Record<Dimension, number>;
const MONTH = DIM.month;
/** Pair tables packed as one number: the key of the second dimension below this. */
const PAIR = 2 ** 26;

/** Places of the records that have one key of one dimension: unsorted, removed by swapping with the last. */
interface Posting {
  a: Int32Array;
  n: number;
}

function post(p: Posting, place: number): void {
  if (p.n === p.a.length) {
    const grown = new Int32Array(Math.max(4, p.n * 2));
    grown.set(p.a);
    p.a = grown;
  }
  p.a[p.n++] = place;
}

function unpost(p: Posting, place: number): void {
  const i = p.a.subarray(0, p.n).indexOf(place);
  if (i < 0) return;
  p.a[i] = p.a[--p.n]!;
  if (p.n < p.a.length / 4 && p.a.length > 16) p.a = p.a.slice(0, Math.max(16, p.n * 2));
}

/**
 * Releases per pair of keys of two dimensions (first → second → count), for every release: built the first time a
 * question needs it, then kept with every record stored or removed, like the one-dimension counts.
 */
type PairTable = Map<number, Map<number, number>>;

function bump(t: PairTable, a: number, b: number, sign: number): void {
  let row = t.get(a);
  if (!row) t.set(a, (row = new Map()));
  const n = (row.get(b) ?? 0) + sign;
  if (n > 0) row.set(b, n);
  else {
    row.delete(b);
    if (row.size === 0) t.delete(a);
  }
}

const sameKeys = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

export class FacetIndex {
  /** Records in a dense array (a scan over an array is faster than over a Map), with free places reused. */
  private readonly recs: (number[] | undefined)[] = [];
  private readonly place = new Map<number, number>();
  private readonly free: number[] = [];
  private readonly dense: Record<Dimension, Dense> = {
    year: new Dense(), month: new Dense(), state: new Dense(), field: new Dense(), publisher: new Dense(), genre: new Dense(), language: new Dense(), speaker: new Dense(),
  };
  /** Dense publisher → dense keys of itself and every structure it is (transitively) a unit of. */
  private ancestors = new Map<number, number[]>();
  /**
   * Releases per key of each dimension, unfiltered, kept with every record stored or removed: the questions asked
   * most (one dimension, no filter; the fields-of-work query) are answered from them without a scan.
   */
  private readonly totals: number[][] = DIMENSIONS.map(() => []);
  /**
   * Per dimension (months excepted) and key, the places of the records that have it: a filtered question reads the
   * records of its most selective filter only (the releases of the years in range for a date filter).
   */
  private readonly postings: Posting[][] = DIMENSIONS.map(() => []);
  /** Pair tables by `first × 8 + second` dimension number, made on first use (decision 0013). */
  private readonly pairs = new Map<number, PairTable>();
  private readonly bufA: number[] = [];
  private readonly bufB: number[] = [];
  /** Per dimension: its keys' names, labels, order and serialized forms, made on first use (KeyTable). */
  private readonly keyTables: (KeyTable | undefined)[] = DIMENSIONS.map(() => undefined);
  private readonly yearKeys = new Int32Array(10_000).fill(-1);
  private readonly monthKeys = new Int32Array(120_000).fill(-1);

  /** `derive` false: no record yet (`FacetIndex.derived` makes them in slices). */
  constructor(readonly facts: FactStore = new FactStore(), derive = true) {
    if (derive) for (const s of facts.subjects.keys()) this.derive(s);
  }

  /**
   * The index of `facts`, derived `slice` subjects at a time with `pause` awaited between slices: at 100k releases
   * deriving every record in one go held the HTTP thread for seconds at start, and a slice of 2,000 17-26 ms of CPU
   * during a rebuild (decision 0041).
   */
  static async derived(facts: FactStore, pause: () => Promise<void>, slice = 500): Promise<FacetIndex> {
    const index = new FacetIndex(facts, false);
    let n = 0;
    for (const s of [...facts.subjects.keys()]) {
      index.derive(s);
      if (++n % slice === 0) await pause();
    }
    return index;
  }

  /** Follows one committed delta (removals first, as the store applies them). */
  apply(removed: Iterable<TripleLike>, added: Iterable<TripleLike>): void {
    this.follow(this.facts.apply(removed, added));
  }

  private follow(touched: Touched): void {
    // a key whose label changed: its dimension's order and serialized keys are made again when next asked
    for (const id of touched.labels) {
      for (const d of THINGS) {
        const table = this.keyTables[DIM[d]];
        const k = this.dense[d].find(id);
        if (table && k !== undefined && k < table.size && table.labels[k] !== this.label(d, k)) this.keyTables[DIM[d]] = undefined;
      }
    }
    if (touched.units) {
      this.ancestors = new Map();
      this.recountPublishers(); // which structures a release counts for changed with the tree
    }
    if (touched.countries) {
      for (const s of [...this.place.keys()]) if (!this.facts.subjects.has(s)) this.remove(s);
      for (const s of this.facts.subjects.keys()) this.derive(s);
    } else for (const s of touched.releases) this.derive(s);
  }

  private remove(s: number): void {
    const at = this.place.get(s);
    if (at === undefined) return;
    this.count(at, this.recs[at], undefined);
    this.recs[at] = undefined;
    this.place.delete(s);
    this.free.push(at);
  }

  private store(s: number, rec: number[]): void {
    let at = this.place.get(s);
    if (at === undefined) {
      at = this.free.pop() ?? this.recs.length;
      this.place.set(s, at);
    }
    this.count(at, this.recs[at], rec);
    this.recs[at] = rec;
  }

  /** Number of press releases counted. */
  get size(): number {
    return this.place.size;
  }

  private derive(s: number): void {
    const entries = this.facts.subjects.get(s);
    if (!entries?.some((e) => slotOf(e) === Slot.Type)) {
      this.remove(s);
      return;
    }
    const sections: Set<number>[] = Array.from({ length: SECTIONS }, () => new Set());
    const put = (section: number, dim: Thing, id: number) => sections[section]!.add(this.dense[dim].of(id));
    for (const e of entries) {
      const o = objectOf(e);
      switch (slotOf(e)) {
        case Slot.Date: {
          const day = dayNumber(this.facts.names[o]!);
          if (day !== undefined) sections[S.days]!.add(day);
          break;
        }
        case Slot.Mentions: if (this.facts.countries.has(o)) put(S.state, 'state', o); break;
        case Slot.About: put(S.field, 'field', o); break;
        case Slot.Publisher: put(S.publisher, 'publisher', o); break;
        case Slot.ContentType: put(S.genre, 'genre', o); break;
        case Slot.Language: put(S.language, 'language', o); break;
        case Slot.Quotation: for (const p of this.facts.speakers.get(o) ?? []) put(S.speaker, 'speaker', p); break;
      }
    }
    const rec: number[] = [];
    let end = SECTIONS;
    for (const set of sections) rec.push((end += set.size));
    for (const set of sections) rec.push(...set);
    this.store(s, rec);
  }

  /** The keys of every dimension of a record (none for no record). */
  private keyLists(r: readonly number[] | undefined): number[][] {
    return DIMENSIONS.map((d) => {
      if (!r) return [];
      const out: number[] = [];
      out.length = this.keys(d, r, -Infinity, Infinity, out);
      return out;
    });
  }

  /**
   * Moves what is counted at `place` from record `old` to record `rec` (either may be missing): the one-dimension
   * counts and postings of the keys that differ, and the pair tables made so far where either dimension's keys differ.
   */
  private count(place: number, old: readonly number[] | undefined, rec: readonly number[] | undefined): void {
    const before = this.keyLists(old);
    const after = this.keyLists(rec);
    const changed = DIMENSIONS.map((_, d) => !sameKeys(before[d]!, after[d]!));
    for (let d = 0; d < DIMENSIONS.length; d++) {
      if (!changed[d]) continue;
      const t = this.totals[d]!;
      const p = this.postings[d]!;
      for (const k of before[d]!) {
        if (after[d]!.includes(k)) continue;
        t[k]!--;
        if (d !== MONTH) unpost(p[k]!, place);
      }
      for (const k of after[d]!) {
        if (before[d]!.includes(k)) continue;
        t[k] = (t[k] ?? 0) + 1;
        if (d !== MONTH) post((p[k] ??= { a: new Int32Array(4), n: 0 }), place);
      }
    }
    for (const [pair, table] of this.pairs) {
      const d1 = Math.floor(pair / 8);
      const d2 = pair % 8;
      if (!changed[d1] && !changed[d2]) continue;
      for (const a of before[d1]!) for (const b of before[d2]!) bump(table, a, b, -1);
      for (const a of after[d1]!) for (const b of after[d2]!) bump(table, a, b, 1);
    }
  }

  /** After the org:unitOf tree changed: the publisher counts and postings again, pair tables with publishers dropped. */
  private recountPublishers(): void {
    const d = DIM.publisher;
    const t: number[] = (this.totals[d] = []);
    const p: Posting[] = (this.postings[d] = []);
    for (let place = 0; place < this.recs.length; place++) {
      const r = this.recs[place];
      if (!r) continue;
      const n = this.keys('publisher', r, -Infinity, Infinity, this.bufA);
      for (let i = 0; i < n; i++) {
        const k = this.bufA[i]!;
        t[k] = (t[k] ?? 0) + 1;
        post((p[k] ??= { a: new Int32Array(4), n: 0 }), place);
      }
    }
    for (const pair of [...this.pairs.keys()]) if (Math.floor(pair / 8) === d || pair % 8 === d) this.pairs.delete(pair);
  }

  /** The pair table of two dimensions, made by one scan the first time it is asked for. */
  private pairTable(d1: Dimension, d2: Dimension): PairTable {
    const id = DIM[d1] * 8 + DIM[d2];
    let table = this.pairs.get(id);
    if (table) return table;
    table = new Map();
    const a = this.bufA;
    const b = this.bufB;
    for (const r of this.recs) {
      if (!r) continue;
      const na = this.keys(d1, r, -Infinity, Infinity, a);
      if (na === 0) continue;
      const nb = this.keys(d2, r, -Infinity, Infinity, b);
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) bump(table, a[i]!, b[j]!, 1);
    }
    this.pairs.set(id, table);
    return table;
  }

  /** Dense keys of a publisher and every structure above it. */
  private above(pub: number): number[] {
    let list = this.ancestors.get(pub);
    if (list) return list;
    const seen = new Set([this.dense.publisher.values[pub]!]);
    for (const u of seen) for (const parent of this.facts.unitOf.get(u) ?? []) seen.add(parent);
    this.ancestors.set(pub, (list = [...seen].map((id) => this.dense.publisher.of(id))));
    return list;
  }

  /** The dense key of a year (yyyy) or month (yyyymm), through a lookup table (a Map lookup per record cost ~2 ms per 100k). */
  private timeKey(d: 'year' | 'month', value: number): number {
    const table = d === 'year' ? this.yearKeys : this.monthKeys;
    const slot = d === 'year' ? value : Math.floor(value / 100) * 12 + (value % 100) - 1;
    if (slot < 0 || slot >= table.length) return this.dense[d].of(value);
    let k = table[slot]!;
    if (k < 0) table[slot] = k = this.dense[d].of(value);
    return k;
  }

  /** Fills `out` with the dense keys of `d` of record `r` (times from the days in [from, to]); returns how many. */
  private keys(d: Dimension, r: readonly number[], from: number, to: number, out: number[]): number {
    let n = 0;
    if (d === 'year' || d === 'month') {
      for (let i = SECTIONS, end = r[S.days]!; i < end; i++) {
        const day = r[i]!;
        if (day < from || day > to) continue;
        const k = this.timeKey(d, d === 'year' ? Math.floor(day / 10000) : Math.floor(day / 100));
        let j = 0;
        while (j < n && out[j] !== k) j++;
        if (j === n) out[n++] = k;
      }
      return n;
    }
    const s = S[d];
    if (d === 'publisher') {
      for (let i = start(r, s), end = r[s]!; i < end; i++) {
        for (const k of this.above(r[i]!)) {
          let j = 0;
          while (j < n && out[j] !== k) j++;
          if (j === n) out[n++] = k;
        }
      }
      return n;
    }
    for (let i = start(r, s), end = r[s]!; i < end; i++) out[n++] = r[i]!;
    return n;
  }

  /** The smallest year in [from, to] among a record's days (a release dated in two years is read once). */
  private firstYear(r: readonly number[], from: number, to: number): number {
    let best = Infinity;
    for (let i = SECTIONS, end = r[S.days]!; i < end; i++) if (r[i]! >= from && r[i]! <= to && r[i]! < best) best = r[i]!;
    return Math.floor(best / 10000);
  }

  /**
   * The keys of a dimension as answers name and order them, kept until a key is added (dense keys only grow) or one
   * of their labels changes (`follow`): sorting 2,482 speakers by label and escaping their names per request was
   * most of a by-speaker answer at 100k (decision 0038).
   */
  keyTable(d: Dimension): KeyTable {
    const size = this.dense[d].values.length;
    const kept = this.keyTables[DIM[d]];
    if (kept?.size === size) return kept;
    const names: string[] = [];
    const labels: string[] = [];
    for (let k = 0; k < size; k++) {
      names.push(this.keyName(d, k));
      labels.push(this.label(d, k));
    }
    // by label then key (a time's label is its key): the order of sortRows
    const order = Array.from({ length: size }, (_, k) => k).sort((a, b) => cmp(labels[a]!, labels[b]!) || cmp(names[a]!, names[b]!));
    const rank = new Int32Array(size);
    order.forEach((k, i) => (rank[k] = i));
    return (this.keyTables[DIM[d]] = new KeyTable(names, labels, rank));
  }

  /**
   * The rows of one request, sorted: times by key, things by count (most first) then label. One dimension without
   * filters: the kept counts; two without filters, or one with a single filter on another thing: a pair table;
   * otherwise the records of the most selective filter, each tested against the others.
   */
  query(req: StatsRequest): StatsRow[] {
    return this.counted(req).rows();
  }

  /** The counts of one request, in answer order, to be given as rows, JSON or CSV (`Counted`). */
  counted(req: StatsRequest): Counted {
    const f = req.filters;
    const [d1, d2] = req.by;
    const out = new Counted(this, req.by);
    const things = THINGS.filter((t) => f[t] !== undefined);
    const ranged = f.from !== undefined || f.to !== undefined;
    if (!ranged && things.length === 0) {
      if (!d2) this.totals[DIM[d1]]!.forEach((n, k) => n > 0 && out.add(k, 0, n));
      else this.fromPairs(d1, d2, out);
      return out.sorted();
    }
    const match = this.matcher(req);
    if (!match) return out.sorted();
    if (!d2 && !ranged && things.length === 1 && things[0] !== d1) {
      this.pairTable(things[0]!, d1).get(match.wanted[0]![1])?.forEach((n, k) => out.add(k, 0, n));
      return out.sorted();
    }
    this.scan(req, match, out);
    return out.sorted();
  }

  /** Two dimensions, no filter: every cell of their pair table (either orientation, whichever was made). */
  private fromPairs(d1: Dimension, d2: Dimension, out: Counted): void {
    const turned = this.pairs.get(DIM[d2] * 8 + DIM[d1]);
    if (turned) turned.forEach((row, b) => row.forEach((n, a) => out.add(a, b, n)));
    else this.pairTable(d1, d2).forEach((row, a) => row.forEach((n, b) => out.add(a, b, n)));
  }

  /** Counts over the records of the smallest posting among the filters (or of the years in the date range). */
  private scan(req: StatsRequest, match: Match, out: Counted): void {
    const [d1, d2] = req.by;
    const { from, to, test, wanted } = match;
    // a date filter or a time dimension leaves out releases without a date in range
    const ranged = req.filters.from !== undefined || req.filters.to !== undefined;
    const dated = ranged || req.by.some(isTime);
    let lists: Posting[] = [];
    let size = Infinity;
    for (const [d, k] of wanted) {
      const p = this.postings[d]![k];
      if (!p) return;
      if (p.n < size) [lists, size] = [[p], p.n];
    }
    let yearly = false;
    if (ranged) {
      // the years' postings hold every dated release once per year it has a day in
      const years: Posting[] = [];
      let n = 0;
      this.dense.year.values.forEach((y, k) => {
        const p = this.postings[DIM.year]![k];
        if (p && y >= Math.floor(from / 10000) && y <= Math.floor(to / 10000)) years.push(p), (n += p.n);
      });
      if (n < size) [lists, size, yearly] = [years, n, years.length > 1];
    }
    const tally = new Tally(this.dense[d1].values.length, d2 ? this.dense[d2].values.length : 1, size);
    const a = this.bufA;
    const b = this.bufB;
    const yearOf = new Map(this.dense.year.values.map((y, k) => [this.postings[DIM.year]![k], y]));
    for (const list of lists) {
      const year = yearly ? yearOf.get(list)! : 0;
      for (let at = 0; at < list.n; at++) {
        const r = this.recs[list.a[at]!]!;
        if (!test(r)) continue;
        if (dated && !this.dated(r, from, to)) continue;
        if (yearly && this.firstYear(r, from, to) !== year) continue;
        const na = this.keys(d1, r, from, to, a);
        if (!d2) {
          for (let i = 0; i < na; i++) tally.add(a[i]!, 0);
          continue;
        }
        if (na === 0) continue;
        const nb = this.keys(d2, r, from, to, b);
        for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) tally.add(a[i]!, b[j]!);
      }
    }
    tally.forEach((ka, kb, releases) => out.add(ka, kb, releases));
  }

  /** Whether record `r` has a day in [from, to]. */
  private dated(r: readonly number[], from: number, to: number): boolean {
    for (let i = SECTIONS, end = r[S.days]!; i < end; i++) if (r[i]! >= from && r[i]! <= to) return true;
    return false;
  }

  /** The filters as dense keys and a day range; undefined when a filter names nothing counted (no rows). */
  private matcher(req: StatsRequest): Match | undefined {
    const f = req.filters;
    const wanted: [number, number][] = [];
    const sections: number[] = [];
    const keys: number[] = [];
    let publisher: number | undefined;
    for (const name of THINGS) {
      const value = f[name];
      if (value === undefined) continue;
      const id = this.facts.find(value);
      // a structure above every publisher has a dense key only once some release's ancestors were listed
      const d = id === undefined ? undefined : name === 'publisher' ? this.dense.publisher.of(id) : this.dense[name].find(id);
      if (d === undefined) return undefined;
      wanted.push([DIM[name], d]);
      if (name === 'publisher') publisher = d;
      else sections.push(S[name]), keys.push(d);
    }
    const test = (r: readonly number[]): boolean => {
      for (let i = 0; i < sections.length; i++) if (!has(r, sections[i]!, keys[i]!)) return false;
      if (publisher === undefined) return true;
      for (let i = start(r, S.publisher), end = r[S.publisher]!; i < end; i++) if (this.above(r[i]!).includes(publisher)) return true;
      return false;
    };
    return { test, wanted, from: f.from ? dayNumber(f.from)! : -Infinity, to: f.to ? dayNumber(f.to)! : Infinity };
  }

  private keyName(d: Dimension, k: number): string {
    const v = this.dense[d].values[k]!;
    if (d === 'year') return String(v).padStart(4, '0');
    if (d === 'month') return `${String(Math.floor(v / 100)).padStart(4, '0')}-${String(v % 100).padStart(2, '0')}`;
    return this.facts.names[v]!;
  }

  private label(d: Dimension, k: number): string {
    if (isTime(d)) return this.keyName(d, k);
    const id = this.dense[d].values[k]!;
    const name = this.facts.names[id]!;
    if (d === 'language') return languageLabel(name);
    return this.facts.labelOf(id) ?? name;
  }

  /**
   * The `fields-of-work` named query from the statistics: every osce:FieldOfWork with an English skos:prefLabel
   * (one row per such label, as the SPARQL does), with its number of releases, ordered by label.
   */
  fieldsOfWork(): { field: string; label: string; releases: number }[] {
    const counts = new Map<number, number>();
    this.totals[DIM.field]!.forEach((n, k) => counts.set(this.dense.field.values[k]!, n));
    const rows: { field: string; label: string; releases: number }[] = [];
    for (const f of this.facts.fields.keys()) {
      for (const [rank, text] of this.facts.labels.get(f) ?? []) {
        if (rank === 0) rows.push({ field: this.facts.names[f]!, label: text, releases: counts.get(f) ?? 0 });
      }
    }
    return rows.sort((a, b) => cmp(a.label, b.label) || cmp(a.field, b.field));
  }
}

interface Match {
  test: (r: readonly number[]) => boolean;
  /** Dimension number and dense key of each filter on a thing. */
  wanted: [number, number][];
  from: number;
  to: number;
}

/**
 * Counts per (dense key, dense key): a typed-array table sized from the keyspaces known when the scan starts (with
 * room for keys a scan adds, such as a year not seen before), a Map for what falls outside it, for keyspaces whose
 * product is too large (speakers × months), or when the records read are few against the table's cells.
 */
class Tally {
  private readonly width: number;
  private readonly table: Int32Array | undefined;
  private readonly rest = new Map<number, number>();
  constructor(rows: number, columns: number, records: number) {
    this.width = columns === 1 ? 1 : columns + 64;
    const cells = (rows + 64) * this.width;
    this.table = cells <= PAIR_CELLS && cells <= records * 16 ? new Int32Array(cells) : undefined;
  }
  add(a: number, b: number): void {
    const cell = a * this.width + b;
    if (this.table && b < this.width && cell < this.table.length) this.table[cell]!++;
    else this.rest.set(a * PAIR + b, (this.rest.get(a * PAIR + b) ?? 0) + 1);
  }
  forEach(fn: (a: number, b: number, n: number) => void): void {
    const t = this.table;
    if (t) for (let cell = 0; cell < t.length; cell++) if (t[cell]! > 0) fn(Math.floor(cell / this.width), cell % this.width, t[cell]!);
    for (const [k, n] of this.rest) fn(Math.floor(k / PAIR), k % PAIR, n);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Writes a non-negative integer's decimal digits at `at`; where they end. */
function digits(out: Buffer, at: number, value: number): number {
  let unit = 1;
  while (unit * 10 <= value) unit *= 10;
  for (; unit >= 1; unit /= 10) out[at++] = 0x30 + (Math.floor(value / unit) % 10);
  return at;
}

/**
 * One dimension's keys as answers give them: names and labels by dense key, each key's place in the order of
 * `sortRows` (label, then key), and its serialized pieces (JSON members as the first or the second key, CSV fields),
 * escaped once rather than per row of every answer.
 */
export class KeyTable {
  readonly size: number;
  private pieces: { one?: Buffer[]; first?: Buffer[]; second?: Buffer[]; csv?: string[] } = {};
  constructor(readonly names: readonly string[], readonly labels: readonly string[], readonly rank: Int32Array) {
    this.size = names.length;
  }
  /**
   * Each key's bytes of a JSON row up to its count, as JSON.stringify writes the row: `{"key":…,"label":…,"releases":`
   * for one dimension; for two, `{"key":…,"label":…,` (the first) and `"key2":…,"label2":…,"releases":` (the second).
   */
  json(part: 'one' | 'first' | 'second'): readonly Buffer[] {
    const made = (head: string, k: string, l: string, tail: string) => this.names.map((name, i) => Buffer.from(`${head}${k}${JSON.stringify(name)}${l}${JSON.stringify(this.labels[i])}${tail}`));
    if (part === 'second') return (this.pieces.second ??= made('', '"key2":', ',"label2":', ',"releases":'));
    if (part === 'first') return (this.pieces.first ??= made('{', '"key":', ',"label":', ','));
    return (this.pieces.one ??= made('{', '"key":', ',"label":', ',"releases":'));
  }
  /** `key,label` of each key as CSV fields. */
  csv(): readonly string[] {
    return (this.pieces.csv ??= this.names.map((name, i) => `${csvField(name)},${csvField(this.labels[i]!)}`));
  }
}

/**
 * The counts of one request as dense keys (and second keys) with their releases, put in answer order once, then
 * given as rows (the pages, the charts), JSON or CSV (the API): the same order and text as `sortRows` over the rows
 * and `statsBody`, from each dimension's KeyTable.
 */
export class Counted {
  private readonly a: number[] = [];
  private readonly b: number[] = [];
  private readonly n: number[] = [];
  private order: ArrayLike<number> = [];
  private t1!: KeyTable;
  private t2: KeyTable | undefined;
  constructor(private readonly index: FacetIndex, readonly by: StatsRequest['by']) {}

  add(a: number, b: number, releases: number): void {
    this.a.push(a);
    this.b.push(b);
    this.n.push(releases);
  }

  get length(): number {
    return this.n.length;
  }

  /**
   * Puts the counts in answer order: one thing by count (most first) then rank, a time by rank, two dimensions by
   * the first's rank then the second's. Each row's sort key and place are packed into one number and sorted as
   * numbers (no comparator call per comparison); past 2^53 a comparator does it.
   */
  sorted(): this {
    // the tables once every key is counted: a filter or a publisher's ancestors may have added dense keys
    const t1 = (this.t1 = this.index.keyTable(this.by[0]));
    const t2 = (this.t2 = this.by[1] ? this.index.keyTable(this.by[1]) : undefined);
    const { a, b, n } = this;
    const len = n.length;
    const most = n.reduce((m, x) => Math.max(m, x), 0);
    const thing = !t2 && !isTime(this.by[0]);
    const primary = (i: number) => (t2 ? t1.rank[a[i]!]! * t2.size + t2.rank[b[i]!]! : thing ? (most - n[i]!) * t1.size + t1.rank[a[i]!]! : t1.rank[a[i]!]!);
    const span = t2 ? t1.size * t2.size : thing ? (most + 1) * t1.size : t1.size;
    if (span * len < 2 ** 53) {
      const keys = new Float64Array(len);
      for (let i = 0; i < len; i++) keys[i] = primary(i) * len + i;
      keys.sort();
      const order = new Int32Array(len);
      for (let i = 0; i < len; i++) order[i] = keys[i]! % len;
      this.order = order;
    } else {
      const p = Array.from({ length: len }, (_, i) => primary(i));
      this.order = Array.from({ length: len }, (_, i) => i).sort((x, y) => p[x]! - p[y]!);
    }
    return this;
  }

  rows(): StatsRow[] {
    const { a, b, n, t1, t2, order } = this;
    const rows: StatsRow[] = [];
    for (let j = 0; j < order.length; j++) {
      const i = order[j]!;
      const k = a[i]!;
      if (!t2) rows.push({ key: t1.names[k]!, label: t1.labels[k]!, releases: n[i]! });
      else rows.push({ key: t1.names[k]!, label: t1.labels[k]!, key2: t2.names[b[i]!]!, label2: t2.labels[b[i]!]!, releases: n[i]! });
    }
    return rows;
  }

  /**
   * The rows as `JSON.stringify(rows())` writes them, in UTF-8: the keys' kept bytes and each count's digits copied
   * into one buffer (no string of the whole answer, no object per row: a quarter of the time of the string at 100k).
   */
  json(): Buffer {
    const { a, b, n, t2, order } = this;
    const first = this.t1.json(t2 ? 'first' : 'one');
    const second = t2?.json('second');
    // 2 brackets, and per row a comma, a closing brace and at most 16 digits
    let size = 2;
    for (let j = 0; j < order.length; j++) size += first[a[order[j]!]!]!.length + (second ? second[b[order[j]!]!]!.length : 0) + 18;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    out[at++] = 0x5b; // [
    for (let j = 0; j < order.length; j++) {
      const i = order[j]!;
      if (j > 0) out[at++] = 0x2c; // ,
      at += first[a[i]!]!.copy(out, at);
      if (second) at += second[b[i]!]!.copy(out, at);
      at = digits(out, at, n[i]!);
      out[at++] = 0x7d; // }
    }
    out[at++] = 0x5d; // ]
    return out.subarray(0, at);
  }

  /** The rows as `statsCsv` writes them. */
  csv(): string {
    const { a, b, n, t2, order } = this;
    const first = this.t1.csv();
    const second = t2?.csv();
    let out = t2 ? 'key,label,key2,label2,releases\r\n' : 'key,label,releases\r\n';
    for (let j = 0; j < order.length; j++) {
      const i = order[j]!;
      out += `${first[a[i]!]}${second ? `,${second[b[i]!]}` : ''},${n[i]}\r\n`;
    }
    return out;
  }
}

/** Times in key order; things by count, most first, then label and key. Two dimensions: by the first, then the second. */
export function sortRows(rows: StatsRow[], by: StatsRequest['by']): StatsRow[] {
  const [d1, d2] = by;
  if (!d2) {
    return rows.sort(isTime(d1) ? (a, b) => cmp(a.key, b.key) : (a, b) => b.releases - a.releases || cmp(a.label, b.label) || cmp(a.key, b.key));
  }
  const byKey = (d: Dimension, a: string, b: string, la: string, lb: string) => (isTime(d) ? cmp(a, b) : cmp(la, lb) || cmp(a, b));
  return rows.sort((a, b) => byKey(d1, a.key, b.key, a.label, b.label) || byKey(d2, a.key2!, b.key2!, a.label2!, b.label2!));
}
