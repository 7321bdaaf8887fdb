/** Pure parts of the remote store: query rewriting, dialect choice, term encoding, net deltas (no store needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sparqljs from 'sparqljs';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { hideGraphs, scopeDefaultGraph } from '../../src/store/remote/default-graph.js';
import { detectDialect, namesGraph } from '../../src/store/remote/dialect.js';
import { NetDelta, type StoreReader } from '../../src/store/remote/delta.js';
import { parseStoreTriples, termFromJson, termToSparql } from '../../src/store/remote/terms.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const DG = 'http://kg.example/graph/default';

/** The query's patterns as sparqljs sees them, to compare rewritten queries structurally. */
const where = (q: string) => JSON.stringify((new sparqljs.Parser().parse(q) as sparqljs.SelectQuery).where);

test('standard semantics: patterns outside GRAPH move into the default-graph stand-in, GRAPH blocks stay', () => {
  const out = scopeDefaultGraph('SELECT * WHERE { ?s ?p ?o . GRAPH <http://g> { ?s ?q ?x } }', DG)!;
  assert.equal(where(out), where(`SELECT * WHERE { GRAPH <${DG}> { ?s ?p ?o } GRAPH <http://g> { ?s ?q ?x } }`));
});

test('standard semantics reach OPTIONAL, UNION, sub-queries and FILTER EXISTS; FROM is left alone', () => {
  const out = scopeDefaultGraph('SELECT * WHERE { { ?a ?b ?c } UNION { ?d ?e ?f } OPTIONAL { ?a <http://p> ?z } FILTER NOT EXISTS { ?a <http://q> 1 } { SELECT ?a WHERE { ?a ?x ?y } } }', DG)!;
  const expected = `SELECT * WHERE { { GRAPH <${DG}> { ?a ?b ?c } } UNION { GRAPH <${DG}> { ?d ?e ?f } } OPTIONAL { GRAPH <${DG}> { ?a <http://p> ?z } } FILTER NOT EXISTS { GRAPH <${DG}> { ?a <http://q> 1 } } { SELECT ?a WHERE { GRAPH <${DG}> { ?a ?x ?y } } } }`;
  assert.equal(where(out), where(expected));
  const from = 'SELECT * FROM <http://g> WHERE { ?s ?p ?o }';
  assert.equal(scopeDefaultGraph(from, DG), from);
  assert.equal(scopeDefaultGraph('SELECT * WHERE { ?s ?p }', DG), undefined);
});

test('namesGraph tells queries that name a graph (FROM, GRAPH <iri>) from those that do not', () => {
  assert.equal(namesGraph('SELECT * WHERE { ?s ?p ?o }'), false);
  assert.equal(namesGraph('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }'), false);
  assert.equal(namesGraph('SELECT * WHERE { OPTIONAL { GRAPH <http://g> { ?s ?p ?o } } }'), true);
  assert.equal(namesGraph('SELECT * FROM <http://g> WHERE { ?s ?p ?o }'), true);
  assert.equal(namesGraph('SELECT * WHERE {'), true);
});

test('the dialect comes from the Server header', () => {
  assert.equal(detectDialect('Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu', 'http://b/').name, 'virtuoso');
  assert.equal(detectDialect('Apache Jena Fuseki (4.5.0)', 'http://b/').name, 'generic');
  assert.equal(detectDialect(null, 'http://b/').name, 'generic');
  assert.equal(detectDialect('Virtuoso/07.20', 'http://b/').defaultGraphIri, 'http://b/graph/default');
});

test('terms: Virtuoso blank nodes and typed-literal results read back and are written in the form Virtuoso accepts', () => {
  const b = termFromJson({ type: 'bnode', value: 'nodeID://b10003' });
  assert.equal(termToSparql(b), '<nodeID://b10003>');
  assert.equal(termToSparql(parseStoreTriples('_:b10003 <http://p> "x" .\n')[0]!.subject), '<nodeID://b10003>');
  assert.equal(termToSparql(blankNode('fresh1')), '_:fresh1');
  assert.ok(termFromJson({ type: 'typed-literal', value: '1', datatype: 'http://www.w3.org/2001/XMLSchema#integer' }).equals(literal('1', namedNode('http://www.w3.org/2001/XMLSchema#integer'))));
  assert.equal(termToSparql(literal('a "quoted"\nline\\', 'en-GB')), '"a \\"quoted\\"\\nline\\\\"@en-gb'); // n3 lower-cases language tags
  assert.equal(termToSparql(literal('plain')), '"plain"');
  assert.equal(termToSparql(namedNode('http://x/a b')), '<http://x/a%20b>');
});

test('net delta: re-adding a removed quad cancels out, present quads are not added, absent ones not removed', async () => {
  const q = (o: string) => quad(namedNode('http://s'), namedNode('http://p'), literal(o), namedNode('http://g'));
  const stored = new Set(['a', 'b']);
  const reader: StoreReader = {
    selectRows: async () => [],
    graphQuads: async () => [...stored].map(q),
    existing: async (quads: readonly Quad[]) => quads.map((x) => stored.has(x.object.value)),
    namedGraphs: async () => ['http://g'],
    allQuads: async () => [...stored].map(q),
  };
  const net = new NetDelta(reader);
  await net.add([q('a'), q('c')]);
  await net.delete([q('b'), q('d')]);
  await net.delete([q('c')]);
  await net.add([q('b')]);
  const delta = net.toDelta();
  assert.deepEqual(delta.added.map((x) => x.object.value), []);
  assert.deepEqual(delta.removed.map((x) => x.object.value), []);
  await net.delete([q('a')]);
  assert.deepEqual(net.toDelta().removed.map((x) => x.object.value), ['a']);
  assert.deepEqual((await net.graphNow(namedNode('http://g'))).map((x) => x.object.value), ['b']);
});

test('hidden graphs are filtered out of GRAPH ?g (outside the block, where ?g is bound); GRAPH <iri> is untouched', () => {
  const out = hideGraphs('SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', ['http://sys']);
  assert.equal(where(out), where('SELECT ?g WHERE { { GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN (<http://sys>)) } }'));
  const named = 'SELECT * WHERE { GRAPH <http://g> { ?s ?p ?o } }';
  assert.equal(hideGraphs(named, ['http://sys']), named);
});
