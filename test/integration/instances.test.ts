import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/main.js';
import type { ChangeEvent } from '../../src/store/types.js';
import { subjectChanges } from '../../src/store/summary.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, type VirtuosoEndpoints } from './remote-store-server.js';
import { runLoad } from '../../src/commands/load.js';
import { ROOT } from '../../src/model/paths.js';

const { namedNode, literal, quad } = DataFactory;
const TOKEN = 'instance-test-token';
const EX = 'http://example.org/';
const BASE = 'http://localhost:8080/';
const SCHEMA = 'http://schema.org/';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

interface FeedPage { orderedItems: { type: string; object: { canonical: string }; endTime: string }[] }
interface Feed { totalItems: number; last: { id: string } }

/** The whole feed as served by one instance: the collection's body and ETag, and its last page. */
async function feedOf(server: RunningServer): Promise<{ body: string; etag: string | null; last: FeedPage }> {
  const res = await fetch(`${server.url}/changes`);
  assert.equal(res.status, 200);
  const body = await res.text();
  const lastPath = new URL((JSON.parse(body) as Feed).last.id).pathname;
  const page = await fetch(`${server.url}${lastPath}`);
  assert.equal(page.status, 200);
  return { body, etag: res.headers.get('etag'), last: (await page.json()) as FeedPage };
}

