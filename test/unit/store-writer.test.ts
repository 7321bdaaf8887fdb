/**
 * The writer replica lives in a worker thread (src/store/pool.ts, replica.ts): every worker loads the snapshot
 * and journal from disk itself; a pending write is invisible to queries on the other replicas; a runaway update is
 * stopped by terminating the writer, which is rebuilt from disk with every acknowledged write; `osce-kg load`'s bulk
 * path appends checked N-Quads to the snapshot instead of dumping the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';
import { settled } from './store-support.js';
import { replyTransferables, type JobReply, type WriteOutcome } from '../../src/store/protocol.js';
import { summarize } from '../../src/store/summary.js';
import { GateProbe, testGate } from '../support/gates.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const EX = 'http://example.org/';
const seed = (): Quad[] => new Parser().parse(`
  @prefix ex: <${EX}> .
  ex:a ex:p 1 .
  <${EX}g1> { ex:b ex:p 2 . _:x ex:q ex:b . }
`) as Quad[];

const RUNAWAY = `INSERT { <${EX}z> <${EX}p> ?x1 } WHERE { ?x1 (<${EX}p>|!<${EX}y>)* ?y1 . ?x2 (<${EX}p>|!<${EX}y>)* ?y2 .
  ?x3 (<${EX}p>|!<${EX}y>)* ?y3 . ?x4 (<${EX}p>|!<${EX}y>)* ?y4 . ?x5 (<${EX}p>|!<${EX}y>)* ?y5 . ?x6 (<${EX}p>|!<${EX}y>)* ?y6 . ?x7 (<${EX}p>|!<${EX}y>)* ?y7 }`;

/** Canonical N-Quads of the whole store (sorted lines), read through `dump` (a replica). */
async function canonical(store: EmbeddedStore): Promise<string> {
  let text = '';
  for await (const piece of store.dump({ format: 'application/n-quads' })) text += piece;
  return text.split('\n').filter(Boolean).sort().join('\n');
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'osce-kg-writer-'));
}



