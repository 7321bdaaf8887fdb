import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inSlices, yielding } from '../src/store/slices.js';

test('inSlices hands out consecutive slices and lets the event loop run between two, not before the first', async () => {
  const seen: string[] = [];
  const items = Array.from({ length: 7 }, (_, i) => i);
  setImmediate(() => seen.push('loop'));
  for await (const slice of inSlices(items, 3)) seen.push(slice.join(','));
  assert.deepEqual(seen, ['0,1,2', 'loop', '3,4,5', '6']);
  const none: number[][] = [];
  for await (const slice of inSlices([], 3)) none.push(slice);
  assert.deepEqual(none, []);
});

test('yielding passes every step of an iterable through, a loop turn between each two', async () => {
  let turns = 0;
  const count = () => setImmediate(() => turns++);
  const out: string[] = [];
  for await (const step of yielding(['a', 'b', 'c'])) {
    out.push(`${step}${turns}`);
    count();
  }
  assert.deepEqual(out, ['a0', 'b1', 'c2']);
});
