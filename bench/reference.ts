/**
 * The reference entities the generator draws from: taken from the project's reference data
 * (`loadReferenceQuads(base)` in src/model/reference.ts) when it is built, else from the bench's fallback tables.
 */
import type { Quad } from '@rdfjs/types';
import { NS } from '../src/model/ns.js';
import { fallbackReferenceQuads } from './fallback-reference.js';

export interface RefEntity {
  iri: string;
  label: string;
}
export interface RefStructure extends RefEntity {
  abbreviation?: string;
  hostState?: string;
  headquarters?: string;
  parent?: string;
}
export interface Reference {
  quads: Quad[];
  /** 'project' when src/model/reference.js supplied the quads, 'fallback' otherwise. */
  source: 'project' | 'fallback';
  countries: RefEntity[];
  structures: RefStructure[];
  fields: RefEntity[];
  places: (RefEntity & { country?: string })[];
  contentTypes: RefEntity[];
}

type Loader = (base: string) => Quad[] | Promise<Quad[]> | Iterable<Quad> | AsyncIterable<Quad>;

/** The project's reference loader if it is compiled next to the bench (dynamic, so the bench builds without it). */
async function projectLoader(): Promise<Loader | undefined> {
  const path = '../src/model/reference.js';
  try {
    const mod = (await import(path)) as { loadReferenceQuads?: Loader };
    return mod.loadReferenceQuads;
  } catch {
    return undefined;
  }
}

async function collect(result: ReturnType<Loader>): Promise<Quad[]> {
  const value = await result;
  const out: Quad[] = [];
  if (Symbol.asyncIterator in Object(value)) for await (const q of value as AsyncIterable<Quad>) out.push(q);
  else for (const q of value as Iterable<Quad>) out.push(q);
  return out;
}

export async function loadReference(base: string, opts: { fallback?: boolean } = {}): Promise<Reference> {
  const loader = opts.fallback ? undefined : await projectLoader();
  let quads: Quad[] = [];
  if (loader) {
    try {
      quads = await collect(loader(base));
    } catch {
      quads = [];
    }
  }
  const source = quads.length > 0 ? 'project' : 'fallback';
  if (quads.length === 0) quads = fallbackReferenceQuads(base);
  const ref = extractEntities(quads, base);
  if (ref.countries.length === 0 || ref.fields.length === 0 || ref.structures.length === 0) {
    throw new Error('reference data has no countries, fields or structures');
  }
  return { quads, source, ...ref };
}

/** Groups the reference quads by subject and picks the entity kinds by rdf:type (and scheme for content types). */
export function extractEntities(quads: Quad[], base: string): Omit<Reference, 'quads' | 'source'> {
  const props = new Map<string, Map<string, string[]>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    let byP = props.get(q.subject.value);
    if (!byP) props.set(q.subject.value, (byP = new Map()));
    const list = byP.get(q.predicate.value) ?? [];
    // English labels first: the generator writes English headlines.
    if (q.object.termType === 'Literal' && q.object.language && q.object.language !== 'en') list.push(q.object.value);
    else list.unshift(q.object.value);
    byP.set(q.predicate.value, list);
  }
  const ofType = (t: string): [string, Map<string, string[]>][] =>
    [...props].filter(([, p]) => p.get(`${NS.rdf}type`)?.includes(t)).sort(([a], [b]) => a.localeCompare(b));
  const label = (p: Map<string, string[]>, iri: string): string =>
    p.get(`${NS.skos}prefLabel`)?.[0] ?? p.get(`${NS.schema}name`)?.[0] ?? p.get(`${NS.rdfs}label`)?.[0] ?? iri;
  const first = (p: Map<string, string[]>, prop: string): string | undefined => p.get(prop)?.[0];
  const entity = ([iri, p]: [string, Map<string, string[]>]): RefEntity => ({ iri, label: label(p, iri) });
  return {
    countries: ofType(`${NS.osce}Country`).map(entity),
    fields: ofType(`${NS.osce}FieldOfWork`).map(entity),
    places: ofType(`${NS.osce}Place`).map((e) => ({ ...entity(e), country: first(e[1], `${NS.schema}containedInPlace`) })),
    structures: ofType(`${NS.org}OrganizationalUnit`).map((e) => ({
      ...entity(e),
      abbreviation: first(e[1], `${NS.osce}abbreviation`),
      hostState: first(e[1], `${NS.osce}hostState`),
      headquarters: first(e[1], `${NS.osce}headquarters`),
      parent: first(e[1], `${NS.org}unitOf`),
    })),
    contentTypes: [...props]
      .filter(([iri, p]) => iri.startsWith(`${base}id/content-type/`) && p.has(`${NS.skos}prefLabel`))
      .map(entity),
  };
}

/** The structure with the most (transitive) `org:unitOf` descendants below the OSCE itself: the property-path target. */
export function deepestParent(structures: RefStructure[]): { iri: string; descendants: number } {
  const children = new Map<string, string[]>();
  for (const s of structures) if (s.parent) children.set(s.parent, [...(children.get(s.parent) ?? []), s.iri]);
  const count = (iri: string, depth = 0): number =>
    depth > 20 ? 0 : (children.get(iri) ?? []).reduce((n, c) => n + 1 + count(c, depth + 1), 0);
  let best = { iri: structures[0]?.iri ?? '', descendants: -1 };
  for (const s of structures) {
    const n = count(s.iri);
    if (n > best.descendants) best = { iri: s.iri, descendants: n };
  }
  return best;
}