test('two workers reopen a data dir from snapshot + journal, blank node labels kept, and agree with a workers: 0 store', async () => {
  const dir = tempDir();
  try {
    let store = createEmbeddedStore({ dataDir: dir, seed, workers: 2 });
    await store.write({ type: 'update', update: `INSERT DATA { <${EX}c> <${EX}p> 3 . GRAPH <${EX}g2> { <${EX}d> <${EX}p> "4" } }`, unionDefaultGraph: true });
    const b = blankNode('kept');
    await store.write({ type: 'post-graph', graph: { iri: `${EX}g2` }, quads: [quad(b, namedNode(`${EX}p`), literal('blank'))] });
    await store.write({ type: 'patch', delta: { removed: [quad(namedNode(`${EX}a`), namedNode(`${EX}p`), literal('1', namedNode('http://www.w3.org/2001/XMLSchema#integer')))], added: [] } });
    const before = await canonical(store);
    assert.equal(await store.version(), 3);
    await store.close();
    assert.ok(readdirSync(dir).includes('journal-0.log'), 'the writes are in the journal, not a snapshot');

    store = createEmbeddedStore({ dataDir: dir, workers: 2 });
    assert.equal(await store.version(), 3);
    // two queries at once: both replicas answer, each loaded from the files
    const [one, two] = await Promise.all([
      store.select(`SELECT ?b WHERE { GRAPH <${EX}g2> { ?b <${EX}p> "blank" } }`),
      store.select(`SELECT ?b WHERE { GRAPH <${EX}g2> { ?b <${EX}p> "blank" } }`),
    ]);
    assert.equal(one[0]!.b!.value, 'kept');
    assert.equal(two[0]!.b!.value, 'kept');
    assert.equal(await canonical(store), before);
    // a delete by blank node label reaches every replica
    await store.write({ type: 'patch', delta: { removed: [quad(b, namedNode(`${EX}p`), literal('blank'), namedNode(`${EX}g2`))], added: [] } });
    const asks = await Promise.all([1, 2, 3, 4].map(() => store.ask(`ASK { ?b <${EX}p> "blank" }`)));
    assert.deepEqual(asks, [false, false, false, false]);
    const after = await canonical(store);
    await store.close();

    store = createEmbeddedStore({ dataDir: dir, workers: 0 });
    assert.equal(await canonical(store), after);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a pending write is invisible to queries until it is durable, and visible to every query posted after it', async () => {
  const store = createEmbeddedStore({ dataDir: tempDir(), seed, workers: 2 });
  try {
    const probe = new GateProbe();
    const gate = testGate({ probe: probe.buffer, hold: true, query: `SELECT ?o { <${EX}new> <${EX}p> ?o }` });
    const written = store.write({ type: 'update', update: `INSERT DATA { <${EX}new> <${EX}p> 9 }`, unionDefaultGraph: true }, gate);
    await probe.entered();
    assert.equal(probe.seen?.rows, 1, 'the gate sees the pending state');
    assert.equal(await store.ask(`ASK { <${EX}new> ?p ?o }`), false, 'a query during the gate sees the committed state');
    assert.equal(await store.version(), 0, 'the version of the committed state, without waiting for the pending write');
    probe.release();
    await written;
    assert.equal(await store.version(), 1);
    const asks = await Promise.all([1, 2, 3, 4].map(() => store.ask(`ASK { <${EX}new> <${EX}p> 9 }`)));
    assert.deepEqual(asks, [true, true, true, true]);
  } finally {
    await store.close();
  }
});

test('every query sees each write acknowledged before it, back to back', async () => {
  const store = createEmbeddedStore({ dataDir: tempDir(), seed, workers: 2 });
  try {
    const counts: number[] = [];
    for (let i = 1; i <= 40; i++) {
      await store.write({ type: 'update', update: `INSERT DATA { <${EX}n${i}> <${EX}p> ${i} }`, unionDefaultGraph: true });
      counts.push((await store.select(`SELECT ?s { ?s <${EX}p> ?o FILTER (?o >= 1 && isIRI(?s) && STRSTARTS(STR(?s), "${EX}n")) }`)).length);
    }
    assert.deepEqual(counts, Array.from({ length: 40 }, (_, i) => i + 1));
  } finally {
    await store.close();
  }
});

test('queries right after a large write see it, whether the writer or a replica still applying it answers', async () => {
  const store = createEmbeddedStore({ dataDir: tempDir(), seed, workers: 2 });
  try {
    const quads = Array.from({ length: 20_000 }, (_, i) => quad(namedNode(`${EX}big/${i}`), namedNode(`${EX}p`), literal(`v${i}`)));
    await store.write({ type: 'put-graph', graph: { iri: `${EX}big` }, quads });
    const asks = await Promise.all([1, 2, 3, 4].map(() => store.ask(`ASK { GRAPH <${EX}big> { <${EX}big/19999> <${EX}p> "v19999" } }`)));
    assert.deepEqual(asks, [true, true, true, true]);
  } finally {
    await store.close();
  }
});

test('a runaway update is stopped (writer terminated, CPU freed) and the writer is rebuilt from disk with every acknowledged write', async () => {
  const dir = tempDir();
  const store = createEmbeddedStore({ dataDir: dir, seed, workers: 2, compactBytes: 600 });
  try {
    for (let i = 0; i < 5; i++) {
      await store.write({ type: 'update', update: `INSERT DATA { <${EX}w${i}> <${EX}p> "${'v'.repeat(100)}${i}" }`, unionDefaultGraph: true });
    }
    assert.ok(readdirSync(dir).some((n) => /^snapshot-[1-9]\d*\.nq$/.test(n)), 'a compaction happened');
    const size = await store.size();
    let fastAnswered = 0;
    let slowSettled = 0;
    const slow = store.write({ type: 'update', update: RUNAWAY, unionDefaultGraph: true, timeoutMs: 1500 }).finally(() => { slowSettled = Date.now(); });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await store.ask(`ASK { <${EX}w4> ?p ?o }`), true);
    fastAnswered = Date.now();
    await assert.rejects(slow, (e: unknown) => e instanceof AppError && e.status === 503 && e.code === 'QUERY_TIMEOUT');
    assert.ok(fastAnswered < slowSettled, 'the other replica answered while the update ran');
    assert.equal(await store.version(), 5);
    assert.equal(await store.size(), size);
    // the rebuilt writer has every acknowledged write: it applies the next one on top of them
    const next = await store.write({ type: 'update', update: `DELETE { ?s <${EX}p> ?o } INSERT { ?s <${EX}p2> ?o } WHERE { ?s <${EX}p> ?o FILTER(STRSTARTS(STR(?s), "${EX}w")) }`, unionDefaultGraph: true });
    assert.equal(next.version, 6);
    assert.deepEqual([next.summary.removed, next.summary.added], [5, 5]);
    await settled();
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const used = process.cpuUsage(cpu);
    assert.ok(used.user + used.system < 50_000, `CPU used while idle after the timeout: ${(used.user + used.system) / 1000} ms`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bulk load: N-Quads without blank nodes are appended to the snapshot after a checked parse; other input is dumped', async () => {
  const dir = tempDir();
  try {
    const plain = join(dir, 'plain.nq');
    writeFileSync(plain, `<${EX}s1> <${EX}p> "one" <${EX}g9> .\n<${EX}s2> <${EX}p> "two\\nlines" .\n<${EX}a> <${EX}p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .`);
    let store = createEmbeddedStore({ dataDir: join(dir, 'db'), seed, workers: 0 });
    const r = await store.bulkLoad([{ data: readFileSync(plain), format: 'application/n-quads' }]);
    assert.deepEqual(r, { version: 1, quads: 2 }, 'the duplicate of the seed is not new');
    const snapshot = readFileSync(join(dir, 'db', 'snapshot-1.nq'), 'utf8');
    assert.ok(snapshot.endsWith(`${readFileSync(plain, 'utf8')}\n`), 'the input was appended');
    const expected = await canonical(store);
    await store.close();

    store = createEmbeddedStore({ dataDir: join(dir, 'db'), workers: 2 });
    assert.equal(await canonical(store), expected);
    await store.close();

    const bad = join(dir, 'bad.nq');
    writeFileSync(bad, `<${EX}s3> <${EX}p> "fine" .\n<not an iri> <${EX}p> "x" .\n`);
    store = createEmbeddedStore({ dataDir: join(dir, 'db'), workers: 0 });
    await assert.rejects(store.bulkLoad([{ data: readFileSync(bad), format: 'application/n-quads' }]));
    await store.close();

    store = createEmbeddedStore({ dataDir: join(dir, 'db'), workers: 0 });
    assert.equal(await canonical(store), expected, 'a failed load leaves the stored state as it was');
    const withBlank = await store.bulkLoad([{ data: `_:n <${EX}p> "b" .\n`, format: 'application/n-triples' }]);
    assert.equal(withBlank.quads, 1);
    const dumped = await canonical(store);
    await store.close();
    store = createEmbeddedStore({ dataDir: join(dir, 'db'), workers: 1 });
    assert.equal(await canonical(store), dumped);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged snapshot fails open() with a clear error instead of restarting workers forever, and releases the lock', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'snapshot-3.nq'), `<${EX}s> <${EX}p> "fine" .\nthis is not N-Quads\n`);
    const store = createEmbeddedStore({ dataDir: dir, workers: 2 });
    await assert.rejects(store.open(), /could not load the store/);
    await store.close();
    assert.ok(!readdirSync(dir).includes('LOCK'), 'the data dir is unlocked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the quad count follows every kind of write, a rejected one and a rebuilt writer without a full count each time', async () => {
  const dir = tempDir();
  const store = createEmbeddedStore({ dataDir: dir, seed, workers: 2 });
  const dumped = async () => (await canonical(store)).split('\n').filter(Boolean).length;
  try {
    assert.equal(await store.size(), await dumped());
    const g2 = { iri: `${EX}g2` };
    await store.write({ type: 'put-graph', graph: g2, quads: [quad(namedNode(`${EX}c`), namedNode(`${EX}p`), literal('3')), quad(namedNode(`${EX}c`), namedNode(`${EX}p`), literal('4'))] });
    assert.equal(await store.size(), await dumped());
    await store.write({ type: 'post-graph', graph: g2, quads: [quad(namedNode(`${EX}c`), namedNode(`${EX}p`), literal('4')), quad(namedNode(`${EX}c`), namedNode(`${EX}p`), literal('5'))] });
    assert.equal(await store.size(), await dumped());
    await store.write({ type: 'update', update: `DELETE DATA { GRAPH <${EX}g2> { <${EX}c> <${EX}p> "3" } } ; INSERT DATA { <${EX}d> <${EX}p> "6" }`, unionDefaultGraph: true });
    assert.equal(await store.size(), await dumped());
    await store.write({ type: 'patch', delta: { removed: [quad(namedNode(`${EX}a`), namedNode(`${EX}p`), literal('1', namedNode('http://www.w3.org/2001/XMLSchema#integer')))], added: [quad(namedNode(`${EX}e`), namedNode(`${EX}p`), literal('7'))] } });
    assert.equal(await store.size(), await dumped());
    const before = await store.size();
    await assert.rejects(store.write({ type: 'put-graph', graph: { iri: `${EX}g3` }, quads: [quad(namedNode(`${EX}f`), namedNode(`${EX}p`), literal('8'))] }, testGate({ reject: 'rejected' })),
      (e: unknown) => e instanceof AppError && e.status === 422);
    assert.equal(await store.size(), before);
    await assert.rejects(store.write({ type: 'update', update: RUNAWAY, unionDefaultGraph: true, timeoutMs: 500 }));
    await store.write({ type: 'delete-graph', graph: g2 });
    assert.equal(await store.size(), await dumped());
    assert.equal(await store.size(), before - 2); // g2 held "4" and "5"
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write\'s answer hands its summary, record and journal record over by transfer, each buffer once, empty ones not', () => {
  const added = new TextEncoder().encode('<urn:s> <urn:p> "a" <urn:g> .\n');
  const journal = new Uint8Array(8);
  const summary = summarize({ added: [quad(namedNode('urn:s'), namedNode('urn:p'), namedNode('urn:o'))], removed: [] });
  const value: WriteOutcome = { empty: false, summary, record: { added, removed: added.subarray(0, 0) }, journal, time: '', quads: 1 };
  const reply: JobReply = { ok: true, value };
  assert.deepEqual(replyTransferables(reply), [summary.subjects.buffer, summary.objects.buffer, added.buffer, journal.buffer]);
  assert.deepEqual(replyTransferables({ ok: true, value: 42 }), [], 'other replies copy');
  assert.deepEqual(replyTransferables({ ok: false, error: { status: 400, code: 'X', message: 'x' } }), []);
});
