import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataFactory, Parser } from 'n3';
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { Iris, NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads, parseTurtleFile } from '../../src/model/reference.js';
import { validate } from '../../src/validation/validate.js';
import { createShaclGate } from '../../src/validation/gate.js';
import type { Delta, StoreView } from '../../src/store/types.js';
import { referenceStore, viewOf } from './reference-store.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const { namedNode: n, literal, quad } = DataFactory;
const graph = n(iris.releaseGraph('2025-03-14-osce-holds-a-meeting'));
const fixture = (name: string) => parseTurtleFile(join(PATHS.fixtures, 'broken', `${name}.ttl`), BASE, graph);
const release = iris.entity('release', '2025-03-14-osce-holds-a-meeting');

/**
 * One reference store for the whole file (loading it costs more than the gate it serves): each test applies its delta
 * as the store's writer does (removals, then additions), runs its checks, and takes back exactly what changed.
 */
const shared = referenceStore(BASE);
const sharedSize = shared.size;
after(() => assert.equal(shared.size, sharedSize, 'a test left the shared reference store changed'));

async function withDelta<T>(delta: Delta, body: (view: StoreView) => Promise<T>): Promise<T> {
  const removed: oxigraph.Quad[] = [];
  const added: oxigraph.Quad[] = [];
  for (const q of delta.removed.map((x) => oxigraph.fromQuad(x))) {
    if (shared.has(q)) (shared.delete(q), removed.push(q));
  }
  for (const q of delta.added.map((x) => oxigraph.fromQuad(x))) {
    if (!shared.has(q)) (shared.add(q), added.push(q));
  }
  try {
    return await body(viewOf(shared));
  } finally {
    for (const q of added) shared.delete(q);
    for (const q of removed) shared.add(q);
  }
}

/** Runs the gate on the reference data with `delta` applied, as the store's writer does. */
function gateOn(delta: Delta) {
  return withDelta(delta, (view) => createShaclGate(iris)(delta, view));
}

function validRelease(): Quad[] {
  const s = n(release);
  const t = (p: string, o: Quad['object']) => quad(s, n(p), o, graph) as Quad;
  return [
    t(`${NS.rdf}type`, n(`${NS.osce}PressRelease`)),
    t(`${NS.rdf}type`, n(`${NS.schema}NewsArticle`)),
    t(`${NS.schema}headline`, literal('OSCE holds a meeting')),
    t(`${NS.schema}datePublished`, literal('2025-03-14', n(`${NS.xsd}date`))),
    t(`${NS.schema}publisher`, n(iris.entity('structure', 'odihr'))),
    t(`${NS.schema}about`, n(iris.entity('field', 'elections'))),
    t(`${NS.schema}locationCreated`, n(iris.entity('place', 'warsaw'))),
    t(`${NS.osce}contentType`, n(iris.entity('content-type', 'press-release'))),
    t(`${NS.schema}genre`, literal('Press release')),
  ];
}

test('the reference data and the ontology conform to the shapes', async () => {
  const outcome = await validate(loadReferenceQuads(BASE));
  assert.deepEqual(outcome.results, []);
  assert.equal(outcome.conforms, true);
});

test('the seed press release (test/fixtures/seed-release.trig) conforms together with the reference data', async () => {
  const seed = new Parser({ baseIRI: BASE, format: 'TriG' }).parse(readFileSync(join(PATHS.fixtures, 'seed-release.trig'), 'utf8'));
  assert.ok(seed.length > 50);
  const outcome = await validate([...loadReferenceQuads(BASE), ...seed], { focus: new Set(seed.map((q) => q.subject.value)) });
  assert.deepEqual(outcome.results, []);
});

const BROKEN: [string, string, string, RegExp][] = [
  ['missing-headline', release, `<${NS.schema}headline>`, /^A press release needs exactly one non-empty headline/],
  ['wrong-datatype', release, `<${NS.schema}datePublished>`, /publication date \(schema:datePublished\) as an xsd:date/],
  ['unknown-field-of-work', release, `<${NS.schema}about>`, /must be one of the OSCE fields of work in the scheme/],
  ['state-without-iso', iris.entity('country', 'xx'), `<${NS.osce}iso2>`, /^A State needs exactly one ISO 3166-1 alpha-2 code/],
  ['field-operation-without-host', iris.entity('field-operation', 'mission-to-nowhere'), `<${NS.osce}hostState>`, /^A field operation needs exactly one host/],
];

