/**
 * A stop saves the statistics before the dumps stop (a dump generation takes minutes at 100k releases, and a stop
 * killed while waiting for it left a stale checkpoint, which the next start rebuilt by reading the store): a start
 * after a stop adopts the checkpoint. Told by /health's `statistics` (how the index was made), not by timing.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { Iris } from '../../src/model/ns.js';
import { statsFile } from '../../src/stats/service.js';
import { ReleaseMaker, mulberry32, vocabulary } from '../support/stats-data.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const maker = new ReleaseMaker(iris, vocabulary(BASE), mulberry32(11));
const dir = mkdtempSync(join(tmpdir(), 'osce-kg-stats-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Health {
  version: number;
  statistics: { mode: string; version: number; restored: number; rebuilt: number };
}

const start = () => startServer(loadConfig({ port: 0, dataDir: dir, base: BASE, queryWorkers: 0 }, { OSCE_KG_TOKEN: 'stats-restart-token' }));
const health = async (s: RunningServer) => (await (await fetch(`${s.url}/health`)).json()) as Health;
/** Waits until the statistics are built (restored or read from the store). */
async function built(s: RunningServer): Promise<Health> {
  for (;;) {
    const h = await health(s);
    if (h.statistics.version >= 0) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const byGenre = async (s: RunningServer) => (await (await fetch(`${s.url}/api/stats?by=genre`)).json()) as { key: string; releases: number }[];
const total = (rows: { releases: number }[]) => rows.reduce((a, r) => a + r.releases, 0);

describe('statistics across a restart', () => {
  it('a stop right after writes, with a dump generation under way, leaves a checkpoint the next start adopts', async () => {
    const first = await start();
    let rows: { key: string; releases: number }[];
    let version: number;
    try {
      const h = await built(first);
      assert.deepEqual([h.statistics.mode, h.statistics.restored, h.statistics.rebuilt], ['index', 0, 1], 'a new data dir: read from the store');
      const before = total(await byGenre(first));
      for (let i = 0; i < 3; i++) {
        const key = maker.key();
        await first.store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
      }
      rows = await byGenre(first);
      assert.equal(total(rows), before + 3);
      version = await first.store.version();
      assert.equal((await built(first)).statistics.version, version);
    } finally {
      // within the checkpoint's 10 s delay after the writes, and while the dumps of the writes may be generated
      await first.close();
    }
    const saved = JSON.parse(readFileSync(statsFile(dir), 'utf8').split('\n')[0]!) as { version: number };
    assert.equal(saved.version, version, 'the checkpoint is at the version the store stopped at');
    const second = await start();
    try {
      const h = await built(second);
      assert.equal(h.version, version);
      assert.deepEqual([h.statistics.version, h.statistics.restored, h.statistics.rebuilt], [version, 1, 0], 'restored, not rebuilt');
      assert.deepEqual(await byGenre(second), rows);
      const metrics = await (await fetch(`${second.url}/metrics`)).text();
      assert.match(metrics, /^osce_kg_stats_builds\{how="rebuilt"\} 0$/m);
      assert.match(metrics, /^osce_kg_stats_builds\{how="restored"\} 1$/m);
    } finally {
      await second.close();
    }
  });
});
