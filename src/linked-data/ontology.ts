/**
 * The ontology as published under the base (`/ontology`): the triples of ontology/*.ttl, its IRI, version and the
 * version IRI it declares (owl:versionIRI), and its terms grouped by kind for the HTML page. The ontology's IRIs are
 * absolute (https://w3id.org/osce-kg/ontology#…), so it is the same document whatever the base.
 */
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../model/ns.js';
import { PATHS } from '../model/paths.js';
import { parseTurtleFile, turtleFiles } from '../model/reference.js';

export const ONTOLOGY_IRI = NS.osce.replace(/#$/, '');

let cached: readonly Quad[] | undefined;

/** The ontology's triples (default graph), parsed once. */
export function ontologyQuads(): readonly Quad[] {
  cached ??= Object.freeze(turtleFiles(PATHS.ontology).flatMap((f) => parseTurtleFile(f, ONTOLOGY_IRI, DataFactory.defaultGraph())));
  return cached;
}

const objectOf = (quads: readonly Quad[], s: string, p: string) => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;

/** owl:versionInfo and owl:versionIRI of the ontology. */
export function ontologyVersion(quads: readonly Quad[] = ontologyQuads()): { version: string; versionIri: string } {
  const version = objectOf(quads, ONTOLOGY_IRI, `${NS.owl}versionInfo`);
  const versionIri = objectOf(quads, ONTOLOGY_IRI, `${NS.owl}versionIRI`);
  if (!version || !versionIri) throw new Error('ontology/: the ontology has no owl:versionInfo or owl:versionIRI');
  return { version, versionIri };
}

/** Kinds of terms, in the order the page lists them; a term is listed under the first kind it has. */
export const TERM_KINDS = [
  { type: `${NS.owl}Class`, heading: 'Classes' },
  { type: `${NS.owl}ObjectProperty`, heading: 'Object properties' },
  { type: `${NS.owl}DatatypeProperty`, heading: 'Datatype properties' },
  { type: `${NS.owl}AnnotationProperty`, heading: 'Annotation properties' },
  { type: `${NS.rdf}Property`, heading: 'Other properties' },
] as const;

export interface OntologyTerm {
  iri: string;
  /** The local name: the fragment of the term's IRI, and the id of its section on the page. */
  local: string;
  triples: Quad[];
}

/** Every term of the ontology's namespace that is a subject, by kind (individuals and the rest under "Other terms"). */
export function ontologyTerms(quads: readonly Quad[] = ontologyQuads()): Array<{ heading: string; terms: OntologyTerm[] }> {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(NS.osce)) continue;
    bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  }
  const groups = [...TERM_KINDS.map((k) => ({ heading: k.heading as string, types: [k.type as string] })), { heading: 'Other terms', types: [] as string[] }];
  const out = groups.map((g) => ({ heading: g.heading, terms: [] as OntologyTerm[] }));
  for (const [iri, triples] of [...bySubject].sort(([a], [b]) => a.localeCompare(b))) {
    const types = triples.filter((q) => q.predicate.value === `${NS.rdf}type`).map((q) => q.object.value);
    const i = groups.findIndex((g) => g.types.some((t) => types.includes(t)));
    out[i < 0 ? groups.length - 1 : i]!.terms.push({ iri, local: iri.slice(NS.osce.length), triples });
  }
  return out.filter((g) => g.terms.length > 0);
}
