#!/usr/bin/env node
// Runs the compiled test files with node's test runner.
//   node test/run.js [--dist DIR] [name-filter...]
// Each test file is a *.test.js under DIR/test (default dist/test), built by `tsc -p .` from test/*.test.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
let dist = 'dist';
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') dist = args[++i];
  else filters.push(args[i]);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.test.js') ? [path] : [];
  });
}

const files = walk(join(dist, 'test'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${dist}/test matching ${filters.join(' ') || '*'}`);
  process.exit(1);
}
console.log(`running ${files.length} test files: ${files.map((f) => relative(join(dist, 'test'), f)).join(', ')}`);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
