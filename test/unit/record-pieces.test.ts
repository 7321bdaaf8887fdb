/**
 * A committed record is loaded into a replica as pieces cut at line ends (record.ts textPieces): every quad arrives
 * once, whether the record is text or UTF-8 bytes in shared memory, a multi-byte character never splits, and lines
 * with blank nodes keep their labels (Store.load would rename them) wherever a piece boundary falls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import oxigraph from 'oxigraph';
import { addNQuads, recordBytes, textPieces } from '../../src/store/record.js';

const EX = 'http://example.org/';
// ~3.4 MiB: several pieces; every 97th line has a blank node, every line a two-byte and a four-byte character
const COUNT = 20_000;
const text = Array.from({ length: COUNT }, (_, i) => (i % 97 === 0
  ? `_:b${i} <${EX}p> "${i} Zürich 𝄞 ${'y'.repeat(120)}" <${EX}g> .\n`
  : `<${EX}s${i}> <${EX}p> "${i} Zürich 𝄞 ${'y'.repeat(120)}" <${EX}g> .\n`)).join('');

test('pieces end at line ends and rebuild the text exactly, from a string and from shared UTF-8 bytes', () => {
  const bytes = recordBytes({ removed: '', added: text }).added;
  assert.ok(bytes.buffer instanceof SharedArrayBuffer);
  for (const source of [text, bytes]) {
    const pieces = [...textPieces(source)];
    assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
    for (const p of pieces) assert.ok(p.endsWith('\n'));
    assert.equal(pieces.join(''), text);
  }
});

test('addNQuads loads every quad of a multi-piece record and keeps blank node labels', () => {
  for (const source of [text, recordBytes({ removed: '', added: text }).added]) {
    const store = new oxigraph.Store();
    addNQuads(store, source);
    assert.equal(store.size, COUNT);
    const blanks = store.match(null, null, null, null).filter((q) => q.subject.termType === 'BlankNode');
    assert.equal(blanks.length, Math.ceil(COUNT / 97));
    assert.ok(blanks.some((q) => q.subject.value === 'b97'), 'label b97 kept');
    assert.equal(store.match(oxigraph.namedNode(`${EX}s1`), null, null, null)[0]?.object.value, `1 Zürich 𝄞 ${'y'.repeat(120)}`);
  }
});
