/**
 * The W3C SHACL Core test suite (test/conformance/w3c/shacl-core, see its NOTICE) through src/validation.
 * Partial compliance = same sh:conforms; full compliance = the reduced report is isomorphic to the expected one
 * (test/conformance/w3c/README.md "SHACL"). Known failures are listed in KNOWN_FAILURES with their reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { shaclReport } from '../../src/validation/validate.js';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';
const SH = NS.sh;
const { namedNode: n, blankNode, quad, literal } = DataFactory;
const SUITE = join(PATHS.root, 'test', 'conformance', 'w3c', 'shacl-core');

/** Tests that do not reach full compliance, with the reason. Partial compliance (sh:conforms) is required of all. */
const KNOWN_FAILURES: Record<string, string> = {};

const stores = new Map<string, Store>();
function load(url: string): Store {
  let store = stores.get(url);
  if (!store) {
    const text = readFileSync(new URL(url), 'utf8');
    // Every test file gets its own blank-node prefix, so data and shapes from different files never collide.
    store = new Store(new Parser({ baseIRI: url, blankNodePrefix: `b${stores.size}_` }).parse(text));
    stores.set(url, store);
  }
  return store;
}
const objects = (g: DatasetCore, s: Term, p: string): Term[] => [...g.match(s as Quad['subject'], n(p))].map((q) => q.object);
function list(g: DatasetCore, head: Term): Term[] {
  const out: Term[] = [];
  for (let node = head, i = 0; node.value !== `${NS.rdf}nil` && i < 1000; i++) {
    out.push(objects(g, node, `${NS.rdf}first`)[0]!);
    node = objects(g, node, `${NS.rdf}rest`)[0]!;
  }
  return out;
}

interface W3cTest { id: string; file: string; data: string; shapes: string; result: Term }
function collect(manifestUrl: string): W3cTest[] {
  const g = load(manifestUrl);
  const tests: W3cTest[] = [];
  for (const inc of objects(g, n(manifestUrl), `${MF}include`)) tests.push(...collect(inc.value));
  for (const head of objects(g, n(manifestUrl), `${MF}entries`)) {
    for (const entry of list(g, head)) {
      const action = objects(g, entry, `${MF}action`)[0]!;
      tests.push({
        id: entry.value.slice(pathToFileURL(SUITE).href.length + 1),
        file: manifestUrl,
        data: objects(g, action, `${SHT}dataGraph`)[0]!.value,
        shapes: objects(g, action, `${SHT}shapesGraph`)[0]!.value,
        result: objects(g, entry, `${MF}result`)[0]!,
      });
    }
  }
  return tests;
}

const KEEP = ['focusNode', 'resultPath', 'resultSeverity', 'sourceConstraint', 'sourceConstraintComponent', 'sourceShape', 'value'].map((p) => `${SH}${p}`);

/** Reduces a report (SHACL test suite rules): fresh blank nodes, unshared path copies, messages only when expected. */
function reduce(g: DatasetCore, report: Term, keepMessages: ReadonlySet<string>): Quad[] {
  const out: Quad[] = [];
  // Copies a path structure. A node that is an RDF list is a sequence path (SHACL §2.3.1.1) and only its list
  // triples are path structure: the "strange path" tests add an sh:inversePath to such a node, which is not.
  const copy = (node: Term, depth = 0): Term => {
    if (node.termType !== 'BlankNode' || depth > 20) return node;
    const fresh = blankNode();
    const isList = objects(g, node, `${NS.rdf}first`).length > 0;
    for (const q of g.match(node as Quad['subject'])) {
      if (isList && q.predicate.value !== `${NS.rdf}first` && q.predicate.value !== `${NS.rdf}rest`) continue;
      out.push(quad(fresh, q.predicate, copy(q.object, depth + 1) as Quad['object']) as Quad);
    }
    return fresh;
  };
  const rep = blankNode();
  out.push(quad(rep, n(`${NS.rdf}type`), n(`${SH}ValidationReport`)) as Quad);
  for (const c of objects(g, report, `${SH}conforms`)) out.push(quad(rep, n(`${SH}conforms`), literal(c.value, n(`${NS.xsd}boolean`))) as Quad);
  for (const r of objects(g, report, `${SH}result`)) {
    const res = blankNode();
    out.push(quad(rep, n(`${SH}result`), res) as Quad, quad(res, n(`${NS.rdf}type`), n(`${SH}ValidationResult`)) as Quad);
    for (const p of KEEP) {
      for (const o of objects(g, r, p)) out.push(quad(res, n(p), (p === `${SH}resultPath` ? copy(o) : o) as Quad['object']) as Quad);
    }
    for (const m of objects(g, r, `${SH}resultMessage`)) if (keepMessages.has(m.value)) out.push(quad(res, n(`${SH}resultMessage`), m as Quad['object']) as Quad);
  }
  return out;
}

const tests = collect(pathToFileURL(join(SUITE, 'manifest.ttl')).href);

test('the W3C SHACL core manifest lists 98 tests', () => {
  assert.equal(tests.length, 98);
});

for (const t of tests) {
  test(`W3C SHACL core ${t.id}`, async () => {
    const data = load(t.data);
    const shapes = load(t.shapes);
    const expectedGraph = load(t.file);
    const actual = await shaclReport(data, shapes);
    const expectedConforms = objects(expectedGraph, t.result, `${SH}conforms`)[0]!.value === 'true';
    assert.equal(actual.conforms, expectedConforms, 'partial compliance: sh:conforms differs');
    const expectedMessages = new Set(
      objects(expectedGraph, t.result, `${SH}result`).flatMap((r) => objects(expectedGraph, r, `${SH}resultMessage`).map((m) => m.value)),
    );
    const expected = reduce(expectedGraph, t.result, expectedMessages);
    // Path structures of the actual report live in the shapes graph, so look them up in both.
    const lookup = new Store([...actual.dataset, ...shapes]);
    const got = reduce(lookup, actual.term, expectedMessages);
    const full = isomorphic(got, expected);
    if (KNOWN_FAILURES[t.id]) {
      assert.equal(full, false, `${t.id} now passes fully: remove it from KNOWN_FAILURES`);
    } else {
      assert.ok(full, `full compliance: reduced report differs (${got.length} vs ${expected.length} triples)`);
    }
  });
}
