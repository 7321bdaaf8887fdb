import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inLinePieces, inSlices, STEP_MS } from '../../src/store/slices.js';

/** Holds the thread for `ms`, as a caller's synchronous work on a slice does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('inSlices of a fixed size hands out consecutive slices and lets the event loop run between two, not before the first', async () => {
  const seen: string[] = [];
  const items = Array.from({ length: 7 }, (_, i) => i);
  setImmediate(() => seen.push('loop'));
  for await (const slice of inSlices(items, 3)) seen.push(slice.join(','));
  assert.deepEqual(seen, ['0,1,2', 'loop', '3,4,5', '6']);
  const none: number[][] = [];
  for await (const slice of inSlices([], 3)) none.push(slice);
  assert.deepEqual(none, []);
});

test('inSlices fits its slices to the time the caller takes: every item once, in order, larger when quick, smaller when slow', async () => {
  const items = Array.from({ length: 20_000 }, (_, i) => i);
  const quick: number[][] = [];
  for await (const slice of inSlices(items)) quick.push(slice);
  assert.deepEqual(quick.flat(), items);
  const sizes = quick.map((s) => s.length);
  assert.ok(Math.max(...sizes) > sizes[0]!, `sizes ${sizes.join(',')}`);

  const slow: number[][] = [];
  for await (const slice of inSlices(items)) {
    slow.push(slice);
    busy(slow.length === 1 ? 4 * STEP_MS : 0);
    if (slow.length === 3) break;
  }
  // the first slice took four steps' time: the next holds about a quarter of it
  assert.ok(slow[1]!.length <= slow[0]!.length / 4 + 1, `sizes ${slow.map((s) => s.length).join(',')}`);
  assert.deepEqual(slow.flat(), items.slice(0, slow.flat().length));
});

test('inLinePieces cuts text after line ends, every character once, a loop turn between two pieces', async () => {
  const text = Array.from({ length: 30_000 }, (_, i) => `<urn:s${i}> <urn:p> "line ${i}" .\n`).join('');
  let turns = 0;
  const pieces: string[] = [];
  const turnsSeen: number[] = [];
  for await (const piece of inLinePieces(text)) {
    pieces.push(piece);
    turnsSeen.push(turns);
    setImmediate(() => turns++);
    if (pieces.length === 1) busy(4 * STEP_MS);
  }
  assert.equal(pieces.join(''), text);
  assert.ok(pieces.length > 2);
  assert.deepEqual(turnsSeen, pieces.map((_, i) => i));
  for (const piece of pieces) assert.ok(piece.endsWith('\n'));
  assert.ok(pieces[1]!.length < pieces[0]!.length / 2, `lengths ${pieces.map((p) => p.length).join(',')}`);
});

test('inLinePieces over UTF-8 bytes decodes whole lines: multi-byte characters are never split', async () => {
  const text = Array.from({ length: 20_000 }, (_, i) => `<urn:s${i}> <urn:p> "Zürich Łódź ${'é'.repeat(i % 7)} 東京" .\n`).join('');
  const pieces: string[] = [];
  for await (const piece of inLinePieces(new TextEncoder().encode(text))) {
    pieces.push(piece);
    if (pieces.length === 1) busy(4 * STEP_MS); // smaller pieces after this one: more cuts to get wrong
  }
  assert.ok(pieces.length > 2);
  assert.equal(pieces.join(''), text);
  for (const piece of pieces) assert.ok(piece.endsWith('\n') && !piece.includes('\uFFFD'));
});
