import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/main.js';
import type { ChangeEvent } from '../src/store/types.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, type VirtuosoEndpoints } from './remote-store-server.js';

const { namedNode, literal, quad } = DataFactory;
const TOKEN = 'replica-test-token';
const EX = 'http://example.org/';

function replicaConfig(v: VirtuosoEndpoints) {
  // each replica keeps its local files (generated dumps) apart; everything shared is in the store
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-replica-'));
  return loadConfig({ port: 0, store: 'sparql', storeQuery: v.query, storeUpdate: v.update, dataDir },
    { OSCE_KG_TOKEN: TOKEN, OSCE_KG_STORE_USER: v.user, OSCE_KG_STORE_PASSWORD: v.password });
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`nothing within ${ms} ms`);
}

describe('two replicas on one Virtuoso behave as one service', { skip: skipWithoutVirtuoso() }, () => {
  let v: VirtuosoEndpoints | undefined;
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    v = await startVirtuoso();
    // both start on the empty store at once: one seed, one version-0 state
    [a, b] = await Promise.all([startServer(replicaConfig(v)), startServer(replicaConfig(v))]);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await stopVirtuoso(v);
  });

  const ask = (server: RunningServer, query: string) =>
    fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });

  test('replicas started together seed once and share version and size', async () => {
    assert.equal(await a.store.version(), 0);
    assert.equal(await b.store.version(), 0);
    assert.equal(await a.store.size(), await b.store.size());
    assert.ok((await a.store.size()) > 1000);
  });

  test('a graph PUT through one replica is read through the other at once, and both ETags move together', async () => {
    const query = `ASK { GRAPH <${EX}graph/r1> { <${EX}s> <${EX}p> "written through A" } }`;
    const [a0, b0] = await Promise.all([ask(a, query), ask(b, query)]);
    assert.equal(a0.status, 200);
    assert.equal(((await b0.json()) as { boolean: boolean }).boolean, false);
    await a0.arrayBuffer();
    const etag0 = b0.headers.get('etag');
    assert.ok(etag0);
    assert.equal(a0.headers.get('etag'), etag0);

    const put = await fetch(`${a.url}/graph-store?graph=${encodeURIComponent(`${EX}graph/r1`)}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/turtle' },
      body: `<${EX}s> <${EX}p> "written through A" .`,
    });
    assert.equal(put.status, 201);

    const [a1, b1] = await Promise.all([ask(a, query), ask(b, query)]);
    assert.equal(((await b1.json()) as { boolean: boolean }).boolean, true);
    assert.equal(((await a1.json()) as { boolean: boolean }).boolean, true);
    assert.notEqual(b1.headers.get('etag'), etag0);
    assert.equal(a1.headers.get('etag'), b1.headers.get('etag'));
    assert.equal(await b.store.version(), await a.store.version());

    const got = await fetch(`${b.url}/graph-store?graph=${encodeURIComponent(`${EX}graph/r1`)}`, { headers: { Accept: 'application/n-triples' } });
    assert.equal(got.status, 200);
    assert.equal((await got.text()).trim(), `<${EX}s> <${EX}p> "written through A" .`);
  });

  test("one replica's change listeners receive the other's write with its delta", async () => {
    const events: ChangeEvent[] = [];
    const off = b.store.onChange((e) => events.push(e));
    try {
      const r = await a.store.write({ type: 'post-graph', graph: { iri: `${EX}graph/r2` }, quads: [quad(namedNode(`${EX}x`), namedNode(`${EX}p`), literal('via A'))] });
      const event = await waitFor(() => events.find((e) => e.version === r.version), 5000);
      assert.deepEqual(event.delta.added.map((q) => [q.subject.value, q.object.value, q.graph.value]), [[`${EX}x`, 'via A', `${EX}graph/r2`]]);
      assert.deepEqual(event.delta.removed, []);
    } finally {
      off();
    }
  });

  test('concurrent writes through both replicas all commit, each with its own version', async () => {
    const start = await a.store.version();
    const writes = [a, b, a, b, a, b].map((server, i) =>
      server.store.write({ type: 'post-graph', graph: { iri: `${EX}graph/c` }, quads: [quad(namedNode(`${EX}c${i}`), namedNode(`${EX}p`), literal(String(i)))] }));
    const versions = (await Promise.all(writes)).map((r) => r.version).sort((x, y) => x - y);
    assert.deepEqual(versions, [1, 2, 3, 4, 5, 6].map((n) => start + n));
    const rows = await b.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${EX}graph/c> { ?s ?p ?o } }`);
    assert.equal(rows[0]?.n?.value, '6');
  });

  test('a press release ingested through one replica is read, queried and followed as linked data through the other', async () => {
    const page = readFileSync('/work/shared/seed/000_4cd0b548489163f4.txt');
    const ingest = await fetch(`${a.url}/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' }, body: page });
    // the built-in data may already hold this release (then 200, replaced in place), otherwise it is new (201)
    const { iri, graph, created } = (await ingest.clone().json()) as { iri: string; graph: string; created: boolean };
    assert.equal(ingest.status, created ? 201 : 200, await ingest.text());
    const path = new URL(iri).pathname;
    assert.match(path, /^\/id\/release\//);

    const entity = await fetch(`${b.url}${path}`, { redirect: 'manual', headers: { Accept: 'text/turtle' } });
    assert.equal(entity.status, 303);
    const docPath = new URL(entity.headers.get('location')!, b.url).pathname;
    assert.equal(docPath, path.replace(/^\/id\//, '/doc/'));
    const doc = await fetch(`${b.url}${docPath}`, { headers: { Accept: 'text/turtle' } });
    assert.equal(doc.status, 200);
    const quads = new Parser({ baseIRI: iri }).parse(await doc.text());
    assert.ok(quads.some((q) => q.subject.value === iri && q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === 'https://w3id.org/osce-kg/ontology#PressRelease'));

    const query = `SELECT ?h WHERE { GRAPH <${graph}> { <${iri}> <http://schema.org/headline> ?h } }`;
    const res = await fetch(`${b.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    const rows = ((await res.json()) as { results: { bindings: { h: { value: string } }[] } }).results.bindings;
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.h.value.length > 10);
  });
});
