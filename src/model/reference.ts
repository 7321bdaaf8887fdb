/**
 * The reference data the store is seeded with: the ontology (ontology/*.ttl) in `{base}graph/ontology` and the
 * reference data (data/*.ttl) in `{base}graph/reference`, relative IRIs resolved against the base, plus the State
 * names in French, German, Italian, Russian and Spanish computed from CLDR (Node's Intl.DisplayNames) at load time.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

const cache = new Map<string, readonly Quad[]>();

/** Ontology + reference data + CLDR names for one base IRI (cached per base; the array is shared: do not mutate). */
export function loadReferenceQuads(base: string): Quad[] {
  const iris = new Iris(base);
  const cached = cache.get(iris.base);
  if (cached) return cached as Quad[];
  const ontologyGraph = namedNode(iris.ontologyGraph);
  const referenceGraph = namedNode(iris.referenceGraph);
  const ontology = turtleFiles(PATHS.ontology).flatMap((f) => parseTurtleFile(f, iris.base, ontologyGraph));
  const data = turtleFiles(PATHS.data).flatMap((f) => parseTurtleFile(f, iris.base, referenceGraph));
  const all = Object.freeze([...ontology, ...data, ...cldrNameQuads(data, referenceGraph)]);
  cache.set(iris.base, all);
  return all as Quad[];
}
