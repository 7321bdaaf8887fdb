/**
 * The approved W3C SPARQL 1.1 update-evaluation cases (the manifest.ttl of each update folder under
 * test/conformance/w3c/sparql11), shared by every store that runs them: the request file, the dataset before and the one after.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import type { KgStore } from '../../src/store/types.js';
import { PATHS } from '../../src/model/paths.js';

const { namedNode, defaultGraph, quad } = DataFactory;
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';
export const UPDATE_DIRS = ['add', 'basic-update', 'clear', 'copy', 'delete-data', 'delete-insert', 'delete-where', 'delete', 'drop', 'move', 'update-silent'];

export interface UpdateCase { name: string; request: string; data: Quad[]; expected: Quad[] }

function readTurtle(url: string, graph: Term): Quad[] {
  const quads = new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), 'utf8')) as Quad[];
  return quads.map((q) => quad(q.subject, q.predicate, q.object, graph as Quad['graph']));
}

function datasetOf(m: Store, node: Term): Quad[] {
  const out: Quad[] = [];
  for (const d of m.getObjects(node, namedNode(`${UT}data`), null)) out.push(...readTurtle(d.value, defaultGraph()));
  for (const gd of m.getObjects(node, namedNode(`${UT}graphData`), null)) {
    const file = m.getObjects(gd, namedNode(`${UT}graph`), null)[0]!;
    const label = m.getObjects(gd, namedNode(`${RDFS}label`), null)[0]!;
    out.push(...readTurtle(file.value, namedNode(label.value)));
  }
  return out;
}

function listItems(m: Store, head: Term): Term[] {
  const items: Term[] = [];
  for (let node = head; node.value !== `${RDF}nil` && items.length < 1000;) {
    items.push(m.getObjects(node, namedNode(`${RDF}first`), null)[0]!);
    node = m.getObjects(node, namedNode(`${RDF}rest`), null)[0]!;
  }
  return items;
}

export function loadUpdateCases(dir: string): UpdateCase[] {
  const url = pathToFileURL(`${PATHS.root}/test/conformance/w3c/sparql11/${dir}/manifest.ttl`).href;
  const m = new Store(new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), 'utf8')));
  const entries = listItems(m, m.getObjects(namedNode(url), namedNode(`${MF}entries`), null)[0]!);
  return entries.filter((e) => m.has(quad(e as Quad['subject'], namedNode(`${RDF}type`), namedNode(`${MF}UpdateEvaluationTest`))) &&
      m.has(quad(e as Quad['subject'], namedNode(`${DAWGT}approval`), namedNode(`${DAWGT}Approved`))))
    .map((e) => {
      const action = m.getObjects(e, namedNode(`${MF}action`), null)[0]!;
      const result = m.getObjects(e, namedNode(`${MF}result`), null)[0]!;
      const request = m.getObjects(action, namedNode(`${UT}request`), null)[0]!.value;
      return { name: `${dir}/${e.value.split('#')[1]}`, request, data: datasetOf(m, action), expected: datasetOf(m, result) };
    });
}

/** Applies the case's request to `store` (standard semantics) and compares the whole dataset after it. */
export async function checkUpdateCase(store: KgStore, c: UpdateCase): Promise<string | undefined> {
  await store.write({ type: 'update', update: readFileSync(fileURLToPath(c.request), 'utf8'), unionDefaultGraph: false, baseIri: c.request });
  const actual: Quad[] = [];
  for await (const chunk of store.dump({ format: 'application/n-quads' })) actual.push(...(new Parser({ format: 'N-Quads' }).parse(chunk) as Quad[]));
  return isomorphic(actual, c.expected) ? undefined : `dataset differs: got ${actual.length} quads, expected ${c.expected.length}`;
}
