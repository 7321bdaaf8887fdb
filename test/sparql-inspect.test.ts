import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../src/errors.js';
import { inspectQuery } from '../src/sparql/parse.js';

const isSyntax = (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'QUERY_SYNTAX';

test('inspectQuery reads the form of a plain query without a full parse', () => {
  // the head scan travels on to the store, which then does not scan the text again
  const plain = (form: string, hasDataset = false) => ({ form, services: [], head: { form, hasDataset } });
  assert.deepEqual(inspectQuery('PREFIX s: <http://schema.org/>\n# note\nASK { ?x s:name "service" }'.replace('service', 'x')), plain('ASK'));
  assert.deepEqual(inspectQuery('BASE <http://e/> DESCRIBE <x>'), plain('DESCRIBE'));
  assert.deepEqual(inspectQuery('CONSTRUCT WHERE { ?s ?p ?o }'), plain('CONSTRUCT'));
  assert.deepEqual(inspectQuery('SELECT ?s FROM <http://e/g> WHERE { ?s ?p ?o }'), plain('SELECT', true));
});

test('inspectQuery finds SERVICE in any case and position', () => {
  const nested = 'SELECT ?s { ?s ?p ?o OPTIONAL { { SELECT ?s { sErViCe <http://a.example/sparql> { ?s ?q ?r } } } } }';
  assert.deepEqual(inspectQuery(nested).services, ['http://a.example/sparql']);
  assert.deepEqual(inspectQuery('ASK { ?s ?p ?o MINUS { service ?where { ?s ?p ?o } } }').services, ['?where']);
});

test('inspectQuery fully parses a query with a codepoint escape, which cannot hide a SERVICE', () => {
  assert.throws(() => inspectQuery('SELECT ?s { \\u0053ERVICE <http://a.example/sparql> { ?s ?p ?o } }'), isSyntax);
});

test('inspectQuery gives SELECT * its column order, also with DISTINCT and comments', () => {
  assert.deepEqual(inspectQuery('select distinct # all\n * { ?b ?a ?c }').starOrder, ['b', 'a', 'c']);
  assert.equal(inspectQuery('SELECT (COUNT(*) AS ?n) { ?b ?a ?c }').starOrder, undefined);
});

test('inspectQuery rejects an update or a text without a query form as QUERY_SYNTAX', () => {
  assert.throws(() => inspectQuery('INSERT DATA { <a:a> <a:b> <a:c> }'), isSyntax);
  assert.throws(() => inspectQuery('PREFIX x: <http://e/>'), isSyntax);
});
