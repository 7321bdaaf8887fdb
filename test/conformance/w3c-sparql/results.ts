/**
 * Expected and actual SPARQL results, compared as the W3C suites intend: solutions as a multiset with blank nodes
 * matched up to renaming (by encoding each solution as a graph and testing isomorphism), order only with ORDER BY,
 * graphs by isomorphism, CSV/TSV as text rows.
 */
import type { Quad, Term } from '@rdfjs/types';
import { createReadStream, readFileSync } from 'node:fs';
import { DataFactory } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { SparqlJsonParser } from 'sparqljson-parse';
import { SparqlXmlParser } from 'sparqlxml-parse';

export type Solutions = { kind: 'boolean'; value: boolean } | { kind: 'bindings'; rows: Record<string, Term>[] };

const ROW = 'urn:w3c:row';
const INDEX = 'urn:w3c:index';

export function parseJsonResults(text: string): Solutions {
  const json = JSON.parse(text) as { boolean?: boolean };
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
  const rows = new SparqlJsonParser().parseJsonResults(json) as Record<string, Term>[];
  return { kind: 'bindings', rows: rows.map(stripQuestionMarks) };
}

function stripQuestionMarks(row: Record<string, Term>): Record<string, Term> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/^\?/, ''), v]));
}

export async function parseExpected(file: string): Promise<Solutions> {
  if (file.endsWith('.srj')) return parseJsonResults(readFileSync(file, 'utf8'));
  const text = readFileSync(file, 'utf8');
  const parser = new SparqlXmlParser();
  if (/<boolean>/.test(text)) return { kind: 'boolean', value: await parser.parseXmlBooleanStream(createReadStream(file)) };
  const rows: Record<string, Term>[] = [];
  await new Promise<void>((resolve, reject) => {
    parser
      .parseXmlResultsStream(createReadStream(file))
      .on('data', (row: Record<string, Term>) => rows.push(stripQuestionMarks(row)))
      .on('error', reject)
      .on('end', () => resolve());
  });
  return { kind: 'bindings', rows };
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/**
 * Numeric and boolean literals compared by value within their datatype: the engine stores them as values, so
 * `"1.0"^^xsd:decimal` comes back as `"1"^^xsd:decimal` (oxigraph's own harness compares the same way, by loading
 * both sides into a store). A different datatype or value still differs.
 */
function canonicalLexical(value: string, datatype: string): string {
  const v = value.trim();
  switch (datatype) {
    case `${XSD}integer`:
      return /^[+-]?\d+$/.test(v) ? BigInt(v).toString() : value;
    case `${XSD}decimal`: {
      const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(v);
      if (!m) return value;
      const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
      const frac = (m[3] ?? '').replace(/0+$/, '');
      const sign = m[1] === '-' && (int !== '0' || frac !== '') ? '-' : '';
      return `${sign}${int}${frac ? `.${frac}` : ''}`;
    }
    case `${XSD}double`:
    case `${XSD}float`: {
      const n = Number(v.replace(/^\+/, '').replace(/^(-?)INF$/, '$1Infinity'));
      return Number.isNaN(n) && v !== 'NaN' ? value : String(n);
    }
    case `${XSD}boolean`:
      return v === '1' ? 'true' : v === '0' ? 'false' : v;
    default:
      return value;
  }
}

/** Copies a term into n3's factory so terms from different parsers compare alike. */
function norm(t: Term): Term {
  if (t.termType === 'Literal') {
    if (t.language) return DataFactory.literal(t.value, t.language);
    return DataFactory.literal(canonicalLexical(t.value, t.datatype.value), DataFactory.namedNode(t.datatype.value));
  }
  if (t.termType === 'BlankNode') return DataFactory.blankNode(t.value);
  if (t.termType === 'NamedNode') return DataFactory.namedNode(t.value);
  return t;
}

function encode(rows: Record<string, Term>[], ordered: boolean): Quad[] {
  const out: Quad[] = [];
  rows.forEach((row, i) => {
    const node = DataFactory.blankNode(`row${i}`);
    out.push(DataFactory.quad(node, DataFactory.namedNode(ROW), DataFactory.literal('1')));
    if (ordered) out.push(DataFactory.quad(node, DataFactory.namedNode(INDEX), DataFactory.literal(String(i))));
    for (const [name, term] of Object.entries(row)) {
      out.push(DataFactory.quad(node, DataFactory.namedNode(`urn:var:${name}`), norm(term) as Quad['object']));
    }
  });
  return out;
}

/** undefined when equal, else a short reason. */
export function compareSolutions(expected: Solutions, actual: Solutions, ordered: boolean): string | undefined {
  if (expected.kind !== actual.kind) return `expected ${expected.kind}, got ${actual.kind}`;
  if (expected.kind === 'boolean' && actual.kind === 'boolean') {
    return expected.value === actual.value ? undefined : `expected ${expected.value}, got ${actual.value}`;
  }
  if (expected.kind !== 'bindings' || actual.kind !== 'bindings') return 'unreachable';
  if (expected.rows.length !== actual.rows.length) return `expected ${expected.rows.length} rows, got ${actual.rows.length}`;
  if (!isomorphic(encode(expected.rows, false), encode(actual.rows, false))) return 'different solutions';
  if (ordered && !isomorphic(encode(expected.rows, true), encode(actual.rows, true))) return 'solutions in a different order';
  return undefined;
}

export function compareGraphs(expected: Quad[], actual: Quad[]): string | undefined {
  const n = (qs: Quad[]) =>
    qs.map((q) => DataFactory.quad(norm(q.subject) as Quad['subject'], norm(q.predicate) as Quad['predicate'], norm(q.object) as Quad['object'], norm(q.graph) as Quad['graph']));
  const dedupe = (qs: Quad[]) => [...new Map(qs.map((q) => [`${q.subject.value}|${q.predicate.value}|${q.object.termType}${q.object.value}${(q.object as { datatype?: Term }).datatype?.value ?? ''}${(q.object as { language?: string }).language ?? ''}|${q.graph.value}`, q])).values()];
  const e = dedupe(n(expected));
  const a = dedupe(n(actual));
  if (e.length !== a.length) return `expected ${e.length} quads, got ${a.length}`;
  return isomorphic(e, a) ? undefined : 'graphs are not isomorphic';
}

/** CSV/TSV compared as a header plus a multiset of rows, blank node labels normalised. */
export function compareTabular(expected: string, actual: string): string | undefined {
  const lines = (t: string) => t.replace(/\r\n/g, '\n').replace(/_:[A-Za-z0-9_.-]+/g, '_:b').split('\n').filter((l) => l !== '');
  const [eh, ...er] = lines(expected);
  const [ah, ...ar] = lines(actual);
  if (eh !== ah) return `header ${JSON.stringify(ah)} instead of ${JSON.stringify(eh)}`;
  return JSON.stringify(er.sort()) === JSON.stringify(ar.sort()) ? undefined : 'different rows';
}

const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';

/** A result set written in RDF with the DAWG result-set vocabulary (rs:ResultSet), as a few tests do. */
export function resultSetFromGraph(quads: Quad[]): Solutions | undefined {
  const of = (s: Term, p: string) => quads.filter((q) => q.subject.equals(s) && q.predicate.value === `${RS}${p}`).map((q) => q.object);
  const set = quads.find((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === `${RS}ResultSet`)?.subject;
  if (!set) return undefined;
  const bool = of(set, 'boolean')[0];
  if (bool) return { kind: 'boolean', value: bool.value === 'true' };
  const rows = of(set, 'solution').map((solution) => {
    const row: Record<string, Term> = {};
    for (const binding of of(solution, 'binding')) {
      const name = of(binding, 'variable')[0]?.value;
      const value = of(binding, 'value')[0];
      if (name && value) row[name] = value;
    }
    return row;
  });
  return { kind: 'bindings', rows };
}
