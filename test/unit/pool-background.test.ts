import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backgroundMayStart } from '../../src/store/pool.js';

/** The dump's store reads are background jobs: queries never wait behind them for every worker. */
const query = { writer: false, background: false };
const dumpJob = { writer: false, background: true };
const write = { writer: true, background: false };
const worker = (job?: { background: boolean }) => ({ writer: false, job });
const writer = (job?: { background: boolean }) => ({ writer: true, job });

test('a background job waits while any query waits for a worker, even one queued after it', () => {
  assert.equal(backgroundMayStart([dumpJob, query], [worker(), worker()]), false);
  assert.equal(backgroundMayStart([query, dumpJob], [worker(), worker()]), false);
  // a queued write does not hold it back: writes run on the writer replica
  assert.equal(backgroundMayStart([dumpJob, write], [worker(), worker(), writer()]), true);
});

test('background jobs leave one query worker free when the pool has several; a single worker may take one', () => {
  assert.equal(backgroundMayStart([dumpJob], [worker(), worker()]), true);
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: true }), worker()]), false);
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: true }), worker(), worker()]), true);
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: true }), worker({ background: true }), worker()]), false);
  assert.equal(backgroundMayStart([dumpJob], [worker()]), true);
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: true })]), false);
  // a writer's job counts for nothing here
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: false }), worker(), writer({ background: true })]), true);
});

test('a query worker still loading the store is not one a background job may leave free', () => {
  const loading = { writer: false, ready: false };
  assert.equal(backgroundMayStart([dumpJob], [worker(), loading]), false);
  assert.equal(backgroundMayStart([dumpJob], [worker(), loading, worker()]), true);
  assert.equal(backgroundMayStart([dumpJob], [worker({ background: true }), loading, worker()]), false);
  assert.equal(backgroundMayStart([dumpJob], [loading]), true);
});
