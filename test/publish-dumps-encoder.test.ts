import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { DumpEncoder } from '../src/publish/dump-encoder.js';

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

const text = async (it: AsyncIterable<string>) => {
  let all = '';
  for await (const piece of it) all += piece;
  return all;
};

test('encodes the pieces gzipped with the size and checksums of the written bytes (several ack windows)', async () => {
  const path = join(dir, 'a.nq.gz');
  const digest = await encoder.encode('application/n-quads', path, nquads(300_000));
  const bytes = readFileSync(path);
  assert.equal(digest.bytes, bytes.length);
  assert.equal(digest.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(digest.sha1, createHash('sha1').update(bytes).digest('hex'));
  assert.equal(gunzipSync(bytes).toString('utf8'), await text(nquads(300_000)));
});

test('JSON-LD is encoded from N-Quads and holds the same quads', async () => {
  const path = join(dir, 'a.jsonld.gz');
  await encoder.encode('application/ld+json', path, nquads(2000));
  const doc = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as object;
  const back = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
  const sorted = (nq: string) => nq.split('\n').filter(Boolean).sort();
  assert.deepEqual(sorted(back), sorted(await text(nquads(2000))));
});

test('a failing source rejects with its error, leaves no file, and the encoder takes the next file', async () => {
  await assert.rejects(encoder.encode('text/turtle', join(dir, 'b.ttl.gz'), nquads(200_000, 150_000)), /store went away/);
  await assert.rejects(encoder.encode('application/ld+json', join(dir, 'c.jsonld.gz'), (async function* () { yield '<broken\n'; })()), /dump encoding failed/);
  assert.deepEqual(readdirSync(dir).filter((n) => !/^a\./.test(n)), []);
  const digest = await encoder.encode('application/n-triples', join(dir, 'd.nt.gz'), nquads(10));
  assert.equal(new Parser({ format: 'N-Quads' }).parse(gunzipSync(readFileSync(join(dir, 'd.nt.gz'))).toString('utf8')).length, 10);
  assert.ok(digest.bytes > 0);
});
