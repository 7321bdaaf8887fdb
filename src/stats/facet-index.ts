/**
 * Release counts by facet, answered from memory: one flat record per press release, derived from the facts
 * (facts.ts) of the releases a write touched, and a scan over the records per question (no allocation per record).
 * Keys are small dense numbers per dimension, so counts go into typed arrays rather than maps. Pre-aggregating
 * every combination of filters would cost memory for questions nobody asks; a scan of 100k records is a few ms
 * (docs/decisions/0013-release-statistics.md).
 */
import { FactStore, Slot, objectOf, slotOf, type TripleLike, type Touched } from './facts.js';
import { isTime, type Dimension, type StatsRequest, type StatsRow } from './types.js';

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
  private readonly totals: Record<Dimension, number[]> = {
    year: [], month: [], state: [], field: [], publisher: [], genre: [], language: [], speaker: [],
  };
  private readonly bufA: number[] = [];
  private readonly bufB: number[] = [];
  private readonly yearKeys = new Int32Array(10_000).fill(-1);
  private readonly monthKeys = new Int32Array(120_000).fill(-1);

  constructor(readonly facts: FactStore = new FactStore()) {
    for (const s of facts.subjects.keys()) this.derive(s);
  }

  /** Follows one committed delta (removals first, as the store applies them). */
  apply(removed: Iterable<TripleLike>, added: Iterable<TripleLike>): void {
    this.follow(this.facts.apply(removed, added));
  }

  private follow(touched: Touched): void {
    if (touched.units) {
      this.ancestors = new Map();
      this.recount('publisher'); // which structures a release counts for changed with the tree
    }
    if (touched.countries) {
      for (const s of [...this.place.keys()]) if (!this.facts.subjects.has(s)) this.remove(s);
      for (const s of this.facts.subjects.keys()) this.derive(s);
    } else for (const s of touched.releases) this.derive(s);
  }

  private remove(s: number): void {
    const at = this.place.get(s);
    if (at === undefined) return;
    this.count(this.recs[at]!, -1);
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
    const old = this.recs[at];
    if (old) this.count(old, -1);
    this.count(rec, 1);
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

  private count(rec: readonly number[], sign: 1 | -1): void {
    for (const d of Object.keys(this.totals) as Dimension[]) {
      const t = this.totals[d];
      const n = this.keys(d, rec, -Infinity, Infinity, this.bufA);
      for (let i = 0; i < n; i++) t[this.bufA[i]!] = (t[this.bufA[i]!] ?? 0) + sign;
    }
  }

  private recount(d: Dimension): void {
    const t: number[] = (this.totals[d] = []);
    for (const r of this.recs) {
      if (!r) continue;
      const n = this.keys(d, r, -Infinity, Infinity, this.bufA);
      for (let i = 0; i < n; i++) t[this.bufA[i]!] = (t[this.bufA[i]!] ?? 0) + 1;
    }
  }

  private fromTotals(d: Dimension): StatsRow[] {
    const rows: StatsRow[] = [];
    this.totals[d].forEach((releases, k) => {
      if (releases > 0) rows.push({ key: this.keyName(d, k), label: this.label(d, k), releases });
    });
    return sortRows(rows, [d]);
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

  /** Whether record `r` has a day in [from, to]. */
  private dated(r: readonly number[], from: number, to: number): boolean {
    for (let i = SECTIONS, end = r[S.days]!; i < end; i++) if (r[i]! >= from && r[i]! <= to) return true;
    return false;
  }

  /** The rows of one request, sorted: times by key, things by count (most first) then label. */
  query(req: StatsRequest): StatsRow[] {
    if (req.by.length === 1 && Object.values(req.filters).every((v) => v === undefined)) return this.fromTotals(req.by[0]);
    const match = this.matcher(req);
    if (!match) return [];
    const [d1, d2] = req.by;
    const { from, to, test } = match;
    // a date filter or a time dimension leaves out releases without a date in range
    const dated = req.filters.from !== undefined || req.filters.to !== undefined || req.by.some(isTime);
    const tally = new Tally(this.dense[d1].values.length, d2 ? this.dense[d2].values.length : 1);
    const a = this.bufA;
    const b = this.bufB;
    for (const r of this.recs) {
      if (r === undefined || (test && !test(r))) continue;
      if (dated && !this.dated(r, from, to)) continue;
      const na = this.keys(d1, r, from, to, a);
      if (!d2) {
        for (let i = 0; i < na; i++) tally.add(a[i]!, 0);
        continue;
      }
      if (na === 0) continue;
      const nb = this.keys(d2, r, from, to, b);
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) tally.add(a[i]!, b[j]!);
    }
    const rows: StatsRow[] = [];
    tally.forEach((ka, kb, releases) => {
      if (!d2) rows.push({ key: this.keyName(d1, ka), label: this.label(d1, ka), releases });
      else rows.push({ key: this.keyName(d1, ka), label: this.label(d1, ka), key2: this.keyName(d2, kb), label2: this.label(d2, kb), releases });
    });
    return sortRows(rows, req.by);
  }

  /** The filters as dense keys and a day range; undefined when a filter names nothing counted (no rows). */
  private matcher(req: StatsRequest): { test: ((r: readonly number[]) => boolean) | undefined; from: number; to: number } | undefined {
    const f = req.filters;
    const want: [number, number][] = [];
    let publisher: number | undefined;
    for (const name of THINGS) {
      const value = f[name];
      if (value === undefined) continue;
      const id = this.facts.find(value);
      // a structure above every publisher has a dense key only once some release's ancestors were listed
      const d = id === undefined ? undefined : name === 'publisher' ? this.dense.publisher.of(id) : this.dense[name].find(id);
      if (d === undefined) return undefined;
      if (name === 'publisher') publisher = d;
      else want.push([S[name], d]);
    }
    const sections = want.map(([s]) => s);
    const keys = want.map(([, d]) => d);
    const test = (r: readonly number[]): boolean => {
      for (let i = 0; i < sections.length; i++) if (!has(r, sections[i]!, keys[i]!)) return false;
      if (publisher === undefined) return true;
      for (let i = start(r, S.publisher), end = r[S.publisher]!; i < end; i++) if (this.above(r[i]!).includes(publisher)) return true;
      return false;
    };
    const filtered = want.length > 0 || publisher !== undefined;
    return { test: filtered ? test : undefined, from: f.from ? dayNumber(f.from)! : -Infinity, to: f.to ? dayNumber(f.to)! : Infinity };
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
    this.totals.field.forEach((n, k) => counts.set(this.dense.field.values[k]!, n));
    const rows: { field: string; label: string; releases: number }[] = [];
    for (const f of this.facts.fields.keys()) {
      for (const [rank, text] of this.facts.labels.get(f) ?? []) {
        if (rank === 0) rows.push({ field: this.facts.names[f]!, label: text, releases: counts.get(f) ?? 0 });
      }
    }
    return rows.sort((a, b) => cmp(a.label, b.label) || cmp(a.field, b.field));
  }
}

