/** The usage-limit arithmetic (src/http/usage-limits.ts) on a clock the test moves: charge after, debt, refill. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import { UsageLimits } from '../../src/http/usage-limits.js';

function limits(options: Partial<ConstructorParameters<typeof UsageLimits>[0]> = {}) {
  const clock = { ms: 0 };
  const l = new UsageLimits({ clientQueries: 0, anonymousQueries: 0, budgetMs: 60_000, windowMs: 60_000, now: () => clock.ms, ...options });
  return { l, clock };
}

function refusal(run: () => unknown): { status: number; code: string; headers: Record<string, string> } {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return { status: error.status, code: error.code, headers: error.headers };
    throw error;
  }
  assert.fail('expected a refusal');
}

test('a query is charged when it ends: a long one runs to its end and leaves a debt the client then waits out', () => {
  const { l, clock } = limits();
  const ticket = l.admit('a');
  clock.ms = 90_000;
  ticket.finish(90_000); // 90 s of a 60 s budget
  assert.equal(l.spentMs('a'), 90_000);
  const refused = refusal(() => l.admit('a'));
  assert.equal(refused.status, 429);
  assert.equal(refused.code, 'QUERY_TIME_EXCEEDED');
  assert.equal(refused.headers['Retry-After'], '31'); // 30 s of debt past the budget, at 1 s per s, rounded up
  assert.equal(refused.headers.RateLimit, '"query-time";r=0;t=31');
  clock.ms += 30_100;
  assert.doesNotThrow(() => l.admit('a').finish(0));
  assert.equal(l.stateHeader('a'), '"query-time";r=0;t=60');
  assert.equal(l.spentMs('b'), 0, 'another client has its own budget');
});

test('the budget refills at budget/window and never beyond full', () => {
  const { l, clock } = limits({ budgetMs: 10_000, windowMs: 60_000 });
  l.admit('a').finish(10_000);
  assert.equal(refusal(() => l.admit('a')).headers['Retry-After'], '1');
  clock.ms = 30_000; // 5 s back
  assert.equal(l.spentMs('a'), 5_000);
  assert.equal(l.stateHeader('a'), '"query-time";r=5;t=30');
  clock.ms = 600_000;
  assert.equal(l.spentMs('a'), 0);
  assert.equal(l.policyHeader(), '"query-time";q=10;w=60;qu="query-seconds"');
});

test('queued-or-running bounds: per client (429) and for all anonymous clients (503); finishing frees the place', () => {
  const { l } = limits({ clientQueries: 2, anonymousQueries: 3, budgetMs: 0 });
  const a1 = l.admit('a');
  l.admit('a');
  assert.equal(refusal(() => l.admit('a')).code, 'TOO_MANY_QUERIES');
  l.admit('b');
  const busy = refusal(() => l.admit('c'));
  assert.deepEqual([busy.status, busy.code, busy.headers['Retry-After']], [503, 'ANONYMOUS_QUERIES_BUSY', '2']);
  a1.finish(5);
  a1.finish(5); // a second finish changes nothing
  assert.doesNotThrow(() => l.admit('c'));
  assert.equal(refusal(() => l.admit('d')).code, 'ANONYMOUS_QUERIES_BUSY');
  assert.equal(l.stateHeader('a'), undefined, 'no budget: no RateLimit state');
});

test('clients with nothing running and a full budget are forgotten, once a window', () => {
  const { l, clock } = limits({ budgetMs: 1_000, windowMs: 1_000 });
  for (let i = 0; i < 100; i++) l.admit(`k${i}`).finish(10);
  const held = l.admit('held');
  assert.equal(l.size, 101);
  clock.ms = 2_000;
  l.admit('new').finish(0);
  assert.equal(l.size, 2, 'the client still running and the new one');
  held.finish(0);
});

test('a client that sends one query at a time never meets the default budget, however long its queries', () => {
  const { l, clock } = limits();
  for (let i = 0; i < 200; i++) {
    const ticket = l.admit('sequential'); // throws if refused
    const ms = 5_000 + (i % 7) * 4_000; // 5 to 29 s, back to back
    clock.ms += ms;
    ticket.finish(ms);
  }
  assert.equal(l.spentMs('sequential'), 29_000, 'at most its last query: what it spent refilled while it ran');
});
