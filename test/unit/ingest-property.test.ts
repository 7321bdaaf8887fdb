/**
 * Property-based: random mutations of the seed page never crash the parser (only 4xx AppError rejections), and
 * whatever it accepts conforms to the shapes together with the reference data it points to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import fc from 'fast-check';
import { isAppError } from '../../src/errors.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { validate } from '../../src/validation/index.js';

const BASE = 'http://localhost:8080/';
const SEED = readFileSync(join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'), 'utf8');
const LINES = SEED.split('\n');

type Mutation = (lines: string[]) => string[];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('- Date:', '- Source:', '- OSCE Chairmanship', '- Fields of work:', 'Contacts', '"', '“quoted', '<script>x</script>',
    '- 30 February 2011', 'VIENNA -', 'Tirana, 5 May -', '\u0000', '&lt;b&gt;', '— said Jan Novak, Head of the ODIHR.'),
);
const at = fc.nat({ max: LINES.length + 5 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  at.map((i) => (l: string[]) => l.filter((_, j) => j !== i % Math.max(1, l.length))),
  fc.tuple(at, text).map(([i, t]) => (l: string[]) => [...l.slice(0, i), t, ...l.slice(i)]),
  fc.tuple(at, at).map(([i, j]) => (l: string[]) => {
    const c = [...l];
    const a = i % Math.max(1, c.length), b = j % Math.max(1, c.length);
    [c[a], c[b]] = [c[b] as string, c[a] as string];
    return c;
  }),
  fc.tuple(at, fc.nat(), text).map(([i, k, t]) => (l: string[]) =>
    l.map((line, j) => (j === i % Math.max(1, l.length) ? line.slice(0, k % (line.length + 1)) + t + line.slice(k % (line.length + 1) + 1) : line)),
  ),
  at.map((i) => (l: string[]) => l.slice(0, Math.max(1, i * 3))),
);
const mutated = fc.array(mutation, { minLength: 1, maxLength: 5 }).map((ms) => ms.reduce((l, m) => m(l), LINES).join('\n'));

/** Accepted, or refused with a 4xx AppError; anything else is a crash. */
function tryBuild(page: string): Quad[] | undefined {
  try {
    return buildRelease(page, referenceIndex(BASE)).quads;
  } catch (e) {
    if (isAppError(e) && e.status >= 400 && e.status < 500) return undefined;
    throw e;
  }
}

test('mutated seed pages are accepted or refused with a 4xx, never a crash', () => {
  fc.assert(fc.property(mutated, (page) => { tryBuild(page); }), { numRuns: 400, seed: 20091028 });
});

test('whatever is accepted from a mutated seed page conforms to the shapes', async () => {
  const reference = loadReferenceQuads(BASE);
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(mutated, async (page) => {
      const quads = tryBuild(page);
      if (!quads) return;
      accepted++;
      const objects = new Set(quads.map((q) => q.object.value));
      const context = reference.filter((q) => objects.has(q.subject.value));
      const focus = new Set(quads.map((q) => q.subject.value));
      const outcome = await validate([...quads, ...context], { focus });
      assert.equal(outcome.violations, 0, JSON.stringify(outcome.results.slice(0, 2)));
      for (const q of quads) if (q.object.termType === 'Literal') assert.doesNotMatch(q.object.value, /<script/i);
    }),
    { numRuns: 60, seed: 1975 },
  );
  assert.ok(accepted > 10, `only ${accepted} of 60 mutated pages were accepted: the property would test little`);
});
