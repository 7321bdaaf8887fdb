/**
 * One built-in data everywhere (issue 22): `osce-kg query` and `osce-kg validate` without --data-dir see the data
 * `serve` (`npm start`) seeds a new store with, the seed releases included, not the reference data alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { builtinQuads } from '../../src/builtin.js';
import { runQuery } from '../../src/commands/query.js';
import { runValidate } from '../../src/commands/validate.js';
import { loadConfig } from '../../src/config.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { makeApp, type TestApp } from '../support/http-support.js';

const COUNT = 'SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://w3id.org/osce-kg/ontology#PressRelease> }';
const count = (json: string) => Number((JSON.parse(json) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);

describe('the built-in data', () => {
  const base = loadConfig({}).base;
  let t: TestApp;
  // the store `serve` opens on first start is seeded with builtinQuads (src/main.ts); so is this one
  before(async () => (t = await makeApp({}, builtinQuads(base))));
  after(() => t.close());

  it('osce-kg query counts the press releases the server serves', async () => {
    const served = count(await (await t.request(`/sparql?query=${encodeURIComponent(COUNT)}`)).text());
    assert.ok(served >= 1, `the server has ${served} press releases`);
    assert.equal(count(await runQuery(COUNT, { format: 'json' })), served);
  });

  it('osce-kg validate checks the same quads, seed releases included', async () => {
    const lines: string[] = [];
    const run = await runValidate([], {}, (l) => lines.push(l));
    assert.equal(run.exitCode, 0, run.output);
    const all = builtinQuads(base).length;
    assert.ok(all > loadReferenceQuads(base).length);
    assert.equal(lines[0], `built-in data: ${all} quads`);
    assert.equal(run.output, `OK: ${all} quads conform to the shapes.`);
  });
});
