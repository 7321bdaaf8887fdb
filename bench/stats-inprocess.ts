/**
 * `node --expose-gc dist/bench/stats-inprocess.js FILE.nq [--runs 100] [--only ID,ID] [--baseline OTHER/dist]`: what computing a statistics answer costs
 * with no cache at all, in process: the facts of a generated bench file (`.json` beside it gives the parameters)
 * read into a FactStore, the FacetIndex derived from them, then each request of `--engines stats` answered as the
 * route answers it (rows, labels, sort, JSON, bytes) RUNS times, the requests taken in turn so that one request's
 * garbage is collected during another's, as in a server. Wall ms p50 / p95 / max per request, and the heap the
 * statistics take. Decision 0036 reads it (the answers are not kept: computing them is within the target).
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import n3 from 'n3';
import type { QueryParams } from './generate.js';
import { statsRequests } from './stats-engine.js';
import { FactStore, LABEL_PREDICATES, RDF_TYPE, SLOT_PREDICATES, SPOKEN_BY, TYPES, UNIT_OF } from '../src/stats/facts.js';
import { FacetIndex } from '../src/stats/facet-index.js';
import { statsBody } from '../src/stats/answer.js';
import { readFacts as readCheckpoint, writeFacts } from '../src/stats/checkpoint.js';
import type { StatsRequest } from '../src/stats/types.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '100' }, checkpoint: { type: 'string' }, only: { type: 'string' }, baseline: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: node --expose-gc dist/bench/stats-inprocess.js var/bench/releases-100000-seed-42.nq [--runs 100]\n');
  process.exit(2);
}
const runs = Number(values.runs);
const params = (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { params: QueryParams }).params;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMb = () => {
  gc();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};

/** The facts of the file: only lines whose predicate the statistics read are parsed (as the store's SELECTs do). */
async function readFacts(path: string): Promise<FactStore> {
  const wanted = new Set<string>([...SLOT_PREDICATES, SPOKEN_BY, UNIT_OF, RDF_TYPE, ...LABEL_PREDICATES]);
  const types = new Set<string>(Object.values(TYPES));
  const facts = new FactStore();
  let batch: string[] = [];
  const flush = () => {
    const quads = new n3.Parser({ format: 'application/n-quads' }).parse(batch.join('\n'));
    facts.apply([], quads.filter((q) => q.predicate.value !== RDF_TYPE || types.has(q.object.value)));
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    const p = /^\S+ <([^>]*)> /.exec(line)?.[1];
    if (p === undefined || !wanted.has(p)) continue;
    batch.push(line);
    if (batch.length >= 10_000) flush();
  }
  flush();
  return facts;
}

const before = heapMb();
let t0 = performance.now();
// Through a checkpoint, as a server's start restores them: strings parsed from the checkpoint's JSON, not slices of
// the file's lines (which keep whole batches of lines alive). `--checkpoint FILE` keeps it for the next run.
const saved = values.checkpoint ?? join(mkdtempSync(join(tmpdir(), 'osce-stats-')), 'facets.json');
if (!existsSync(saved)) await writeFacts(saved, 0, await readFacts(file));
const facts = (await readCheckpoint(saved, 0))!.facts;
const readMs = performance.now() - t0;
t0 = performance.now();
const index = new FacetIndex(facts);
const deriveMs = performance.now() - t0;
process.stdout.write(`${file}: ${index.size} releases; facts read in ${(readMs / 1000).toFixed(1)} s, index derived in ${deriveMs.toFixed(0)} ms; heap ${before} -> ${heapMb()} MB\n`);

/** One answer as the route makes it: counts from the index, serialized from the keys' kept pieces, as bytes. */
const answer = (req: StatsRequest): number => index.counted(req).json().byteLength;
// the same answer through rows and JSON.stringify (how it was made before decision 0038): the text must be equal
for (const [id, req] of statsRequests(params)) {
  if (index.counted(req).json().toString() !== statsBody(req, index.query(req), 'application/json').body) throw new Error(`${id}: the JSON differs from JSON.stringify of the rows`);
}
const fieldsOfWork = (): number => new TextEncoder().encode(JSON.stringify(index.fieldsOfWork())).byteLength;
const requests: Array<[string, () => number]> = [
  ...statsRequests(params).map(([id, req]): [string, () => number] => [id, () => answer(req)]),
  ['named query fields-of-work', fieldsOfWork],
].filter(([id]) => !values.only || values.only.split(',').some((o) => (id as string).startsWith(o))) as Array<[string, () => number]>;
// `--baseline OTHER/dist`: the same requests answered by another build's index over the same facts, as its route
// made them (rows, JSON.stringify, bytes), taken in turn with this build's; its bodies must be byte for byte equal
if (values.baseline) {
  const dir = resolve(values.baseline);
  const other = {
    FacetIndex: ((await import(pathToFileURL(join(dir, 'src/stats/facet-index.js')).href)) as { FacetIndex: new (f: unknown) => { query(r: StatsRequest): unknown[] } }).FacetIndex,
    readFacts: ((await import(pathToFileURL(join(dir, 'src/stats/checkpoint.js')).href)) as { readFacts: (f: string, v: number) => Promise<{ facts: unknown }> }).readFacts,
    statsBody: ((await import(pathToFileURL(join(dir, 'src/stats/answer.js')).href)) as { statsBody: (r: StatsRequest, rows: unknown[], t: string) => { body: string } }).statsBody,
  };
  const baseIndex = new other.FacetIndex((await other.readFacts(saved, 0)).facts);
  const baseAnswer = (req: StatsRequest) => Buffer.from(other.statsBody(req, baseIndex.query(req), 'application/json').body);
  for (const [id, req] of statsRequests(params).filter(([id]) => requests.some(([r]) => r === id))) {
    if (!baseAnswer(req).equals(index.counted(req).json())) throw new Error(`${id}: the baseline's body differs`);
    requests.push([`${id} (baseline)`, () => baseAnswer(req).byteLength]);
  }
}
const times = new Map<string, number[]>(requests.map(([id]) => [id, []]));
const bytes = new Map<string, number>();
for (let i = -3; i < runs; i++) {
  // the order turns each run, so that a build's garbage falls on the other's requests as often as on its own
  for (const [id, run] of i % 2 ? requests : [...requests].reverse()) {
    const start = performance.now();
    bytes.set(id, run());
    if (i >= 0) times.get(id)!.push(performance.now() - start);
  }
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(2);
process.stdout.write(`${runs} runs each, in turn; wall ms p50 / p95 / max, bytes of the JSON\n`);
for (const [id] of requests) {
  const xs = times.get(id)!;
  process.stdout.write(`  ${id.padEnd(40)} ${q(xs, 0.5).padStart(7)} ${q(xs, 0.95).padStart(7)} ${q(xs, 1).padStart(7)}  ${bytes.get(id)}\n`);
}
process.stdout.write(`heap with the pair tables made: ${heapMb()} MB\n`);
