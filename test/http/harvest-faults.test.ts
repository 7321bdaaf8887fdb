/**
 * Faults of the network and of sites, each counted and reported by the harvester, never a crash: an unreachable host,
 * a TLS error, a robots.txt answering 503, a page that never answers, a redirect to another site; and the filters
 * (--since, --include, --exclude, --max-pages) and dry runs on the fixture website.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runHarvest, type HarvestSummary } from '../../src/harvest/harvester.js';
import { harvestOptions, type HarvestRequest } from '../../src/harvest/options.js';
import { HarvestState } from '../../src/harvest/state.js';
import { referenceIndex } from '../../src/ingest/index.js';
import { PATHS } from '../../src/model/paths.js';
import { HarvestSite } from '../support/harvest-site.js';

const index = referenceIndex('http://localhost:8080/');

async function serve(handler: RequestListener): Promise<{ origin: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, paths, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/**
 * A dry run (nothing stored) with small delays. The time limit is generous (a refused connection or a TLS error can
 * take seconds on a loaded machine) except where a test waits for it to strike.
 */
function dryRun(req: HarvestRequest, state = HarvestState.memory(), timeoutMs = 10_000): Promise<HarvestSummary> {
  return runHarvest(harvestOptions({ delayMs: 5, dryRun: true, ...req }, { timeoutMs, backoff: { baseMs: 10, capMs: 100, retries: 1 } }), state, { index });
}

test('an unreachable host and a TLS error are reported as failed sources', async () => {
  const closed = await serve((_, res) => res.end());
  await closed.close();
  const plain = await serve((_, res) => res.end('not TLS'));
  try {
    const summary = await dryRun({ urls: [`${closed.origin}/`, `${plain.origin.replace('http:', 'https:')}/sitemap.xml`] });
    const codes = summary.issues.map((i) => [new URL(i.url).pathname, i.code]).sort();
    assert.deepEqual(codes, [['/robots.txt', 'TLS_ERROR'], ['/robots.txt', 'UNREACHABLE']]);
    assert.equal(summary.counts.sourcesFailed, 2);
    assert.equal(summary.counts.found, 0);
  } finally {
    await plain.close();
  }
});

test('a robots.txt answering 503 stops the harvest of that site (RFC 9309 §2.3.1.4)', async () => {
  const site = await serve((req, res) => void (req.url === '/robots.txt' ? res.writeHead(503).end() : res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>x</p>')));
  try {
    const summary = await dryRun({ urls: [`${site.origin}/news`] });
    assert.deepEqual(site.paths, ['/robots.txt', '/robots.txt'], 'the first try and one retry, nothing else');
    assert.deepEqual(summary.issues.map((i) => i.code), ['HTTP_503']);
  } finally {
    await site.close();
  }
});

test('a page that never answers times out; a redirect to another site is not followed', async () => {
  const site = await serve((req, res) => {
    if (req.url === '/slow') return; // never answers
    if (req.url === '/away') return void res.writeHead(302, { Location: 'http://other.invalid/page' }).end();
    if (req.url === '/list') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<main><a href="/slow">1</a><a href="/away">2</a></main>');
    res.writeHead(404).end();
  });
  try {
    const summary = await dryRun({ urls: [`${site.origin}/list`] }, HarvestState.memory(), 500);
    const codes = Object.fromEntries(summary.issues.map((i) => [new URL(i.url).pathname, i.code]));
    assert.deepEqual(codes, { '/slow': 'TIMEOUT', '/away': 'OFF_SITE_REDIRECT' });
    assert.equal(summary.counts.failed, 2);
  } finally {
    await site.close();
  }
});

test('a page rejected before is read again from its kept body after a 304, and ingested if it now passes', async () => {
  const page = readFileSync(join(PATHS.fixtures, 'harvest-site', 'frame.html'), 'utf8')
    .replace('{{lang}}', 'en').replace('{{content}}', readFileSync(join(PATHS.fixtures, 'harvest-site', 'en-labelled.html'), 'utf8'));
  const site = await serve((req, res) => {
    if (req.url === '/list') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<main><a href="/r/1">1</a></main>');
    if (req.url === '/r/1' && req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(404).end();
  });
  try {
    const state = HarvestState.memory();
    const sha256 = createHash('sha256').update(page).digest('hex');
    state.keepBody(sha256, Buffer.from(page));
    // as an older extractor left it
    state.write({ t: 'page', url: `${site.origin}/r/1`, job: 'old', at: '2024-01-01T00:00:00.000Z', standing: 'rejected', code: 'NO_DATE', message: 'no date',
      validators: { etag: '"v1"' }, sha256, contentType: 'text/html; charset=utf-8' });
    const summary = await dryRun({ urls: [`${site.origin}/list`] }, state);
    assert.deepEqual(site.paths, ['/robots.txt', '/list', '/r/1']);
    assert.equal(summary.counts.ingested, 1);
    assert.equal(state.pages.get(`${site.origin}/r/1`)?.standing, 'release');
    assert.equal(state.pages.get(`${site.origin}/r/1`)?.code, undefined);
  } finally {
    await site.close();
  }
});

test('--since, --include and --exclude choose the pages; --max-pages stops the job, new pages first next time', async () => {
  const site = await new HarvestSite().start();
  try {
    const state = HarvestState.memory();
    const since = await dryRun({ urls: [`${site.origin}/sitemaps/releases.xml.gz`], since: '2019-01-01', exclude: ['/loop/', '/big$', '/media/'] }, state);
    const fetched = site.log.filter((r) => r.path !== '/robots.txt' && !r.path.startsWith('/sitemaps/')).map((r) => r.path);
    assert.deepEqual([...new Set(fetched)].sort(), ['/flaky', '/releases/en-labelled'], 'lastmod 2019 and later, the disallowed page not requested');
    assert.equal(since.counts.found, 3, 'en-labelled, flaky, and the disallowed private page');
    assert.equal(since.counts.excluded, 12);
    const only = await dryRun({ urls: [`${site.origin}/sitemaps/releases.xml.gz`], include: ['/releases/'], maxPages: 2 }, state);
    assert.equal(only.complete, false);
    assert.equal(only.counts.fetched, 2);
    assert.equal(only.counts.found, 7);
    const firstTwo = site.log.slice(-2).map((r) => r.path);
    assert.ok(!firstTwo.includes('/releases/en-labelled'), `pages never fetched come first: ${firstTwo.join(' ')}`);
  } finally {
    await site.close();
  }
});
