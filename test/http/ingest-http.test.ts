/**
 * POST /ingest over an in-memory store seeded with the reference data and guarded by the SHACL gate.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Iris } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createShaclGate } from '../../src/validation/index.js';
import { AUTH, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const BASE = 'http://localhost:8080/';
const SEED = readFileSync(join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'));
const HTML = readFileSync(join(PATHS.fixtures, 'pages', 'osce-page.html'));
/** The seed page without a source URL: its key ends in the hash of its content (docs/decisions/0001). */
const KEY = '2009-10-28-osce-holds-expert-meeting-on-building-trust-5abe5c49';
const RELEASE = `${BASE}id/release/${KEY}`;

let t: TestApp;
before(async () => {
  t = await makeApp({}, [...loadReferenceQuads(BASE)], createShaclGate(new Iris(BASE)));
});
after(async () => t.close());

const post = (body: Uint8Array | string, type = 'text/plain', headers: Record<string, string> = AUTH, path = '/ingest') =>
  t.request(path, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });

async function graphSize(key: string): Promise<number> {
  const rows = await t.ctx.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${BASE}graph/release/${key}> { ?s ?p ?o } }`);
  return Number(rows[0]?.n?.value ?? -1);
}

test('returns 401 without a token and stores nothing', async () => {
  const before = await t.ctx.store.size();
  const res = await post(SEED, 'text/plain', {});
  assert.equal(res.status, 401);
  assert.equal((await errorOf(res)).code, 'UNAUTHORIZED');
  assert.equal(await t.ctx.store.size(), before);
});

test('returns 415 for a body that is not text/plain or text/html', async () => {
  const res = await post('{"title": "x"}', 'application/json');
  assert.equal(res.status, 415);
  assert.equal((await errorOf(res)).code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('returns 201 with Location and the IRIs for a new release', async () => {
  const res = await post(SEED);
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('location'), RELEASE);
  assert.deepEqual(await res.json(), { iri: RELEASE, graph: `${BASE}graph/release/${KEY}`, created: true, status: 'created' });
  const rows = await t.ctx.store.select(
    `PREFIX schema: <http://schema.org/> SELECT ?h ?d WHERE { <${RELEASE}> schema:headline ?h ; schema:datePublished ?d }`,
  );
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.h?.value, 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities');
  assert.equal(rows[0]?.d?.value, '2009-10-28');
});

type Feed = { totalItems: number };

test('the same page again, unchanged, answers 200 "unchanged" and writes nothing: no new version, no /changes entry', async () => {
  const size = await graphSize(KEY);
  const version = await t.ctx.store.version();
  const feed = await t.request('/changes');
  assert.equal(feed.status, 200);
  const items = ((await feed.json()) as Feed).totalItems;
  const res = await post(SEED);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('location'), null);
  assert.deepEqual(await res.json(), { iri: RELEASE, graph: `${BASE}graph/release/${KEY}`, created: false, status: 'unchanged' });
  assert.equal(await t.ctx.store.version(), version);
  assert.equal(((await (await t.request('/changes')).json()) as Feed).totalItems, items);
  assert.equal(await graphSize(KEY), size);
  const n = await t.ctx.store.select(`SELECT (COUNT(*) AS ?n) WHERE { <${RELEASE}> <http://www.w3.org/ns/prov#generatedAtTime> ?t }`);
  assert.equal(n[0]?.n?.value, '1');
});

test('a changed page with the same date and title and no source URL is a release of its own (201), never an overwrite', async () => {
  const changed = String(SEED).replace('started today in Vienna.', 'started today in Vienna, Austria.');
  const res = await post(changed);
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  assert.match(iri, /\/id\/release\/2009-10-28-osce-holds-expert-meeting-on-building-trust-[0-9a-f]{8}$/);
  assert.notEqual(iri, RELEASE);
  const bodies = await t.ctx.store.select(`SELECT ?r ?b WHERE { ?r <http://schema.org/articleBody> ?b FILTER(?r IN (<${RELEASE}>, <${iri}>)) }`);
  assert.equal(bodies.length, 2);
  assert.match(bodies.find((r) => r.r?.value === iri)?.b?.value ?? '', /started today in Vienna, Austria\./);
  assert.doesNotMatch(bodies.find((r) => r.r?.value === RELEASE)?.b?.value ?? '', /Austria/);
  const sources = await t.ctx.store.select(`SELECT ?s WHERE { <${iri}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?s }`);
  assert.equal(sources.length, 1);
});