for (const [name, focus, path, message] of BROKEN) {
  test(`broken fixture ${name} is rejected by the gate with a message naming the problem`, async () => {
    const rejection = await gateOn({ added: fixture(name), removed: [] });
    assert.ok(rejection, 'the write was accepted');
    const { results } = rejection.report as { results: { focusNode: string; path: string; message: string; severity: string }[] };
    const hit = results.find((r) => r.path === path);
    assert.ok(hit, JSON.stringify(results));
    assert.equal(hit.focusNode, focus);
    assert.equal(hit.severity, 'Violation');
    assert.match(hit.message, message);
    assert.match(rejection.message, /^\d+ SHACL violations?$/);
    assert.match(rejection.reportTurtle ?? '', /sh:ValidationReport/);
  });
}

test('the state-without-ISO fixture reports both missing codes, and the full validator agrees with the gate', async () => {
  const outcome = await validate([...loadReferenceQuads(BASE), ...fixture('state-without-iso')]);
  assert.equal(outcome.conforms, false);
  assert.deepEqual(
    outcome.results.map((r) => [r.focusNode, r.path, r.value]).sort(),
    [
      [iris.entity('country', 'xx'), `<${NS.osce}iso2>`, null],
      [iris.entity('country', 'xx'), `<${NS.osce}iso3>`, null],
    ],
  );
});

test('a valid release passes the gate quickly', async (t) => {
  const added = validRelease();
  const gate = createShaclGate(iris);
  await withDelta({ added, removed: [] }, async (view) => {
    for (let i = 0; i < 10; i++) assert.equal(await gate({ added, removed: [] }, view), undefined); // warm-up: JIT, validator
    // CPU time, not wall time: the gate's own cost, robust against a loaded machine.
    const calls = 20;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < calls; i++) assert.equal(await gate({ added, removed: [] }, view), undefined);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / calls;
    t.diagnostic(`gate for one release: ${cpuMs.toFixed(1)} ms CPU, ${((performance.now() - wall0) / calls).toFixed(1)} ms wall per call`);
    assert.ok(cpuMs < 50, `gate used ${cpuMs.toFixed(1)} ms CPU per call`);
  });
});

test('a release whose source is not a known structure is rejected', async () => {
  const added = validRelease().map((q) =>
    q.predicate.value === `${NS.schema}publisher` ? (quad(q.subject, q.predicate, n(iris.entity('structure', 'ministry-of-magic')), q.graph) as Quad) : q,
  );
  const rejection = await gateOn({ added, removed: [] });
  const results = (rejection?.report as { results: { path: string; message: string; value: string }[] }).results;
  assert.deepEqual(results.map((r) => [r.path, r.value]), [[`<${NS.schema}publisher>`, `<${iris.entity('structure', 'ministry-of-magic')}>`]]);
  assert.match(results[0]!.message, /must be a known OSCE structure/);
});

for (const [date, ok] of [['2009-13-45', false], ['2009-02-29', false], ['2025-04-31', false], ['2008-02-29', true], ['2025-12-31', true]] as const) {
  test(`a release dated "${date}"^^xsd:date is ${ok ? 'accepted' : 'rejected (an ill-formed literal fails sh:datatype)'}`, async () => {
    const added = validRelease().map((q) =>
      q.predicate.value === `${NS.schema}datePublished` ? (quad(q.subject, q.predicate, literal(date, n(`${NS.xsd}date`)), q.graph) as Quad) : q,
    );
    const rejection = await gateOn({ added, removed: [] });
    if (ok) return assert.equal(rejection, undefined);
    const results = (rejection?.report as { results: { path: string; value: string; sourceConstraintComponent: string }[] }).results;
    assert.deepEqual(results.map((r) => [r.path, r.value, r.sourceConstraintComponent]),
      [[`<${NS.schema}datePublished>`, `"${date}"^^<${NS.xsd}date>`, 'http://www.w3.org/ns/shacl#DatatypeConstraintComponent']]);
  });
}

test('removing the type of a field of work that a release uses is rejected through the release', async () => {
  const typeQuad = quad(n(iris.entity('field', 'elections')), n(`${NS.rdf}type`), n(`${NS.osce}FieldOfWork`), n(iris.referenceGraph)) as Quad;
  // the release is already stored; this write removes only the type
  const rejection = await withDelta({ added: validRelease(), removed: [typeQuad] }, (view) => createShaclGate(iris)({ added: [], removed: [typeQuad] }, view));
  const results = (rejection?.report as { results: { focusNode: string; path: string }[] }).results;
  assert.ok(results.some((r) => r.focusNode === release && r.path === `<${NS.schema}about>`), JSON.stringify(results));
});

test('a State added as a blank node is rejected: entities need IRIs', async () => {
  const b = DataFactory.blankNode('freedonia');
  const added = [
    quad(b, n(`${NS.rdf}type`), n(`${NS.osce}Country`)) as Quad,
    quad(b, n(`${NS.rdf}type`), n(`${NS.schema}Country`)) as Quad,
  ];
  const rejection = await gateOn({ added, removed: [] });
  const results = (rejection?.report as { results: { focusNode: string; sourceConstraintComponent: string }[] }).results;
  assert.ok(results.length > 0 && results.every((r) => r.focusNode === 'freedonia'), JSON.stringify(results));
  assert.ok(results.some((r) => r.sourceConstraintComponent === `${NS.sh}NodeKindConstraintComponent`));
});

