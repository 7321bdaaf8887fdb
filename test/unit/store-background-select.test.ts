import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { createMemoryStore } from '../../src/store/embedded-store.js';

const { namedNode, literal, quad } = DataFactory;

/**
 * The background services' whole-store reads (search index, change feed, statistics) are background jobs: with two
 * query workers only one of them runs at a time, and a query never waits behind them (at 100k releases they ran
 * 39-128 s each at start, and an ASK waited 56 s behind them).
 */
test('background selects take one query worker of two, one at a time, and a query runs beside them', async () => {
  const quads = Array.from({ length: 1500 }, (_, i) => quad(namedNode(`urn:s:${i}`), namedNode('urn:p'), literal(String(i))));
  const store = createMemoryStore(quads, { workers: 2 });
  try {
    await store.open();
    // a cross join of 1,500 × 1,500 rows: long enough to be seen running
    const slow = 'SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p> ?b . ?c <urn:p> ?d }';
    let firstDone = false;
    const first = store.select(slow, { background: true }).then((rows) => ((firstDone = true), rows));
    const second = store.select(slow, { background: true });
    for (let i = 0; i < 500 && !store.saturation()!.query.running; i++) await new Promise((r) => setTimeout(r, 10));
    const busy = store.saturation()!.query;
    assert.deepEqual({ running: busy.running, queued: busy.queued }, { running: 1, queued: 1 });
    assert.equal(await store.ask('ASK { <urn:s:7> <urn:p> "7" }'), true);
    assert.equal(firstDone, false, 'the ASK was answered while the first background select still ran');
    for (const rows of await Promise.all([first, second])) assert.equal(rows[0]!.n!.value, String(1500 * 1500));
  } finally {
    await store.close();
  }
});
