/**
 * Shared entity descriptions: persons, places, publications and meetings named by several releases are stored once,
 * in `graph/entity/{kind}/{key}`, so joins through them return distinct rows under the union default graph (which
 * oxigraph 0.5 evaluates as a bag). Re-ingesting replaces the release graph, keeps descriptions other releases use,
 * drops those nobody references any more, and never overwrites a description already stated (a curator's fix).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import oxigraph from 'oxigraph';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { ingestPage, ingestUpdate, referenceIndex, buildRelease } from '../../src/ingest/index.js';
import { Iris, NS, slugify } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { computeDelta, type StoreReader } from '../../src/store/remote/delta.js';
import type { KgStore, WriteGate } from '../../src/store/types.js';
import { createShaclGate } from '../../src/validation/index.js';
import { changesOf } from '../support/store-changes.js';
import { GateProbe, testGate } from '../support/gates.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const index = referenceIndex(BASE);
const gate = createShaclGate(iris);
const JANE = iris.entity('person', 'jane-doe');
const FENWICK = iris.entity('place', 'grand-fenwick');

/** A minimal page in the text-export layout; each speaker gets one quotation. */
function page(title: string, speakers: string[], opts: { place?: string; role?: string } = {}): string {
  const quotes = speakers.map((s) => `"We remain committed to this work," said ${s}, ${opts.role ?? 'Senior Adviser'} at the ODIHR.`);
  return `Press release\n${title}\n- Date:\n- 3 May 2010\n- Source:\n- OSCE Secretariat\n- Fields of work:\n- Policing\n`
    + `${opts.place ?? 'VIENNA'}, 3 May 2010 - The OSCE held talks on policing.\n\n${quotes.join('\n\n')}\n`;
}

let store: KgStore;
/** Each page at an address of its own, made from its title: a page sent again with other speakers is the same page. */
const urlOf = (text: string) => `https://www.osce.org/test/${slugify(text.split('\n')[1] ?? '')}`;
const ingest = (text: string, g: WriteGate | undefined = gate) =>
  ingestPage({ store, ...(g ? { gate: g } : {}), index }, text, { source: { iri: urlOf(text) } });
const rows = async (query: string) => (await store.select(`PREFIX schema: <${NS.schema}> PREFIX osce: <${NS.osce}> ${query}`));
const values = (rs: Awaited<ReturnType<typeof rows>>, v: string) => rs.map((r) => r[v]?.value).sort();

before(async () => {
  store = createMemoryStore([...loadReferenceQuads(BASE)], { workers: 0 });
  await store.open();
});
after(async () => store.close());

test('a person quoted by two releases is described once, in her own graph, and joins return one row per release', async () => {
  const a = await ingest(page('OSCE talks on policing in May', ['Jane Doe', 'Ivan Petrov']));
  const b = await ingest(page('OSCE experts meet on community policing', ['Jane Doe']));
  assert.equal(a.created && b.created, true);
  const stored = await rows(`SELECT ?g WHERE { GRAPH ?g { <${JANE}> schema:name ?n } }`);
  assert.deepEqual(values(stored, 'g'), [iris.entityGraph('person', 'jane-doe')]);
  const joined = await rows(`SELECT ?r ?name WHERE { ?r osce:quotation ?q . ?q schema:spokenByCharacter <${JANE}> . <${JANE}> schema:name ?name }`);
  assert.deepEqual(values(joined, 'r'), [a.iri, b.iri].sort());
  assert.deepEqual(values(joined, 'name'), ['Jane Doe', 'Jane Doe']);
  const count = await rows(`SELECT (COUNT(*) AS ?n) WHERE { ?q schema:spokenByCharacter ?p . ?p schema:name ?name }`);
  assert.equal(count[0]?.n?.value, '3');
});

test('the speaker role as the release states it stays on the quotation, not on the person', async () => {
  await ingest(page('OSCE experts meet on community policing', ['Jane Doe'], { role: 'Acting Head' }));
  const person = await rows(`SELECT ?p ?o WHERE { <${JANE}> ?p ?o }`);
  assert.deepEqual(values(person, 'p'), [`${NS.schema}name`, `${NS.rdf}type`, `${NS.rdfs}label`]);
  const roles = await rows(`SELECT ?role WHERE { ?q schema:spokenByCharacter <${JANE}> ; osce:speakerRole ?role }`);
  assert.deepEqual(values(roles, 'role'), ['Acting Head', 'Senior Adviser']);
});

test('re-ingesting a page without a person keeps the description another release uses and drops the orphan', async () => {
  const again = await ingest(page('OSCE talks on policing in May', []));
  assert.equal(again.created, false);
  const graphs = (await store.graphs()).filter((g) => g.includes('/graph/entity/'));
  assert.deepEqual(graphs, [iris.entityGraph('person', 'jane-doe')], 'Ivan Petrov is referenced by no release any more');
  assert.equal((await rows(`SELECT ?n WHERE { <${JANE}> schema:name ?n }`)).length, 1);
});