async function searchIris(server: RunningServer, q: string): Promise<string[]> {
  const res = await fetch(`${server.url}/search?format=json&q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { hits: { iri: string }[] }).hits.map((h) => h.iri);
}

function personTurtle(key: string, name: string): string {
  return `<${BASE}id/person/${key}> a <${SCHEMA}Person> ; <${SCHEMA}name> "${name}" ; <${RDFS}label> "${name}" .`;
}

function instanceConfig(v: VirtuosoEndpoints) {
  // each instance keeps its local files (generated dumps) apart; everything shared is in the store
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-instance-'));
  return loadConfig({ port: 0, store: 'sparql', storeQuery: v.query, storeUpdate: v.update, dataDir },
    { OSCE_KG_TOKEN: TOKEN, OSCE_KG_STORE_USER: v.user, OSCE_KG_STORE_PASSWORD: v.password });
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`nothing within ${ms} ms`);
}

describe('two instances on one Virtuoso behave as one service', { skip: skipWithoutVirtuoso() }, () => {
  let v: VirtuosoEndpoints | undefined;
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    v = await startVirtuoso();
    // both start on the empty store at once: one seed, one version-0 state
    [a, b] = await Promise.all([startServer(instanceConfig(v)), startServer(instanceConfig(v))]);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await stopVirtuoso(v);
  });

  const ask = (server: RunningServer, query: string) =>
    fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });

  test('instances started together seed once and share version and size', async () => {
    assert.equal(await a.store.version(), 0);
    assert.equal(await b.store.version(), 0);
    assert.equal(await a.store.size(), await b.store.size());
    assert.ok((await a.store.size()) > 1000);
  });

  test('a graph PUT through one instance is read through the other at once, and both ETags move together', async () => {
    const query = `ASK { GRAPH <${EX}graph/r1> { <${EX}s> <${EX}p> "written through A" } }`;
    const [a0, b0] = await Promise.all([ask(a, query), ask(b, query)]);
    assert.equal(a0.status, 200);
    assert.equal(((await b0.json()) as { boolean: boolean }).boolean, false);
    await a0.arrayBuffer();
    const etag0 = b0.headers.get('etag');
    assert.ok(etag0);
    assert.equal(a0.headers.get('etag'), etag0);

    const put = await fetch(`${a.url}/graph-store?graph=${encodeURIComponent(`${EX}graph/r1`)}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/turtle' },
      body: `<${EX}s> <${EX}p> "written through A" .`,
    });
    assert.equal(put.status, 201);

    const [a1, b1] = await Promise.all([ask(a, query), ask(b, query)]);
    assert.equal(((await b1.json()) as { boolean: boolean }).boolean, true);
    assert.equal(((await a1.json()) as { boolean: boolean }).boolean, true);
    assert.notEqual(b1.headers.get('etag'), etag0);
    assert.equal(a1.headers.get('etag'), b1.headers.get('etag'));
    assert.equal(await b.store.version(), await a.store.version());

    const got = await fetch(`${b.url}/graph-store?graph=${encodeURIComponent(`${EX}graph/r1`)}`, { headers: { Accept: 'application/n-triples' } });
    assert.equal(got.status, 200);
    assert.equal((await got.text()).trim(), `<${EX}s> <${EX}p> "written through A" .`);
  });

  test("one instance's change listeners receive the other's write with its summary", async () => {
    const events: ChangeEvent[] = [];
    const off = b.store.onChange((e) => events.push(e));
    try {
      const r = await a.store.write({ type: 'post-graph', graph: { iri: `${EX}graph/r2` }, quads: [quad(namedNode(`${EX}x`), namedNode(`${EX}p`), literal('via A'))] });
      const event = await waitFor(() => events.find((e) => e.version === r.version), 5000);
      const subjects: [string, number][] = [];
      for await (const batch of subjectChanges(event.summary)) subjects.push(...batch);
      assert.deepEqual(subjects, [[`${EX}x`, 1]]);
      assert.deepEqual([event.summary.added, event.summary.removed, event.summary.graphs.added], [1, 0, [`${EX}graph/r2`]]);
    } finally {
      off();
    }
  });

  test('concurrent writes through both instances all commit, each with its own version', async () => {
    const start = await a.store.version();
    const writes = [a, b, a, b, a, b].map((server, i) =>
      server.store.write({ type: 'post-graph', graph: { iri: `${EX}graph/c` }, quads: [quad(namedNode(`${EX}c${i}`), namedNode(`${EX}p`), literal(String(i)))] }));
    const versions = (await Promise.all(writes)).map((r) => r.version).sort((x, y) => x - y);
    assert.deepEqual(versions, [1, 2, 3, 4, 5, 6].map((n) => start + n));
    const rows = await b.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${EX}graph/c> { ?s ?p ?o } }`);
    assert.equal(rows[0]?.n?.value, '6');
  });

  test('a press release ingested through one instance is read, queried and followed as linked data through the other', async () => {
    const page = readFileSync(join(ROOT, 'data/pages/2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'));
    const ingest = await fetch(`${a.url}/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' }, body: page });
    // the built-in data may already hold this release (then 200, replaced in place), otherwise it is new (201)
    const { iri, graph, created } = (await ingest.clone().json()) as { iri: string; graph: string; created: boolean };
    assert.equal(ingest.status, created ? 201 : 200, await ingest.text());
    const path = new URL(iri).pathname;
    assert.match(path, /^\/id\/release\//);

    const entity = await fetch(`${b.url}${path}`, { redirect: 'manual', headers: { Accept: 'text/turtle' } });
    assert.equal(entity.status, 303);
    const docPath = new URL(entity.headers.get('location')!, b.url).pathname;
    assert.equal(docPath, path.replace(/^\/id\//, '/doc/'));
    const doc = await fetch(`${b.url}${docPath}`, { headers: { Accept: 'text/turtle' } });
    assert.equal(doc.status, 200);
    const quads = new Parser({ baseIRI: iri }).parse(await doc.text());
    assert.ok(quads.some((q) => q.subject.value === iri && q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === 'https://w3id.org/osce-kg/ontology#PressRelease'));

    const query = `SELECT ?h WHERE { GRAPH <${graph}> { <${iri}> <http://schema.org/headline> ?h } }`;
    const res = await fetch(`${b.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    const rows = ((await res.json()) as { results: { bindings: { h: { value: string } }[] } }).results.bindings;
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.h.value.length > 10);
  });
  test('writes through one instance (SPARQL update, graph store) are followed at once by the other: feed, search, documents, sitemap, VoID, named queries', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const named = (server: RunningServer) => fetch(`${server.url}/api/queries/participating-states`, { headers: { Accept: 'application/json' } });
    const named0 = await named(b);
    assert.equal(named0.status, 200);
    await named0.arrayBuffer();

    const update = await fetch(`${a.url}/sparql`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/sparql-update' },
      body: `INSERT DATA { GRAPH <${BASE}graph/people-a> { ${personTurtle('quorblat-zyxwv', 'Quorblat Zyxwv')} } }` });
    assert.equal(update.status, 204, await update.text());
    const put = await fetch(`${a.url}/graph-store?graph=${encodeURIComponent(`${BASE}graph/people-b`)}`, {
      method: 'PUT', headers: { ...auth, 'Content-Type': 'text/turtle' }, body: personTurtle('vexmir-plontosh', 'Vexmir Plontosh') });
    assert.equal(put.status, 201, await put.text());

    // no waiting: B reads right after A acknowledged
    assert.deepEqual(await searchIris(b, 'Quorblat'), [`${BASE}id/person/quorblat-zyxwv`]);
    assert.deepEqual(await searchIris(b, 'Plontosh'), [`${BASE}id/person/vexmir-plontosh`]);
    const [feedA, feedB] = [await feedOf(a), await feedOf(b)];
    assert.equal(feedB.body, feedA.body);
    assert.ok(feedB.etag);
    assert.equal(feedB.etag, feedA.etag);
    const mine = [`${BASE}id/person/quorblat-zyxwv`, `${BASE}id/person/vexmir-plontosh`];
    const people = feedB.last.orderedItems.filter((i) => mine.includes(i.object.canonical)).map((i) => [i.type, i.object.canonical]);
    assert.deepEqual(people, [['Create', `${BASE}id/person/quorblat-zyxwv`], ['Create', `${BASE}id/person/vexmir-plontosh`]]);

    const doc = await fetch(`${b.url}/doc/person/quorblat-zyxwv`, { headers: { Accept: 'application/n-triples' } });
    assert.equal(doc.status, 200);
    assert.match(await doc.text(), /"Quorblat Zyxwv"/);

    const sitemap = await (await fetch(`${b.url}/sitemap.xml`)).text();
    const created = feedB.last.orderedItems.find((i) => i.object.canonical === `${BASE}id/person/vexmir-plontosh`)!;
    assert.ok(sitemap.includes(`<url><loc>${BASE}doc/person/vexmir-plontosh</loc><lastmod>${created.endTime}</lastmod></url>`), 'sitemap lists the new entity with the feed time');

    const [namedA, namedB] = [await named(a), await named(b)];
    assert.equal(namedB.status, 200);
    assert.notEqual(namedB.headers.get('etag'), named0.headers.get('etag'));
    assert.equal(namedB.headers.get('etag'), namedA.headers.get('etag'));
    assert.deepEqual(await namedB.json(), await namedA.json());

    const triples = async (server: RunningServer) => {
      const res = await fetch(`${server.url}/.well-known/void`, { headers: { Accept: 'application/n-triples' } });
      assert.equal(res.status, 200);
      const quads = new Parser().parse(await res.text());
      return quads.find((q) => q.subject.value === `${BASE}.well-known/void#dataset` && q.predicate.value === 'http://rdfs.org/ns/void#triples')?.object.value
        ?? quads.find((q) => q.predicate.value === 'http://rdfs.org/ns/void#triples')?.object.value;
    };
    const voidB = await triples(b);
    assert.ok(voidB);
    assert.equal(voidB, await triples(a));

    // a deletion through A: B's feed says Delete and B's search forgets the name
    const del = await fetch(`${a.url}/sparql`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/sparql-update' },
      body: `DELETE WHERE { GRAPH <${BASE}graph/people-a> { <${BASE}id/person/quorblat-zyxwv> ?p ?o } }` });
    assert.equal(del.status, 204);
    assert.deepEqual(await searchIris(b, 'Quorblat'), []);
    const after = await feedOf(b);
    assert.deepEqual(after.last.orderedItems.at(-1) && [after.last.orderedItems.at(-1)!.type, after.last.orderedItems.at(-1)!.object.canonical], ['Delete', `${BASE}id/person/quorblat-zyxwv`]);
    assert.notEqual(after.etag, feedB.etag);

    // an instance started now, on the same store, serves the very same feed
    const c = await startServer(instanceConfig(v!));
    try {
      const feedC = await feedOf(c);
      assert.equal(feedC.etag, after.etag);
      assert.equal(feedC.body, after.body);
      assert.deepEqual(feedC.last, after.last);
    } finally {
      await c.close();
    }
  });

  test('a corrected press release ingested through one instance is in the other\'s feed and search at once, with the same feed ETag', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const text = readFileSync(join(ROOT, 'data/pages/2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'), 'utf8');
    // A page is corrected in place only at its URL (docs/decisions/0001; without one, its text is its identity and a
    // corrected text is a second release): the seed release, stored without a URL, is given one through instance B
    // first (the same text: 200), then its corrected text comes through instance A at that URL.
    const source = `?source=${encodeURIComponent('https://www.osce.org/instances-test/trust-building-meeting')}`;
    const located = await fetch(`${b.url}/ingest${source}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: text });
    assert.equal(located.status, 200, await located.clone().text());
    const ingest = await fetch(`${a.url}/ingest${source}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: text.replace("experts' workshop", "experts' workshop (as corrected through instance A)") });
    assert.equal(ingest.status, 200, await ingest.clone().text());
    const release = ((await ingest.json()) as { iri: string }).iri;
    const feedB = await feedOf(b);
    assert.ok(feedB.last.orderedItems.some((i) => i.type === 'Update' && i.object.canonical === release), 're-ingested release listed as updated');
    assert.equal((await feedOf(a)).etag, feedB.etag);
    assert.ok((await searchIris(b, 'corrected through instance')).includes(release));
  });

  test('both instances answer /api/stats alike, as a SPARQL COUNT on the store, before and after a write through one', async () => {
    const counts = async (server: RunningServer) => {
      const res = await fetch(`${server.url}/api/stats?by=year,field`);
      assert.equal(res.status, 200);
      return ((await res.json()) as Array<{ key: string; key2: string; releases: number }>).map((r) => `${r.key} ${r.key2} ${r.releases}`).sort();
    };
    const oracle = async () => {
      const res = await ask(a, `SELECT ?y ?f (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://w3id.org/osce-kg/ontology#PressRelease> ;
        <${SCHEMA}datePublished> ?d ; <${SCHEMA}about> ?f . BIND(STR(YEAR(?d)) AS ?y) } GROUP BY ?y ?f`);
      const json = (await res.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
      return json.results.bindings.map((b) => `${b.y!.value} ${b.f!.value} ${b.n!.value}`).sort();
    };
    const before = await oracle();
    assert.ok(before.length > 0, 'the seed release is counted');
    assert.deepEqual(await counts(a), before);
    assert.deepEqual(await counts(b), before);
    const r = `${BASE}id/release/2031-05-06-stats-on-a-shared-store-0000abcd`;
    const turtle = `<${r}> a <https://w3id.org/osce-kg/ontology#PressRelease>, <${SCHEMA}NewsArticle> ; <${SCHEMA}headline> "Statistics on a shared store"@en ;
      <${SCHEMA}datePublished> "2031-05-06"^^<http://www.w3.org/2001/XMLSchema#date> ; <${SCHEMA}about> <${BASE}id/field/elections> .`;
    const put = await fetch(`${a.url}/graph-store?graph=${encodeURIComponent(`${BASE}graph/release/2031-05-06-stats-on-a-shared-store-0000abcd`)}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/turtle' }, body: turtle,
    });
    assert.ok(put.status < 300, `PUT: ${put.status} ${await put.text()}`);
    const after = await oracle();
    assert.ok(after.includes(`2031 ${BASE}id/field/elections 1`));
    assert.deepEqual(await counts(a), after);
    await b.store.sync?.();
    assert.deepEqual(await counts(b), after);
  });

  test('both instances publish byte-identical dumps of the same version', async () => {
    const listing = async (server: RunningServer) => {
      const res = await fetch(`${server.url}/dumps/`, { headers: { Accept: 'application/json' } });
      if (res.status === 503 && ((await res.json()) as { error: { code: string } }).error.code === 'DUMPS_NOT_READY') return []; // first generation running
      assert.equal(res.status, 200);
      return ((await res.json()) as { dumps: { name: string; sha256: string; version: number; modified: string }[] }).dumps;
    };
    const version = await a.store.version();
    const ready = async (server: RunningServer) => {
      const d = await listing(server);
      return d.length === 4 && d.every((x) => x.version === version) ? d : undefined;
    };
    let da: Awaited<ReturnType<typeof ready>>;
    let db: Awaited<ReturnType<typeof ready>>;
    for (const end = Date.now() + 120_000; !(da && db) && Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      da = await ready(a);
      db = await ready(b);
    }
    assert.ok(da && db, `both instances publish dumps of version ${version}`);
    // the same files: only their modification times (each instance wrote its own) differ
    const sameFiles = (d: typeof da) => d!.map(({ name, sha256, version: v }) => ({ name, sha256, version: v }));
    assert.deepEqual(sameFiles(db), sameFiles(da));
    const [fa, fb] = await Promise.all([a, b].map((s) => fetch(`${s.url}/dumps/osce-kg.nq.gz`)));
    assert.equal(fb!.status, 200);
    assert.equal(fb!.headers.get('etag'), fa!.headers.get('etag'));
    assert.deepEqual(Buffer.from(await fb!.arrayBuffer()), Buffer.from(await fa!.arrayBuffer()));
  });

  test('osce-kg load --store sparql steps the shared version with a change-log entry: the instances see the new entities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osce-kg-load-'));
    const file = join(dir, 'people.ttl');
    writeFileSync(file, personTurtle('zandrel-quix', 'Zandrel Quix'));
    const before = await b.store.version();
    const result = await runLoad([file], { dataDir: dir, store: 'sparql', storeQuery: v!.query, storeUpdate: v!.update, graph: `${BASE}graph/bulk` }, undefined,
      { OSCE_KG_STORE_USER: v!.user, OSCE_KG_STORE_PASSWORD: v!.password });
    assert.equal(result.version, before + 1);
    assert.equal(result.quads, 3);
    assert.equal(await b.store.version(), before + 1);
    assert.deepEqual(await searchIris(b, 'Zandrel'), [`${BASE}id/person/zandrel-quix`]);
    const feed = await feedOf(b);
    assert.deepEqual(feed.last.orderedItems.slice(-1).map((i) => [i.type, i.object.canonical]), [['Create', `${BASE}id/person/zandrel-quix`]]);
    assert.equal((await feedOf(a)).etag, feed.etag);
  });

  test('with --store-gsp the load goes through the graph store endpoint, blank nodes intact, with the same log entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osce-kg-load-'));
    const file = join(dir, 'people.ttl');
    writeFileSync(file, `${personTurtle('orlith-vantz', 'Orlith Vantz')}\n<${BASE}id/person/orlith-vantz> <${SCHEMA}address> [ <${SCHEMA}addressLocality> "Vienna" ; <${SCHEMA}postalCode> "1010" ] .`);
    const before = await b.store.version();
    const graph = `${BASE}graph/bulk-gsp`;
    const result = await runLoad([file], { dataDir: dir, store: 'sparql', storeQuery: v!.query, storeUpdate: v!.update, storeGsp: v!.gsp, graph }, undefined,
      { OSCE_KG_STORE_USER: v!.user, OSCE_KG_STORE_PASSWORD: v!.password });
    assert.deepEqual(result, { version: before + 1, quads: 6 });
    const rows = await b.store.select(`SELECT ?city ?code WHERE { GRAPH <${graph}> { <${BASE}id/person/orlith-vantz> <${SCHEMA}address> ?a . ?a <${SCHEMA}addressLocality> ?city ; <${SCHEMA}postalCode> ?code } }`);
    assert.deepEqual(rows.map((r) => [r.city?.value, r.code?.value]), [['Vienna', '1010']]);
    assert.deepEqual(await searchIris(b, 'Orlith'), [`${BASE}id/person/orlith-vantz`]);
    const feed = await feedOf(b);
    assert.deepEqual(feed.last.orderedItems.slice(-1).map((i) => [i.type, i.object.canonical]), [['Create', `${BASE}id/person/orlith-vantz`]]);
  });
});
