import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { PATHS } from '../../src/model/paths.js';
import type { LinkedDataServices } from '../../src/linked-data/services.js';
import type { KgStore } from '../../src/store/types.js';
import { validate } from '../../src/validation/validate.js';
import { BASE, linkedDataHarness, type LinkedDataHarness } from '../support/linked-data-fixture.js';

let store: KgStore;
let services: LinkedDataServices;
const get = (path: string, headers: Record<string, string> = {}) => harness.request(path, { headers });
const DCAT = 'http://www.w3.org/ns/dcat#';

let harness: LinkedDataHarness;
before(async () => {
  harness = await linkedDataHarness({});
  ({ store, services } = harness);
});
after(() => harness.close());

function shapes(...files: string[]): Store {
  return new Store(files.flatMap((f) => new Parser().parse(readFileSync(join(PATHS.vendor, 'dcat-ap', f), 'utf8'))));
}

async function catalog(profile: string): Promise<Quad[]> {
  const res = await get(`/catalog?profile=${profile}`, { accept: 'text/turtle' });
  assert.equal(res.status, 200);
  return new Parser({ format: 'Turtle' }).parse(await res.text());
}

for (const profile of ['3.0.1', '2.1.1']) {
  test(`the catalog passes the DCAT-AP ${profile} shapes and range with no violation`, async (t) => {
    const data = await catalog(profile);
    const outcome = await validate(data, { shapes: shapes(`dcat-ap-${profile}-shapes.ttl`, `dcat-ap-${profile}-range.ttl`) });
    const violations = outcome.results.filter((r) => r.severity === 'Violation');
    assert.deepEqual(violations.map((v) => `${v.focusNode} ${v.path}: ${v.message}`), []);
    const recommended = await validate(data, { shapes: shapes(`dcat-ap-${profile}-shapes_recommended.ttl`) });
    const grouped = new Map<string, number>();
    for (const r of recommended.results) grouped.set(`${r.severity} ${r.path}: ${r.message}`, (grouped.get(`${r.severity} ${r.path}: ${r.message}`) ?? 0) + 1);
    t.diagnostic(`DCAT-AP ${profile} recommended shapes: ${recommended.results.length} results`);
    for (const [k, n] of grouped) t.diagnostic(`${n} × ${k}`);
  });
}

test('the catalog has one distribution per dump (and per snapshot) with its size and checksum', async () => {
  const g = new Store(await catalog('3.0.1'));
  const { dumps, snapshots } = (await (await get('/dumps/', { accept: 'application/json' })).json()) as { dumps: Array<{ url: string; bytes: number; sha256: string }>; snapshots: unknown[] };
  const dists = g.getSubjects(`${DCAT}downloadURL`, null, null);
  assert.equal(dists.length, dumps.length + snapshots.length); // and a dated snapshot each (dump-snapshots.test.ts)
  for (const d of dumps) {
    const dist = g.getSubjects(`${DCAT}downloadURL`, d.url, null)[0];
    assert.ok(dist, d.url);
    assert.equal(g.getObjects(dist, `${DCAT}byteSize`, null)[0]?.value, String(d.bytes));
    const checksum = g.getObjects(dist, 'http://spdx.org/rdf/terms#checksum', null)[0];
    assert.ok(checksum);
    assert.equal(g.getObjects(checksum, 'http://spdx.org/rdf/terms#checksumValue', null)[0]?.value, d.sha256);
    assert.equal(g.getObjects(checksum, 'http://spdx.org/rdf/terms#algorithm', null)[0]?.value, 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256');
    assert.match(g.getObjects(dist, `${DCAT}mediaType`, null)[0]?.value ?? '', /^https:\/\/www\.iana\.org\/assignments\/media-types\//);
  }
});

test('spatial coverage lists the 57 participating States and temporal coverage comes from release dates', async () => {
  const g = new Store(await catalog('3.0.1'));
  const ds = `${BASE}catalog#dataset`;
  const spatial = g.getObjects(ds, 'http://purl.org/dc/terms/spatial', null).map((o) => o.value);
  assert.equal(spatial.length, 57);
  assert.ok(spatial.includes('http://publications.europa.eu/resource/authority/country/ALB'));
  const period = g.getObjects(ds, 'http://purl.org/dc/terms/temporal', null)[0];
  assert.ok(period);
  assert.equal(g.getObjects(period, `${DCAT}startDate`, null)[0]?.value, '2025-01-15');
  assert.equal(g.getObjects(`${BASE}catalog#sparql`, `${DCAT}endpointURL`, null)[0]?.value, `${BASE}sparql`);
});

test('the catalog is negotiated as Turtle, JSON-LD or RDF/XML, and an unknown profile is a 400', async () => {
  for (const type of ['text/turtle', 'application/ld+json', 'application/rdf+xml']) {
    const res = await get('/catalog', { accept: type });
    assert.equal(res.headers.get('content-type')?.split(';')[0], type);
    assert.equal(res.headers.get('vary'), 'Accept');
  }
  assert.equal((await get('/catalog', { accept: 'text/csv' })).status, 406);
  assert.equal((await get('/catalog?profile=9.9')).status, 400);
});

test('the catalog and VoID state each triple once, in N-Triples and JSON-LD (a class shared by several links is one triple)', async () => {
  for (const path of ['/catalog', '/catalog?profile=2.1.1', '/.well-known/void']) {
    const lines = (await (await get(path, { accept: 'application/n-triples' })).text()).split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(lines.filter((l, i) => lines.indexOf(l) !== i), [], path);
    const doc = (await (await get(path, { accept: 'application/ld+json' })).json()) as { '@graph': Array<Record<string, unknown>> };
    const repeated = doc['@graph'].flatMap((node) => Object.entries(node)
      .filter(([, v]) => Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
      .map(([k]) => `${String(node.id)} ${k}`));
    assert.deepEqual(repeated, [], path);
  }
});
