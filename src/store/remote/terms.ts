/**
 * Terms crossing the wire to and from an external store: SPARQL 1.1 Query Results JSON rows and N-Triples into RDF/JS
 * terms, and RDF/JS terms into SPARQL text for the update requests we send.
 *
 * Blank nodes the store already holds are kept addressable: Virtuoso names them `nodeID://b123` in results (and
 * `_:b123` in N-Triples) and accepts `<nodeID://b123>` in later requests, so they are read as blank nodes labelled
 * `nodeID-b123` and written back in that form. Other blank nodes are new ones (`_:label`, fresh per request).
 */
import { DataFactory, Parser } from 'n3';
import type { Literal, Quad, Term } from '@rdfjs/types';
import type { Row } from '../types.js';

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
export const STORE_BNODE = 'nodeID-';

export interface JsonTerm {
  type: 'uri' | 'bnode' | 'literal' | 'typed-literal' | 'triple';
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

export function termFromJson(t: JsonTerm): Term {
  switch (t.type) {
    case 'uri': return namedNode(t.value);
    case 'bnode': return blankNode(STORE_BNODE + t.value.replace(/^nodeID:\/\//, '').replace(/^_:/, ''));
    default: {
      // "typed-literal" is the 2007 note's name, still used by Virtuoso 7
      if (t['xml:lang']) return literal(t.value, t['xml:lang']);
      return literal(t.value, t.datatype && t.datatype !== XSD_STRING ? namedNode(t.datatype) : undefined);
    }
  }
}

export interface JsonResults {
  head: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

export function rowsFromJson(json: JsonResults): Row[] {
  return (json.results?.bindings ?? []).map((b) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(b)) row[k] = termFromJson(v);
    return row;
  });
}

/** N-Triples (or N-Quads) text from the store into quads, optionally placed in `graph`. */
export function parseStoreTriples(text: string, graph?: Quad['graph']): Quad[] {
  const parsed = new Parser({ format: 'N-Quads', blankNodePrefix: STORE_BNODE }).parse(text);
  return graph ? parsed.map((q) => quad(q.subject, q.predicate, q.object, graph)) : parsed;
}

function escapeString(s: string): string {
  // SPARQL 1.1 §19.7 ECHAR; other characters pass as UTF-8
  return s.replace(/[\\"\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

function iri(value: string): string {
  // IRIREF excludes these characters (SPARQL 1.1 grammar [139]); a valid IRI never holds them, percent-encode defensively
  return `<${value.replace(/[\x00-\x20<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}>`;
}

/** One term as SPARQL text. `storeBnodes`: whether store-held blank nodes may be named (`<nodeID://…>`). */
export function termToSparql(t: Term): string {
  switch (t.termType) {
    case 'NamedNode': return iri(t.value);
    case 'BlankNode': return t.value.startsWith(STORE_BNODE) ? `<nodeID://${t.value.slice(STORE_BNODE.length)}>` : `_:${t.value.replace(/[^A-Za-z0-9_]/g, '_')}`;
    case 'Literal': return literalToSparql(t);
    case 'Variable': return `?${t.value}`;
    default: throw new Error(`cannot write a ${t.termType} term in a SPARQL request`);
  }
}

function literalToSparql(t: Literal): string {
  const lexical = `"${escapeString(t.value)}"`;
  if (t.language) return `${lexical}@${t.language}`;
  if (t.datatype.value === XSD_STRING) return lexical;
  return `${lexical}^^${iri(t.datatype.value)}`;
}

/** Triples of one graph as a SPARQL triples block (one per line). */
export function triplesBlock(quads: readonly Quad[]): string {
  return quads.map((q) => `${termToSparql(q.subject)} ${termToSparql(q.predicate)} ${termToSparql(q.object)} .`).join('\n');
}

/** Groups quads by graph (the default graph under ''), keeping order. */
export function byGraph(quads: readonly Quad[]): Map<string, Quad[]> {
  const out = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value;
    const list = out.get(k);
    if (list) list.push(q);
    else out.set(k, [q]);
  }
  return out;
}

export { namedNode, blankNode, literal, quad, defaultGraph };
