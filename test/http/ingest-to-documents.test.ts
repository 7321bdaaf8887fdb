/** End to end: a press-release page goes through POST /ingest and comes out as safe, consistent linked data. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { loadConfig } from '../../src/config.js';
import { Iris } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { LinkedDataServices } from '../../src/linked-data/services.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { BASE, parseAs } from '../support/linked-data-fixture.js';
import { serveDuringTests } from '../support/listener.js';
import { waitUntil } from '../support/wait.js';

const SEED = join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt');
const HOSTILE = '</script><img src=x onerror=alert(1)> "Quoted" 1 < 2 & \'so\' headline';
const dir = mkdtempSync(join(tmpdir(), 'osce-kg-publish-ingest-'));
const iris = new Iris(BASE);
const store = createMemoryStore([...loadReferenceQuads(BASE)], { workers: 0 });
const services = new LinkedDataServices(store, iris, { dir, dumpDebounceMs: 10 });
const server = serveDuringTests(async () => {
  await store.open();
  await services.start();
  return { config: loadConfig({ base: BASE }, { OSCE_KG_TOKEN: 'secret' }), iris, store, linkedData: services };
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(text: string): Promise<string> {
  const res = await server.request('/ingest', {
    method: 'POST', body: text, headers: { 'content-type': 'text/plain; charset=utf-8', authorization: 'Bearer secret' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { iri: string }).iri;
}

test('an ingested page with a hostile headline is inert in its HTML page and consistent across formats', async () => {
  const page = readFileSync(SEED, 'utf8').replace('OSCE holds expert meeting on building trust between police and Roma and Sinti communities', HOSTILE);
  const iri = await ingest(page);
  const path = new URL(iri).pathname.replace(/^\/id\//, '/doc/');
  const res = await server.request(`${path}`, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200);
  const html = await res.text();
  const all = DomUtils.findAll(() => true, parseDocument(html).children);
  assert.deepEqual(all.filter((e) => e.name === 'img' || (e.name === 'script' && e.attribs.type !== 'application/ld+json')).map((e) => e.name), []);
  const view = JSON.parse(DomUtils.textContent(all.find((e) => e.name === 'script')!)) as Record<string, unknown>;
  assert.equal(view['@id'], iri);
  const turtle = await parseAs(await (await server.request(`${path}.ttl`)).text(), 'text/turtle');
  // ingest may clean markup out of the headline; whatever it stored must reach the page unchanged and inert
  const stored = turtle.find((q) => q.subject.value === iri && q.predicate.value === 'http://schema.org/headline')?.object.value ?? '';
  assert.match(stored, /"Quoted" 1 < 2 & 'so' headline/);
  assert.equal(view.headline, stored);
  assert.equal(DomUtils.textContent(all.find((e) => e.name === 'h1')!), stored);
  const jsonld = await parseAs(await (await server.request(`${path}.jsonld`)).text(), 'application/ld+json');
  assert.equal(jsonld.length, turtle.length);
});

test('the ingested release appears as a Create in the change feed and in the regenerated dumps', async () => {
  const iri = await ingest(readFileSync(SEED, 'utf8'));
  await waitUntil(() => services.feed.activities().some((a) => a.entity === iri), 'the release in the change feed');
  const activity = services.feed.activities().find((a) => a.entity === iri);
  assert.equal(activity?.type, 'Create');
  const version = await store.version();
  await waitUntil(() => services.dumps.files()[0]?.version === version, 'the dumps of the new version');
  assert.equal(services.dumps.files()[0]?.version, version);
  const sitemap = await (await server.request('/sitemap.xml')).text();
  assert.ok(sitemap.includes(`<loc>${iri.replace('/id/', '/doc/')}</loc>`));
});

test('a person quoted by two ingested releases has one document with her description and both releases', async () => {
  const seed = readFileSync(SEED, 'utf8');
  const title = 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities';
  const first = await ingest(seed.replace(title, 'Police and Roma experts meet in Vienna'));
  const second = await ingest(seed.replace(title, 'Police and Roma experts meet again in Vienna'));
  const res = await server.request('/doc/person/andrzej-mirga.ttl');
  assert.equal(res.status, 200);
  const quads = await parseAs(await res.text(), 'text/turtle');
  const person = `${BASE}id/person/andrzej-mirga`;
  const own = quads.filter((q) => q.subject.value === person).map((q) => `${q.predicate.value} ${q.object.value}`).sort();
  assert.deepEqual(own, [
    'http://schema.org/name Andrzej Mirga',
    'http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/Person',
    'http://www.w3.org/2000/01/rdf-schema#label Andrzej Mirga',
  ]);
  const mentioning = quads.filter((q) => q.object.value === person && q.predicate.value === 'http://schema.org/mentions').map((q) => q.subject.value);
  for (const release of [first, second]) assert.ok(mentioning.includes(release), `${release} is among the releases quoting her`);
  const quoted = quads.filter((q) => q.object.value === person && q.predicate.value === 'http://schema.org/spokenByCharacter');
  assert.ok(quoted.length >= 4, 'her quotations of both releases');
});