const PAIR = 2 ** 26;

/**
 * Counts per (dense key, dense key): a typed-array table sized from the keyspaces known when the scan starts (with
 * room for keys a scan adds, such as a year not seen before), a Map for what falls outside it or for keyspaces whose
 * product is too large (speakers × months).
 */
class Tally {
  private readonly width: number;
  private readonly table: Int32Array | undefined;
  private readonly rest = new Map<number, number>();
  constructor(rows: number, columns: number) {
    this.width = columns === 1 ? 1 : columns + 64;
    const cells = (rows + 64) * this.width;
    this.table = cells <= PAIR_CELLS ? new Int32Array(cells) : undefined;
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

/** Times in key order; things by count, most first, then label and key. Two dimensions: by the first, then the second. */
export function sortRows(rows: StatsRow[], by: StatsRequest['by']): StatsRow[] {
  const [d1, d2] = by;
  if (!d2) {
    return rows.sort(isTime(d1) ? (a, b) => cmp(a.key, b.key) : (a, b) => b.releases - a.releases || cmp(a.label, b.label) || cmp(a.key, b.key));
  }
  const byKey = (d: Dimension, a: string, b: string, la: string, lb: string) => (isTime(d) ? cmp(a, b) : cmp(la, lb) || cmp(a, b));
  return rows.sort((a, b) => byKey(d1, a.key, b.key, a.label, b.label) || byKey(d2, a.key2!, b.key2!, a.label2!, b.label2!));
}