test('accepts an osce.org HTML page', async () => {
  const res = await post(HTML, 'text/html; charset=utf-8');
  assert.equal(res.status, 201);
  const body = (await res.json()) as { iri: string };
  assert.match(body.iri, /^http:\/\/localhost:8080\/id\/release\/2010-06-09-osce-odihr-launch-handbook-on-election-[0-9a-f]{8}$/);
});

test('records ?source= as the original page', async () => {
  const page = String(SEED).replace('OSCE holds expert meeting', 'OSCE holds an expert meeting');
  const res = await post(page, 'text/plain', AUTH, '/ingest?source=https://www.osce.org/odihr/49932');
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  const rows = await t.ctx.store.select(`SELECT ?p WHERE { <${iri}> <https://w3id.org/osce-kg/ontology#originalPage> ?p }`);
  assert.equal(rows[0]?.p?.value, 'https://www.osce.org/odihr/49932');
});

test('returns 400 for a source parameter that is not an http(s) URL', async () => {
  const res = await post(SEED, 'text/plain', AUTH, '/ingest?source=javascript:alert(1)');
  assert.equal(res.status, 400);
  assert.equal((await errorOf(res)).code, 'INVALID_SOURCE');
});

test('returns 422 naming an impossible date and its line, and nothing changes', async () => {
  const before = await t.ctx.store.size();
  const page = String(SEED).replace('- Date:\n', '- Date:\n- 30 February 2010\n');
  const line = page.split('\n').indexOf('- 30 February 2010') + 1;
  const res = await post(page);
  assert.equal(res.status, 422);
  const error = await errorOf(res);
  assert.equal(error.code, 'INVALID_DATE');
  assert.equal(error.message, `The date "30 February 2010" (line ${line}) is not a valid calendar date.`);
  assert.deepEqual((error.detail as { problems: { code: string; line: number }[] }).problems.map((p) => [p.code, p.line]), [['INVALID_DATE', line]]);
  assert.equal(await t.ctx.store.size(), before);
});

test('stores a page with an unknown source without it, and names the source and its line in notes', async () => {
  const page = String(SEED).replace('- OSCE Secretariat, ', '- OSCE Ministry of Magic, ');
  const line = page.split('\n').findIndex((l) => l.includes('OSCE Ministry of Magic')) + 1;
  const res = await post(page);
  assert.ok(res.status === 201 || res.status === 200, String(res.status));
  const body = (await res.json()) as { notes?: { code: string; value: string; line: number }[] };
  assert.deepEqual(body.notes?.map((n) => [n.code, n.value, n.line]), [['UNKNOWN_SOURCE', 'OSCE Ministry of Magic', line]]);
});

test('returns 413 for a body over the limit', async () => {
  const small = await makeApp({ maxRequestBytes: 1000 }, []);
  try {
    const res = await small.request('/ingest', { method: 'POST', headers: { 'Content-Type': 'text/plain', ...AUTH }, body: String(SEED) });
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'PAYLOAD_TOO_LARGE');
  } finally {
    await small.close();
  }
});

test('returns 422 with the SHACL report when the store does not know the structures', async () => {
  const bare = await makeApp({}, [], createShaclGate(new Iris(BASE)));
  try {
    const res = await bare.request('/ingest', { method: 'POST', headers: { 'Content-Type': 'text/plain', ...AUTH }, body: String(SEED) });
    assert.equal(res.status, 422);
    const error = await errorOf(res);
    assert.equal(error.code, 'SHACL_VIOLATION');
    const detail = error.detail as { conforms: boolean; results: { path: string; focusNode: string }[] };
    assert.equal(detail.conforms, false);
    assert.ok(detail.results.some((r) => r.focusNode === RELEASE));
    assert.equal(await bare.ctx.store.size(), 0);
  } finally {
    await bare.close();
  }
});

test('decodes a page declared as ISO-8859-1', async () => {
  const page = String(SEED).replace('OSCE holds expert meeting', 'OSCE holds expert meeting in Zürich');
  const res = await post(Buffer.from(page, 'latin1'), 'text/plain; charset=ISO-8859-1');
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  const rows = await t.ctx.store.select(`SELECT ?h WHERE { <${iri}> <http://schema.org/headline> ?h }`);
  assert.match(rows[0]?.h?.value ?? '', /meeting in Zürich on building/);
});

