/**
 * Name lookup over the reference data: structures, field operations, fields of work, content types, places and
 * countries, found by name, abbreviation or older name, ignoring case, diacritics, a leading "OSCE"/"the" and a
 * "(closed)"-style suffix. Built from the reference quads, so no slug is written in code.
 */
import type { Quad } from '@rdfjs/types';
import { Iris, NS, type Kind } from '../model/ns.js';

/** `organization` is the OSCE as a whole: not a structure, so never a publisher or a speaker's affiliation. */
export type Category = 'organization' | 'structure' | 'field' | 'content-type' | 'place' | 'country';

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
  /** The label's language tag, for labels in other languages than English (`localSurfaces`). */
  lang?: string;
}

const CATEGORY: Partial<Record<Kind, Category>> = {
  organization: 'organization',
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

/**
 * The organization's own name as pages write it inside other names, in the OSCE and host-country languages, with
 * the genitive words that join it ("de l'OSCE", "der OSZE", "OSBE-së"): "Secrétariat de l'OSCE" is the Secretariat.
 */
const OWN_NAME = /(^|\s)(?:(?:de l'|de la |del |dell'|della |der |des |of the |of |на |de )?(?:osce|обсе|osze|oebs|osbe|обсє|оебс)(?:-se|'s)?)(?=\s|$)|(^|\s)(?:osce|обсе|osze|oebs|osbe|обсє|оебс)-(?=\p{L})/gu;
/** Leading articles of the OSCE languages ("the", "le", "die", "il", "el"). */
const ARTICLE = /^(?:the|an|a|le|la|les|l'|der|die|das|il|lo|el|los|las)\s*(?<=\s|')/u;

/** Normalized lookup key: lower case, no diacritics, no "OSCE"/"the" prefix, no "(closed)" suffix, unified dashes. */
export function normalizeName(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    // "(closed)" in the page languages: "(закрыта)", "(закрито)", "(fermé)", "(geschlossen)", "(chiusa)", "(mbyllur)"
    .replace(/\((?:closed|discontinued|former|inactive|закрыт[аоы]?|закрит[аоі]?|затворен[аои]?|zatvoren[aoi]?|ferm[ée]e?s?|geschlossen|beendet|chius[ao]|cerrad[ao]|mbyllur|e mbyllur)\)\s*$/u, '')
    .replace(/[.,;:]+$/, '')
    // spelling variants of the same name: Chairman-in-Office / Chairperson-in-Office, co-operation / cooperation
    .replace(/\bchair(?:man|woman)/g, 'chairperson')
    .replace(/\bco-(?=ordinat|operat)/g, 'co')
    .replace(/isation\b/g, 'ization')
    .replace(/\s+/g, ' ')
    .trim();
  for (;;) {
    const next = s.replace(/^(?:the|osce's|osce|an|a)\s+|^osce\s*\/\s*/, '');
    if (next === s) break;
    s = next;
  }
  // names in other languages: the organization's name anywhere in them, then a leading article
  const bare = s.replace(OWN_NAME, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '').replace(/\s+/g, ' ').trim().replace(ARTICLE, '');
  return bare || s;
}

const ENGLISH = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** ISO codes whose CLDR name is another entity (VA is Vatican City State, the participant is the Holy See). */
const NOT_CLDR = new Set(['VA']);

/** Everyday English names of a State from CLDR ("Russia", "United States", "Turkey"), so body text finds them. */
function englishNames(iso2: string): string[] {
  if (NOT_CLDR.has(iso2.toUpperCase())) return [];
  const names = [ENGLISH.of(iso2.toUpperCase()), new Intl.DisplayNames(['en'], { type: 'region', style: 'short', fallback: 'none' }).of(iso2.toUpperCase())];
  return names.filter((n): n is string => Boolean(n));
}

export class ReferenceIndex {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly wordsByCategory = new Map<Category, { words: string[]; entries: Entry[] }[]>();
  /** English and untagged labels (what body-text scanning has used so far). */
  readonly surfaces: Surface[] = [];
  /** Labels in other languages, each with its language tag. */
  readonly localSurfaces: Surface[] = [];
  readonly entries = new Map<string, Entry>();
  /** The reference data the index was built from: the extractors read office holders and dated names from it. */
  readonly quads: readonly Quad[];

  constructor(
    quads: Iterable<Quad>,
    readonly iris: Iris,
  ) {
    this.quads = Array.isArray(quads) ? (quads as Quad[]) : [...quads];
    const labels = new Map<string, { pref?: string; all: string[]; local: [string, string][]; country?: string }>();
    for (const q of this.quads) {
      if (q.subject.termType !== 'NamedNode') continue;
      const parsed = iris.parseEntity(q.subject.value);
      if (!parsed || !CATEGORY[parsed.kind]) continue;
      const rec = labels.get(q.subject.value) ?? { all: [], local: [] };
      labels.set(q.subject.value, rec);
      const p = q.predicate.value;
      if (p === `${NS.schema}containedInPlace` && q.object.termType === 'NamedNode') rec.country = q.object.value;
      if (p === `${NS.osce}iso2` && parsed.kind === 'country') rec.all.push(...englishNames(q.object.value));
      if (q.object.termType !== 'Literal' || !NAMES.has(p)) continue;
      const lang = q.object.language;
      // names in other languages are found by name too, but never the preferred (English) label
      if (lang && !lang.startsWith('en')) {
        rec.local.push([q.object.value, lang]);
        continue;
      }
      rec.all.push(q.object.value);
      if (PREFERRED.includes(p) && (!rec.pref || p === PREFERRED[0])) rec.pref ??= q.object.value;
    }
    for (const [iri, rec] of labels) {
      // "Prishtinë/Priština": each spelling alone names the place too
      const parts = CATEGORY[iris.parseEntity(iri)?.kind as Kind] === 'place' ? rec.all.flatMap((n) => (n.includes('/') ? n.split(/\s*\/\s*/) : [])) : [];
      this.add(iri, rec.pref ?? rec.all[0] ?? iri, [...rec.all, ...parts], rec.country, rec.local);
    }
  }

  private add(iri: string, label: string, names: string[], country: string | undefined, local: [string, string][] = []): void {
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
    for (const [name, lang] of local) {
      const spellings = category === 'place' && name.includes('/') ? [name, ...name.split(/\s*\/\s*/)] : [name];
      for (const spelling of spellings) {
        const key = normalizeName(spelling);
        if (!key) continue;
        const list = this.byKey.get(key) ?? [];
        if (!list.some((e) => e.iri === iri)) list.push(entry);
        this.byKey.set(key, list);
        this.localSurfaces.push({ text: spelling, iri, category, lang });
      }
    }
  }

  /** The entry of `category` named `name`, or undefined. */
  find(name: string, ...categories: Category[]): Entry | undefined {
    const key = normalizeName(name);
    // "Special Representative for X" is the head of the "Office of the Special Representative for X" and vice versa
    const variants = [key, key.replace(/^office of (?:the )?/, ''), `office of the ${key}`];
    for (const variant of variants) {
      const hit = (this.byKey.get(variant) ?? []).find((e) => categories.length === 0 || categories.includes(e.category));
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * A place whose name is one edit away from `name` (misspellings such as "YERAVAN"), when exactly one is; only for
   * names of six letters or more, so short names never match by accident.
   */
  findNear(name: string, category: Category): Entry | undefined {
    const key = normalizeName(name);
    if (key.length < 6) return undefined;
    const hits = new Set<Entry>();
    for (const [other, entries] of this.byKey) {
      if (Math.abs(other.length - key.length) > 1 || !withinOneEdit(key, other)) continue;
      for (const e of entries) if (e.category === category) hits.add(e);
    }
    return hits.size === 1 ? [...hits][0] : undefined;
  }

  /**
   * The entry of `category` named `name` up to the inflection of its words: the same number of words, each the same
   * or one a prefix of the other by at most three letters on a stem of five ("Соопштение за медиуми" for "…
   * медиумите", with the definite article Macedonian suffixes); undefined unless exactly one entry fits. For the
   * small vocabularies (content types), where a whole line is compared.
   */
  findInflected(name: string, category: Category): Entry | undefined {
    const exact = this.find(name, category);
    if (exact) return exact;
    const words = normalizeName(name).split(/\s+/u);
    if (words.length < 2) return undefined;
    const close = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 5 && Math.abs(a.length - b.length) <= 3 && (a.startsWith(b) || b.startsWith(a)));
    const hits = new Set<Entry>();
    for (const { words: other, entries } of this.keyWords(category)) {
      if (other.length !== words.length || !other.every((w, i) => close(w, words[i] as string))) continue;
      for (const e of entries) hits.add(e);
    }
    return hits.size === 1 ? [...hits][0] : undefined;
  }

  /**
   * The keys naming entries of `category`, split into words, built on first use (the constructor has added every
   * entry by then): findInflected is asked about every short line of every page, and splitting all keys of every
   * category each time was the ingester's largest cost.
   */
  private keyWords(category: Category): { words: string[]; entries: Entry[] }[] {
    let list = this.wordsByCategory.get(category);
    if (!list) {
      list = [];
      for (const [key, entries] of this.byKey) {
        const of = entries.filter((e) => e.category === category);
        if (of.length > 0) list.push({ words: key.split(/\s+/u), entries: of });
      }
      this.wordsByCategory.set(category, list);
    }
    return list;
  }

  label(iri: string): string | undefined {
    return this.entries.get(iri)?.label;
  }
}

/** Whether `a` becomes `b` by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
