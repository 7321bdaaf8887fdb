/**
 * LARGE UPLOAD (slow, ~110 MB): a graph store PUT of about 110 MB of N-Triples, streamed to a real loopback server
 * in chunks, is parsed while it arrives and stored completely (through the SHACL gate and the journal).
 * OSCE_KG_LARGE_UPLOAD_MB sets another size for measuring; the default is the requirement (at least 100 MB).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/main.js';
import { AUTH, EX, TOKEN } from './http-support.js';

const TARGET_BYTES = Number(process.env.OSCE_KG_LARGE_UPLOAD_MB ?? 110) * 1024 * 1024;
const FILLER = 'x'.repeat(180);

/** Yields N-Triples lines in ~1 MB chunks until TARGET_BYTES; returns the triple count through `count`. */
function upload(count: { triples: number; bytes: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (count.bytes >= TARGET_BYTES) return controller.close();
      let chunk = '';
      while (chunk.length < 1024 * 1024) {
        chunk += `<${EX}s${count.triples}> <${EX}p> "${count.triples} ${FILLER}" .\n`;
        count.triples++;
      }
      count.bytes += chunk.length;
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

describe('LARGE UPLOAD: graph store accepts a ~110 MB streamed upload', { timeout: 600_000 }, () => {
  let server: RunningServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osce-kg-upload-'));
    const config = loadConfig({ port: 0, empty: true, dataDir: dir, queryWorkers: 1 }, { OSCE_KG_TOKEN: TOKEN });
    server = await startServer(config);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PUT of ~110 MB N-Triples answers 201 and stores every triple', async () => {
    const count = { triples: 0, bytes: 0 };
    const started = Date.now();
    const res = await fetch(`${server.url}/graph-store?graph=${encodeURIComponent(`${EX}big`)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/n-triples', ...AUTH },
      body: upload(count),
      duplex: 'half',
    } as RequestInit);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(res.status, 201, await res.text());
    assert.ok(count.bytes >= TARGET_BYTES);
    assert.equal(await server.store.size(), count.triples);
    console.log(`# uploaded ${(count.bytes / 1048576).toFixed(0)} MiB, ${count.triples} triples in ${seconds.toFixed(1)} s`);
  });
});
