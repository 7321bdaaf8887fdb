/**
 * The triples the statistics are computed from, kept as a multiset of small integer arrays: a release's type, date,
 * fields, publishers, mentions, content type, language and quotations; quotations' speakers; the org:unitOf tree;
 * which IRIs are States and fields of work; English labels. Fed with quads (a committed write's delta, or the
 * rows of a rebuild), so it knows nothing of how the store keeps them. A triple stored in two graphs counts twice
 * and stays until both are removed, like the union default graph it answers for.
 */
import type { Term } from '@rdfjs/types';
import { NS } from '../model/ns.js';

/** Per-release slots, in this order. */
export const SLOT_PREDICATES = [
  `${NS.schema}datePublished`, `${NS.schema}about`, `${NS.schema}publisher`, `${NS.schema}mentions`,
  `${NS.osce}contentType`, `${NS.schema}inLanguage`, `${NS.osce}quotation`,
] as const;
export const Slot = { Date: 0, About: 1, Publisher: 2, Mentions: 3, ContentType: 4, Language: 5, Quotation: 6, Type: 7 } as const;
/**
 * A subject's facts are one flat array of `slot × SLOT_SHIFT + object id` (one array per release instead of one per
 * slot: a third of the memory at 100k releases). Ids stay below 2^26, slots below 8: every entry is a small integer.
 */
export const SLOT_SHIFT = 2 ** 26;
/** The slot and object id of an entry. */
export const slotOf = (e: number): number => Math.floor(e / SLOT_SHIFT);
export const objectOf = (e: number): number => e % SLOT_SHIFT;

export const SPOKEN_BY = `${NS.schema}spokenByCharacter`;
export const UNIT_OF = `${NS.org}unitOf`;
export const RDF_TYPE = `${NS.rdf}type`;
export const TYPES = { release: `${NS.osce}PressRelease`, country: `${NS.osce}Country`, field: `${NS.osce}FieldOfWork` } as const;
/** Label predicates in order of preference (English or untagged only). */
export const LABEL_PREDICATES = [`${NS.skos}prefLabel`, `${NS.schema}name`] as const;

export interface TripleLike {
  subject: Term;
  predicate: Term;
  object: Term;
}

const key = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

function drop(list: number[] | undefined, value: number): boolean {
  if (!list) return false;
  const i = list.indexOf(value);
  if (i < 0) return false;
  list[i] = list[list.length - 1]!;
  list.pop();
  return true;
}

/** What one `apply` changed, for the derived index to follow. */
export interface Touched {
  /** Subjects whose release slots changed (or whose quotations' speakers did). */
  releases: Set<number>;
  /** A State was added or removed: every release's States must be derived again. */
  countries: boolean;
  /** The org:unitOf tree changed. */
  units: boolean;
  /** Ids whose label candidates changed (the index's serialized keys of them may be out of date). */
  labels: Set<number>;
}

/** The sections of a checkpoint of the facts (checkpoint.ts). */
export type FactSection = 'names' | 'subjects' | 'speakers' | 'countries' | 'fields' | 'unitOf' | 'labels';

export class FactStore {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Subject id → entries (`slot × SLOT_SHIFT + object id`; a duplicate = the triple in several graphs). */
  readonly subjects = new Map<number, number[]>();
  readonly speakers = new Map<number, number[]>();
  /** Quotation id → the subjects that have it (reverse of Slot.Quotation). */
  readonly owners = new Map<number, number[]>();
  readonly countries = new Map<number, number>();
  readonly fields = new Map<number, number>();
  readonly unitOf = new Map<number, number[]>();
  /** Label candidates: [rank, text] (rank: predicate index × 2 + 1 when untagged). */
  readonly labels = new Map<number, [number, string][]>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      if (this.names.length >= SLOT_SHIFT) throw new Error('statistics: more than 2^26 distinct terms');
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  /** The id of a name already seen, or undefined (a filter on an unknown IRI matches nothing). */
  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** Applies removals then additions; returns what changed. Triples of no interest are skipped cheaply. */
  apply(removed: Iterable<TripleLike>, added: Iterable<TripleLike>, touched: Touched = { releases: new Set(), countries: false, units: false, labels: new Set() }): Touched {
    for (const t of removed) this.one(t, -1, touched);
    for (const t of added) this.one(t, 1, touched);
    return touched;
  }

  private one(t: TripleLike, sign: 1 | -1, touched: Touched): void {
    const p = t.predicate.value;
    const slot = SLOT_PREDICATES.indexOf(p as (typeof SLOT_PREDICATES)[number]);
    if (slot >= 0) return this.slot(this.id(key(t.subject)), slot, this.id(key(t.object)), sign, touched);
    if (p === RDF_TYPE) return this.type(t, sign, touched);
    if (p === SPOKEN_BY) return this.speaker(t, sign, touched);
    if (p === UNIT_OF) {
      touched.units = true;
      return this.edit(this.unitOf, this.id(key(t.subject)), this.id(key(t.object)), sign);
    }
    const rank = LABEL_PREDICATES.indexOf(p as (typeof LABEL_PREDICATES)[number]);
    if (rank >= 0 && t.object.termType === 'Literal' && (t.object.language === 'en' || t.object.language === '')) {
      const s = this.id(key(t.subject));
      if (this.label(s, rank * 2 + (t.object.language === '' ? 1 : 0), t.object.value, sign)) touched.labels.add(s);
    }
  }

