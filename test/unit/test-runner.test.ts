/**
 * test/run.js, the runner `npm test` and CI use: its exit status is what CI trusts, so a failing file must fail the
 * run whatever order the files finish in (a file that failed first, then one that passed later in another lane,
 * once left the status 0).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PATHS } from '../../src/model/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'osce-kg-runner-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A project of its own: the runner, and for each test its source (what the runner lists) and its build. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(dir, 'p-'));
  mkdirSync(join(root, 'test', 'unit'), { recursive: true });
  mkdirSync(join(root, 'dist', 'test', 'unit'), { recursive: true });
  copyFileSync(join(PATHS.root, 'test', 'run.js'), join(root, 'test', 'run.js'));
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(root, 'test', 'unit', `${name}.test.ts`), body);
    writeFileSync(join(root, 'dist', 'test', 'unit', `${name}.test.js`), body);
  }
  return root;
}

// Without NODE_TEST_CONTEXT: under `node --test` it would make the runner's children report in the parent's wire format.
const { NODE_TEST_CONTEXT: _, ...env } = process.env;
const run = (root: string, concurrency = 2) => spawnSync(process.execPath, [join(root, 'test', 'run.js'), '--concurrency', String(concurrency)], { cwd: root, env, encoding: 'utf8' });
const passingAfter = (ms: number) => `import { test } from 'node:test';\ntest('passes', () => new Promise((ok) => setTimeout(ok, ${ms})));\n`;
const failing = `import { test } from 'node:test';\nimport assert from 'node:assert';\ntest('fails', () => assert.equal(1, 2));\n`;

test('a failing file fails the run even when a file in another lane passes after it', () => {
  const result = run(project({ 'a-fails-first': failing, 'b-passes-later': passingAfter(1500) }));
  assert.equal(result.status, 1, result.stdout);
  assert.match(result.stdout, /failed: unit\/a-fails-first\.test\.ts/);
});

test('a run whose files all pass exits 0', () => {
  const result = run(project({ 'a-passes': passingAfter(10), 'b-passes': passingAfter(50) }));
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /tests 2, pass 2, fail 0/);
});

test("a group's files share one process: every file's tests run, and a failure in one fails the run and names the group", () => {
  const pid = (name: string) => `import { test } from 'node:test';\ntest('${name}', () => { console.log('${name} in', process.pid); });\n`;
  const passing = run(project({ 'ingest-a': pid('a'), 'ingest-b': pid('b'), 'other': pid('c') }));
  assert.equal(passing.status, 0, passing.stdout);
  assert.match(passing.stdout, /tests 3, pass 3, fail 0/);
  const pids = Object.fromEntries([...passing.stdout.matchAll(/^(\w) in (\d+)$/gm)].map((m) => [m[1], m[2]]));
  assert.equal(pids.a, pids.b, 'the two files of the group ran in one process');
  assert.notEqual(pids.a, pids.c, 'a file outside the group ran in its own');
  assert.match(passing.stdout, /^── unit\/ingest and eval \(.*\): unit\/ingest-a\.test\.ts, unit\/ingest-b\.test\.ts$/m);
  const failed = run(project({ 'ingest-a': failing, 'ingest-b': pid('b') }));
  assert.equal(failed.status, 1, failed.stdout);
  assert.match(failed.stdout, /tests 2, pass 1, fail 1/);
  assert.match(failed.stdout, /failed: unit\/ingest and eval/);
});

test("in a group, each file's top-level hooks wrap its own tests only, and a file may await at its top level", () => {
  // each file logs when its hooks and its test run: file a's after must come before file b's before
  const file = (name: string) =>
    `import { after, before, test } from 'node:test';\nawait Promise.resolve();\n` +
    `before(() => console.log('${name} before'));\nafter(() => console.log('${name} after'));\n` +
    `test('${name}', async () => { await new Promise((ok) => setTimeout(ok, 50)); console.log('${name} test'); });\n`;
  const result = run(project({ 'ingest-a': file('a'), 'ingest-b': file('b') }));
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /tests 2, pass 2, fail 0/);
  const order = [...result.stdout.matchAll(/^([ab] (?:before|test|after))$/gm)].map((m) => m[1]);
  assert.deepEqual(order, ['a before', 'a test', 'a after', 'b before', 'b test', 'b after']);
});

test('without last times (a clean clone) the groups start first, then the files known to be long, then the rest by name', () => {
  const root = project({ 'a-short': passingAfter(1), 'ingest-a': passingAfter(1), 'ingest-b': passingAfter(1), 'store': passingAfter(1), 'z-short': passingAfter(1) });
  const result = run(root, 1); // one at a time: the reports come in the order the jobs started
  assert.equal(result.status, 0, result.stdout);
  const order = [...result.stdout.matchAll(/^── (.+?) \(/gm)].map((m) => m[1]);
  assert.deepEqual(order, ['unit/ingest and eval', 'unit/store.test.ts', 'unit/a-short.test.ts', 'unit/z-short.test.ts']);
});