test('an empty delta passes without queries', async () => {
  const view = { construct: () => Promise.reject(new Error('no query expected')), select: () => Promise.reject(new Error('no query expected')) };
  assert.equal(await createShaclGate(iris)({ added: [], removed: [] }, view), undefined);
});

test('through the embedded store: violating writes are 422 SHACL_VIOLATION and change nothing; valid ones commit', async () => {
  const { createMemoryStore } = await import('../../src/store/embedded-store.js');
  const { AppError } = await import('../../src/errors.js');
  const store = createMemoryStore([...loadReferenceQuads(BASE)]);
  const gate = createShaclGate(iris);
  try {
    const size = await store.size();
    const is422 = (e: unknown) => e instanceof AppError && e.status === 422 && e.code === 'SHACL_VIOLATION';
    await assert.rejects(store.write({ type: 'put-graph', graph: { iri: graph.value }, quads: fixture('wrong-datatype') }, gate), is422);
    const update = `DELETE WHERE { GRAPH <${iris.referenceGraph}> { <${iris.entity('country', 'al')}> <${NS.osce}iso2> ?code } }`;
    await assert.rejects(store.write({ type: 'update', update, unionDefaultGraph: false }, gate), is422);
    assert.equal(await store.size(), size);
    const result = await store.write({ type: 'put-graph', graph: { iri: graph.value }, quads: validRelease() }, gate);
    assert.equal(result.summary.added, validRelease().length);
    assert.equal(await store.size(), size + validRelease().length);
  } finally {
    await store.close();
  }
});

test('a release quoting an office holder of the reference data passes the gate (same person IRI as ingestion mints)', async () => {
  const zannier = n(iris.entity('person', 'lamberto-zannier'));
  const quotation = n(iris.entity('quotation', '2025-03-14-osce-holds-a-meeting-1'));
  const entityGraph = n(iris.entityGraph('person', 'lamberto-zannier'));
  const added = [
    ...validRelease(),
    quad(n(release), n(`${NS.osce}quotation`), quotation, graph) as Quad,
    quad(quotation, n(`${NS.rdf}type`), n(`${NS.osce}Quotation`), graph) as Quad,
    quad(quotation, n(`${NS.rdf}type`), n(`${NS.schema}Quotation`), graph) as Quad,
    quad(quotation, n(`${NS.schema}text`), literal('We meet.'), graph) as Quad,
    quad(quotation, n(`${NS.schema}spokenByCharacter`), zannier, graph) as Quad,
    quad(zannier, n(`${NS.rdf}type`), n(`${NS.schema}Person`), entityGraph) as Quad,
    quad(zannier, n(`${NS.schema}name`), literal('Lamberto Zannier'), entityGraph) as Quad,
  ];
  assert.equal(await gateOn({ added, removed: [] }), undefined);
});

test('office terms, posts and dated names are checked: a term of a non-person and a name without text are rejected', async () => {
  const term = iris.entity('membership', 'secretary-general-nobody');
  const name = `${iris.entity('field-operation', 'mission-to-serbia')}#name-nameless`;
  const ref = n(iris.referenceGraph);
  const t = (s: string, p: string, o: Quad['object']) => quad(n(s), n(p), o, ref) as Quad;
  const added = [
    t(term, `${NS.rdf}type`, n(`${NS.org}Membership`)),
    t(term, `${NS.org}member`, n(iris.entity('structure', 'odihr'))),
    t(term, `${NS.org}organization`, n(iris.entity('structure', 'secretariat'))),
    t(term, `${NS.org}role`, n(`${NS.osce}secretaryGeneralRole`)),
    t(term, `${NS.org}memberDuring`, n(`${iris.entity('membership', 'secretary-general-lamberto-zannier')}#period`)),
    t(name, `${NS.rdf}type`, n(`${NS.osce}DatedName`)),
    t(name, `${NS.rdf}type`, n(`${NS.skosxl}Label`)),
    t(name, `${NS.time}hasTime`, n(`${iris.entity('field-operation', 'mission-to-serbia')}#name-mission-to-serbia-period`)),
  ];
  const rejection = await gateOn({ added, removed: [] });
  const results = (rejection?.report as { results: { focusNode: string; path: string | null; message: string }[] }).results;
  assert.ok(results.some((r) => r.focusNode === term && /either a State's in the OSCE .* or a person's term/.test(r.message)), JSON.stringify(results));
  assert.ok(results.some((r) => r.focusNode === name && r.path === `<${NS.skosxl}literalForm>`), JSON.stringify(results));
});
