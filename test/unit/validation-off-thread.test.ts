/**
 * Large validations run in a worker thread (src/validation/validate-off-thread.ts): the same outcome as validating
 * in place, blank focus nodes included, while the HTTP thread's event loop keeps turning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../../src/model/ns.js';
import { shapesForClasses } from '../../src/validation/shapes.js';
import { validate } from '../../src/validation/validate.js';
import { OFF_THREAD_MIN_QUADS, validateFocus } from '../../src/validation/validate-off-thread.js';

const EX = 'http://example.org/';
const { namedNode: n, blankNode, literal, quad } = DataFactory;
const PR = `${NS.osce}PressRelease`;

/** `count` press releases with a headline and nothing else (each violates the shape), plus one blank-node release. */
function releases(count: number): Quad[] {
  const out: Quad[] = [];
  for (let i = 0; i < count; i++) {
    const s = n(`${EX}release/${i}`);
    out.push(quad(s, n(`${NS.rdf}type`), n(PR)) as Quad, quad(s, n(`${NS.schema}headline`), literal(`Headline ${i}`, 'en')) as Quad,
      quad(s, n(`${NS.schema}datePublished`), literal('not a date')) as Quad);
  }
  out.push(quad(blankNode('r1'), n(`${NS.rdf}type`), n(PR)) as Quad);
  return out;
}

const byNode = (r: { focusNode: string; sourceShape: string; path: string | null }) => `${r.focusNode} ${r.path} ${r.sourceShape}`;

test('a large validation in the worker gives the outcome of validating in place', async () => {
  const data = releases(Math.ceil(OFF_THREAD_MIN_QUADS / 3));
  assert.ok(data.length >= OFF_THREAD_MIN_QUADS);
  const focus = new Set(data.map((q) => q.subject.value));
  const inPlace = await validate(data, { focus, turtle: 'if-violations', shapes: shapesForClasses([PR]) });
  const offThread = await validateFocus(data, { focus, classes: [PR], turtle: 'if-violations' });
  assert.ok(inPlace.violations > data.length / 3, 'every release violates the shape');
  assert.equal(offThread.violations, inPlace.violations);
  assert.equal(offThread.conforms, false);
  assert.deepEqual(offThread.results.map(byNode).sort(), inPlace.results.map(byNode).sort());
  assert.ok(offThread.results.some((r) => r.focusNode === 'r1'), 'the blank-node release keeps its label');
  assert.match(offThread.turtle ?? '', /sh:ValidationReport/);
});

test('the event loop keeps turning while a large validation runs', async () => {
  const data = releases(Math.ceil(OFF_THREAD_MIN_QUADS / 3) * 2);
  const focus = new Set(data.map((q) => q.subject.value));
  let ticks = 0;
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  const t0 = performance.now();
  try {
    await validateFocus(data, { focus, classes: [PR], turtle: false });
  } finally {
    clearInterval(timer);
  }
  const took = performance.now() - t0;
  // in place, the validator's synchronous run would be one gap as long as the whole validation
  assert.ok(longest < took / 2, `longest gap ${longest.toFixed(0)} ms of ${took.toFixed(0)} ms (${ticks} ticks)`);
});
