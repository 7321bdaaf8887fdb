/**
 * `osce-kg ingest`: files and folders into a store in a temporary --data-dir, updates in place on a second run,
 * rejections with reasons and exit code 1, --dry-run printing parseable Turtle, and --url / --replace (docs/decisions/0001).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import { runHarvestCommand } from '../../src/commands/harvest.js';
import { runIngest, summaryLine } from '../../src/commands/ingest.js';
import { NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';

const PAGES = join(PATHS.fixtures, 'pages');
const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'osce-kg-ingest-'));
}

const storeVersion = async (dataDir: string): Promise<number> => {
  const store = createEmbeddedStore({ dataDir, workers: 0 });
  await store.open();
  try {
    return await store.version();
  } finally {
    await store.close();
  }
};

test('ingests a folder, then leaves unchanged pages as they are on a second run (no new version), rejecting a bad page with its reason', async () => {
  const dir = tempDir();
  try {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'Press release\nA title\n- Date:\n- 31 February 2010\n- Source:\n- OSCE Secretariat\nVIENNA - Text.\n');
    const dataDir = join(dir, 'store');
    const first = await runIngest([join(PAGES, 'bilingual-place.txt'), join(PAGES, 'osce-page.html'), bad], { dataDir }, () => undefined);
    assert.equal(first.ingested.length, 2);
    assert.equal(first.updated.length, 0);
    assert.deepEqual(first.rejected.map((r) => [r.file, r.code]), [[bad, 'INVALID_DATE']]);
    const version = await storeVersion(dataDir);
    const second = await runIngest([join(PAGES, 'bilingual-place.txt'), join(PAGES, 'osce-page.html')], { dataDir }, () => undefined);
    assert.deepEqual(second.unchanged, first.ingested);
    assert.deepEqual([second.ingested, second.updated], [[], []]);
    assert.match(summaryLine(second, false), /^ingested 0, updated 0, unchanged 2, rejected 0$/m);
    assert.equal(await storeVersion(dataDir), version, 'nothing written: the dataset version stays');
    const store = createEmbeddedStore({ dataDir, workers: 0 });
    await store.open();
    try {
      const rows = await store.select(`SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <${NS.osce}PressRelease> }`);
      assert.equal(rows[0]?.n?.value, '3', 'the two pages and the built-in seed release');
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--dry-run prints TriG of the release and its entity graphs and stores nothing', () => {
  const dir = tempDir();
  try {
    const res = spawnSync(process.execPath, [CLI, 'ingest', '--dry-run', '--data-dir', join(dir, 'store'), join(PAGES, 'media-advisory-event.txt')], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const triples = new Parser().parse(res.stdout);
    const headline = triples.find((t) => t.predicate.value === `${NS.schema}headline`);
    assert.equal(headline?.object.value, 'High-level conference on cybersecurity to take place in Vienna');
    assert.match(headline?.graph.value ?? '', /\/graph\/release\/[0-9]{4}-[0-9]{2}-[0-9]{2}-high-level-conference/);
    const meeting = triples.find((t) => t.predicate.value === `${NS.rdf}type` && t.object.value === `${NS.osce}Meeting`);
    assert.equal(meeting?.graph.value, meeting?.subject.value.replace('/id/', '/graph/entity/'));
    assert.match(res.stderr, /^checked 1, updated 0, unchanged 0, rejected 0$/m);
    assert.equal(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.trim(), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exits 1 and names the problem and its line when a page is rejected', () => {
  const dir = tempDir();
  try {
    const bad = join(dir, 'bad-date.txt');
    writeFileSync(bad, 'Press release\nA title\n- Date:\n- 30 February 2010\n- Source:\n- OSCE Secretariat\nVIENNA - Text.\n');
    const res = spawnSync(process.execPath, [CLI, 'ingest', '--dry-run', bad], { encoding: 'utf8' });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /rejected .*bad-date\.txt: INVALID_DATE: The date "30 February 2010" \(line 4\) is not a valid calendar date\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stores a page with an unknown field of work without it, and names it with its line in the summary', async () => {
  // in this process: what the command prints on stderr is summaryLine (the --dry-run test checks that in a real process)
  const dir = tempDir();
  try {
    const page = join(dir, 'unknown-field.txt');
    writeFileSync(page, 'Press release\nA title\n- Date:\n- 3 May 2010\n- Source:\n- OSCE Secretariat\n- Fields of work:\n- Knitting\nVIENNA - Text.\n');
    const summary = await runIngest([page], { dryRun: true }, () => undefined);
    assert.deepEqual(summary.rejected, [], 'exit status 0');
    const printed = summaryLine(summary, true);
    assert.match(printed, /^checked 1, updated 0, unchanged 0, rejected 0$/m);
    assert.match(printed, /note .*unknown-field\.txt: UNKNOWN_FIELD_OF_WORK: Unknown field of work "Knitting" \(line 8\): not in the reference data, left out\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--url makes the address the identity: a corrected copy replaces its release; the same text from another --url is rejected unless --replace', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'store');
    const original = join(PAGES, 'bilingual-place.txt');
    const corrected = join(dir, 'corrected.txt');
    writeFileSync(corrected, `${readFileSync(original, 'utf8').trimEnd()}\nThe OSCE will report on the results in June.\n`);
    const url = 'https://www.osce.org/kosovo/900401';
    const first = await runIngest([original], { dataDir, url }, () => undefined);
    assert.equal(first.ingested.length, 1);
    const again = await runIngest([corrected], { dataDir, url: `${url}/?utm_source=mail` }, () => undefined);
    assert.deepEqual(again.updated, first.ingested, 'the same URL, normalized: the same release');
    const mirror = await runIngest([corrected], { dataDir, url: 'https://mirror.example.org/kosovo/1' }, () => undefined);
    assert.deepEqual(mirror.rejected.map((r) => r.code), ['RELEASE_CONFLICT']);
    assert.ok(mirror.rejected[0]?.message.includes(first.ingested[0] ?? '?'), mirror.rejected[0]?.message);
    const replaced = await runIngest([corrected], { dataDir, url: 'https://mirror.example.org/kosovo/1', replace: true }, () => undefined);
    assert.equal(replaced.updated.length, 1);
    assert.deepEqual(replaced.moved, [`${first.ingested[0]} -> ${replaced.updated[0]}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--url with several pages, or a --url that is not an http(s) address, is a usage error (exit 2)', async () => {
  const many = spawnSync(process.execPath, [CLI, 'ingest', '--dry-run', '--url', 'https://www.osce.org/x', PAGES], { encoding: 'utf8' });
  assert.equal(many.status, 2);
  assert.match(many.stderr, /--url names the address of one page, but \d+ page files were given/);
  // the same error path in this process (the command exits 2 on any error it throws, as above)
  await assert.rejects(runIngest([join(PAGES, 'bilingual-place.txt')], { dryRun: true, url: 'ftp://x' }, () => undefined), /--url must be an absolute http\(s\) URL/);
});

test('reads an HTML file by its <meta charset>, and rejects a text file that is not UTF-8 naming its line (never storing U+FFFD)', async () => {
  const dir = tempDir();
  try {
    const html = join(dir, 'latin.html');
    writeFileSync(html, Buffer.from('<!DOCTYPE html><html><head><meta charset="windows-1252"></head><body><article><p>Press release</p>'
      + '<h1>OSCE trains police officers in Liège</h1><p>VIENNA, 6 June 2023 - The OSCE today trained police officers from Liège in Vienna, with experts.</p></article></body></html>', 'latin1'));
    const text = join(dir, 'latin.txt');
    writeFileSync(text, Buffer.from('Press release\nOSCE meets students in Liège\nVIENNA, 7 June 2023 - The OSCE today met students from Liège in Vienna to talk about its work.\n', 'latin1'));
    let printed = '';
    const summary = await runIngest([html, text], { dryRun: true }, (t) => { printed += t; });
    assert.equal(summary.ingested.length, 1);
    assert.match(printed, /schema:headline "OSCE trains police officers in Liège"/);
    assert.deepEqual(summary.rejected.map((r) => [r.file, r.code]), [[text, 'INVALID_ENCODING']]);
    assert.match(summary.rejected[0]?.message ?? '', /^The page is not UTF-8 \(line 2, byte 39\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ingest and harvest refuse a data directory seeded with another base up front, naming its base (never 3 SHACL violations unexplained)', async () => {
  const dir = tempDir();
  try {
    const dataDir = join(dir, 'store');
    const page = join(PAGES, 'bilingual-place.txt');
    const first = await runIngest([page], { dataDir, base: 'http://localhost:3000/' }, () => undefined);
    assert.equal(first.ingested.length, 1);
    await assert.rejects(runIngest([page], { dataDir }, () => undefined), (e: Error) => {
      assert.equal(e.message, `ingest: ${dataDir} holds data made with the base http://localhost:3000/, not http://localhost:8080/: `
        + 'run with --base http://localhost:3000/ (or OSCE_KG_BASE), the base its server runs with.');
      return true;
    });
    // before any request: the address is one nothing listens on
    await assert.rejects(runHarvestCommand(['http://127.0.0.1:9/'], { dataDir, delayMs: '0' }, () => undefined),
      /^Error: harvest: .* holds data made with the base http:\/\/localhost:3000\/, not http:\/\/localhost:8080\//);
    const again = await runIngest([page], { dataDir, base: 'http://localhost:3000/' }, () => undefined);
    assert.deepEqual(again.unchanged, first.ingested);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
