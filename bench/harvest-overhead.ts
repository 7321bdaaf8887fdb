/**
 * What a harvested page costs beyond the politeness delay: N release pages served on loopback, harvested with
 * delay 0 into a fresh store, against the baseline of ingesting the same bytes with ingestPage directly into a fresh
 * store of the same kind; then a rerun, where every page answers 304.
 *   node dist/bench/harvest-overhead.js [N]      (default 40)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinQuads } from '../src/builtin.js';
import { runHarvest } from '../src/harvest/harvester.js';
import { harvestOptions } from '../src/harvest/options.js';
import { HarvestState } from '../src/harvest/state.js';
import { ingestPage, referenceIndex } from '../src/ingest/index.js';
import { Iris } from '../src/model/ns.js';
import { PATHS } from '../src/model/paths.js';
import { createEmbeddedStore } from '../src/store/embedded-store.js';
import { createShaclGate } from '../src/validation/index.js';

const BASE = 'http://localhost:8080/';
const N = Number(process.argv[2] ?? 40);
const dir = join(PATHS.fixtures, 'harvest-site');
const frame = readFileSync(join(dir, 'frame.html'), 'utf8');
const body = readFileSync(join(dir, 'en-labelled.html'), 'utf8');
const page = (i: number) => frame.replace('{{lang}}', 'en').replace('{{content}}', body.replace('regional workshop on', `regional workshop number ${i} on`));

const server = createServer((req, res) => {
  if (req.url === '/list') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<main>${Array.from({ length: N }, (_, i) => `<a href="/r/${i}">${i}</a>`).join('')}</main>`);
  const i = Number((req.url ?? '').replace('/r/', ''));
  if (!Number.isInteger(i)) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === `"${i}"`) return void res.writeHead(304).end();
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: `"${i}"` }).end(page(i));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const index = referenceIndex(BASE);
const gate = createShaclGate(new Iris(BASE));
const tmp = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-bench-'));
let stores = 0;
async function freshStore() {
  const store = createEmbeddedStore({ dataDir: join(tmp, `store-${stores++}`), workers: 1, seed: () => builtinQuads(BASE) });
  await store.open();
  return store;
}
const perPage = (start: number) => ((performance.now() - start) / N).toFixed(1);

try {
  const warm = await freshStore();
  await ingestPage({ store: warm, gate, index }, page(N), { format: 'html', source: { iri: `${origin}/warm` } });
  await warm.close();
  const direct = await freshStore();
  let start = performance.now();
  for (let i = 0; i < N; i++) await ingestPage({ store: direct, gate, index }, page(i), { format: 'html', source: { iri: `${origin}/r/${i}` } });
  const directMs = perPage(start);
  await direct.close();
  const store = await freshStore();
  const state = HarvestState.open(join(tmp, 'state'));
  const opts = harvestOptions({ urls: [`${origin}/list`], delayMs: 0 });
  start = performance.now();
  const first = await runHarvest(opts, state, { index, store, gate });
  const harvestMs = perPage(start);
  start = performance.now();
  const again = await runHarvest(opts, state, { index, store, gate });
  const rerunMs = perPage(start);
  state.close();
  await store.close();
  console.log(JSON.stringify({ pages: N, ingested: first.counts.ingested, unchanged: again.counts.unchanged, ingestPageMsPerPage: directMs, harvestMsPerPage: harvestMs, rerunMsPerPage: rerunMs }));
} finally {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
