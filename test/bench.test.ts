import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser } from 'n3';
import { generate } from '../bench/generate.js';
import { Prng, Zipf } from '../bench/prng.js';
import { queryMix } from '../bench/queries.js';
import { DEFAULT_BASE, NS } from '../src/model/ns.js';

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
    // As ingestion stores them: each person's name once, in the person's own graph.
    const names = quads.filter((q) => q.predicate.value === `${NS.schema}name` && q.subject.value.includes('/id/person/'));
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

test('npm run bench -- --quick runs every local engine and writes a structured result', { timeout: 600_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  try {
    const script = new URL('../bench/run.js', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [script, '--quick', '--out', out, '--data', out,
      '--engines', 'oxigraph,bare,comunica,server'], { timeout: 590_000, maxBuffer: 16 * 1024 * 1024 });
    assert.match(stdout, /^### 200 releases/m);
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('-quick.json')), ['releases-200-quick.json']);
    const result = JSON.parse(readFileSync(join(out, 'releases-200-quick.json'), 'utf8'));
    assert.equal(result.releases, 200);
    const names = result.engines.map((e: { engine: string }) => e.engine);
    assert.deepEqual(names, ['oxigraph-inprocess', 'oxigraph-bare-http', 'comunica-n3', 'osce-kg-server', 'osce-kg-cached']);
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
    assert.equal(typeof engine('oxigraph-bare-http').throughput.lookup.requestsPerSec, 'number');
    assert.equal(typeof result.ratios.lookup['osce-kg / bare-http'], 'number');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
