import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATHS } from '../../src/model/paths.js';
import { runValidate } from '../../src/commands/validate.js';

const broken = (name: string) => join(PATHS.fixtures, 'broken', `${name}.ttl`);

test('validate without files: the built-in data conforms, exit code 0', async () => {
  const lines: string[] = [];
  const run = await runValidate([], {}, (l) => lines.push(l));
  assert.equal(run.exitCode, 0);
  assert.match(run.output, /^OK: \d+ quads conform to the shapes\.$/);
  assert.match(lines.at(-1)!, /^validating \d+ quads/);
});

test('validate FILE --format json: violations of a broken file, exit code 1', async () => {
  const run = await runValidate([broken('field-operation-without-host')], { format: 'json' });
  assert.equal(run.exitCode, 1);
  const report = JSON.parse(run.output) as { conforms: boolean; results: { focusNode: string; path: string; message: string }[] };
  assert.equal(report.conforms, false);
  assert.deepEqual(report.results.map((r) => [r.focusNode, r.path]), [
    ['http://localhost:8080/id/field-operation/mission-to-nowhere', '<https://w3id.org/osce-kg/ontology#hostState>'],
  ]);
});

test('validate reads JSON-LD and N-Triples by extension, and rejects an unknown extension', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-validate-'));
  try {
    const jsonld = join(dir, 'release.jsonld');
    writeFileSync(jsonld, JSON.stringify({
      '@id': 'http://localhost:8080/id/release/2025-01-01-x',
      '@type': ['https://w3id.org/osce-kg/ontology#PressRelease', 'http://schema.org/NewsArticle'],
      'http://schema.org/headline': 'X',
      'http://schema.org/datePublished': { '@value': '2025-01-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    }));
    assert.equal((await runValidate([jsonld], {})).exitCode, 0);
    const nt = join(dir, 'bad.nt');
    writeFileSync(nt, '<http://localhost:8080/id/release/2025-01-01-x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/osce-kg/ontology#PressRelease> .\n');
    const run = await runValidate([nt], {});
    assert.equal(run.exitCode, 1);
    assert.match(run.output, /VIOLATION schema:headline: A press release needs exactly one non-empty headline/);
    await assert.rejects(runValidate([join(dir, 'x.csv')], {}), /unknown RDF file extension/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('osce-kg validate exits 1 and names the problem for a broken file', () => {
  const cli = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
  const result = spawnSync(process.execPath, [cli, 'validate', broken('unknown-field-of-work')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /VIOLATION schema:about: Every field of work \(schema:about\) of a press release must be one of the OSCE fields of work/);
  assert.match(result.stdout, /^FAILED: \d+ violations? in \d+ quads\.$/m);
});
