import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryHead } from '../../src/store/query-form.js';
import { AppError } from '../../src/errors.js';

const cases: [string, string, boolean][] = [
  ['SELECT * { ?s ?p ?o }', 'SELECT', false],
  ['# c\nPREFIX ex: <http://e.org/>\nBASE <http://b/>\nselect ?from WHERE { ?from ex:from "FROM" }', 'SELECT', false],
  ['SELECT ?s FROM <http://g> { ?s ?p ?o }', 'SELECT', true],
  ['SELECT (COUNT(*) AS ?n) FROM NAMED <http://g> WHERE { GRAPH ?g { ?s ?p ?o } }', 'SELECT', true],
  ['PREFIX : <http://e.org/>\nCONSTRUCT { ?s :p "}" } FROM :g WHERE { ?s ?p ?o }', 'CONSTRUCT', true],
  ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT', false],
  ['ASK FROM <http://g> {}', 'ASK', true],
  ['DESCRIBE <http://x>', 'DESCRIBE', false],
  ['PREFIX ex: <http://e.org/> SELECT ex:from WHERE {}', 'SELECT', false],
];

test('queryHead reads the form and whether the query has FROM / FROM NAMED', () => {
  for (const [query, form, hasDataset] of cases) assert.deepEqual(queryHead(query), { form, hasDataset }, query);
});

test('queryHead reports a missing form keyword as QUERY_SYNTAX with its position', () => {
  assert.throws(() => queryHead('PREFIX ex: <http://e.org/>\n  INSERT DATA {}'),
    (e: unknown) => e instanceof AppError && e.code === 'QUERY_SYNTAX' && JSON.stringify(e.detail) === '{"line":2,"column":3}');
});
