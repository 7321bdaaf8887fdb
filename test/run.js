#!/usr/bin/env node
// Runs the compiled test files, several at once, each in its own node process with node's test runner (spec report,
// printed whole when the file ends), but for the groups of files that share one (GROUPS); then the slowest files, with
// their wall and CPU time and the worker threads they started (each loads its modules, and a store's loads oxigraph and the data, again: ~0.2 s of CPU apiece).
//   node test/run.js [--dist DIR] [--all | --tier NAME[,NAME]] [--concurrency N] [name-filter...]
// The tiers are the folders of test/: unit and http by default (`npm test`); --all adds conformance and integration
// (`npm run test:all`, what CI runs). A name filter alone searches every tier. Each test source test/TIER/**/*.test.ts
// is run as DIR/test/TIER/**/*.test.js, built by `tsc -p .`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TIERS = ['unit', 'http', 'conformance', 'integration'];
const FAST = ['unit', 'http'];
/** Files that run alone, one after the other, once the rest are done: why each cannot share the cores. */
const ALONE = new Map([
  ['integration/bench.test.ts', 'loads both cores for minutes, and its figures mean little when other files compete'],
  ['integration/large-upload.test.ts', 'a 110 MB upload loads both cores for minutes'],
]);
/**
 * Files that share one process, run one after the other in it (a group of the files selected; a file selected alone
 * runs alone), each file's tests in a suite named by its path, so its top-level before/after hooks wrap its own tests
 * only. What a process pays once is then paid once per group: node and its test runner, the app's modules (~0.5 s of
 * CPU), the JIT's warm-up, and in the files that ingest the extractor's start (the reference index, the name matcher,
 * the given-name lists, the first compilation of its patterns, ~0.8 s). The 54 HTTP files took 147 s of CPU one
 * process each and 73 s in one; 14 of the small ingestion files 19.9 s and 8.0 s. A file goes in a group only if
 * nothing it does reaches past its own tests: no top-level beforeEach/afterEach (they would wrap the other files'
 * tests too), no process-wide setting (environment, V8 flags, handlers). Groups follow concerns, so a failure that
 * only shows beside other files is found among files that share code.
 */
const GROUPS = new Map([
  // the ingester's properties over many mutated pages: the longest, one process of their own
  ['unit/ingest properties', /^unit\/ingest-(property|identity-property|invariance|variations)\.test\.ts$/],
  // every other test of the extractor and the evaluation (not ingest-cli, whose work is in the processes it starts)
  ['unit/ingest and eval', /^unit\/(ingest-(?!cli\.)[\w-]+|eval-[\w-]+)\.test\.ts$/],
  // the unit files of the store and its engine, but for the five longest (each several seconds of its own worker threads)
  ['unit/store', /^unit\/(store-(?!cli\.|writer\.|writer-recycle\.|recycle\.|write-transaction\.)[\w-]+|pool-background|snapshots|line-delta|remote-store-[\w-]+|search-checkpoint|stats-checkpoint|validation-gate-bulk|nesting-guard|engine-fixes|entity-counts|record-pieces|dump-encoder|stop-cuts-start)\.test\.ts$/],
  // the other unit files of single modules (not those whose work is in the processes they start: the CLI's, the runner's)
  ['unit/modules', /^unit\/(client-key|dated-names|geo-data|harvest-[\w-]+|multipart|named-queries|negotiate|office-holders|ontology|periods|permalinks|reference-[\w-]+|request-body|serialize|shapes|shared-change-feed|sparql-inspect|stats-[\w-]+|summary|usage-limits|xsd-dates)\.test\.ts$/],
  // Alone, outside every HTTP group: sparql-cache.test.ts (sets V8 flags and measures the heap)
  ['http/ingest and harvest', /^http\/(ingest|harvest)-[\w-]+\.test\.ts$/],
  ['http/sparql and uploads', /^http\/(sparql(?!-cache\.)[\w-]*|graph-store|query-complexity|query-editor|federation|result-cache|content-encoding|upload-[\w-]+|server-limits|service-description-cap|hostile-data|real-clients)\.test\.ts$/],
  ['http/dumps and catalog', /^http\/(catalog|dataset-modified|dumps?(-[\w-]+)?|feed-and-sitemap)\.test\.ts$/],
  ['http/documents', /^http\/(dereference|documents|embedding|geo|host-header|permalinks|schema-org)\.test\.ts$/],
  ['http/pages and api', /^http\/(api(-[\w-]+)?|openapi-routes|pages|page-headers|builtin-everywhere|search|stats-(api|cache|pages))\.test\.ts$/],
  ['http/operations', /^http\/(ops|saturation|usage-limits|access-log|storage-full|stats-restart)\.test\.ts$/],
]);
/** What --all runs the large-upload test with (MB); by itself it uploads a few MB. */
const FULL_UPLOAD_MB = '110';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const options = { dist: 'dist', tiers: undefined, all: false, concurrency: Math.max(4, availableParallelism() * 2), filters: [] };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--dist') options.dist = args[++i];
  else if (arg === '--all') options.all = true;
  else if (arg === '--tier') options.tiers = args[++i].split(',');
  else if (arg === '--concurrency') options.concurrency = Number(args[++i]);
  else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
  else options.filters.push(arg);
}

