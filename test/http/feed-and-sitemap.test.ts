import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser, Store } from 'n3';
import { LinkedDataServices } from '../../src/linked-data/services.js';
import type { KgStore } from '../../src/store/types.js';
import { BASE, fixtureQuads, fixtureStore, makeContext } from '../support/linked-data-fixture.js';
import { adoptSharedDumps } from '../support/shared-dumps.js';
import { serveContext, type Served } from '../support/listener.js';
import { waitUntil } from '../support/wait.js';

const { namedNode, literal, quad } = DataFactory;
const VOID = 'http://rdfs.org/ns/void#';
const DS = `${BASE}catalog#dataset`;
let store: KgStore;
let dir: string;
let services: LinkedDataServices;
let server: Served | undefined;
const get = (path: string, headers: Record<string, string> = {}) => server!.request(path, { headers });
type Page = { id: string; type: string; prev?: { id: string }; next?: { id: string }; orderedItems: Array<{ type: string; object: { id: string; type: string; canonical: string }; endTime: string }> };

/** (Re)starts the publishing services and the app over them, as a restart of the service does. */
async function startServices(): Promise<void> {
  await server?.close();
  // the dumps are not this file's subject: regenerated at a start over changed data, not after each write (a
  // generation of the four formats costs ~1 s of CPU)
  services = new LinkedDataServices(store, makeContext(store).iris, { dir, feedPageSize: 100, sitemapUrls: 200, dumpDebounceMs: 600_000 });
  server = await serveContext({ ...makeContext(store), linkedData: services });
  return services.start();
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-'));
  store = await fixtureStore();
  adoptSharedDumps(dir, fixtureQuads()); // the run's dumps of the fixture, when another file generated them
  await startServices();
});
after(async () => {
  await server?.close();
  await services.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allItems(): Promise<Page['orderedItems']> {
  const collection = (await (await get('/changes')).json()) as { totalItems: number; first: { id: string }; last: { id: string } };
  const items: Page['orderedItems'] = [];
  let next: string | undefined = collection.first.id;
  for (let i = 0; next && i < 100; i++) {
    const page = (await (await get(new URL(next).pathname)).json()) as Page;
    items.push(...page.orderedItems);
    next = page.next?.id;
  }
  assert.equal(items.length, collection.totalItems);
  return items;
}

test('the change feed starts with one Create per entity, paged oldest first', async () => {
  const res = await get('/changes');
  assert.equal(res.headers.get('content-type'), 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"');
  const collection = (await res.json()) as { type: string; totalItems: number; first: { id: string }; last: { id: string } };
  assert.equal(collection.type, 'OrderedCollection');
  assert.equal(collection.first.id, `${BASE}changes/page/0`);
  const last = (await (await get(new URL(collection.last.id).pathname)).json()) as Page;
  assert.equal(last.next, undefined);
  assert.ok(last.prev);
  const items = await allItems();
  assert.ok(items.every((a) => a.type === 'Create'));
  assert.ok(items.every((a) => !a.object.id.includes('#')), 'hash IRIs belong to their entity\'s document');
  assert.ok(items.some((a) => a.object.id === `${BASE}doc/country/al` && a.object.canonical === `${BASE}id/country/al`));
  assert.equal((await get('/changes/page/999')).status, 404);
});

test('writes become Create, Update and Delete activities that survive a restart', async () => {
  const before = (await allItems()).length;
  const town = namedNode(`${BASE}id/place/feedtown`);
  const label = namedNode('http://www.w3.org/2000/01/rdf-schema#label');
  await store.write({ type: 'patch', delta: { added: [quad(town, label, literal('Feedtown', 'en'))], removed: [] } });
  await store.write({ type: 'patch', delta: { added: [quad(town, label, literal('Feedtown', 'de'))], removed: [] } });
  await store.write({ type: 'patch', delta: { removed: [quad(town, label, literal('Feedtown', 'en')), quad(town, label, literal('Feedtown', 'de'))], added: [] } });
  await waitUntil(() => services.feed.activities().length >= before + 3, 'three activities');
  const tail = (await allItems()).slice(before);
  assert.deepEqual(tail.map((a) => `${a.type} ${a.object.id}`), ['Create', 'Update', 'Delete'].map((t) => `${t} ${BASE}doc/place/feedtown`));
  assert.ok(tail[0] && tail[2] && tail[0].endTime <= tail[2].endTime);
  const period = namedNode(`${BASE}id/membership/al-participating#period`);
  await store.write({ type: 'patch', delta: { added: [quad(period, label, literal('Period', 'en'))], removed: [] } });
  await waitUntil(() => services.feed.activities().length >= before + 4, 'a fourth activity');
  assert.deepEqual((await allItems()).slice(before + 3).map((a) => `${a.type} ${a.object.id}`), [`Update ${BASE}doc/membership/al-participating`]);
  await services.stop();
  await startServices();
  assert.equal((await allItems()).length, before + 4);
});

test('entity counts come from the checkpoint at its version and are recounted at any other', async () => {
  await services.stop();
  const file = join(dir, 'entity-counts.json');
  const version = await store.version();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual([lines[0], lines.at(-1)], [{ version }, { lines: lines.length }]);
  const saved = { version, counts: lines.slice(1, -1).flatMap((l) => l.counts as [string, number][]) };
  assert.ok(saved.counts.some(([e, n]) => e === `${BASE}id/country/al` && n > 0));
  // a checkpoint that claims one triple for an entity with none: read, it turns the later Delete into an Update
  const ghost = namedNode(`${BASE}id/place/ghosttown`);
  const label = namedNode('http://www.w3.org/2000/01/rdf-schema#label');
  const run = async (version: number): Promise<string[]> => {
    writeFileSync(file, JSON.stringify({ version, counts: [...saved.counts, [ghost.value, 1]] }));
    await startServices();
    const before = services.feed.activities().length;
    const t = quad(ghost, label, literal('Ghost town', 'en'));
    await store.write({ type: 'patch', delta: { added: [t], removed: [] } });
    await store.write({ type: 'patch', delta: { added: [], removed: [t] } });
    await waitUntil(() => services.feed.activities().length >= before + 2, 'two activities');
    const types = services.feed.activities().slice(before).map((a) => a.type);
    await services.stop();
    return types;
  };
  assert.deepEqual(await run(await store.version()), ['Create', 'Update']);
  // at another version the counts are taken from the store (the ghost town is known to the feed by now)
  assert.deepEqual(await run(0), ['Update', 'Delete']);
  await startServices();
});

test('the sitemap lists entity documents and becomes an index above the per-file limit', async () => {
  const res = await get('/sitemap.xml');
  assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
  const index = await res.text();
  const parts = [...index.matchAll(/<sitemap><loc>([^<]+)<\/loc><\/sitemap>/g)].map((m) => m[1] ?? '');
  assert.ok(index.startsWith('<?xml') && index.includes('<sitemapindex'));
  const entities = (await store.select(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "${BASE}id/") && !CONTAINS(STR(?s), "#")) }`))[0]?.n?.value;
  assert.equal(parts.length, Math.ceil(Number(entities) / 200));
  const first = await (await get(new URL(parts[0] ?? '').pathname)).text();
  const locs = [...first.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
  assert.equal(locs.length, 200);
  assert.ok(locs.every((l) => l.startsWith(`${BASE}doc/`)));
  assert.match(first, /<lastmod>\d{4}-\d\d-\d\dT/);
  assert.equal((await get(new URL(locs[0] ?? '').pathname, { accept: 'text/turtle' })).status, 200);
});

test('VoID describes the dataset with live statistics', async () => {
  const res = await get('/.well-known/void', { accept: 'text/turtle' });
  assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
  const g = new Store(new Parser({ format: 'Turtle' }).parse(await res.text()));
  const one = (p: string, s: string = DS) => g.getObjects(s, VOID + p, null)[0]?.value;
  assert.equal(one('sparqlEndpoint'), `${BASE}sparql`);
  assert.equal(one('uriSpace'), `${BASE}id/`);
  assert.equal(Number(one('triples')), await store.size().then(async () => Number((await store.select('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }'))[0]?.n?.value)));
  const countries = g.getObjects(DS, `${VOID}classPartition`, null).find((p) => g.getObjects(p, `${VOID}class`, null)[0]?.value === 'https://w3id.org/osce-kg/ontology#ParticipatingState');
  assert.ok(countries);
  assert.equal(one('entities', countries.value), '57');
  const sum = g.getObjects(DS, `${VOID}propertyPartition`, null).reduce((n, p) => n + Number(g.getObjects(p, `${VOID}triples`, null)[0]?.value), 0);
  assert.equal(sum, Number(one('triples')));
  assert.ok(g.getObjects(DS, `${VOID}exampleResource`, null).length >= 3);
  assert.ok(g.getObjects(DS, `${VOID}vocabulary`, null).some((v) => v.value === 'http://schema.org/'));
  assert.ok(one('entities') && Number(one('entities')) > 400);
});
