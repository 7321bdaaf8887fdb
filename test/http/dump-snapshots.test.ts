/**
 * Versioned, citable dumps (issue 22, point 10): a dated snapshot of the N-Quads dump is taken on each day the data
 * changed, served at /dumps/{date}/osce-kg.nq.gz with its SHA256SUMS and never changed; the fixed names stay the
 * latest; each snapshot is a distribution of the catalog with dcat:version and adms:versionNotes (the catalog still
 * passes the DCAT-AP 3.0.1 and 2.1.1 shapes) and a version of the dataset in VoID. The clock is the test's.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { PATHS } from '../../src/model/paths.js';
import { validate } from '../../src/validation/validate.js';
import { BASE, linkedDataHarness, type LinkedDataHarness } from '../support/linked-data-fixture.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const ADMS = 'http://www.w3.org/ns/adms#';
let clock = new Date('2026-12-06T10:00:00Z');
let harness: LinkedDataHarness;

before(async () => {
  harness = await linkedDataHarness({ now: () => clock, dumpDebounceMs: 20 });
});
after(() => harness.close());

interface Listing {
  dumps: Array<{ name: string; sha256: string; url: string }>;
  snapshots: Array<{ version: string; url: string; checksums: string; sha256: string; bytes: number; datasetVersion: number }>;
  retention: string;
}
const listing = async () => (await (await harness.request('/dumps/', { headers: { Accept: 'application/json' } })).json()) as Listing;
const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

async function change(label: string): Promise<void> {
  const q = DataFactory.quad(DataFactory.namedNode(`${BASE}id/place/${label}`), DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), DataFactory.literal(label, 'en'));
  const { version } = await harness.store.write({ type: 'patch', delta: { added: [q], removed: [] } });
  for (let i = 0; i < 500 && harness.services.dumps.files()[0]?.version !== version; i++) await new Promise((r) => setTimeout(r, 20));
  await harness.services.dumps.settled();
}

async function rdf(path: string): Promise<Quad[]> {
  const res = await harness.request(path, { headers: { Accept: 'text/turtle' } });
  assert.equal(res.status, 200);
  return new Parser({ format: 'Turtle' }).parse(await res.text());
}

describe('dated dump snapshots', () => {
  it('takes the first snapshot with the first dump, served immutable with its checksum', async () => {
    const { dumps, snapshots, retention } = await listing();
    assert.deepEqual(snapshots.map((s) => s.version), ['2026-12-06']);
    const [snap] = snapshots;
    assert.equal(snap!.url, `${BASE}dumps/2026-12-06/osce-kg.nq.gz`);
    assert.equal(snap!.sha256, dumps.find((d) => d.name === 'osce-kg.nq.gz')?.sha256, 'the latest alias and the snapshot are one file today');
    assert.match(retention, /7 newest days .* 12 newest months/);
    const res = await harness.request('/dumps/2026-12-06/osce-kg.nq.gz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/gzip');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const body = await res.arrayBuffer();
    assert.equal(body.byteLength, snap!.bytes);
    assert.equal(sha256(body), snap!.sha256);
    const sums = await harness.request('/dumps/2026-12-06/SHA256SUMS');
    assert.equal(await sums.text(), `${snap!.sha256}  osce-kg.nq.gz\n`);
    assert.equal((await harness.request('/dumps/2026-12-05/osce-kg.nq.gz')).status, 404);
  });

  it('keeps a day\'s snapshot as it was when the data changes the same day; the fixed names move on', async () => {
    const [before] = (await listing()).snapshots;
    await change('sameday');
    const { dumps, snapshots } = await listing();
    assert.deepEqual(snapshots.map((s) => s.version), ['2026-12-06']);
    assert.equal(snapshots[0]!.sha256, before!.sha256);
    assert.notEqual(dumps.find((d) => d.name === 'osce-kg.nq.gz')?.sha256, before!.sha256);
    assert.equal(sha256(await (await harness.request('/dumps/2026-12-06/osce-kg.nq.gz')).arrayBuffer()), before!.sha256);
  });

  it('takes the next day\'s snapshot at the next check, and none on a day without changes', async () => {
    clock = new Date('2026-12-07T00:30:00Z');
    await harness.services.dumps.snapshot(); // the hourly check
    const latest = (await listing()).dumps.find((d) => d.name === 'osce-kg.nq.gz')!;
    let { snapshots } = await listing();
    assert.deepEqual(snapshots.map((s) => s.version), ['2026-12-07', '2026-12-06']);
    assert.equal(snapshots[0]!.sha256, latest.sha256);
    clock = new Date('2026-12-08T09:00:00Z');
    await harness.services.dumps.snapshot();
    ({ snapshots } = await listing());
    assert.deepEqual(snapshots.map((s) => s.version), ['2026-12-07', '2026-12-06']);
  });

  for (const profile of ['3.0.1', '2.1.1'] as const) {
    it(`lists each snapshot in the DCAT-AP ${profile} catalog with its version and notes, and passes the shapes`, async () => {
      const data = await rdf(`/catalog?profile=${profile}`);
      const g = new Store(data);
      const dist = g.getSubjects(`${DCAT}downloadURL`, DataFactory.namedNode(`${BASE}dumps/2026-12-06/osce-kg.nq.gz`), null)[0];
      assert.ok(dist);
      const version = profile === '2.1.1' ? 'http://www.w3.org/2002/07/owl#versionInfo' : `${DCAT}version`;
      assert.deepEqual(g.getObjects(dist, version, null).map((o) => o.value), ['2026-12-06']);
      assert.match(g.getObjects(dist, `${ADMS}versionNotes`, null)[0]?.value ?? '', /^Snapshot taken 2026-12-06T10:00:\d\d\.\d{3}Z at dataset version \d+\. Snapshots are kept/);
      assert.equal(g.getSubjects(`${DCAT}distribution`, dist, null).length, 1);
      const shapes = new Store([`dcat-ap-${profile}-shapes.ttl`, `dcat-ap-${profile}-range.ttl`].flatMap((f) => new Parser().parse(readFileSync(join(PATHS.vendor, 'dcat-ap', f), 'utf8'))));
      const outcome = await validate(data, { shapes });
      assert.deepEqual(outcome.results.filter((r) => r.severity === 'Violation').map((v) => `${v.focusNode} ${v.path}: ${v.message}`), []);
    });
  }

  it('describes each snapshot in VoID as a version of the dataset with its dump', async () => {
    const g = new Store(await rdf('/.well-known/void'));
    const versions = g.getObjects(DataFactory.namedNode(`${BASE}catalog#dataset`), 'http://purl.org/dc/terms/hasVersion', null);
    assert.equal(versions.length, 2);
    const v = versions.find((x) => g.getObjects(x, `${DCAT}version`, null)[0]?.value === '2026-12-07');
    assert.ok(v);
    assert.deepEqual(g.getObjects(v, 'http://rdfs.org/ns/void#dataDump', null).map((o) => o.value), [`${BASE}dumps/2026-12-07/osce-kg.nq.gz`]);
    assert.equal(g.getObjects(v, `${ADMS}versionNotes`, null).length, 1);
  });
});