  private slot(s: number, slot: number, o: number, sign: 1 | -1, touched: Touched): void {
    let entries = this.subjects.get(s);
    if (!entries) {
      if (sign < 0) return;
      this.subjects.set(s, (entries = []));
    }
    const e = slot * SLOT_SHIFT + o;
    if (sign > 0) entries.push(e);
    else if (!drop(entries, e)) return;
    if (slot === Slot.Quotation) this.edit(this.owners, o, s, sign);
    touched.releases.add(s);
    if (entries.length === 0) this.subjects.delete(s);
  }

  private type(t: TripleLike, sign: 1 | -1, touched: Touched): void {
    const o = t.object.value;
    if (o === TYPES.release) return this.slot(this.id(key(t.subject)), Slot.Type, 0, sign, touched);
    const counts = o === TYPES.country ? this.countries : o === TYPES.field ? this.fields : undefined;
    if (!counts) return;
    const s = this.id(key(t.subject));
    const n = (counts.get(s) ?? 0) + sign;
    if (n > 0) counts.set(s, n);
    else counts.delete(s);
    if (counts === this.countries) touched.countries = true;
  }

  private speaker(t: TripleLike, sign: 1 | -1, touched: Touched): void {
    const q = this.id(key(t.subject));
    this.edit(this.speakers, q, this.id(key(t.object)), sign);
    for (const r of this.owners.get(q) ?? []) touched.releases.add(r);
  }

  private edit(map: Map<number, number[]>, k: number, v: number, sign: 1 | -1): void {
    const list = map.get(k);
    if (sign > 0) {
      if (list) list.push(v);
      else map.set(k, [v]);
    } else if (drop(list, v) && list!.length === 0) map.delete(k);
  }

  /** Adds or removes a label candidate; whether one was. */
  private label(s: number, rank: number, text: string, sign: 1 | -1): boolean {
    const list = this.labels.get(s);
    if (sign > 0) {
      if (list) list.push([rank, text]);
      else this.labels.set(s, [[rank, text]]);
      return true;
    }
    const i = list?.findIndex(([r, x]) => r === rank && x === text) ?? -1;
    if (i < 0) return false;
    list!.splice(i, 1);
    if (list!.length === 0) this.labels.delete(s);
    return true;
  }

  /** The preferred label of an id (skos:prefLabel before schema:name, English before untagged, then the smallest). */
  labelOf(id: number): string | undefined {
    let best: [number, string] | undefined;
    for (const c of this.labels.get(id) ?? []) if (!best || c[0] < best[0] || (c[0] === best[0] && c[1] < best[1])) best = c;
    return best?.[1];
  }

  /**
   * The checkpoint's sections (checkpoint.ts), names first: every other section refers to them by id. Copies, lists
   * included, so deltas applied while they are written in pieces do not reach them.
   */
  sections(): [FactSection, unknown[]][] {
    const lists = <V>(map: Map<number, V[]>) => [...map].map(([k, v]) => [k, [...v]]);
    return [
      ['names', [...this.names]], ['subjects', lists(this.subjects)], ['speakers', lists(this.speakers)], ['countries', [...this.countries]],
      ['fields', [...this.fields]], ['unitOf', lists(this.unitOf)], ['labels', lists(this.labels)],
    ];
  }

  /** Adds one piece of a checkpoint's section (in the order `sections` gives them); false for an unknown section. */
  load(section: FactSection, entries: readonly unknown[]): boolean {
    switch (section) {
      case 'names':
        for (const name of entries as string[]) this.id(name);
        return true;
      case 'subjects':
        for (const [s, list] of entries as [number, number[]][]) {
          this.subjects.set(s, list);
          for (const e of list) if (slotOf(e) === Slot.Quotation) this.edit(this.owners, objectOf(e), s, 1);
        }
        return true;
      case 'speakers': case 'countries': case 'fields': case 'unitOf': case 'labels': {
        const map = this[section] as Map<number, unknown>;
        for (const [k, v] of entries as [number, unknown][]) map.set(k, v);
        return true;
      }
      default:
        return false;
    }
  }

  /** A plain-JSON form (the names are written once, everything else as ids). */
  toJSON(): unknown {
    return {
      names: this.names,
      subjects: [...this.subjects],
      speakers: [...this.speakers],
      countries: [...this.countries],
      fields: [...this.fields],
      unitOf: [...this.unitOf],
      labels: [...this.labels],
    };
  }

  /** The facts of `toJSON`'s form (a checkpoint of format 1). */
  static fromJSON(json: ReturnType<FactStore['toJSON']>): FactStore {
    const f = new FactStore();
    for (const [section, entries] of Object.entries(json as Record<FactSection, unknown[]>)) f.load(section as FactSection, entries);
    return f;
  }
}
