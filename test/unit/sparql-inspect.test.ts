import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, isAppError } from '../../src/errors.js';
import { MAX_NESTING, inspectQuery, nestingDepth, parseUpdate } from '../../src/sparql/parse.js';

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

test('nesting deeper than MAX_NESTING is refused before sparqljs or the engine sees it; strings, IRIs and comments do not count', () => {
  const nested = (n: number) => `SELECT (${'('.repeat(n)}1${')'.repeat(n)} AS ?x) WHERE {}`;
  assert.equal(nestingDepth(nested(MAX_NESTING - 1)), MAX_NESTING);
  assert.doesNotThrow(() => inspectQuery(nested(MAX_NESTING - 1)));
  const tooDeep = (e: unknown) => isAppError(e) && e.status === 400 && e.code === 'QUERY_TOO_DEEP';
  assert.throws(() => inspectQuery(nested(MAX_NESTING)), tooDeep);
  assert.throws(() => inspectQuery(nested(20_000)), tooDeep);
  assert.throws(() => inspectQuery(`${nested(20_000)} # SERVICE`), tooDeep); // the full-parse path too
  assert.throws(() => parseUpdate(`INSERT DATA { ${'['.repeat(200)} }`), (e: unknown) => isAppError(e) && e.code === 'UPDATE_TOO_DEEP');
  const brackets = '('.repeat(300);
  const quiet = [`"${brackets}"`, `'${brackets}'`, `"""${brackets}
"""`, `'x\\'${brackets}'`, `<http://e/${brackets}>`, `# ${brackets}
`];
  for (const part of quiet) assert.equal(nestingDepth(`SELECT * WHERE { ?s ?p ${part} }`), 1, part);
  assert.equal(nestingDepth('ASK { FILTER (1 < 2 && (3 > 2)) }'), 3);
});

test('an undeclared prefix is a syntax error at the line and column of its first use (a query and an update)', () => {
  const at = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(isAppError(e) && e.status === 400, String(e));
      return [e.code, e.message, e.detail];
    }
    assert.fail('no error');
  };
  assert.deepEqual(at(() => inspectQuery('PREFIX x: <http://x/>\nSELECT * WHERE {\n  ?s x:q "y:z" ; y:p ?o }')),
    ['QUERY_SYNTAX', 'SPARQL query syntax error: Unknown prefix: y', { line: 3, column: 18 }]);
  assert.deepEqual(at(() => parseUpdate('INSERT DATA {\n<http://a> ex:b 1 }')),
    ['UPDATE_SYNTAX', 'SPARQL update syntax error: Unknown prefix: ex', { line: 2, column: 12 }]);
  assert.deepEqual(at(() => inspectQuery('SELECT * { ?s :p ?o }')), ['QUERY_SYNTAX', 'SPARQL query syntax error: Unknown prefix:', { line: 1, column: 15 }]);
});
