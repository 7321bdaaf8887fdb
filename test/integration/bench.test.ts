import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser } from 'n3';
import { generate } from '../../bench/generate.js';
import { measurePaired, type PairSide } from '../../bench/measure.js';
import { serverTiming } from '../../bench/http-client.js';
import { Prng, Zipf } from '../../bench/prng.js';
import { queryMix } from '../../bench/queries.js';
import { DEFAULT_BASE, NS } from '../../src/model/ns.js';

const run = promisify(execFile);

test('the generator is deterministic for a seed and differs across seeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  try {
    const a = await generate({ releases: 30, seed: 7, base: DEFAULT_BASE, out: join(dir, 'a.nq') });
    await generate({ releases: 30, seed: 7, base: DEFAULT_BASE, out: join(dir, 'b.nq') });
    await generate({ releases: 30, seed: 8, base: DEFAULT_BASE, out: join(dir, 'c.nq') });
    const [fa, fb, fc] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, `${n}.nq`), 'utf8'));
    assert.equal(fa, fb);
    assert.notEqual(fa, fc);
    assert.equal(a.releases, 30);
    assert.equal(a.quads, (fa ?? '').trim().split('\n').length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated releases follow the model contract, one named graph each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  try {
    const g = await generate({ releases: 200, seed: 3, base: DEFAULT_BASE, out: join(dir, 'd.nq') });
    const quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(g.file, 'utf8'));
    const releases = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.osce}PressRelease`);
    assert.equal(releases.length, 200);
    assert.equal(new Set(releases.map((q) => q.graph.value)).size, 200, 'one graph per release');
    for (const r of releases) {
      const key = r.subject.value.slice(`${DEFAULT_BASE}id/release/`.length);
      assert.match(key, /^\d{4}-\d{2}-\d{2}-[a-z0-9-]{1,60}$/);
      assert.equal(r.graph.value, `${DEFAULT_BASE}graph/release/${key}`);
      const of = (p: string) => quads.filter((q) => q.subject.equals(r.subject) && q.predicate.value === p);
      assert.ok(of(`${NS.schema}about`).length >= 1 && of(`${NS.schema}about`).length <= 5);
      assert.equal(of(`${NS.schema}headline`).length, 1);
      const date = of(`${NS.schema}datePublished`)[0]?.object;
      assert.equal(date?.termType === 'Literal' ? date.datatype.value : '', `${NS.xsd}date`);
      assert.ok((date?.value ?? '') >= '1995-01-01' && (date?.value ?? '') <= '2026-11-28');
      assert.ok(of(`${NS.schema}publisher`).length >= 1);
    }
    const quoted = quads.filter((q) => q.predicate.value === `${NS.schema}spokenByCharacter`);
    assert.ok(quoted.length > 0, 'some releases carry quotations with persons');
    // As ingestion stores them: each person's name once, in the person's own graph (office holders of the reference
    // data are described in graph/reference instead).
    const names = quads.filter((q) => q.predicate.value === `${NS.schema}name` && q.subject.value.includes('/id/person/') && !q.graph.value.endsWith('/graph/reference'));
    assert.equal(names.length, new Set(quoted.map((q) => q.object.value)).size);
    for (const n of names) assert.equal(n.graph.value, n.subject.value.replace('/id/', '/graph/entity/'));
    assert.ok(g.params.unitParent.includes('/id/'), 'a structure with org:unitOf descendants for the path query');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Zipf sampling is skewed to the first items and distinct() returns distinct items', () => {
  const rng = new Prng(1);
  const z = new Zipf(['a', 'b', 'c', 'd', 'e', 'f'], 1);
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const x = z.sample(rng);
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  assert.ok((counts.get('a') ?? 0) > 2 * (counts.get('f') ?? 0));
  const d = z.distinct(rng, 4);
  assert.equal(new Set(d).size, 4);
});

test('the query mix covers the researcher questions and binds every parameter', () => {
  const qs = queryMix({ release: 'http://x/id/release/r', field: 'http://x/id/field/f', country: 'http://x/id/country/al',
    structure: 'http://x/id/structure/s', person: 'http://x/id/person/p', unitParent: 'http://x/id/structure/u', year: 2020 });
  assert.deepEqual(qs.map((q) => q.id), ['lookup', 'byField', 'countByState', 'countByStateYear', 'join3', 'join4',
    'optional', 'unitPath', 'textHeadline', 'regexBody', 'personQuotes', 'describe', 'construct']);
  for (const q of qs) assert.doesNotMatch(q.text, /undefined|\$\{/);
  assert.match(qs.find((q) => q.id === 'unitPath')?.text ?? '', /org:unitOf\+ <http:\/\/x\/id\/structure\/u>/);
});

/** A fake engine: every run takes `ms` (and 2 ms of its CPU); `fail` makes the given run (1-based) fail. */
function fakeSide(name: string, ms: number, log: string[], fail?: { run: number; as: 'timeout' | 'error' }): PairSide {
  let runs = 0;
  let cpu = 0;
  return {
    run: async () => {
      runs++;
      cpu += 2;
      log.push(name);
      if (fail && runs >= fail.run) return fail.as === 'timeout' ? { ms: 1000, timeout: true } : { ms, error: `${name} broke` };
      return { ms: ms + (runs % 3) * 0.01, rows: 1, fingerprint: name };
    },
    cpu: () => cpu,
  };
}

const ONE = queryMix({ release: 'http://x/r', field: 'http://x/f', country: 'http://x/c', structure: 'http://x/s', person: 'http://x/p', unitParent: 'http://x/u', year: 2020 })
  .filter((q) => q.id === 'lookup');

test('a paired measurement alternates the two engines batch by batch and gives each the runs measureQueries would', async () => {
  const log: string[] = [];
  const [a, b] = await measurePaired(ONE, { reps: 5, minMs: 40, warmupMs: 10 }, [fakeSide('A', 1, log), fakeSide('B', 2, log)], () => undefined);
  // first run each, then warm-up (10 ms each: A 9 more runs, B 4 more), then 10 rounds of the slower side's target (40 ms / 2 ms = 20 runs): 2 per batch
  const timed = log.slice(2 + 9 + 4);
  const batches = timed.join('').match(/A+|B+/g);
  // rounds A B, B A, A B, ...: neighbouring batches of one side merge in the log
  assert.deepEqual(batches, ['AA', 'BBBB', 'AAAA', 'BBBB', 'AAAA', 'BBBB', 'AAAA', 'BBBB', 'AAAA', 'BBBB', 'AA']);
  assert.deepEqual(log.slice(0, 2), ['A', 'B']);
  assert.equal(a.lookup?.runs, 20);
  assert.equal(b.lookup?.runs, 20);
  assert.equal(a.lookup?.medianMs, 1.01);
  assert.equal(b.lookup?.medianMs, 2.01);
  assert.equal(a.lookup?.cpuMs, 2);
  assert.equal(b.lookup?.fingerprint, 'B');
});

test('the bench reads the server\'s own time from Server-Timing', () => {
  assert.equal(serverTiming({ 'server-timing': 'cache;desc="HIT";dur=0.021' }), 0.021);
  assert.equal(serverTiming({ 'server-timing': 'db;dur=53, app;desc="x";dur=47.2' }), 100.2);
  assert.equal(serverTiming({ 'server-timing': 'miss' }), undefined);
  assert.equal(serverTiming({}), undefined);
});

test('a paired measurement reports a failing side and still measures the other', async () => {
  const log: string[] = [];
  const [a, b] = await measurePaired(ONE, { reps: 4, minMs: 0, warmupMs: 0 }, [fakeSide('A', 1, log, { run: 1, as: 'error' }), fakeSide('B', 1, log)], () => undefined);
  assert.deepEqual({ ...a.lookup }, { medianMs: null, runs: 0, timeout: undefined, error: 'A broke' });
  assert.equal(b.lookup?.runs, 4);
  assert.equal(log.filter((x) => x === 'A').length, 1, 'a side that failed its first run is not run again');
  const [c] = await measurePaired(ONE, { reps: 10, minMs: 0, warmupMs: 0 }, [fakeSide('C', 1, [], { run: 4, as: 'timeout' }), fakeSide('D', 1, [])], () => undefined);
  assert.equal(c.lookup?.runs, 2, 'a timeout in the timed runs ends that side');
  assert.equal(c.lookup?.timeout, true);
});

test('npm run bench -- --quick runs every local engine and writes a structured result', { timeout: 600_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  try {
    const script = new URL('../../bench/run.js', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [script, '--quick', '--out', out, '--data', out,
      '--engines', 'oxigraph,bare,comunica,server,paired,stats'], { timeout: 590_000, maxBuffer: 16 * 1024 * 1024 });
    assert.match(stdout, /^### 200 releases/m);
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('-quick.json')), ['releases-200-quick.json']);
    const result = JSON.parse(readFileSync(join(out, 'releases-200-quick.json'), 'utf8'));
    assert.equal(result.releases, 200);
    const names = result.engines.map((e: { engine: string }) => e.engine);
    assert.deepEqual(names, ['oxigraph-inprocess', 'oxigraph-bare-http', 'comunica-n3', 'osce-kg-server', 'osce-kg-cached',
      'oxigraph-bare-http-paired', 'osce-kg-paired']);
    const engine = (name: string) => result.engines.find((e: { engine: string }) => e.engine === name);
    const ids = result.queries.map((q: { id: string }) => q.id);
    for (const e of result.engines) {
      for (const id of ids) {
        const s = e.queries[id];
        assert.ok(s, `${e.engine} has ${id}`);
        assert.ok(s.timeout || s.error || typeof s.medianMs === 'number', `${e.engine} ${id}: a median, timeout or error`);
      }
    }
    const inproc = engine('oxigraph-inprocess');
    for (const id of ids) assert.equal(typeof inproc.queries[id].medianMs, 'number', `oxigraph in process answers ${id}`);
    assert.deepEqual(result.disagreements.byField, [], 'all engines return the same rows');
    assert.deepEqual(result.disagreements.countByState, []);
    const cached = engine('osce-kg-cached');
    for (const path of ['document-turtle', 'document-jsonld', 'named-query']) {
      assert.equal(typeof cached.queries[path]?.medianMs, 'number', `${path} answered`);
    }
    assert.equal(typeof engine('osce-kg-server').queries.update?.medianMs, 'number', 'update latency measured');
    // the statistics against the same SPARQL aggregates: every request timed both ways, with the same counts
    assert.ok(result.stats.timings.length >= 13);
    for (const t of result.stats.timings) {
      assert.equal(t.identical, true, `${t.id}: the statistics count as the SPARQL does`);
      assert.ok(t.statsMs.p50 > 0 && t.sparqlMs.p50 > 0, t.id);
      // no statistics run was a cache hit: one answer computed per call, and each asked again after every write
      assert.equal(t.computed.answers, t.computed.calls, `${t.id}: every run computed its answer`);
      assert.equal(t.afterWrite.runs, result.stats.writes.n, t.id);
      assert.ok(t.afterWrite.statsServerMs.p50 > 0, `${t.id}: the first answer after each write timed`);
    }
    assert.ok(result.stats.writes.meanApplyMs > 0 && result.stats.writes.share < 1, 'the statistics\' share of the writes');
    // the memory comparison: alternated starts, and each start with the statistics adopted the checkpoint the stop
    // before it wrote (a rebuild would read the store again and hold its rows)
    const starts = result.stats.memory.starts as Array<{ stats: string; rssMb: number; mainHeapMb: number; restored?: number; rebuilt?: number; settling?: boolean }>;
    assert.deepEqual(starts.map((r) => r.settling === true), [true, false, false, false, false]);
    assert.deepEqual(starts.map((r) => r.stats), ['sparql', 'index', 'sparql', 'index', 'sparql']);
    for (const r of starts) assert.ok(r.rssMb > 0 && r.mainHeapMb > 0, JSON.stringify(r));
    for (const r of starts.filter((x) => x.stats === 'index')) assert.deepEqual([r.restored, r.rebuilt], [1, 0], JSON.stringify(r));
    // and a last start without the checkpoint read the statistics again from the store
    assert.deepEqual([result.stats.memory.rebuilt.restored, result.stats.memory.rebuilt.rebuilt], [0, 1]);
    assert.match(stdout, /^\| named query fields-of-work \|/m);
    // the graph upload: whole releases (all 200 at this size), accepted by the SHACL gate, probed meanwhile
    const upload = engine('osce-kg-server').upload;
    assert.equal(upload.status, 201, 'the upload of whole releases passes the gate');
    assert.ok(upload.triples > 200 && upload.mb > 0 && upload.probes >= 1 && upload.longestWaitMs > 0, JSON.stringify(upload));
    assert.match(stdout, /osce-kg graph upload: [\d.]+ MB \([\d,]+ triples of whole releases\) answered HTTP 201 in [\d.]+ s; .* waited at most [\d.]+ ms/);
    for (const name of ['osce-kg-server', 'osce-kg-cached', 'osce-kg-paired']) {
      assert.equal(typeof engine(name).queries.lookup.serverMs, 'number', `${name}: the server's own time (Server-Timing)`);
    }
    assert.equal(engine('oxigraph-bare-http').queries.lookup.serverMs, undefined, 'the bare server sends no Server-Timing');
    assert.equal(typeof result.ratios.lookup['uncached / cached, server time'], 'number');
    assert.match(stdout, /^\| lookup \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$/m, 'the server-time table');
    assert.equal(typeof engine('oxigraph-bare-http').throughput.lookup.requestsPerSec, 'number');
    assert.equal(typeof result.ratios.lookup['osce-kg / bare-http'], 'number');
    assert.equal(typeof result.ratios.lookup['osce-kg / bare-http, paired'], 'number');
    for (const name of ['oxigraph-bare-http-paired', 'osce-kg-paired']) {
      assert.equal(engine(name).queries.byField.fingerprint, inproc.queries.byField.fingerprint, `${name} returns the same rows`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
