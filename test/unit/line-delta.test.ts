/**
 * The Graph Store PUT/POST delta on N-Quads lines (src/store/line-delta.ts): plain lines are their own keys, other
 * lines (escapes, non-ASCII, blank nodes, upper-case language tags) are keyed by their parsed terms, so n3's and
 * oxigraph's serializations of the same quad meet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import oxigraph from 'oxigraph';
import { Parser, Writer } from 'n3';
import { isPlainLine, lineDelta, lineKeys, nquadsLines } from '../../src/store/line-delta.js';
import { graphNQuads } from '../../src/store/local-read.js';

const G = 'http://example.org/g';
const line = (o: string, s = '<http://example.org/s>') => `${s} <http://example.org/p> ${o} <${G}> .`;

const PLAIN: [string, boolean][] = [
  [line('"a b"'), true],
  [line('<http://example.org/o>'), true],
  [line('"1"^^<http://www.w3.org/2001/XMLSchema#integer>'), true],
  [line('"x"@en-gb'), true],
  [line('"x"@EN'), false],
  [line('"a\\"b"'), false],
  [line('"Zürich"'), false],
  [line('"b"', '_:b0'), false],
  [line('"has _: inside"'), false],
];

for (const [text, plain] of PLAIN) {
  test(`isPlainLine(${text.slice(40, 70)}) is ${plain}`, () => assert.equal(isPlainLine(text), plain));
}

test('nquadsLines splits pieces into non-empty lines', () => {
  assert.deepEqual(nquadsLines(['a .\nb .\n', '', 'c .\n']), ['a .', 'b .', 'c .']);
});

test('lineKeys: a quad written by n3 and by oxigraph gets the same key, escapes and language case included', () => {
  const text = [line('"a b"'), line('"x"@EN-gb'), line('"t\\tab \\"q\\" Zürich 😀"'), line('"b"', '_:b0'), line('"1"^^<http://www.w3.org/2001/XMLSchema#integer>')].join('\n') + '\n';
  const fromN3 = nquadsLines([new Writer({ format: 'N-Quads' }).quadsToString(new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text))]);
  const store = new oxigraph.Store();
  for (const q of oxigraph.parse(text, { format: 'application/n-quads' }) as oxigraph.Quad[]) store.add(q); // labels kept
  const fromOx = nquadsLines([graphNQuads(store, oxigraph.namedNode(G))]);
  assert.equal(fromOx.length, 5);
  assert.deepEqual(new Set(lineKeys(fromOx)), new Set(lineKeys(fromN3)));
});

test('lineDelta PUT: overlap kept, missing lines removed, duplicates in the input counted once, order of first sight', () => {
  const [a, b, c, d] = ['"a"', '"b"', '"c"', '"d"'].map((o) => line(o));
  const delta = lineDelta([a!, b!, c!], [d!, b!, d!, c!, b!], true);
  assert.deepEqual(delta, { fresh: [d, b, c], added: [d], removed: [a] });
});

test('lineDelta POST: nothing removed, only lines not in the graph added', () => {
  const [a, b, c] = ['"a"', '"b"', '"c"'].map((o) => line(o));
  assert.deepEqual(lineDelta([a!, b!], [b!, c!, c!], false), { fresh: [b, c], added: [c], removed: [] });
});

test('lineDelta: blank nodes compare by label, an escaped literal by value', () => {
  const existing = [line('"q"', '_:x'), line('"\\u00E9"')];
  const delta = lineDelta(existing, [line('"q"', '_:x'), line('"é"'), line('"q"', '_:y')], true);
  assert.deepEqual(delta.added, [line('"q"', '_:y')]);
  assert.deepEqual(delta.removed, []);
});
