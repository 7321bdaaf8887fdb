import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { DumpEncoder } from '../../src/linked-data/dump-encoder.js';

let dir: string;
let encoder: DumpEncoder;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'osce-kg-dump-encoder-'));
  encoder = new DumpEncoder();
});
after(async () => {
  await encoder.close();
  rmSync(dir, { recursive: true, force: true });
});

const EX = 'http://example.org/';
/** N-Quads lines in ~1 MiB pieces, like `KgStore.dump()`; `total` lines in all, with non-ASCII text. */
async function* nquads(total: number, failAt = -1): AsyncIterable<string> {
  let piece = '';
  for (let i = 0; i < total; i++) {
    if (i === failAt) throw new Error('store went away');
    piece += `<${EX}s${i}> <${EX}name> "Zürich ${i} Ελλάδα" <${EX}g${Math.floor(i / 300)}> .\n`;
    if (piece.length >= 1 << 20) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** The pieces as `KgStore.dumpBytes()` gives them: UTF-8, each a whole buffer of its own ending at a line end. */
async function* utf8(it: AsyncIterable<string>): AsyncIterable<Uint8Array> {
  for await (const piece of it) yield new TextEncoder().encode(piece);
}

const text = async (it: AsyncIterable<string>) => {
  let all = '';
  for await (const piece of it) all += piece;
  return all;
};

test('encodes the pieces gzipped with the size and checksums of the written bytes (several ack windows)', async () => {
  const path = join(dir, 'a.nq.gz');
  const [digest] = await encoder.encode([{ mediaType: 'application/n-quads', path }], utf8(nquads(300_000)));
  assert.ok(digest);
  const bytes = readFileSync(path);
  assert.equal(digest.bytes, bytes.length);
  assert.equal(digest.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(digest.sha1, createHash('sha1').update(bytes).digest('hex'));
  assert.equal(gunzipSync(bytes).toString('utf8'), await text(nquads(300_000)));
});

test('one pass writes N-Quads and the JSON-LD made from them, holding the same quads', async () => {
  const path = join(dir, 'a.jsonld.gz');
  const nqPath = join(dir, 'a2.nq.gz');
  const digests = await encoder.encode([{ mediaType: 'application/n-quads', path: nqPath }, { mediaType: 'application/ld+json', path }], utf8(nquads(2000)));
  assert.deepEqual(digests.map((d) => d.bytes), [readFileSync(nqPath).length, readFileSync(path).length]);
  assert.equal(gunzipSync(readFileSync(nqPath)).toString('utf8'), await text(nquads(2000)));
  const doc = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as object;
  const back = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
  const sorted = (nq: string) => nq.split('\n').filter(Boolean).sort();
  assert.deepEqual(sorted(back), sorted(await text(nquads(2000))));
});

test('a failing source or encoding rejects, leaves no file of the pass, and the encoder takes the next pass', async () => {
  await assert.rejects(encoder.encode([{ mediaType: 'text/turtle', path: join(dir, 'b.ttl.gz') }], utf8(nquads(200_000, 150_000))), /store went away/);
  // the N-Quads file of the pass would complete (gzip takes any text); the JSON-LD one fails to parse, so neither stays
  const broken = utf8((async function* () { yield '<broken\n'; })());
  await assert.rejects(encoder.encode([{ mediaType: 'application/n-quads', path: join(dir, 'c.nq.gz') }, { mediaType: 'application/ld+json', path: join(dir, 'c.jsonld.gz') }], broken), /dump encoding failed/);
  assert.deepEqual(readdirSync(dir).filter((n) => !/^a2?\./.test(n)), []);
  const [digest] = await encoder.encode([{ mediaType: 'application/n-triples', path: join(dir, 'd.nt.gz') }], utf8(nquads(10)));
  assert.equal(new Parser({ format: 'N-Quads' }).parse(gunzipSync(readFileSync(join(dir, 'd.nt.gz'))).toString('utf8')).length, 10);
  assert.ok(digest && digest.bytes > 0);
});

test('pieces that are views into a larger buffer (a pooled Buffer) are encoded exactly, and that buffer stays whole', async () => {
  const all = Buffer.from(await text(nquads(3000)), 'utf8');
  const lines: Buffer[] = [];
  for (let at = 0; at < all.length;) {
    const end = all.indexOf(10, at) + 1;
    lines.push(all.subarray(at, end));
    at = end;
  }
  const path = join(dir, 'e.nq.gz');
  const jsonPath = join(dir, 'e.jsonld.gz');
  await encoder.encode([{ mediaType: 'application/n-quads', path }, { mediaType: 'application/ld+json', path: jsonPath }], (async function* () { yield* lines; })());
  assert.equal(gunzipSync(readFileSync(path)).toString('utf8'), all.toString('utf8'));
  assert.equal(all.byteLength, Buffer.byteLength(await text(nquads(3000))), 'the larger buffer was not moved away');
  const doc = JSON.parse(gunzipSync(readFileSync(jsonPath)).toString('utf8')) as object;
  const back = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
  assert.equal(back.split('\n').filter(Boolean).length, 3000);
  assert.match(back, /Zürich 2999 Ελλάδα/);
});
