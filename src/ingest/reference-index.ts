/**
 * Name lookup over the reference data: structures, field operations, fields of work, content types, places and
 * countries, found by name, abbreviation or older name, ignoring case, diacritics, a leading "OSCE"/"the" and a
 * "(closed)"-style suffix. Built from the reference quads, so no slug is written in code.
 */
import type { Quad } from '@rdfjs/types';
import { Iris, NS, type Kind } from '../model/ns.js';

export type Category = 'structure' | 'field' | 'content-type' | 'place' | 'country';

export interface Entry {
  iri: string;
  category: Category;
  /** Preferred display label (English). */
  label: string;
  /** Country of a place (schema:containedInPlace), when stated. */
  country?: string;
}

/** A label as written, for scanning body text. */
export interface Surface {
  text: string;
  iri: string;
  category: Category;
}

const CATEGORY: Partial<Record<Kind, Category>> = {
  organization: 'structure',
  structure: 'structure',
  'field-operation': 'structure',
  field: 'field',
  'content-type': 'content-type',
  place: 'place',
  country: 'country',
  territory: 'country',
};

const PREFERRED = [`${NS.schema}name`, `${NS.skos}prefLabel`, `${NS.rdfs}label`];
const NAMES = new Set([...PREFERRED, `${NS.skos}altLabel`, `${NS.osce}abbreviation`, `${NS.osce}formerName`, `${NS.skos}hiddenLabel`]);

/** Normalized lookup key: lower case, no diacritics, no "OSCE"/"the" prefix, no "(closed)" suffix, unified dashes. */
export function normalizeName(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\((?:closed|discontinued|former|inactive)\)\s*$/, '')
    .replace(/[.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (;;) {
    const next = s.replace(/^(?:the|osce's|osce|an|a)\s+/, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

export class ReferenceIndex {
  private readonly byKey = new Map<string, Entry[]>();
  readonly surfaces: Surface[] = [];
  readonly entries = new Map<string, Entry>();

  constructor(
    quads: Iterable<Quad>,
    readonly iris: Iris,
  ) {
    const labels = new Map<string, { pref?: string; all: string[]; country?: string }>();
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode') continue;
      const parsed = iris.parseEntity(q.subject.value);
      if (!parsed || !CATEGORY[parsed.kind]) continue;
      const rec = labels.get(q.subject.value) ?? { all: [] };
      labels.set(q.subject.value, rec);
      const p = q.predicate.value;
      if (p === `${NS.schema}containedInPlace` && q.object.termType === 'NamedNode') rec.country = q.object.value;
      if (q.object.termType !== 'Literal' || !NAMES.has(p)) continue;
      const lang = q.object.language;
      if (lang && !lang.startsWith('en')) continue;
      rec.all.push(q.object.value);
      if (PREFERRED.includes(p) && (!rec.pref || p === PREFERRED[0])) rec.pref ??= q.object.value;
    }
    for (const [iri, rec] of labels) this.add(iri, rec.pref ?? rec.all[0] ?? iri, rec.all, rec.country);
  }

  private add(iri: string, label: string, names: string[], country: string | undefined): void {
    const kind = this.iris.parseEntity(iri)?.kind;
    const category = kind ? CATEGORY[kind] : undefined;
    if (!category) return;
    const entry: Entry = { iri, category, label, ...(country ? { country } : {}) };
    this.entries.set(iri, entry);
    for (const name of new Set(names)) {
      const key = normalizeName(name);
      if (!key) continue;
      const list = this.byKey.get(key) ?? [];
      if (!list.some((e) => e.iri === iri)) list.push(entry);
      this.byKey.set(key, list);
      this.surfaces.push({ text: name, iri, category });
    }
  }

  /** The entry of `category` named `name`, or undefined. */
  find(name: string, ...categories: Category[]): Entry | undefined {
    const list = this.byKey.get(normalizeName(name)) ?? [];
    return list.find((e) => categories.length === 0 || categories.includes(e.category));
  }

  label(iri: string): string | undefined {
    return this.entries.get(iri)?.label;
  }
}
