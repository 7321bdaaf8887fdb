/**
 * Release identity over HTTP, through the real listener (docs/decisions/0001-release-identity.md): the same page again
 * is 200 in place, a different page with the same title and date is a second release (201), a page that would
 * replace a different release is 409 naming both (unless replace=true), a bad page 422; IRIs issued before a key
 * change (and the seed release's IRI from before the rule) answer 301.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { builtinQuads } from '../../src/builtin.js';
import { Iris, NS } from '../../src/model/ns.js';
import { createShaclGate } from '../../src/validation/index.js';
import { AUTH, makeApp, type TestApp } from '../support/http-support.js';

const BASE = 'http://localhost:8080/';
const RELEASE = `${BASE}id/release/`;
const URL_A = 'https://www.osce.org/secretariat/900101';

let server: TestApp;

// the app over the built-in data with the SHACL gate, as `serve` starts (its dumps, change feed and statistics, which
// follow each write in the background, are other files' subject)
before(async () => (server = await makeApp({ base: BASE }, builtinQuads(BASE), createShaclGate(new Iris(BASE)))));
after(() => server.close());

/** An invented page in the text-export layout, with optional site menu lines above it. */
function page(title: string, body: string, menu: string[] = []): string {
  return [...menu, 'Press release', title, '- Date:', '- 3 May 2011', '- Source:', '- OSCE Secretariat', '- Fields of work:', '- Policing',
    `VIENNA, 3 May 2011 - ${body}`, 'The OSCE will continue to support the work of police services in the region.'].join('\n');
}

const TITLE = 'OSCE trains police officers in community policing';
const BODY_A = 'Twenty police officers completed an OSCE course on community policing today.';
const BODY_B = 'An OSCE-supported conference on police reform opened today in Vienna.';

interface Answer {
  status: number;
  location: string | null;
  body: { iri?: string; graph?: string; created?: boolean; formerIri?: string; error?: { code: string; message: string; detail?: unknown } };
}

