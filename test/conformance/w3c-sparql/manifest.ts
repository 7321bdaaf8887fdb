/**
 * Reads W3C test manifests (mf:, qt:, ut:, ht: vocabularies; see test/conformance/w3c/README.md) into plain test descriptions.
 */
import type { Quad, Term } from '@rdfjs/types';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser, Store } from 'n3';

export const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
export const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
export const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
export const HT = 'http://www.w3.org/2011/http#';
export const CNT = 'http://www.w3.org/2011/content#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';

/** A manifest graph with small navigation helpers. */
export class Graph {
  readonly store = new Store();
  add(quads: Quad[]): void {
    this.store.addQuads(quads);
  }
  objects(s: Term, p: string): Term[] {
    return this.store.getObjects(s as never, p, null) as Term[];
  }
  one(s: Term, p: string): Term | undefined {
    return this.objects(s, p)[0];
  }
  value(s: Term, p: string): string | undefined {
    return this.one(s, p)?.value;
  }
  list(head: Term | undefined): Term[] {
    const out: Term[] = [];
    for (let node = head; node && node.value !== `${RDF}nil` && out.length < 10_000; node = this.one(node, `${RDF}rest`)) {
      const first = this.one(node, `${RDF}first`);
      if (first) out.push(first);
    }
    return out;
  }
}

export interface W3cTest {
  iri: string;
  name: string;
  type: string;
  approval: string;
  node: Term;
  graph: Graph;
  /** Folder of the manifest, e.g. "aggregates". */
  group: string;
}

export function parseFileQuads(file: string): Quad[] {
  return new Parser({ baseIRI: pathToFileURL(file).href }).parse(readFileSync(file, 'utf8'));
}

/** Loads a manifest and everything it includes; returns the tests in manifest order. */
export function loadManifest(file: string, graph = new Graph(), seen = new Set<string>()): W3cTest[] {
  const url = pathToFileURL(file).href;
  if (seen.has(url)) return [];
  seen.add(url);
  graph.add(parseFileQuads(file));
  const self = graph.store.getSubjects(`${RDF}type`, `${MF}Manifest`, null).find((s) => s.value === url);
  if (!self) return [];
  const tests: W3cTest[] = [];
  for (const include of graph.list(graph.one(self, `${MF}include`))) tests.push(...loadManifest(fileURLToPath(include.value), graph, seen));
  const group = url.split('/').slice(-2, -1)[0] ?? '';
  for (const node of graph.list(graph.one(self, `${MF}entries`))) {
    tests.push({
      iri: node.value,
      name: graph.value(node, `${MF}name`) ?? node.value,
      type: (graph.value(node, `${RDF}type`) ?? '').replace(MF, 'mf:'),
      approval: (graph.value(node, `${DAWGT}approval`) ?? '').replace(DAWGT, 'dawgt:'),
      node,
      graph,
      group,
    });
  }
  return tests;
}

/** Named graphs of `ut:graphData [ ut:graph <file> ; rdfs:label "name" ]` nodes. */
export function labelledGraphs(graph: Graph, node: Term): { file: string; name: string }[] {
  return graph.objects(node, `${UT}graphData`).map((g) => {
    const file = graph.one(g, `${UT}graph`)?.value ?? '';
    return { file: fileURLToPath(file), name: graph.value(g, `${RDFS}label`) ?? file };
  });
}
