/**
 * `osce-kg harvest` killed with SIGKILL in the middle of a job, then run again: the rerun resumes the job without
 * requesting what the state had recorded, and the store ends isomorphic to the store of one uninterrupted run
 * (provenance times aside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isomorphic } from 'rdf-isomorphic';
import type { PageRecord, StateRecord } from '../../src/harvest/state.js';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';
import { releaseGraphs, storeQuads } from '../support/harvest-compare.js';
import { HarvestSite } from '../support/harvest-site.js';

const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

function harvest(site: HarvestSite, dataDir: string): ChildProcess {
  const args = [CLI, 'harvest', `${site.origin}/`, `${site.origin}/press-releases`, '--data-dir', dataDir, '--delay-ms', '40'];
  return spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

async function quadsOf(dataDir: string) {
  const store = createEmbeddedStore({ dataDir, workers: 1 });
  await store.open();
  try {
    return await storeQuads(store);
  } finally {
    await store.close();
  }
}

/** The state's records, in order. */
const records = (dataDir: string): StateRecord[] =>
  readFileSync(join(dataDir, 'harvest', 'state.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as StateRecord);

test('a harvest killed in the middle and run again ends with the store of an uninterrupted run', { timeout: 180_000 }, async () => {
  const site = await new HarvestSite().start();
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-kill-'));
  try {
    const killed = join(dir, 'killed');
    const child = harvest(site, killed);
    const exit = finished(child);
    // kill once the fifth release page has been asked for: discovery done, some pages ingested, others not yet
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (site.requests('/releases/').length >= 5) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error('the harvest ended before it could be killed'));
      });
    });
    assert.equal((await exit).signal, 'SIGKILL');
    const before = records(killed);
    assert.ok(!before.some((r) => r.t === 'end'), 'the job had not ended');
    const done = new Set(before.filter((r): r is PageRecord => r.t === 'page').map((r) => r.url));
    assert.ok(done.size >= 1, 'some pages were recorded before the kill');

    const start = site.log.length;
    const rerun = await finished(harvest(site, killed));
    assert.equal(rerun.code, 1, `pages are rejected and failed on this site: ${rerun.stderr}`);
    assert.match(rerun.stderr, /^harvest \S+ \(resumed\): /m);
    const requested = site.log.slice(start).map((r) => `${site.origin}${r.path}`);
    assert.deepEqual(requested.filter((u) => done.has(u)), [], 'nothing recorded before the kill is requested again');
    assert.ok(!requested.includes(`${site.origin}/robots.txt`), 'nor robots.txt or the sitemaps');

    const whole = join(dir, 'whole');
    const uninterrupted = await finished(harvest(site, whole));
    assert.equal(uninterrupted.code, 1, uninterrupted.stderr);
    const [a, b] = [await quadsOf(killed), await quadsOf(whole)];
    assert.ok(releaseGraphs(a).length >= 8, releaseGraphs(a).join(' '));
    assert.deepEqual(releaseGraphs(a), releaseGraphs(b));
    assert.ok(isomorphic(a, b), 'the resumed store differs from the uninterrupted one');
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