function fail(message) {
  console.error(`test/run.js: ${message}`);
  process.exit(2);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.test.ts') ? [path] : [];
  });
}

// sources, not the build folder: a test moved or deleted leaves its old .js behind in dist/
const sources = walk(join(root, 'test')).map((path) => relative(join(root, 'test'), path).split(sep).join('/'));
const stray = sources.filter((path) => !TIERS.includes(path.split('/')[0]));
if (stray.length > 0) fail(`test files outside the tiers (${TIERS.join(', ')}): ${stray.join(', ')}; move each into one`);
for (const tier of options.tiers ?? []) if (!TIERS.includes(tier)) fail(`unknown tier ${tier}: one of ${TIERS.join(', ')}`);

const tiers = options.tiers ?? (options.all || options.filters.length > 0 ? TIERS : FAST);
const selected = sources
  .filter((path) => tiers.includes(path.split('/')[0]))
  .filter((path) => options.filters.length === 0 || options.filters.some((f) => path.includes(f)))
  .sort();
if (selected.length === 0) fail(`no test files in ${tiers.join(', ')} matching ${options.filters.join(' ') || '*'}`);

const compiled = (path) => join(options.dist, 'test', path.replace(/\.ts$/, '.js'));
const missing = selected.filter((path) => !existsSync(compiled(path)));
if (missing.length > 0) fail(`not built: ${missing.join(', ')} (run tsc -p . first)`);

const env = { ...process.env };
if (options.all) env.OSCE_KG_LARGE_UPLOAD_MB ??= FULL_UPLOAD_MB;
// what several files would each make the same, made once in the run (test/support/shared-dumps.ts), removed after it
const cache = mkdtempSync(join(tmpdir(), 'osce-kg-test-run-'));
env.OSCE_KG_TEST_CACHE = cache;

/**
 * Each file's last wall time (ms), kept beside the build: the next run starts the longest first, so no long file
 * starts last and runs on alone while the other cores idle.
 */
const timesPath = join(options.dist, 'test-times.json');
const lastTimes = (() => {
  try {
    return JSON.parse(readFileSync(timesPath, 'utf8'));
  } catch {
    return {};
  }
})();
/**
 * Without a last time (a clean clone, CI) the groups start first, then these files, which take longest alone (wall,
 * with the processes they start), then the rest: in name order the store's files started last and ran on alone.
 */
const LONG = new Set(['unit/validate-command.test.ts', 'unit/store.test.ts', 'unit/store-recycle.test.ts', 'unit/store-writer.test.ts',
  'unit/shapes.test.ts', 'unit/ingest-cli.test.ts', 'unit/store-writer-recycle.test.ts', 'http/sparql-cache.test.ts', 'unit/test-runner.test.ts']);
const untimed = (job) => (job.files.length > 1 ? 0 : LONG.has(job.name) ? 1 : 2);
/** Jobs never timed first (as above), then the longest last time first. */
const longestFirst = (a, b) => {
  const [ta, tb] = [lastTimes[a.name], lastTimes[b.name]];
  if (ta === undefined && tb === undefined) return untimed(a) - untimed(b) || a.name.localeCompare(b.name);
  return (tb ?? Infinity) - (ta ?? Infinity);
};
/**
 * The CPU time (µs, user + system, every thread of the file's process) and the number of worker threads it started,
 * which the child writes to fd 3 as it exits.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(
  "import{isMainThread}from'node:worker_threads';import{writeSync}from'node:fs';" +
  "if(isMainThread){let w=0;process.on('worker',()=>w++);" +
  "process.on('exit',()=>{const u=process.resourceUsage();try{writeSync(3,`${u.userCPUTime+u.systemCPUTime} ${w}`)}catch{}})}",
)}`;
const results = [];
const counts = new Map();

/**
 * The selected files as jobs, one process each: a group's files together (GROUPS), any other file alone. A job's
 * name is its file's path, or for two or more files the group's name.
 */
