import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import { localDocumentLoader } from '../../src/linked-data/jsonld-context.js';
import type { LinkedDataServices } from '../../src/linked-data/services.js';
import type { KgStore } from '../../src/store/types.js';
import { BASE, linkedDataHarness, type LinkedDataHarness } from '../support/linked-data-fixture.js';
import { waitUntil } from '../support/wait.js';

let store: KgStore;
let services: LinkedDataServices;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => harness.request(path, { headers, method });

let harness: LinkedDataHarness;
before(async () => {
  harness = await linkedDataHarness({ dumpDebounceMs: 20 });
  ({ store, services } = harness);
});
after(() => harness.close());

const objectKey = (o: Quad['object']) => (o.termType === 'Literal' ? `"${o.value}"@${o.language}^^${o.datatype.value}` : `${o.termType}:${o.value}`);
const tripleKey = (s: Store) => new Set(s.getQuads(null, null, null, null).map((q) => `${q.subject.termType === 'BlankNode' ? '_' : q.subject.value} ${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : objectKey(q.object)}`));

async function dumpTriples(name: string): Promise<Set<string>> {
  const res = await get(`/dumps/${name}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/gzip');
  const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
  if (name.endsWith('.jsonld.gz')) {
    const nq = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: localDocumentLoader(BASE) } as never)) as unknown as string;
    return tripleKey(new Store(new Parser({ format: 'N-Quads' }).parse(nq)));
  }
  const format = name.includes('.nq.') ? 'N-Quads' : name.includes('.ttl.') ? 'Turtle' : 'N-Triples';
  return tripleKey(new Store(new Parser({ format }).parse(text)));
}

test('every dump parses, all hold the same triples, and VoID counts them', async () => {
  const names = ['osce-kg.nt.gz', 'osce-kg.nq.gz', 'osce-kg.ttl.gz', 'osce-kg.jsonld.gz'];
  const sets = await Promise.all(names.map(dumpTriples));
  const first = sets[0] ?? new Set<string>();
  assert.ok(first.size > 1000);
  for (const [i, s] of sets.entries()) assert.deepEqual([...s].sort(), [...first].sort(), names[i]);
  const voidText = await (await get('/.well-known/void', { accept: 'application/n-triples' })).text();
  const v = new Store(new Parser({ format: 'N-Triples' }).parse(voidText));
  const triples = v.getQuads(`${BASE}catalog#dataset`, 'http://rdfs.org/ns/void#triples', null, null)[0];
  assert.equal(Number(triples?.object.value), first.size);
  assert.equal(v.getQuads(`${BASE}catalog#dataset`, 'http://rdfs.org/ns/void#dataDump', null, null).length, 4);
});

test('N-Quads dump keeps the named graphs with their provenance', async () => {
  const res = await get('/dumps/osce-kg.nq.gz');
  const quads = new Parser({ format: 'N-Quads' }).parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'));
  const graphs = new Set(quads.map((q) => q.graph.value));
  assert.ok(graphs.has(`${BASE}graph/reference`));
  assert.ok(quads.some((q) => q.graph.value.startsWith(`${BASE}graph/release/`) && q.predicate.value === 'http://www.w3.org/ns/prov#generatedAtTime'));
});

test('the listing gives sizes and sha256 of the served bytes, as JSON and HTML', async () => {
  const res = await get('/dumps/', { accept: 'application/json' });
  const { dumps } = (await res.json()) as { dumps: Array<{ name: string; bytes: number; sha256: string }> };
  assert.equal(dumps.length, 4);
  for (const d of dumps) {
    const body = Buffer.from(await (await get(`/dumps/${d.name}`)).arrayBuffer());
    assert.equal(body.length, d.bytes);
    assert.equal(createHash('sha256').update(body).digest('hex'), d.sha256);
  }
  const page = await get('/dumps/', { accept: 'text/html' });
  assert.equal(page.headers.get('content-type'), 'text/html; charset=UTF-8');
  assert.ok(page.headers.get('content-security-policy'));
});

test('HEAD, validators and conditional requests answer 304', async () => {
  const head = await get('/dumps/osce-kg.nt.gz', {}, 'HEAD');
  assert.equal(head.status, 200);
  const etag = head.headers.get('etag') ?? '';
  const lastModified = head.headers.get('last-modified') ?? '';
  assert.ok(etag && lastModified);
  assert.equal(head.headers.get('accept-ranges'), 'bytes');
  assert.ok(Number(head.headers.get('content-length')) > 0);
  assert.equal((await get('/dumps/osce-kg.nt.gz', { 'if-none-match': etag })).status, 304);
  assert.equal((await get('/dumps/osce-kg.nt.gz', { 'if-modified-since': lastModified })).status, 304);
  assert.equal((await get('/dumps/osce-kg.nt.gz', { 'if-none-match': '"other"' })).status, 200);
});

test('byte ranges answer 206 and unsatisfiable ranges 416', async () => {
  const full = Buffer.from(await (await get('/dumps/osce-kg.nt.gz')).arrayBuffer());
  const part = await get('/dumps/osce-kg.nt.gz', { range: 'bytes=10-19' });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 10-19/${full.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), full.subarray(10, 20));
  const suffix = await get('/dumps/osce-kg.nt.gz', { range: 'bytes=-5' });
  assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), full.subarray(full.length - 5));
  const bad = await get('/dumps/osce-kg.nt.gz', { range: `bytes=${full.length}-` });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers.get('content-range'), `bytes */${full.length}`);
  assert.equal((await get('/dumps/nope.gz')).status, 404);
});

test('dumps are regenerated in the background after a change', async () => {
  const before = services.dumps.files()[0]?.version;
  const { DataFactory } = await import('n3');
  const q = DataFactory.quad(DataFactory.namedNode(`${BASE}id/place/testville`), DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), DataFactory.literal('Testville', 'en'));
  const result = await store.write({ type: 'patch', delta: { added: [q], removed: [] } });
  await waitUntil(() => services.dumps.files()[0]?.version === result.version, 'the dumps of the new version');
  assert.notEqual(services.dumps.files()[0]?.version, before);
  assert.ok((await dumpTriples('osce-kg.nt.gz')).has(`${BASE}id/place/testville http://www.w3.org/2000/01/rdf-schema#label "Testville"@en^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString`));
});

test('a burst of writes is debounced into one regeneration, not one per write', async () => {
  await services.dumps.settled();
  const before = services.dumps.generations;
  const { DataFactory } = await import('n3');
  let version = 0;
  for (let i = 0; i < 5; i++) {
    const q = DataFactory.quad(DataFactory.namedNode(`${BASE}id/place/burst-${i}`), DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), DataFactory.literal(`Burst ${i}`));
    version = (await store.write({ type: 'patch', delta: { added: [q], removed: [] } })).version;
  }
  await waitUntil(() => services.dumps.files()[0]?.version === version, 'the dumps of the last version');
  await services.dumps.settled();
  assert.equal(services.dumps.files()[0]?.version, version);
  assert.ok(services.dumps.generations - before <= 2, `${services.dumps.generations - before} generations for 5 writes`);
});