async function ingest(text: string, query = '', headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.url}/ingest${query}`, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8', ...AUTH, ...headers }, body: text });
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as Answer['body'] };
}

const ask = async (query: string) => server.ctx.store.select(`PREFIX schema: <${NS.schema}> PREFIX osce: <${NS.osce}> PREFIX prov: <${NS.prov}> ${query}`);
const hex8 = (identity: string) => createHash('sha256').update(identity).digest('hex').slice(0, 8);
const releaseGraphs = async () => (await server.ctx.store.graphs()).filter((g) => g.startsWith(`${BASE}graph/release/`)).sort();

let a = '';
test('201: a new page from a source URL gets a readable key ending in the hash of the normalized URL', async () => {
  const res = await ingest(page(TITLE, BODY_A), `?source=${encodeURIComponent(URL_A)}`);
  assert.equal(res.status, 201);
  a = `${RELEASE}2011-05-03-osce-trains-police-officers-in-community-${hex8(URL_A)}`;
  assert.deepEqual(res.body, { iri: a, graph: a.replace('/id/release/', '/graph/release/'), created: true, status: 'created' });
  assert.equal(res.location, a);
  const rows = await ask(`SELECT ?page ?digest WHERE { <${a}> osce:originalPage ?page ; osce:contentDigest ?digest }`);
  assert.equal(rows[0]?.page?.value, URL_A);
  assert.match(rows[0]?.digest?.value ?? '', /^[0-9a-f]{64}$/);
});

test('200: the same page again, its URL written otherwise and other menus around it, replaces its release in place', async () => {
  const before = await releaseGraphs();
  const url = 'HTTPS://WWW.OSCE.ORG:443/secretariat/900101/?utm_source=newsletter&fbclid=x1#top';
  const res = await ingest(page(TITLE, BODY_A.replace(/ /g, '  '), ['-', 'Newsroom', '- Press releases', '- Photos']), `?source=${encodeURIComponent(url)}`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { iri: a, graph: a.replace('/id/release/', '/graph/release/'), created: false, status: 'updated' });
  assert.equal(res.location, null);
  assert.deepEqual(await releaseGraphs(), before);
  assert.equal((await ask(`SELECT ?t WHERE { <${a}> prov:generatedAtTime ?t }`)).length, 1);
});

test('200: the same URL with a corrected body replaces the release in place (the URL is the identity)', async () => {
  const res = await ingest(page(TITLE, `${BODY_A} They came from five municipalities.`), '', { 'Content-Location': URL_A });
  assert.equal(res.status, 200);
  assert.equal(res.body.iri, a);
  const body = await ask(`SELECT ?b WHERE { <${a}> schema:articleBody ?b }`);
  assert.equal(body.length, 1);
  assert.match(body[0]?.b?.value ?? '', /five municipalities/);
});

let b = '';
test('201: a different page with the same title and date becomes a second release', async () => {
  const fromUrl = await ingest(page(TITLE, BODY_B), `?source=${encodeURIComponent('https://www.osce.org/secretariat/900102')}`);
  assert.equal(fromUrl.status, 201);
  b = fromUrl.body.iri ?? '';
  assert.notEqual(b, a);
  assert.match(b, /\/id\/release\/2011-05-03-osce-trains-police-officers-in-community-[0-9a-f]{8}$/);
  // without a URL, the content is the identity: a third page with that title and date is a third release
  const noUrl = await ingest(page(TITLE, 'Police officers from three regions met OSCE trainers today.'));
  assert.equal(noUrl.status, 201);
  assert.ok(![a, b].includes(noUrl.body.iri ?? ''));
  const headlines = await ask(`SELECT ?r WHERE { ?r schema:headline ${JSON.stringify(TITLE)}@en ; schema:datePublished "2011-05-03"^^<${NS.xsd}date> }`);
  assert.equal(headlines.length, 3);
});

test('200: a page without a URL is the same release as a stored page with the same normalized content', async () => {
  const text = page('OSCE supports border guards in Central Asia', '“Border co-operation matters,” said the course leader – and 30 officers agreed.');
  const first = await ingest(text);
  assert.equal(first.status, 201);
  const again = await ingest(`\n-\nMenu\n- Home\n${text.replace('“', '"').replace('”', '"').replace(' – ', ' — ')}\n`);
  assert.equal(again.status, 200);
  assert.equal(again.body.iri, first.body.iri);
});

test('409: the same text from another address would replace a different release; the error names both and nothing changes', async () => {
  const size = await server.ctx.store.size();
  const mirror = 'https://mirror.example.org/osce/trains-police';
  const res = await ingest(page(TITLE, BODY_B), `?source=${encodeURIComponent(mirror)}`);
  assert.equal(res.status, 409);
  assert.equal(res.body.error?.code, 'RELEASE_CONFLICT');
  const incoming = `${RELEASE}2011-05-03-osce-trains-police-officers-in-community-${hex8(mirror)}`;
  assert.ok(res.body.error?.message.includes(b), res.body.error?.message);
  assert.ok(res.body.error?.message.includes(incoming), res.body.error?.message);
  assert.deepEqual(res.body.error?.detail, {
    existing: { iri: b, source: 'https://www.osce.org/secretariat/900102' },
    incoming: { iri: incoming, source: mirror },
  });
  assert.equal(await server.ctx.store.size(), size);
});

test('replace=true lets the conflicting page replace it: the key follows the new URL and the former IRI answers 301', async () => {
  const mirror = 'https://mirror.example.org/osce/trains-police';
  const res = await ingest(page(TITLE, BODY_B), `?source=${encodeURIComponent(mirror)}&replace=true`);
  assert.equal(res.status, 200);
  const moved = `${RELEASE}2011-05-03-osce-trains-police-officers-in-community-${hex8(mirror)}`;
  assert.deepEqual(res.body, { iri: moved, graph: moved.replace('/id/release/', '/graph/release/'), created: false, status: 'updated', formerIri: b });
  assert.equal(await server.ctx.store.hasGraph({ iri: b.replace('/id/release/', '/graph/release/') }), false);
  const id = await fetch(`${server.url}/id/release/${b.slice(RELEASE.length)}`, { redirect: 'manual' });
  assert.equal(id.status, 301);
  assert.equal(id.headers.get('location'), `/id/release/${moved.slice(RELEASE.length)}`);
  const doc = await fetch(`${server.url}/doc/release/${b.slice(RELEASE.length)}.ttl`, { redirect: 'manual' });
  assert.equal(doc.status, 301);
  assert.equal(doc.headers.get('location'), `/doc/release/${moved.slice(RELEASE.length)}.ttl`);
  const followed = await fetch(`${server.url}/doc/release/${b.slice(RELEASE.length)}.ttl`);
  assert.equal(followed.status, 200);
  assert.match(await followed.text(), /OSCE-supported conference on police reform/);
});

test('a corrected title at the same URL moves the key; the former IRI and its quotations answer 301', async () => {
  const quoted = `${BODY_A} "We will train more officers next year," said Jan Novak, Head of the Strategic Police Matters Unit.`;
  const first = await ingest(page(TITLE, quoted), `?source=${encodeURIComponent(URL_A)}`);
  assert.equal(first.status, 200);
  const corrected = 'OSCE trains 20 police officers in community policing';
  const res = await ingest(page(corrected, quoted), `?source=${encodeURIComponent(URL_A)}`);
  assert.equal(res.status, 200);
  assert.equal(res.body.formerIri, a);
  const now = res.body.iri ?? '';
  assert.equal(now, `${RELEASE}2011-05-03-osce-trains-20-police-officers-in-community-${hex8(URL_A)}`);
  const quotation = await fetch(`${server.url}/id/quotation/${a.slice(RELEASE.length)}-1`, { redirect: 'manual' });
  assert.equal(quotation.status, 301);
  assert.equal(quotation.headers.get('location'), `/id/quotation/${now.slice(RELEASE.length)}-1`);
  const alias = await ask(`SELECT ?former WHERE { GRAPH <${BASE}graph/aliases> { <${now}> <${NS.owl}sameAs> ?former } }`);
  assert.deepEqual(alias.map((r) => r.former?.value), [a]);
});

test('the seed release IRI issued before the identity rule answers 301 to its current IRI', async () => {
  const former = '2009-10-28-osce-holds-expert-meeting-on-building-trust-between-d21c9cff';
  const res = await fetch(`${server.url}/id/release/${former}`, { redirect: 'manual' });
  assert.equal(res.status, 301);
  const location = res.headers.get('location') ?? '';
  assert.match(location, /^\/id\/release\/2009-10-28-osce-holds-expert-meeting-on-building-trust-[0-9a-f]{8}$/);
  const doc = await fetch(`${server.url}${location.replace('/id/', '/doc/')}.ttl`);
  assert.equal(doc.status, 200);
  assert.match(await doc.text(), /Roma and Sinti communities/);
  const current = await fetch(`${server.url}${location}`, { redirect: 'manual' });
  assert.equal(current.status, 303);
});

test('422: a page that cannot be a release is refused with the problem named, and nothing changes', async () => {
  const size = await server.ctx.store.size();
  const res = await ingest(page(TITLE, BODY_A).replace('- 3 May 2011', '- 31 February 2011'), `?source=${encodeURIComponent('https://www.osce.org/secretariat/900199')}`);
  assert.equal(res.status, 422);
  assert.equal(res.body.error?.code, 'INVALID_DATE');
  assert.match(res.body.error?.message ?? '', /31 February 2011/);
  assert.equal(await server.ctx.store.size(), size);
});

test('400: a source parameter and a Content-Location that name different pages, or a replace that is not a boolean', async () => {
  const mismatch = await ingest(page(TITLE, BODY_A), `?source=${encodeURIComponent(URL_A)}`, { 'Content-Location': 'https://www.osce.org/other/1' });
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.body.error?.code, 'INVALID_SOURCE');
  const replace = await ingest(page(TITLE, BODY_A), '?replace=maybe');
  assert.equal(replace.status, 400);
  assert.equal(replace.body.error?.code, 'INVALID_PARAMETER');
});
