import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { runQuery, queryText } from '../../src/commands/query.js';
import { runLoad } from '../../src/commands/load.js';
import { dumpProgress, runDump } from '../../src/commands/dump.js';
import { renderTable } from '../../src/commands/table.js';

test('renderTable aligns columns and shows language tags and datatypes', () => {
  const text = renderTable({
    head: { vars: ['s', 'label'] },
    results: { bindings: [
      { s: { type: 'uri', value: 'http://e.org/a' }, label: { type: 'literal', value: 'A', 'xml:lang': 'en' } },
      { s: { type: 'bnode', value: 'b1' }, label: { type: 'literal', value: '3', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } },
    ] },
  });
  assert.equal(text, [
    's                | label',
    '-----------------+------------',
    '<http://e.org/a> | "A"@en',
    '_:b1             | 3 (integer)',
    '(2 rows)',
    '',
  ].join('\n'));
  assert.equal(renderTable({ head: {}, boolean: false }), 'false\n');
});

test('query over the built-in data: csv, table and a format that does not fit the form', async () => {
  const csv = await runQuery('SELECT ?iso WHERE { <http://localhost:8080/id/country/al> <https://w3id.org/osce-kg/ontology#iso2> ?iso }', { format: 'csv' });
  assert.equal(csv.replace(/\r/g, ''), 'iso\nAL\n');
  const ask = await runQuery('ASK { <http://localhost:8080/id/country/al> ?p ?o }', {});
  assert.equal(ask, 'true\n');
  await assert.rejects(runQuery('CONSTRUCT WHERE { ?s ?p ?o }', { format: 'csv' }), /does not fit a CONSTRUCT query/);
});

test('query names an undeclared prefix and where it is used, not where the engine gave up', async () => {
  await assert.rejects(runQuery('SELECT * WHERE {\n ?s y:p ?o }', {}), (e: Error) => {
    assert.equal(e.message, 'SPARQL query syntax error: Unknown prefix: y (line 2, column 5)');
    return true;
  });
  await assert.rejects(runQuery('SELECT ?s WHERE { ?s ?p }', {}), /line 1/);
});

test('load puts a file into a named graph of a new store; dump writes it back as N-Quads; query reads the data dir', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-cli-'));
  try {
    const input = join(dir, 'in.ttl');
    writeFileSync(input, '<http://e.org/a> <http://e.org/p> "x" , "y" .');
    const store = join(dir, 'store');
    const loaded = await runLoad([input], { dataDir: store, graph: 'http://e.org/g', empty: true });
    assert.deepEqual(loaded, { version: 1, quads: 2 });
    const out = join(dir, 'out.nq');
    const { chunks } = await runDump(out, { dataDir: store });
    assert.equal(chunks, 1);
    const quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(out, 'utf8'));
    assert.deepEqual(quads.map((q) => [q.object.value, q.graph.value]).sort(), [['x', 'http://e.org/g'], ['y', 'http://e.org/g']]);
    const json = JSON.parse(await runQuery('SELECT (COUNT(*) AS ?n) { GRAPH <http://e.org/g> { ?s ?p ?o } }', { dataDir: store, format: 'json' })) as { results: { bindings: { n: { value: string } }[] } };
    assert.equal(json.results.bindings[0]!.n.value, '2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('query --named binds --param values; a wrong parameter or a mix of sources is refused', async () => {
  const text = queryText(undefined, { named: 'chairpersonship', param: ['year=2025'] });
  const csv = await runQuery(text, { format: 'csv' });
  assert.equal(csv.replace(/\r/g, ''), 'year,state,name\n2025,http://localhost:8080/id/country/fi,Finland\n');
  assert.throws(() => queryText(undefined, { named: 'chairpersonship', param: ['yr=2025'] }), /no parameter "yr"/);
  assert.throws(() => queryText('ASK {}', { named: 'chairpersonship' }), /exactly one of/);
  assert.throws(() => queryText('ASK {}', { param: ['a=b'] }), /only goes with --named/);
});

test('dump progress counts bytes, in place on a terminal and as one line in a log (no carriage returns, no "graphs")', () => {
  const log: string[] = [];
  const toLog = dumpProgress({ isTTY: false, write: (text: string) => log.push(text) }, 'all.nq');
  toLog.tick(10);
  toLog.tick(20);
  toLog.done(20);
  assert.deepEqual(log, ['dumped 20 bytes to all.nq\n']);
  const tty: string[] = [];
  const toTty = dumpProgress({ isTTY: true, write: (text: string) => tty.push(text) }, 'stdout');
  toTty.tick(10);
  toTty.done(10);
  assert.deepEqual(tty, ['\rdumped 10 bytes', '\rdumped 10 bytes to stdout\n']);
});
