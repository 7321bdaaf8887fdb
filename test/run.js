#!/usr/bin/env node
// Runs the compiled test files with node's test runner, several files at once (each in its own process).
//   node test/run.js [--dist DIR] [--all | --tier NAME[,NAME]] [--concurrency N] [name-filter...]
// The tiers are the folders of test/: unit and http by default (`npm test`); --all adds conformance and integration
// (`npm run test:all`, what CI runs). A name filter alone searches every tier. Each test source test/TIER/**/*.test.ts
// is run as DIR/test/TIER/**/*.test.js, built by `tsc -p .`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIERS = ['unit', 'http', 'conformance', 'integration'];
const FAST = ['unit', 'http'];
/** Files that run alone, one after the other, once the rest are done: why each cannot share the cores. */
const ALONE = new Map([
  ['integration/bench.test.ts', 'loads both cores for minutes, and its figures mean little when other files compete'],
  ['integration/large-upload.test.ts', 'a 110 MB upload loads both cores for minutes'],
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

/** One `node --test` over the files, `concurrency` of them at a time; its exit status. */
function run(files, concurrency) {
  if (files.length === 0) return 0;
  console.log(`running ${files.length} test files, ${concurrency} at a time: ${files.join(', ')}`);
  const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files.map(compiled)], { stdio: 'inherit', env });
  return result.status ?? 1;
}

const started = Date.now();
const together = run(selected.filter((path) => !ALONE.has(path)), options.concurrency);
const alone = run(selected.filter((path) => ALONE.has(path)), 1);
console.log(`test/run.js: ${selected.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(together || alone);