function jobsOf(files) {
  const grouped = new Map();
  const jobs = [];
  for (const path of files) {
    const group = [...GROUPS].find(([, pattern]) => pattern.test(path))?.[0];
    if (group === undefined) jobs.push({ name: path, files: [path] });
    else grouped.set(group, [...(grouped.get(group) ?? []), path]);
  }
  for (const [group, paths] of grouped) jobs.push(paths.length === 1 ? { name: paths[0], files: paths } : { name: group, files: paths });
  return jobs;
}

/** The script a job's process runs: its file, or a module in the run's folder that imports each of its files in turn. */
function entryOf(job) {
  if (job.files.length === 1) return compiled(job.files[0]);
  const entry = join(cache, `${job.name.replace(/[^\w-]+/g, '-')}.mjs`);
  // each file's tests, and its top-level hooks, in a suite of its own: a file's before/after wrap its own tests only
  const load = (path) => `describe(${JSON.stringify(path)}, async () => { await import(${JSON.stringify(pathToFileURL(resolve(compiled(path))).href)}); });\n`;
  writeFileSync(entry, `import { describe } from 'node:test';\n${job.files.map(load).join('')}`);
  return entry;
}

/** Runs one job; resolves with its exit status once its report is printed. */
function runFile(job) {
  const started = Date.now();
  const path = job.name;
  const child = spawn(process.execPath, ['--import', PROBE, '--test-reporter=spec', entryOf(job)], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const out = [];
  let cpu = '';
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => out.push(d));
  child.stdio[3].on('data', (d) => (cpu += d));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const wallMs = Date.now() - started;
      const [cpuUs, threads] = cpu ? cpu.split(' ').map(Number) : [];
      const cpuMs = cpuUs === undefined ? undefined : cpuUs / 1000;
      const text = Buffer.concat(out).toString('utf8');
      for (const [, name, n] of text.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts.set(name, (counts.get(name) ?? 0) + Number(n));
      const status = code ?? 1;
      results.push({ path, wallMs, cpuMs, threads, status });
      const took = `${(wallMs / 1000).toFixed(1)} s${cpuMs === undefined ? '' : `, CPU ${(cpuMs / 1000).toFixed(1)} s, ${threads} threads`}`;
      const files = job.files.length > 1 ? `: ${job.files.join(', ')}` : '';
      process.stdout.write(`\n── ${path} (${took})${status === 0 ? '' : ` FAILED (${signal ?? `exit ${code}`})`}${files}\n${text}`);
      resolve(status);
    });
  });
}

/** Runs the files, `concurrency` processes at a time, the slowest last time first; resolves with the worst exit status. */
async function run(files, concurrency) {
  if (files.length === 0) return 0;
  const queue = jobsOf(files).sort(longestFirst);
  const shared = queue.filter((job) => job.files.length > 1).map((job) => `${job.files.length} in "${job.name}"`);
  console.log(`running ${files.length} test files, ${concurrency} processes at a time${shared.length > 0 ? ` (${shared.join(', ')} share a process)` : ''}`);
  let worst = 0;
  const lane = async () => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      // Read `worst` only after the await: `Math.max(worst, await …)` reads it before, and a lane finishing later
      // with 0 overwrote another lane's failure (CI passed with a failing file).
      const status = await runFile(job);
      worst = Math.max(worst, status);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, lane));
  return worst;
}

const started = Date.now();
const together = await run(selected.filter((path) => !ALONE.has(path)), options.concurrency);
const alone = await run(selected.filter((path) => ALONE.has(path)), 1);
const seconds = (ms) => (ms / 1000).toFixed(1);
writeFileSync(timesPath, JSON.stringify({ ...lastTimes, ...Object.fromEntries(results.map((r) => [r.path, r.wallMs])) }, null, 1));
console.log(`\nslowest files (wall, CPU of the file's process, worker threads it started; a group's files share one):`);
for (const r of [...results].sort((a, b) => b.wallMs - a.wallMs).slice(0, 15)) {
  console.log(`  ${seconds(r.wallMs).padStart(6)} s ${r.cpuMs === undefined ? '     ?' : seconds(r.cpuMs).padStart(6)} s ${String(r.threads ?? '?').padStart(3)}  ${r.path}`);
}
const failed = results.filter((r) => r.status !== 0).map((r) => r.path);
const cpuMs = results.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0);
console.log(`${[...counts].map(([name, n]) => `${name} ${n}`).join(', ')}`);
if (failed.length > 0) console.log(`failed: ${failed.join(', ')}`);
const threads = results.reduce((sum, r) => sum + (r.threads ?? 0), 0);
console.log(`test/run.js: ${selected.length} files in ${seconds(Date.now() - started)} s (CPU of their processes ${seconds(cpuMs)} s, ${threads} worker threads)`);
rmSync(cache, { recursive: true, force: true });
process.exit(together || alone || (failed.length > 0 ? 1 : 0));
