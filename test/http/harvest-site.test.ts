/**
 * The harvester against a fixture website on loopback (test/support/harvest-site.ts): it stores exactly the site's
 * releases (the same graph as ingesting the pages one by one), requests nothing robots.txt disallows, spaces its
 * requests, reports every bad input, reruns with conditional requests only, and re-ingests a changed page in place.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isomorphic } from 'rdf-isomorphic';
import { builtinQuads } from '../../src/builtin.js';
import { hasFailures, runHarvest, type HarvestSummary } from '../../src/harvest/harvester.js';
import { harvestOptions, type HarvestRequest } from '../../src/harvest/options.js';
import { harvestReport } from '../../src/harvest/report.js';
import { HarvestState } from '../../src/harvest/state.js';
import { ingestPage, referenceIndex } from '../../src/ingest/index.js';
import { Iris, NS } from '../../src/model/ns.js';
import { VERSION } from '../../src/model/version.js';
import { createEmbeddedStore, createMemoryStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import { createShaclGate } from '../../src/validation/index.js';
import { releaseGraphs, storeQuads } from '../support/harvest-compare.js';
import { HarvestSite, RELEASE_PAGES } from '../support/harvest-site.js';

const BASE = 'http://localhost:8080/';
const DELAY_MS = 30;
const iris = new Iris(BASE);
const index = referenceIndex(BASE);
const gate = createShaclGate(iris);

let site: HarvestSite;
let dir: string;
let store: EmbeddedStore;
let state: HarvestState;
let first: HarvestSummary;
let firstLog: number;

function options(extra: Partial<HarvestRequest> = {}) {
  return harvestOptions(
    { urls: [`${site.origin}/`, `${site.origin}/press-releases`], delayMs: DELAY_MS, contact: 'https://example.org/harvest-contact', ...extra },
    { backoff: { baseMs: 20, capMs: 5000, retries: 3 }, timeoutMs: 10_000 },
  );
}

const harvest = (extra: Partial<HarvestRequest> = {}) => runHarvest(options(extra), state, { index, store, gate });

before(async () => {
  site = await new HarvestSite().start();
  dir = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-'));
  store = createEmbeddedStore({ dataDir: join(dir, 'store'), workers: 0, seed: () => builtinQuads(BASE) });
  await store.open();
  state = HarvestState.open(join(dir, 'store'));
  first = await harvest();
  firstLog = site.log.length;
});

after(async () => {
  state.close();
  await store.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const issue = (s: HarvestSummary, path: string) => s.issues.find((i) => i.url === `${site.origin}${path}`);

test('stores the same graph as ingesting the release pages one by one', async () => {
  const expected = createMemoryStore(builtinQuads(BASE), { workers: 0 }); // a reference to compare with: no threads needed
  await expected.open();
  try {
    for (const path of Object.keys(RELEASE_PAGES)) {
      const record = state.pages.get(`${site.origin}${path === '/releases/moved' ? '/old/moved' : path}`);
      assert.ok(record, `${path} was harvested`);
      const res = await fetch(`${site.origin}${path}`, { headers: { 'User-Agent': 'test' } });
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = new TextDecoder(path === '/releases/latin1' ? 'latin1' : 'utf-8').decode(bytes);
      const retrieved = { at: new Date(record.at), ...record.validators };
      await ingestPage({ store: expected, gate, index }, text, { format: 'html', source: { iri: `${site.origin}${path}`, retrieved } }).catch(() => undefined);
    }
    const [got, want] = [await storeQuads(store), await storeQuads(expected)];
    assert.deepEqual(releaseGraphs(got), releaseGraphs(want));
    assert.ok(releaseGraphs(want).length >= 8, `the seed release and at least 7 harvested: ${releaseGraphs(want).join(' ')}`);
    assert.ok(isomorphic(got, want), 'the harvested store differs from the pages ingested one by one');
  } finally {
    await expected.close();
  }
});

test('records provenance: derived from the page URL, retrieved at a time, with its validators', async () => {
  const url = `${site.origin}/releases/en-labelled`;
  const rows = await store.select(`SELECT ?release ?etag ?modified ?fetched WHERE { GRAPH ?g {
    ?release <${NS.prov}wasDerivedFrom> <${url}> ; <${NS.prov}wasGeneratedBy> ?ingest .
    ?ingest <${NS.prov}wasInformedBy> ?retrieval . ?retrieval <${NS.prov}endedAtTime> ?fetched ; <${NS.prov}used> <${url}> .
    <${url}> <${NS.osce}entityTag> ?etag ; <${NS.dct}modified> ?modified } }`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.release?.value, state.pages.get(url)?.release);
  assert.equal(rows[0]?.etag?.value, state.pages.get(url)?.validators?.etag);
  assert.equal(rows[0]?.modified?.value, '2024-03-05T10:00:00Z');
  // compared as instants: the store writes xsd:dateTime in canonical form (no trailing zeros in the fraction)
  assert.equal(Date.parse(rows[0]?.fetched?.value ?? ''), Date.parse(state.pages.get(url)?.at ?? 'x'));
});

test('requests nothing robots.txt disallows, no menu link and nothing of another host', () => {
  const paths = site.log.slice(0, firstLog).map((r) => r.path);
  assert.deepEqual(paths.filter((p) => p.startsWith('/private/')), []);
  for (const menu of ['/contacts', '/privacy']) assert.ok(!paths.includes(menu), `${menu} requested`);
  assert.equal(paths[0], '/robots.txt');
  assert.equal(issue(first, '/private/secret')?.code, 'DISALLOWED');
  assert.equal(issue(first, '/private/draft')?.code, 'DISALLOWED');
});

test('spaces requests by the delay, and waits for Retry-After after a 429', () => {
  const log = site.log.slice(0, firstLog);
  for (let i = 1; i < log.length; i++) {
    const gap = (log[i]?.t ?? 0) - (log[i - 1]?.t ?? 0);
    assert.ok(gap >= DELAY_MS, `${log[i - 1]?.path} -> ${log[i]?.path}: ${gap.toFixed(1)} ms`);
  }
  const busy = log.filter((r) => r.path === '/busy');
  assert.equal(busy.length, 2, 'the 429 and the retry');
  assert.ok((busy[1]?.t ?? 0) - (busy[0]?.t ?? 0) >= 1000, 'Retry-After: 1 honoured');
  assert.equal(log.filter((r) => r.path === '/flaky').length, 2, 'the 503 and the retry');
  for (const r of log) assert.equal(r.userAgent, `osce-kg/${VERSION} (+https://example.org/harvest-contact)`);
});

test('counts and reports every bad input without a crash or a partial release', () => {
  assert.equal(issue(first, '/loop/a')?.code, 'REDIRECT_LOOP');
  assert.equal(issue(first, '/big')?.code, 'TOO_LARGE');
  assert.equal(issue(first, '/media/photo.jpg')?.code, 'NOT_A_PAGE');
  assert.equal(issue(first, '/about')?.code, 'NOT_A_RELEASE');
  assert.equal(issue(first, '/releases/en-rejected')?.code, 'INVALID_DATE');
  assert.equal(issue(first, '/sitemaps/broken.xml')?.code, 'MALFORMED_SITEMAP');
  assert.match(issue(first, '/sitemaps/broken.xml')?.message ?? '', / \d+:\d+: /, 'line and column of the fault');
  assert.equal(first.counts.rejected, 1);
  assert.equal(first.counts.failed, 2);
  assert.equal(first.counts.sourcesFailed, 1);
  assert.equal(first.counts.found, 16);
  assert.equal(first.counts.fetched, first.counts.found - 2, 'all but the two disallowed pages');
  assert.ok(hasFailures(first));
  const report = harvestReport(state);
  assert.deepEqual(report.rejected.map((r) => [r.url, r.code, r.problems?.map((p) => p.code)]), [[`${site.origin}/releases/en-rejected`, 'INVALID_DATE', ['INVALID_DATE']]]);
  assert.deepEqual(report.failed.map((r) => r.code).sort(), ['REDIRECT_LOOP', 'TOO_LARGE']);
  assert.deepEqual(report.skipped.DISALLOWED?.sort(), [`${site.origin}/private/draft`, `${site.origin}/private/secret`]);
  assert.deepEqual(report.sources.map((s) => s.code), ['MALFORMED_SITEMAP']);
  // every release page is a release or reported, never lost silently (Russian pages depend on the extractor)
  for (const path of ['/releases/ru-labelled', '/releases/ru-older']) {
    const standing = state.pages.get(`${site.origin}${path}`)?.standing;
    assert.ok(standing === 'release' || (standing && issue(first, path)), `${path}: ${standing}`);
  }
});

test('a second run sends only conditional requests (but for pages that failed) and changes nothing; pages that are not releases are read again from their kept bodies', async () => {
  const version = await store.version();
  const start = site.log.length;
  const second = await harvest();
  const log = site.log.slice(start);
  const unconditional = log.filter((r) => !r.conditional).map((r) => r.path).sort();
  assert.deepEqual(unconditional, ['/big', '/loop/a', '/loop/b']);
  assert.equal(await store.version(), version);
  assert.equal(second.counts.ingested + second.counts.updated, 0);
  // the pages that are not releases are read again from their kept bodies (a newer extractor may take them): the
  // rejected page, /about and the two Russian pages while the extractor cannot read them
  const retried = ['/releases/en-rejected', '/about', '/releases/ru-labelled', '/releases/ru-older'].filter((p) => state.pages.get(`${site.origin}${p}`)?.standing !== 'release');
  assert.equal(second.counts.unchanged, 12 - retried.length);
  assert.equal(second.counts.rejected, 1);
  assert.equal(second.resumed, false);
});

test('a changed page is re-ingested in place', async () => {
  const path = '/releases/en-labelled';
  const url = `${site.origin}${path}`;
  const before = state.pages.get(url)?.release;
  const releases = (await store.graphs()).filter((g) => g.includes('/graph/release/')).length;
  site.contents.set(path, (site.contents.get(path) ?? '').replace('The workshop is part', 'The workshop, held in English and Russian, is part'));
  const third = await harvest();
  assert.equal(third.counts.updated, 1);
  assert.equal(third.counts.ingested, 0);
  assert.equal(state.pages.get(url)?.release, before);
  assert.equal((await store.graphs()).filter((g) => g.includes('/graph/release/')).length, releases);
  const rows = await store.select(`SELECT ?body WHERE { <${before}> <${NS.schema}articleBody> ?body }`);
  assert.equal(rows.length, 1);
  assert.match(rows[0]?.body?.value ?? '', /held in English and Russian/);
});

test('a page that moved to another address keeps its release, moved to a key from the new URL with an alias; a rerun changes nothing', async () => {
  const path = '/releases/en-older';
  const url = `${site.origin}${path}`;
  const before = state.pages.get(url)?.release ?? '';
  assert.match(before, /\/id\/release\//);
  const releases = (await store.graphs()).filter((g) => g.includes('/graph/release/')).length;
  site.redirects.set(path, '/releases/2024/en-older');
  site.contents.set('/releases/2024/en-older', (site.contents.get(path) ?? '').replace('take part in the course.', 'take part in the course, which ends on 11 May.'));
  const moved = await harvest();
  assert.equal(moved.counts.ingested, 0);
  assert.equal(moved.counts.updated, 1);
  assert.equal(moved.counts.rejected, 1, 'only the page rejected from the start');
  const now = state.pages.get(url)?.release ?? '';
  assert.notEqual(now, before);
  assert.equal((await store.graphs()).filter((g) => g.includes('/graph/release/')).length, releases);
  const page = await store.select(`SELECT ?p WHERE { <${now}> <${NS.osce}originalPage> ?p }`);
  assert.deepEqual(page.map((r) => r.p?.value), [`${site.origin}/releases/2024/en-older`]);
  const alias = await store.select(`SELECT ?former WHERE { GRAPH <${BASE}graph/aliases> { <${now}> <${NS.owl}sameAs> ?former } }`);
  assert.deepEqual(alias.map((r) => r.former?.value), [before]);
  const version = await store.version();
  const again = await harvest();
  assert.equal(again.counts.ingested + again.counts.updated, 0);
  assert.equal(await store.version(), version);
});
