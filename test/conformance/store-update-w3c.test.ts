/**
 * The W3C SPARQL 1.1 update-evaluation tests run directly against the store's write path (the HTTP run is the
 * protocol engineer's). Each test loads its data, applies the request with standard semantics (no union default
 * graph) and compares the resulting dataset with the expected one by graph isomorphism.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { checkUpdateCase, loadUpdateCases, UPDATE_DIRS, type UpdateCase } from './w3c-update-cases.js';

/** Tests this store fails on purpose, with the reason. */
const KNOWN: Record<string, string> = {};

async function runCase(c: UpdateCase): Promise<string | undefined> {
  const store = createMemoryStore(c.data, { workers: 0 });
  try {
    return await checkUpdateCase(store, c);
  } catch (e) {
    return `threw ${(e as Error).message}`;
  }
}

test('W3C SPARQL 1.1 update evaluation: at least 98% of the approved tests pass', async () => {
  const cases = UPDATE_DIRS.flatMap(loadUpdateCases);
  const failures: string[] = [];
  for (const c of cases) {
    const problem = await runCase(c);
    if (problem && !KNOWN[c.name]) failures.push(`${c.name}: ${problem}`);
  }
  const passed = cases.length - failures.length;
  console.log(`# W3C update evaluation: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`#   FAIL ${f}`);
  assert.ok(cases.length >= 90, `found ${cases.length} approved tests`);
  assert.ok(passed / cases.length >= 0.98, failures.join('\n'));
});
