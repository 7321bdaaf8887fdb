/**
 * Term conversion at the store boundary: oxigraph terms (WASM objects) ↔ RDF/JS terms (n3's DataFactory), and a plain
 * JSON shape for passing terms between threads. Callers outside `store/` only ever see the RDF/JS side.
 */
import oxigraph from 'oxigraph';
import type { Quad, Term } from '@rdfjs/types';
import { badRequest } from '../errors.js';
import type { GraphName } from './types.js';
import { n3lib } from './n3-lib.js';

export { quadKey, tripleKey } from './quad-key.js';

export type OxTerm = oxigraph.Term;
export type OxQuad = oxigraph.Quad;

/** A term as structured-clone-able data (worker messages). */
export type WireTerm =
  | { t: 'N'; v: string }
  | { t: 'B'; v: string }
  | { t: 'L'; v: string; l: string; d: string }
  | { t: 'D' }
  | { t: 'Q'; s: WireTerm; p: WireTerm; o: WireTerm; g: WireTerm };

/** Any RDF/JS-shaped term (oxigraph's or n3's) to the wire shape. */
export function toWire(term: Term | OxTerm): WireTerm {
  switch (term.termType) {
    case 'NamedNode': return { t: 'N', v: term.value };
    case 'BlankNode': return { t: 'B', v: term.value };
    case 'Literal': return { t: 'L', v: term.value, l: term.language, d: term.datatype.value };
    case 'DefaultGraph': return { t: 'D' };
    case 'Quad': return { t: 'Q', s: toWire(term.subject), p: toWire(term.predicate), o: toWire(term.object), g: toWire(term.graph) };
    default: throw new Error(`unexpected term type ${term.termType}`);
  }
}

/** The wire shape to an RDF/JS (n3) term. */
export function fromWire(w: WireTerm): Term {
  const { namedNode, blankNode, literal, defaultGraph, quad } = n3lib().DataFactory;
  switch (w.t) {
    case 'N': return namedNode(w.v);
    case 'B': return blankNode(w.v);
    case 'L': return literal(w.v, w.l || namedNode(w.d));
    case 'D': return defaultGraph();
    case 'Q': return quad(fromWire(w.s) as Quad['subject'], fromWire(w.p) as Quad['predicate'], fromWire(w.o) as Quad['object'], fromWire(w.g) as Quad['graph']);
  }
}

/** An oxigraph (or any RDF/JS) term to an n3 term. */
export function toRdfjs(term: Term | OxTerm): Term {
  return fromWire(toWire(term));
}

export function toRdfjsQuad(q: OxQuad | Quad): Quad {
  return toRdfjs(q) as Quad;
}

/** An RDF/JS term to an oxigraph term (blank node labels kept). */
export function toOx(term: Term): OxTerm {
  switch (term.termType) {
    case 'NamedNode': return oxigraph.namedNode(term.value);
    case 'BlankNode': return oxigraph.blankNode(term.value);
    case 'Literal':
      return term.language ? oxigraph.literal(term.value, term.language) : oxigraph.literal(term.value, oxigraph.namedNode(term.datatype.value));
    case 'DefaultGraph': return oxigraph.defaultGraph();
    case 'Variable': return oxigraph.variable(term.value);
    case 'Quad': return toOxQuad(term as Quad);
  }
}

export function toOxQuad(q: Quad): OxQuad {
  return oxigraph.quad(toOx(q.subject) as oxigraph.Quad_Subject, toOx(q.predicate) as oxigraph.Quad_Predicate,
    toOx(q.object) as oxigraph.Quad_Object, toOx(q.graph) as oxigraph.Quad_Graph);
}

/** Serializes quads as N-Quads text, blank node labels kept (the journal and worker replicas rely on that). */
export function toNQuads(quads: Quad[]): string {
  if (quads.length === 0) return '';
  return new (n3lib().Writer)({ format: 'N-Quads' }).quadsToString(quads);
}

/** Parses N-Quads keeping blank node labels (oxigraph's `parse`, not `Store.load`, which renames them). */
export function parseNQuads(text: string): OxQuad[] {
  if (text.length === 0) return [];
  return oxigraph.parse(text, { format: 'application/n-quads' }) as OxQuad[];
}

/** An oxigraph IRI from user input (a graph name): AppError 400 INVALID_IRI when it is not a valid IRI. */
export function graphIri(iri: string): oxigraph.NamedNode {
  try {
    return oxigraph.namedNode(iri);
  } catch (e) {
    throw badRequest('INVALID_IRI', `<${iri}> is not a valid IRI: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A graph name as an oxigraph term (AppError 400 INVALID_IRI for a bad IRI). */
export function graphTerm(g: GraphName): oxigraph.NamedNode | oxigraph.DefaultGraph {
  return g === 'default' ? oxigraph.defaultGraph() : graphIri(g.iri);
}

/** `q` in graph `g` (`q` itself when it is there already). */
export function regraph(q: Quad, g: Quad['graph'] | oxigraph.NamedNode | oxigraph.DefaultGraph): Quad {
  if (q.graph.equals(g)) return q;
  const { namedNode, defaultGraph, quad } = n3lib().DataFactory;
  return quad(q.subject, q.predicate, q.object, g.termType === 'DefaultGraph' ? defaultGraph() : namedNode(g.value));
}

/** N-Quads to RDF/JS quads, blank node labels kept. */
export function parseLabelled(text: string): Quad[] {
  return text ? (new (n3lib().Parser)({ format: 'N-Quads', blankNodePrefix: '' }).parse(text) as Quad[]) : [];
}
