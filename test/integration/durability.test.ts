import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';
import { decodeRecords, encodeRecord } from '../../src/store/journal.js';
import { DataFactory } from 'n3';

const WRITER = fileURLToPath(new URL('./durability-writer.js', import.meta.url));

/** Runs the writer until it has acked `killAfter` writes, waits `delayMs` more (writes go on), then kill -9. */
function runAndKill(dir: string, start: number, killAfter: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acks: number[] = [];
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
        if (acks.length >= killAfter && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited without being killed (${signal ?? _code})`));
      else resolve(acks);
    });
  });
}

test('every acknowledged write survives kill -9 and no write is partial', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-durability-'));
  try {
    const acked: number[] = [];
    const committedUnacked: number[] = [];
    for (let round = 0; round < 5; round++) {
      const acks = await runAndKill(dir, round * 100_000, 5 + Math.floor(Math.random() * 35), Math.floor(Math.random() * 40));
      assert.ok(acks.length > 0, 'the writer acknowledged writes before it was killed');
      acked.push(...acks);
      const store = createEmbeddedStore({ dataDir: dir, workers: 0 });
      try {
        const rows = await store.select('SELECT ?s (COUNT(*) AS ?c) WHERE { { ?s ?p ?o } UNION { ?x <http://example.org/of> ?s } FILTER(isIRI(?s) && STRSTARTS(STR(?s), "http://example.org/s")) } GROUP BY ?s');
        const counts = new Map(rows.map((r) => [Number(r.s!.value.replace('http://example.org/s', '')), Number(r.c!.value)]));
        for (const i of acked) assert.equal(counts.get(i), 3, `acknowledged write ${i} is complete`);
        for (const [i, c] of counts) assert.equal(c, 3, `write ${i} is complete or absent, not partial`);
        const unacked = [...counts.keys()].filter((i) => !acked.includes(i) && !committedUnacked.includes(i));
        assert.ok(unacked.length <= 1, `at most the one in-flight write of this round is extra: ${unacked.join(',')}`);
        committedUnacked.push(...unacked);
        assert.equal(await store.version(), counts.size, 'the version counts every committed write');
      } finally {
        await store.close();
      }
    }
    assert.ok(readdirSync(dir).some((n) => /^snapshot-[1-9]\d*\.nq$/.test(n)), 'compaction took a snapshot past the seed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('journal decoding stops at a torn or corrupt record', () => {
  const a = encodeRecord({ version: 1, time: 't', removed: '', added: '<http://a> <http://b> <http://c> .\n' });
  const b = encodeRecord({ version: 2, time: 't', removed: '', added: '<http://a> <http://b> <http://d> .\n' });
  assert.deepEqual(decodeRecords(Buffer.concat([a, b])).records.map((r) => r.version), [1, 2]);
  const torn = decodeRecords(Buffer.concat([a, b.subarray(0, b.length - 3)]));
  assert.deepEqual(torn.records.map((r) => r.version), [1]);
  assert.equal(torn.validBytes, a.length);
  const corrupt = Buffer.concat([a, b]);
  corrupt[corrupt.length - 5] = corrupt[corrupt.length - 5]! ^ 0xff;
  assert.deepEqual(decodeRecords(corrupt).records.map((r) => r.version), [1]);
});

test('a store seeds once, keeps writes, version and blank nodes across reopen, and cuts a torn journal tail', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-reopen-'));
  const { namedNode, literal, quad, blankNode } = DataFactory;
  const seed = () => [quad(namedNode('http://example.org/x'), namedNode('http://example.org/p'), literal('seed'))];
  try {
    let store = createEmbeddedStore({ dataDir: dir, seed, workers: 0 });
    const r = await store.write({ type: 'patch', delta: { removed: [], added: [quad(blankNode('k1'), namedNode('http://example.org/p'), literal('b'))] } });
    assert.equal(r.version, 1);
    await store.close();
    const journal = join(dir, 'journal-0.log');
    writeFileSync(journal, Buffer.concat([readFileSync(journal), Buffer.from([0, 0, 1, 0, 9, 9])]));
    store = createEmbeddedStore({ dataDir: dir, seed: () => { throw new Error('must not seed again'); }, workers: 0 });
    assert.equal(await store.version(), 1);
    assert.equal(await store.size(), 2);
    const del = await store.write({ type: 'patch', delta: { removed: [quad(blankNode('k1'), namedNode('http://example.org/p'), literal('b'))], added: [] } });
    assert.equal(del.summary.removed, 1, 'the blank node label survived the restart');
    assert.equal(del.version, 2);
    await store.close();
    store = createEmbeddedStore({ dataDir: dir, workers: 0 });
    assert.equal(await store.version(), 2);
    assert.equal(await store.size(), 1);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write larger than half the compaction threshold is committed as a snapshot and survives reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-bigwrite-'));
  const { namedNode, literal, quad, blankNode } = DataFactory;
  const quads = Array.from({ length: 50 }, (_, i) => quad(namedNode(`http://example.org/s${i}`), namedNode('http://example.org/p'), literal(`value ${i}`)));
  quads.push(quad(blankNode('kept'), namedNode('http://example.org/p'), literal('bnode')));
  try {
    let store = createEmbeddedStore({ dataDir: dir, workers: 0, compactBytes: 1000 });
    const r = await store.write({ type: 'put-graph', graph: { iri: 'http://example.org/big' }, quads });
    assert.equal(r.version, 1);
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('snapshot')), ['snapshot-1.nq']);
    assert.equal(readFileSync(join(dir, 'journal-1.log')).length, 0);
    await store.write({ type: 'post-graph', graph: 'default', quads: [quad(namedNode('http://example.org/x'), namedNode('http://example.org/p'), literal('small'))] });
    await store.close();
    store = createEmbeddedStore({ dataDir: dir, workers: 0, compactBytes: 1000 });
    assert.equal(await store.version(), 2);
    assert.equal(await store.size(), 52);
    assert.equal(await store.ask('ASK { GRAPH <http://example.org/big> { _:x <http://example.org/p> "value 49" } }'), true);
    const del = await store.write({ type: 'patch', delta: { removed: [quad(blankNode('kept'), namedNode('http://example.org/p'), literal('bnode'), namedNode('http://example.org/big'))], added: [] } });
    assert.equal(del.summary.removed, 1, 'the blank node label survived the snapshot');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a data directory locked by a live process is refused with 503 STORE_LOCKED; a stale lock is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-lock-'));
  try {
    writeFileSync(join(dir, 'LOCK'), String(process.ppid));
    const locked = createEmbeddedStore({ dataDir: dir, workers: 0 });
    await assert.rejects(locked.open(), (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'STORE_LOCKED');
    await locked.close();
    writeFileSync(join(dir, 'LOCK'), '999999999');
    const store = createEmbeddedStore({ dataDir: dir, workers: 0 });
    assert.equal(await store.version(), 0);
    assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8'), String(process.pid));
    await store.close();
    assert.ok(!readdirSync(dir).includes('LOCK'), 'close releases the lock');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
