/**
 * RDF serializations of a set of triples, for resource documents and the small metadata graphs (VoID, DCAT).
 * Formats are named by media type; `RDF_FORMATS` lists what documents offer, in server preference order.
 */
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import { NS } from '../model/ns.js';
import { compactWithContext, jsonldLib } from './jsonld-context.js';
import { toRdfXml } from './rdfxml.js';

export const RDF_FORMATS = [
  { mediaType: 'text/turtle', ext: 'ttl' },
  { mediaType: 'application/ld+json', ext: 'jsonld' },
  { mediaType: 'application/n-triples', ext: 'nt' },
  { mediaType: 'application/rdf+xml', ext: 'rdf' },
] as const;
export type RdfMediaType = (typeof RDF_FORMATS)[number]['mediaType'];

/**
 * Media types RDF clients ask for that one of {@link RDF_FORMATS} answers, negotiated after them (the response carries
 * the canonical type). rdflib's `Graph().parse(url, format="nt")` sends `Accept: text/plain, *\/*;q=0.1` (N-Triples'
 * media type before RDF 1.1) and `format="n3"` sends `text/n3`; Turtle is a subset of N3 and of TriG, N-Triples of
 * N-Quads, so each answer is a valid document of the type asked for.
 */
const RDF_ALIASES: Record<string, RdfMediaType> = {
  'text/plain': 'application/n-triples',
  'text/n3': 'text/turtle',
  'application/x-turtle': 'text/turtle',
  'application/trig': 'text/turtle',
  'application/n-quads': 'application/n-triples',
  // a JSON client (curl -H 'Accept: application/json', fetch) gets JSON-LD, as /sparql answers for graphs
  'application/json': 'application/ld+json',
};

/** `offers` followed by the alias types, for negotiation; {@link canonicalRdf} maps the pick back. */
export function withRdfAliases<T extends string>(offers: readonly T[]): readonly string[] {
  return [...offers, ...Object.keys(RDF_ALIASES)];
}

/** The media type to serialize for a negotiated pick (an alias becomes its canonical format). */
export function canonicalRdf(picked: string): string {
  return RDF_ALIASES[picked] ?? picked;
}

/** The project prefixes whose namespace occurs in the quads' IRIs (N3's writer would declare every prefix given). */
function usedPrefixes(quads: readonly Quad[]): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) for (const t of [q.subject, q.predicate, q.object]) if (t.termType === 'NamedNode') iris.add(t.value);
  for (const q of quads) if (q.object.termType === 'Literal') iris.add(q.object.datatype.value);
  return Object.fromEntries(Object.entries(NS).filter(([, ns]) => [...iris].some((i) => i.startsWith(ns))));
}

/** Turtle or N-Triples through N3.js's writer (prefixes only for Turtle). */
export function writeN3(quads: readonly Quad[], format: 'text/turtle' | 'application/n-triples'): Promise<string> {
  const turtle = format === 'text/turtle';
  const writer = new Writer(turtle ? { format: 'Turtle', prefixes: usedPrefixes(quads) } : { format: 'N-Triples' });
  for (const q of quads) writer.addQuad(q.subject, q.predicate, q.object);
  return new Promise((resolve, reject) => writer.end((err, out: string) => (err ? reject(err) : resolve(out))));
}

/** JSON-LD compacted against the published context (`@context` is its URL). */
export async function toJsonLd(quads: readonly Quad[], base: string): Promise<Record<string, unknown>> {
  // jsonld reads RDF/JS-shaped quads (termType/value/language/datatype); the graph is dropped: documents are triples.
  const triples = quads.map((q) => ({ subject: q.subject, predicate: q.predicate, object: q.object, graph: { termType: 'DefaultGraph', value: '' } }));
  const fromRdf = (await jsonldLib()).fromRDF as unknown as (dataset: unknown, opts: object) => Promise<unknown>;
  const expanded = await fromRdf(triples, { useNativeTypes: false });
  return compactWithContext(expanded, base);
}

/** Serializes triples in one of the document formats. */
export async function serializeTriples(quads: readonly Quad[], mediaType: RdfMediaType, base: string): Promise<string> {
  switch (mediaType) {
    case 'text/turtle':
    case 'application/n-triples':
      return writeN3(quads, mediaType);
    case 'application/ld+json':
      return JSON.stringify(await toJsonLd(quads, base), null, 2);
    case 'application/rdf+xml':
      return toRdfXml(quads);
  }
}
