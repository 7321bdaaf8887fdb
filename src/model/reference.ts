/**
 * The reference data the store is seeded with: the ontology (ontology/*.ttl) in `{base}graph/ontology` and the
 * reference data (data/*.ttl) in `{base}graph/reference`, relative IRIs resolved against the base, plus what comes
 * from packages at load time rather than from typed lists: the State names in French, German, Italian, Russian and
 * Spanish from CLDR (Node's Intl.DisplayNames), and the States' demonyms from i18n-nationality.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import type { NamedNode, Quad } from '@rdfjs/types';
import { Iris, NS } from './ns.js';
import { PATHS } from './paths.js';

const { namedNode, literal, quad } = DataFactory;

/** The OSCE's official languages other than English, whose State names come from CLDR. */
export const CLDR_LANGUAGES = ['fr', 'de', 'it', 'ru', 'es'] as const;

/**
 * ISO codes that get no CLDR names. The participating State is the Holy See (Wikidata Q159583); CLDR's region "VA"
 * is Vatican City State (Q237), a different entity that only shares the ISO code, so its names would be wrong.
 */
export const NO_CLDR_NAMES: ReadonlySet<string> = new Set(['VA']);

/** Turtle files of one folder, sorted so the load order (and blank-node labels, if any) is stable. */
export function turtleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ttl'))
    .sort()
    .map((name) => join(dir, name));
}

/** Parses one Turtle file with relative IRIs resolved against `base`, into `graph`. */
export function parseTurtleFile(file: string, base: string, graph: Quad['graph']): Quad[] {
  const triples = new Parser({ baseIRI: base, format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));
  return triples.map((t) => quad(t.subject, t.predicate, t.object, graph) as Quad);
}

/** CLDR names (schema:name and rdfs:label) for every osce:Country with an osce:iso2 code. */
export function cldrNameQuads(data: readonly Quad[], graph: NamedNode): Quad[] {
  const countries = new Set(
    data.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.osce}Country`).map((q) => q.subject.value),
  );
  const names = CLDR_LANGUAGES.map((lang) => ({ lang, display: new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }) }));
  const out: Quad[] = [];
  for (const q of data) {
    if (q.predicate.value !== `${NS.osce}iso2` || !countries.has(q.subject.value) || NO_CLDR_NAMES.has(q.object.value)) continue;
    for (const { lang, display } of names) {
      const name = display.of(q.object.value);
      if (!name) continue;
      for (const p of [`${NS.schema}name`, `${NS.rdfs}label`]) {
        out.push(quad(q.subject as NamedNode, namedNode(p), literal(name, lang), graph) as Quad);
      }
    }
  }
  return out;
}

/**
 * Languages whose nationality adjectives are read from i18n-nationality (MIT). It has no Russian list. Its Italian
 * list gives country names for several States ("Moldova", "Montenegro", "San Marino"): those entries are names of the
 * country and left out like any such entry (demonymsOf), the rest ("austriaco", "slovacco") kept (decisions 0003,
 * 0039).
 */
export const DEMONYM_LANGUAGES = ['en', 'fr', 'de', 'es', 'it'] as const;

const require = createRequire(import.meta.url);

function nationalityAdjectives(language: string): Record<string, string> {
  const file = require.resolve(`i18n-nationality/langs/${language}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { nationalities: Record<string, string> }).nationalities;
}

/** Conjunctions that join the parts of a State's name ("Bosnia and Herzegovina", "Bosnia-Herzegovina" is the same name). */
const CONNECTORS = new Set(['and', 'et', 'und', 'y', 'e', 'i', 'и']);

/** A name reduced to its words without case, diacritics, punctuation and conjunctions, to compare spellings of it. */
function nameKey(text: string): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}]+/u);
  return words.filter((w) => w && !CONNECTORS.has(w)).join(' ');
}

/** The names of each of `subjects` per language ('' for untagged), as name keys. */
function namesBySubject(quads: readonly Quad[], subjects: ReadonlySet<string>): Map<string, Map<string, Set<string>>> {
  const names = new Map<string, Map<string, Set<string>>>();
  const predicates = new Set([`${NS.schema}name`, `${NS.rdfs}label`, `${NS.skos}altLabel`]);
  for (const q of quads) {
    if (!subjects.has(q.subject.value) || !predicates.has(q.predicate.value) || q.object.termType !== 'Literal') continue;
    const byLang = names.get(q.subject.value) ?? new Map<string, Set<string>>();
    const set = byLang.get(q.object.language) ?? new Set<string>();
    set.add(nameKey(q.object.value).replace(/ /g, ''));
    byLang.set(q.object.language, set);
    names.set(q.subject.value, byLang);
  }
  return names;
}

/**
 * The package's entry split into its alternatives ("Bosnian - Herzegovinian"), a qualifier dropped ("Mongol
 * (Mongolia)"), leaving out what is a name of the country itself in that language or in English ("Turkmenistan",
 * "Bosnia-Herzegovina") and, outside English, an untranslated copy of the English entry.
 */
function demonymsOf(entry: string | undefined, english: string | undefined, names: Map<string, Set<string>> | undefined, language: string): string[] {
  if (!entry || (language !== 'en' && entry === english)) return [];
  const isName = (d: string): boolean => {
    const key = nameKey(d).replace(/ /g, '');
    return [language, 'en', ''].some((l) => names?.get(l)?.has(key));
  };
  return entry
    .split(/\s+-\s+|,\s*/)
    .map((d) => d.replace(/\s*\(.*\)\s*$/, '').trim())
    .filter((d) => d && !isName(d));
}

/** `osce:demonym` literals for every osce:Country with an osce:iso2 code (not the Holy See: see NO_CLDR_NAMES). */
export function demonymQuads(data: readonly Quad[], graph: NamedNode): Quad[] {
  const coded = data.filter((q) => q.predicate.value === `${NS.osce}iso2` && !NO_CLDR_NAMES.has(q.object.value));
  const tables = Object.fromEntries(DEMONYM_LANGUAGES.map((lang) => [lang, nationalityAdjectives(lang)]));
  const names = namesBySubject(data, new Set(coded.map((q) => q.subject.value)));
  const out: Quad[] = [];
  for (const q of coded) {
    const own = names.get(q.subject.value);
    for (const lang of DEMONYM_LANGUAGES) {
      for (const d of demonymsOf(tables[lang]?.[q.object.value], tables.en?.[q.object.value], own, lang)) {
        out.push(quad(q.subject as NamedNode, namedNode(`${NS.osce}demonym`), literal(d, lang), graph) as Quad);
      }
    }
  }
  return out;
}

const cache = new Map<string, readonly Quad[]>();

/** Ontology + reference data + CLDR names + demonyms for one base IRI (cached per base; the array is shared: do not mutate). */
export function loadReferenceQuads(base: string): Quad[] {
  const iris = new Iris(base);
  const cached = cache.get(iris.base);
  if (cached) return cached as Quad[];
  const ontologyGraph = namedNode(iris.ontologyGraph);
  const referenceGraph = namedNode(iris.referenceGraph);
  const ontology = turtleFiles(PATHS.ontology).flatMap((f) => parseTurtleFile(f, iris.base, ontologyGraph));
  const data = turtleFiles(PATHS.data).flatMap((f) => parseTurtleFile(f, iris.base, referenceGraph));
  const names = [...data, ...cldrNameQuads(data, referenceGraph)];
  const all = Object.freeze([...ontology, ...names, ...demonymQuads(names, referenceGraph)]);
  cache.set(iris.base, all);
  return all as Quad[];
}
