/**
 * The W3C SPARQL 1.1 update-evaluation tests against the remote store on a real Virtuoso: each case loads its data,
 * applies the request through `write()` (standard semantics, no union default graph), dumps the dataset and compares
 * it with the expected one by graph isomorphism. Same cases as store-update-w3c.test.ts (the embedded store).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { PATHS } from '../src/model/paths.js';
import { SparqlClient } from '../src/store/remote/client.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, storeOn, type VirtuosoEndpoints } from './remote-store-server.js';

const { namedNode, defaultGraph, quad } = DataFactory;
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';
const DIRS = ['add', 'basic-update', 'clear', 'copy', 'delete-data', 'delete-insert', 'delete-where', 'delete', 'drop', 'move', 'update-silent'];
const SYSTEM = ['http://www.openlinksw.com/schemas/virtrdf#', 'http://www.w3.org/2002/07/owl#', 'http://www.w3.org/ns/ldp#', 'http://localuriqaserver/sparql'];

/** Cases the remote store refuses or gets wrong on purpose, with the reason (docs/deploy-virtuoso.md §6). */
const KNOWN: Record<string, string> = {};

interface Case { name: string; request: string; data: Quad[]; expected: Quad[] }

function readTurtle(url: string, graph: Term): Quad[] {
  const quads = new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), 'utf8')) as Quad[];
  return quads.map((q) => quad(q.subject, q.predicate, q.object, graph as Quad['graph']));
}

function datasetOf(m: Store, node: Term): Quad[] {
  const out: Quad[] = [];
  for (const d of m.getObjects(node, namedNode(`${UT}data`), null)) out.push(...readTurtle(d.value, defaultGraph()));
  for (const gd of m.getObjects(node, namedNode(`${UT}graphData`), null)) {
    const file = m.getObjects(gd, namedNode(`${UT}graph`), null)[0]!;
    const label = m.getObjects(gd, namedNode(`${RDFS}label`), null)[0]!;
    out.push(...readTurtle(file.value, namedNode(label.value)));
  }
  return out;
}

function listItems(m: Store, head: Term): Term[] {
  const items: Term[] = [];
  for (let node = head; node.value !== `${RDF}nil` && items.length < 1000;) {
    items.push(m.getObjects(node, namedNode(`${RDF}first`), null)[0]!);
    node = m.getObjects(node, namedNode(`${RDF}rest`), null)[0]!;
  }
  return items;
}

function loadCases(dir: string): Case[] {
  const url = pathToFileURL(`${PATHS.root}/test/w3c/sparql11/${dir}/manifest.ttl`).href;
  const m = new Store(new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), 'utf8')));
  const entries = listItems(m, m.getObjects(namedNode(url), namedNode(`${MF}entries`), null)[0]!);
  return entries.filter((e) => m.has(quad(e as Quad['subject'], namedNode(`${RDF}type`), namedNode(`${MF}UpdateEvaluationTest`))) &&
      m.has(quad(e as Quad['subject'], namedNode(`${DAWGT}approval`), namedNode(`${DAWGT}Approved`))))
    .map((e) => {
      const action = m.getObjects(e, namedNode(`${MF}action`), null)[0]!;
      const result = m.getObjects(e, namedNode(`${MF}result`), null)[0]!;
      const request = m.getObjects(action, namedNode(`${UT}request`), null)[0]!.value;
      return { name: `${dir}/${e.value.split('#')[1]}`, request, data: datasetOf(m, action), expected: datasetOf(m, result) };
    });
}

describe('W3C SPARQL 1.1 update evaluation on the remote store (Virtuoso)', { skip: skipWithoutVirtuoso() }, () => {
  let v: VirtuosoEndpoints | undefined;
  let admin: SparqlClient;

  before(async () => {
    v = await startVirtuoso();
    admin = new SparqlClient({ queryUrl: v.query, updateUrl: v.update, user: v.user, password: v.password });
  });
  after(() => stopVirtuoso(v));

  /** Drops every graph but Virtuoso's own, so each case starts from an empty store. */
  async function wipe(): Promise<void> {
    const res = await admin.query({ query: 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', accept: 'application/sparql-results+json', timeoutMs: 30_000 });
    const rows = ((await res.json()) as { results: { bindings: { g: { value: string } }[] } }).results.bindings;
    const graphs = rows.map((r) => r.g.value).filter((g) => !SYSTEM.includes(g));
    if (graphs.length) await admin.update(graphs.map((g) => `DROP SILENT GRAPH <${g}>`).join(' ;\n'), 30_000);
  }

  async function runCase(c: Case, n: number): Promise<string | undefined> {
    await wipe();
    const store = storeOn(v!, `http://w3c-case-${n}.test/`, { seed: () => c.data });
    try {
      await store.open();
      await store.write({ type: 'update', update: readFileSync(fileURLToPath(c.request), 'utf8'), unionDefaultGraph: false, baseIri: c.request });
      const actual: Quad[] = [];
      for await (const chunk of store.dump({ format: 'application/n-quads' })) actual.push(...(new Parser({ format: 'N-Quads' }).parse(chunk) as Quad[]));
      return isomorphic(actual, c.expected) ? undefined : `dataset differs: got ${actual.length} quads, expected ${c.expected.length}`;
    } catch (e) {
      return `threw ${(e as Error).message}`;
    } finally {
      await store.close();
    }
  }

  test('all approved tests pass except the documented ones', async () => {
    const cases = DIRS.flatMap(loadCases);
    const failures: string[] = [];
    let n = 0;
    for (const c of cases) {
      const problem = await runCase(c, n++);
      if (problem && !KNOWN[c.name]) failures.push(`${c.name}: ${problem}`);
    }
    console.log(`# W3C update evaluation on Virtuoso: ${cases.length - failures.length}/${cases.length} passed (${Object.keys(KNOWN).length} known)`);
    for (const f of failures) console.log(`#   FAIL ${f}`);
    assert.ok(cases.length >= 90, `found ${cases.length} approved tests`);
    assert.deepEqual(failures, []);
  });
});
