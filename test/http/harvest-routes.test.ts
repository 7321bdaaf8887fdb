/**
 * Harvest jobs over HTTP, through the real listener: `POST /harvest` (token) answers 202 with a job to poll, 409 while
 * one runs, 4xx for bad requests; `DELETE` stops a job; `/harvest/report` in JSON and HTML; `serve --harvest`
 * starts a job by itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomUtils, parseDocument } from 'htmlparser2';
import { loadConfig } from '../../src/config.js';
import type { HarvestJob } from '../../src/harvest/jobs.js';
import type { HarvestReport } from '../../src/harvest/report.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { HarvestSite } from '../support/harvest-site.js';

const TOKEN = 'harvest-token-1234';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
let site: HarvestSite;
let dir: string;
let server: RunningServer;

async function start(name: string, args: Parameters<typeof loadConfig>[0] = {}): Promise<RunningServer> {
  // no query workers: the routes are the subject, and each worker would load oxigraph and the built-in data again
  const config = loadConfig({ port: 0, dataDir: join(dir, name), queryWorkers: 0, ...args }, { OSCE_KG_TOKEN: TOKEN });
  return startServer(config);
}

before(async () => {
  site = await new HarvestSite().start();
  dir = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-routes-'));
  server = await start('main');
});

after(async () => {
  await server.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string> = AUTH) =>
  fetch(`${server.url}/harvest`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Polls a job until `done`; a poll lost to a busy machine (a reset keep-alive connection) is simply repeated. */
async function until(url: string, done: (job: HarvestJob) => boolean): Promise<HarvestJob> {
  for (let i = 0; i < 1200; i++) {
    const job = await fetch(url).then((res) => res.json() as Promise<HarvestJob>, () => undefined);
    if (job && done(job)) return job;
    await sleep(100);
  }
  throw new Error(`${url} did not finish`);
}

test('POST /harvest answers 202 with a job to poll, 409 while it runs; the job ends with its counts', async () => {
  const res = await post({ urls: [`${site.origin}/press-releases`], delayMs: 10 });
  assert.equal(res.status, 202);
  const job = (await res.json()) as HarvestJob;
  assert.equal(res.headers.get('location'), `/harvest/jobs/${job.id}`);
  assert.equal(job.status, 'running');
  const busy = await post({ urls: [`${site.origin}/`] });
  assert.equal(busy.status, 409);
  assert.equal(((await busy.json()) as { error: { code: string } }).error.code, 'HARVEST_RUNNING');
  const ended = await until(`${server.url}/harvest/jobs/${job.id}`, (j) => j.status !== 'running');
  assert.equal(ended.status, 'succeeded');
  assert.equal(ended.complete, true);
  assert.equal(ended.counts?.found, 7);
  const codes = new Map(ended.issues?.map((i) => [new URL(i.url).pathname, i.code]));
  assert.deepEqual([codes.get('/about'), codes.get('/media/photo.jpg'), codes.get('/private/draft')], ['NOT_A_RELEASE', 'NOT_A_PAGE', 'DISALLOWED']);
  // the Russian pages are releases or, while the extractor cannot read them, skipped as not releases
  for (const [path, code] of codes) assert.ok(['/about', '/media/photo.jpg', '/private/draft'].includes(path) || (path.startsWith('/releases/ru-') && code === 'NOT_A_RELEASE'), path);
  const list = (await (await fetch(`${server.url}/harvest/jobs`)).json()) as { jobs: HarvestJob[] };
  assert.deepEqual(list.jobs.map((j) => j.id), [job.id]);
});

test('the report in JSON and in HTML lists the same skipped pages', async () => {
  const json = await fetch(`${server.url}/harvest/report`);
  assert.equal(json.status, 200);
  assert.equal(json.headers.get('content-type'), 'application/json');
  const report = (await json.json()) as HarvestReport;
  assert.deepEqual(report.skipped.DISALLOWED, [`${site.origin}/private/draft`]);
  const page = await fetch(`${server.url}/harvest/report`, { headers: { Accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const doc = parseDocument(await page.text());
  const skipped = DomUtils.findAll((e) => e.name === 'h2' && DomUtils.textContent(e) === 'Skipped pages', doc.children)[0];
  const list = skipped && DomUtils.nextElementSibling(skipped);
  const items = list ? DomUtils.findAll((e) => e.name === 'li', [list]).map((e) => DomUtils.textContent(e)) : [];
  assert.deepEqual(items, Object.entries(report.skipped).sort().map(([code, urls]) => `${code}: ${urls.length}`));
});

test('bad requests: 401 without the token, 415 for another type, 400 naming the field', async () => {
  assert.equal((await post({ urls: [site.origin] }, { 'Content-Type': 'application/json' })).status, 401);
  assert.equal((await post('urls=x', { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' })).status, 415);
  const cases: [unknown, string][] = [
    ['{"urls": [', 'INVALID_JSON'],
    [{ urls: 'http://a.example/' }, 'INVALID_HARVEST_OPTION'],
    [{ urls: ['http://a.example/'], delay: 5 }, 'INVALID_HARVEST_OPTION'],
    [{ urls: ['mailto:x@a.example'] }, 'INVALID_HARVEST_OPTION'],
  ];
  for (const [body, code] of cases) {
    const res = await post(body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, code);
  }
  assert.equal((await fetch(`${server.url}/harvest/jobs/none`)).status, 404);
});

test('serve builds the search index at start: its checkpoint is written before any search', async () => {
  const checkpoint = join(dir, 'main', 'search', 'index.jsonl');
  for (let i = 0; i < 600 && !existsSync(checkpoint); i++) await sleep(100);
  assert.ok(existsSync(checkpoint), `${checkpoint} was not written within 60 s of the start`);
});

test('DELETE stops a running job', async () => {
  const res = await post({ urls: [`${site.origin}/`], delayMs: 200 });
  const job = (await res.json()) as HarvestJob;
  await sleep(300);
  const del = await fetch(`${server.url}/harvest/jobs/${job.id}`, { method: 'DELETE', headers: AUTH });
  assert.equal(del.status, 202);
  const ended = await until(`${server.url}/harvest/jobs/${job.id}`, (j) => j.status !== 'running');
  assert.equal(ended.status, 'cancelled');
  assert.equal(ended.complete, false);
});

test('serve --harvest starts a job by itself', async () => {
  const scheduled = await start('scheduled', { harvest: [`${site.origin}/press-releases`], harvestDelayMs: 10 });
  try {
    const { jobs } = (await (await fetch(`${scheduled.url}/harvest/jobs`)).json()) as { jobs: HarvestJob[] };
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.trigger, 'schedule');
    const ended = await until(`${scheduled.url}/harvest/jobs/${jobs[0]?.id}`, (j) => j.status !== 'running');
    assert.equal(ended.status, 'succeeded');
    assert.equal(ended.counts?.found, 7);
  } finally {
    await scheduled.close();
  }
});