test('an entity description already stated is not overwritten by a later page (a curator fix survives)', async () => {
  const g = iris.entityGraph('person', 'jane-doe');
  const { namedNode, literal, quad } = DataFactory;
  const fixed = (p: string) => quad(namedNode(JANE), namedNode(p), literal('Jane Doe-Smith'), namedNode(g)) as Quad;
  await store.write({ type: 'put-graph', graph: { iri: g }, quads: [
    quad(namedNode(JANE), namedNode(`${NS.rdf}type`), namedNode(`${NS.schema}Person`), namedNode(g)) as Quad,
    fixed(`${NS.schema}name`), fixed(`${NS.rdfs}label`),
  ] });
  await ingest(page('OSCE experts meet on community policing', ['Jane Doe']));
  assert.deepEqual(values(await rows(`SELECT ?n WHERE { <${JANE}> schema:name ?n }`), 'n'), ['Jane Doe-Smith']);
});

test('a minted place is described once and gains a property a later page states', async () => {
  await ingest(page('OSCE opens office in Grand Fenwick', [], { place: 'GRAND FENWICK' }));
  await ingest(page('OSCE office in Grand Fenwick hosts training', [], { place: 'GRAND FENWICK, Austria' }));
  const described = await rows(`SELECT ?g ?p WHERE { GRAPH ?g { <${FENWICK}> ?p ?o } }`);
  assert.ok(described.every((r) => r.g?.value === iris.entityGraph('place', 'grand-fenwick')));
  assert.equal(described.filter((r) => r.p?.value === `${NS.schema}name`).length, 1);
  const country = await rows(`SELECT ?c WHERE { <${FENWICK}> schema:containedInPlace ?c }`);
  assert.deepEqual(values(country, 'c'), [iris.entity('country', 'at')]);
});

test('the gate sees the whole change and a rejection leaves every graph unchanged', async () => {
  const before = await store.size();
  const graphs = await store.graphs();
  const probe = new GateProbe();
  const reject = testGate({ reject: 'rejected by the test', probe: probe.buffer });
  await assert.rejects(ingest(page('OSCE meets new speakers', ['Maria Rossi']), reject), { status: 422 });
  const added = probe.seen?.graphs.added ?? [];
  assert.ok(added.includes(iris.entityGraph('person', 'maria-rossi')), 'entity graph in the delta');
  assert.ok(added.some((g) => g.includes('/graph/release/2010-05-03-osce-meets-new-speakers')), 'release graph in the delta');
  assert.equal(await store.size(), before);
  assert.deepEqual(await store.graphs(), graphs);
});

test('the update text escapes literals so that quotes and backslashes in a page round-trip', async () => {
  const title = 'OSCE "quoted" \\ backslash title';
  const built = buildRelease(page(title, []), index);
  assert.match(ingestUpdate(built.record.graph, built.quads, iris), /OSCE \\"quoted\\" \\\\ backslash title/);
  const result = await ingest(page(title, []));
  const stored = await rows(`SELECT ?h WHERE { <${result.iri}> schema:headline ?h }`);
  assert.deepEqual(values(stored, 'h'), [title]);
});

/** A StoreReader over an in-process oxigraph store that refuses to copy the dataset (as past LOCAL_UPDATE_LIMIT). */
function remoteReader(quads: readonly Quad[]): StoreReader {
  const ox = new oxigraph.Store();
  for (const q of quads) ox.add(oxigraph.fromQuad(q as never) as oxigraph.Quad);
  return {
    selectRows: async (query, union) => (ox.query(query, { use_default_graph_as_union: union }) as Map<string, Quad['object']>[])
      .map((row) => Object.fromEntries(row)),
    graphQuads: async (g) => ox.match(null, null, null, oxigraph.fromTerm(g as never) as oxigraph.NamedNode) as unknown as Quad[],
    existing: async (qs) => qs.map((q) => ox.has(oxigraph.fromQuad(q as never) as oxigraph.Quad)),
    namedGraphs: async () => [...new Set(ox.match().map((q) => q.graph.value).filter(Boolean))],
    allQuads: async () => undefined,
  };
}

test('on an external store the ingest update needs no local copy of the dataset and changes what the embedded one does', async () => {
  await ingest(page('OSCE talks on policing in May', ['Maria Rossi']));
  const text = page('OSCE talks on policing in May', ['Ivan Petrov']);
  const built = buildRelease(text, index, { source: { iri: urlOf(text) } });
  const update = ingestUpdate(built.record.graph, built.quads, iris);
  const current = await store.dump({ format: 'application/n-quads' });
  let nq = '';
  for await (const chunk of current) nq += chunk;
  const reader = remoteReader(new Parser({ format: 'N-Quads' }).parse(nq));
  const remote = await computeDelta({ type: 'update', update, unionDefaultGraph: false }, reader);
  const delta = await changesOf(store, () => store.write({ type: 'update', update, unionDefaultGraph: false }, gate));
  // the store keeps an xsd:dateTime in canonical form ("…19.34Z" for the update's "…19.340Z"): compared as instants
  const value = (o: Quad['object']) => o.termType === 'Literal' && o.datatype.value.endsWith('#dateTime') ? String(Date.parse(o.value)) : o.value;
  const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${value(q.object)} ${q.graph.value}`;
  assert.deepEqual(remote.added.map(key).sort(), delta.added.map(key).sort());
  assert.deepEqual(remote.removed.map(key).sort(), delta.removed.map(key).sort());
  const graphsOf = (qs: Quad[]) => [...new Set(qs.map((q) => q.graph.value).filter((g) => g.includes('/graph/entity/')))];
  assert.deepEqual(graphsOf(delta.removed), [iris.entityGraph('person', 'maria-rossi')], 'the orphan is dropped');
  assert.deepEqual(graphsOf(delta.added), [iris.entityGraph('person', 'ivan-petrov')], 'the new speaker is described');
});