test('returns 415 for an unknown charset', async () => {
  const res = await post(SEED, 'text/plain; charset=x-klingon');
  assert.equal(res.status, 415);
});

test('reads a text/html fragment as HTML even without a doctype', async () => {
  const fragment = '<p class="t">Press release</p><h2>ODIHR <em>trains</em> observers</h2><p>Date: 4 March 2012</p><p>Source: ODIHR</p>'
    + '<p>Fields of work:</p><ul><li>Elections</li></ul><p>WARSAW, 4 March 2012 - ODIHR trained <b>observers</b> today.</p>';
  const res = await post(fragment, 'text/html');
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  assert.match(iri, /^http:\/\/localhost:8080\/id\/release\/2012-03-04-odihr-trains-observers-[0-9a-f]{8}$/);
  const rows = await t.ctx.store.select(`SELECT ?b WHERE { <${iri}> <http://schema.org/articleBody> ?b }`);
  assert.equal(rows[0]?.b?.value, 'WARSAW, 4 March 2012 - ODIHR trained observers today.');
});

test('returns 422 EMPTY_PAGE for an empty body', async () => {
  const res = await post('', 'text/plain');
  assert.equal(res.status, 422);
  assert.equal((await errorOf(res)).code, 'EMPTY_PAGE');
});

/** A page in ISO-8859-1 whose title has an accented letter (invented). */
const latinPage = (html: boolean, meta = '') => Buffer.from(html
  ? `<!DOCTYPE html><html><head>${meta}<title>x</title></head><body><article><p>Press release</p><h1>OSCE supports a réforme of the police in Ohrid</h1>`
    + '<p>OHRID, 5 June 2023 - The OSCE today supported a réforme of the police in Ohrid, with experts from the region.</p></article></body></html>'
  : 'Press release\nOSCE supports a réforme of the police in Ohrid\nOHRID, 5 June 2023 - The OSCE today supported a réforme of the police in Ohrid, with experts from the region.\n', 'latin1');

test('decodes an HTML page by its <meta charset> when the Content-Type names none', async () => {
  const res = await post(latinPage(true, '<meta charset="iso-8859-1">'), 'text/html');
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  const rows = await t.ctx.store.select(`SELECT ?h WHERE { <${iri}> <http://schema.org/headline> ?h }`);
  assert.equal(rows[0]?.h?.value, 'OSCE supports a réforme of the police in Ohrid');
});

test('returns 422 INVALID_ENCODING with the line for a page that is not UTF-8 and declares no charset, and stores nothing', async () => {
  const before = await t.ctx.store.size();
  for (const [body, type, line] of [[latinPage(false), 'text/plain', 2], [latinPage(true), 'text/html', 1], [latinPage(false), 'text/plain; charset=utf-8', 2]] as const) {
    const res = await post(body, type);
    assert.equal(res.status, 422, type);
    const error = await errorOf(res);
    assert.equal(error.code, 'INVALID_ENCODING');
    const { line: at, byte } = error.detail as { line: number; byte: number };
    assert.equal(at, line);
    assert.equal(body[byte], 0xe9, 'the byte named is the first é');
    assert.match(error.message, new RegExp(`^The page is not UTF-8 \\(line ${line}, byte ${byte}\\)`));
  }
  assert.equal(await t.ctx.store.size(), before);
});

test('a page declared windows-1252 keeps its dash and quotation marks (its dateline and quotation are read)', async () => {
  const page = Buffer.concat([Buffer.from('Press release\nOSCE opens a training centre for border guards in Dushanbe\nDUSHANBE, 7 June 2023 ', 'latin1'),
    Buffer.from([0x96]), Buffer.from(' The OSCE today opened a training centre for border guards in Dushanbe.\n', 'latin1'),
    Buffer.from([0x93]), Buffer.from('Borders connect us,', 'latin1'), Buffer.from([0x94]), Buffer.from(' said the Head of the Programme Office.\n', 'latin1')]);
  const res = await post(page, 'text/plain; charset=windows-1252');
  assert.equal(res.status, 201);
  const { iri } = (await res.json()) as { iri: string };
  const rows = await t.ctx.store.select(`SELECT ?b WHERE { <${iri}> <http://schema.org/articleBody> ?b }`);
  assert.match(rows[0]?.b?.value ?? '', /\u201cBorders connect us,\u201d said/);
});
