/**
 * `npm run bench [-- options]`: generate N releases, run the query mix on every engine, write JSON results and print
 * Markdown tables (USAGE below lists the options).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PATHS } from '../src/model/paths.js';
import { DEFAULT_BASE, Iris } from '../src/model/ns.js';
import { runBare, runVirtuoso, runWorker, type RunOptions } from './engines.js';
import { generate, type Generated } from './generate.js';
import type { EngineResult } from './measure.js';
import { queryMix, type BenchQuery } from './queries.js';
import { compare, markdown, statsMarkdown, type SizeResult } from './report.js';
import { runStats, type StatsBenchResult } from './stats-engine.js';
import { runPaired } from './paired.js';
import { runServer } from './server-engine.js';
import { virtuosoAvailable } from './virtuoso.js';

const USAGE = `usage: npm run bench -- [options]
  --sizes 10000,100000     releases per data set (generated once into --data, then reused)
  --engines LIST           of oxigraph,bare,comunica,virtuoso,server,paired,stats (default: all, in that order)
                           paired: osce-kg and the bare server running side by side, runs in alternating batches
                           stats: /api/stats and fields-of-work against the same SPARQL aggregates, one server
  --queries LIST           query ids (default: the whole mix, bench/queries.ts)
  --reps 5                 timed runs per query at least
  --min-ms 1000            fast queries repeat until this long was spent (at most 1,000 runs)
  --warmup-ms 5000         untimed runs first, per query and engine (at most 5,000)
  --timeout 60             seconds per query
  --connections 8 --seconds 10   throughput (autocannon)
  --comunica-max 20000     Comunica runs up to this many releases
  --seed 42 --out bench/results --data var/bench
  --quick                  200 releases, few runs: checks that everything works (npm test runs it)`;

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    reps: { type: 'string' },
    'min-ms': { type: 'string', default: '1000' },
    'warmup-ms': { type: 'string', default: '5000' },
    seed: { type: 'string', default: '42' },
    engines: { type: 'string' },
    queries: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    seconds: { type: 'string' },
    'comunica-max': { type: 'string', default: '20000' },
    out: { type: 'string', default: join(PATHS.root, 'bench', 'results') },
    data: { type: 'string', default: join(PATHS.root, 'var', 'bench') },
  },
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const quick = values.quick ?? false;
const sizes = (values.sizes ?? (quick ? '200' : '10000,100000')).split(',').map(Number);
const seed = Number(values.seed);
const engines = new Set((values.engines ?? 'oxigraph,bare,comunica,virtuoso,server,paired,stats').split(','));
const opts: RunOptions = {
  reps: Number(values.reps ?? (quick ? 2 : 5)),
  minMs: quick ? 0 : Number(values['min-ms']),
  warmupMs: quick ? 0 : Number(values['warmup-ms']),
  timeoutMs: Number(values.timeout) * 1000,
  connections: Number(values.connections),
  throughputSeconds: Number(values.seconds ?? (quick ? 1 : 10)),
  log: (line) => process.stderr.write(`${line}\n`),
};

/** Generates the data file once per (size, seed); later runs reuse it. */
async function dataFile(releases: number): Promise<Generated & { generateMs: number }> {
  mkdirSync(values.data!, { recursive: true });
  const file = join(values.data!, `releases-${releases}-seed-${seed}.nq`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as Generated & { generateMs: number };
  const t0 = performance.now();
  const g = await generate({ releases, seed, base: DEFAULT_BASE, out: file });
  const out = { ...g, generateMs: Math.round(performance.now() - t0) };
  writeFileSync(meta, JSON.stringify(out, null, 2));
  return out;
}

/** Runs every engine on one size; `save` is called after each engine so a long run leaves partial results. */
async function runSize(releases: number, save: (partial: SizeResult) => void): Promise<SizeResult> {
  opts.log(`== ${releases} releases`);
  const data = await dataFile(releases);
  opts.log(`data: ${data.file} (${data.quads} quads, generated in ${data.generateMs} ms)`);
  const only = values.queries?.split(',');
  const queries = queryMix(data.params).filter((q) => !only || only.includes(q.id));
  const results: EngineResult[] = [];
  let stats: StatsBenchResult | undefined;
  const summary = (): SizeResult => ({
    ...(stats ? { stats } : {}),
    releases, quads: data.quads, seed, referenceSource: data.referenceSource, generateMs: data.generateMs,
    queries: queries.map(({ id, question, analytical }) => ({ id, question, analytical })),
    engines: results, ...compare(queries, results),
  });
  // One failing baseline is reported, not fatal: the others still run.
  const attempt = async (name: string, fn: () => Promise<EngineResult | EngineResult[]>): Promise<void> => {
    try {
      const r = await fn();
      results.push(...(Array.isArray(r) ? r : [r]));
    } catch (error) {
      opts.log(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      results.push({ engine: name, queries: {}, notes: [`failed: ${String(error).slice(0, 500)}`] });
    }
    save(summary());
  };
  const runners: Record<string, () => Promise<void>> = {
    oxigraph: () => attempt('oxigraph-inprocess', () => runWorker('oxigraph', data.file, queries, opts)),
    bare: () => attempt('oxigraph-bare-http', () => runBare(data.file, queries, opts)),
    comunica: async () => {
      if (releases <= Number(values['comunica-max'])) await attempt('comunica-n3', () => runWorker('comunica', data.file, queries, opts));
      else opts.log(`comunica: skipped above ${values['comunica-max']} releases (n3 Store memory: ~2.5 KB per quad)`);
    },
    virtuoso: async () => {
      if (await virtuosoAvailable()) await attempt('virtuoso-http', () => runVirtuoso(data.file, new Iris(DEFAULT_BASE).referenceGraph, queries, opts));
      else opts.log('virtuoso: not installed or scripts/virtuoso.sh missing: skipped');
    },
    server: () => attempt('osce-kg-server', () => runServer(data.file, queries, data.params, opts)),
    paired: () => attempt('paired', () => runPaired(data.file, queries, opts)),
    stats: async () => {
      try {
        stats = await runStats(data.file, data.params, opts);
      } catch (error) {
        opts.log(`stats: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      save(summary());
    },
  };
  // In the order given by --engines.
  for (const name of engines) await runners[name]?.();
  return summary();
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
mkdirSync(values.out!, { recursive: true });
for (const releases of sizes) {
  // Other work on the machine skews times: the load average before and after is part of the record.
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  const save = (result: SizeResult): void => {
    const load = { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) };
    const record = { date: new Date().toISOString(), machine, load, options: { ...opts, log: undefined, quick }, ...result };
    writeFileSync(join(values.out!, `releases-${releases}${quick ? '-quick' : ''}.json`), `${JSON.stringify(record, null, 2)}\n`);
  };
  const result = await runSize(releases, save);
  process.stdout.write(`${markdown(result, opts.timeoutMs)}\n`);
  if (result.stats) process.stdout.write(`${statsMarkdown(result.stats)}\n`);
}
