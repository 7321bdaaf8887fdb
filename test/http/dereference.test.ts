/**
 * Every IRI the data uses dereferences (issue 22, point 5): each IRI under the base in the built-in data (entities,
 * named graphs, fragments of both) answers 200 directly or through a 303 (and a 301 for a former release IRI); each named graph answers its own triples
 * in every RDF format rdflib asks for, and HTML for a browser; the ontology is published under the base with every
 * term of its namespace the data uses on its page, as Turtle, JSON-LD (read with jsonld, as pyld would) and at its
 * version IRI.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory, Parser, Writer } from 'n3';
import jsonld from 'jsonld';
import type { Quad } from '@rdfjs/types';
import { builtinQuads } from '../../src/builtin.js';
import { NS } from '../../src/model/ns.js';
import { VERSION } from '../../src/model/version.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { serveDuringTests } from '../support/listener.js';
import { parseAs, sameGraph } from '../support/linked-data-fixture.js';
import { BASE, fixtureContext } from './api-fixture.js';

const data = builtinQuads(BASE);
const server = serveDuringTests(fixtureContext(createMemoryStore(data, { workers: 0 })));
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Every IRI under the base the data names, without its fragment (a fragment is never sent). */
function baseIris(): string[] {
  const out = new Set<string>();
  for (const q of data) for (const t of [q.subject, q.predicate, q.object, q.graph]) if (t.termType === 'NamedNode' && t.value.startsWith(BASE)) out.add(t.value.replace(/#.*$/, ''));
  return [...out].sort();
}

const graphOf = (iri: string) => data.filter((q) => q.graph.value === iri);

/**
 * The graph in canonical N-Quads (RDF Dataset Canonicalization, URDNA2015, through jsonld): equal for isomorphic
 * graphs, blank nodes included. (rdf-isomorphic's answer changed with the labels the server happened to write: 1 run
 * in 3 said two isomorphic 70-triple release graphs differ.)
 */
async function canonical(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'N-Quads' });
  const text = writer.quadsToString(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  const canonize = jsonld.canonize as unknown as (input: string, options: object) => Promise<string>;
  return canonize(text, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads' });
}

describe('every IRI the data uses dereferences', () => {
  it('answers 200 for each IRI under the base, at most two redirects away', async () => {
    const iris = baseIris();
    assert.ok(iris.length > 400, `${iris.length} IRIs`);
    const failed: string[] = [];
    for (const iri of iris) {
      let res = await server.request(iri, { headers: { Accept: 'text/turtle' } });
      // an entity 303 to its document; a release's former IRI (docs/decisions/0001) 301 to its current one first
      for (let hops = 0; hops < 2 && (res.status === 301 || res.status === 303); hops++) {
        res = await server.request(res.headers.get('location')!, { headers: { Accept: 'text/turtle' } });
      }
      if (res.status !== 200) failed.push(`${iri}: ${res.status}`);
      await res.body?.cancel();
    }
    assert.deepEqual(failed, []);
  });

  it('answers a release graph and an entity graph with their triples in each format rdflib asks for', async () => {
    const graphs = [...new Set(data.map((q) => q.graph.value))].filter((g) => /\/graph\/(release|entity)\//.test(g));
    assert.ok(graphs.some((g) => g.includes('/graph/release/')) && graphs.some((g) => g.includes('/graph/entity/')), graphs.join(' '));
    // rdflib/parser.py, URLInputSource: the Accept header of Graph().parse(url, format=…)
    for (const [accept, type] of [
      ['text/turtle, application/x-turtle, */*;q=0.1', 'text/turtle'],
      ['text/plain, */*;q=0.1', 'application/n-triples'],
      ['application/ld+json, application/json;q=0.9, */*;q=0.1', 'application/ld+json'],
      ['application/rdf+xml, */*;q=0.1', 'application/rdf+xml'],
    ] as const) {
      for (const graph of graphs) {
        const res = await server.request(graph, { headers: { Accept: accept } });
        assert.equal(res.status, 200, `${graph} ${accept}`);
        assert.equal(res.headers.get('content-type')?.split(';')[0], type);
        assert.equal(res.headers.get('vary'), 'Accept');
        const expected = graphOf(graph);
        assert.equal(await canonical(await parseAs(await res.text(), type)), await canonical(expected), `${graph} as ${type}`);
      }
    }
  });

  it('answers a browser an HTML page of the graph, and 404 for a graph that does not exist', async () => {
    const graph = `${BASE}graph/reference`;
    const res = await server.request(graph, { headers: { Accept: BROWSER } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const page = await res.text();
    assert.match(page, new RegExp(`<code>${graph}</code>: ${graphOf(graph).length} triples`));
    assert.match(page, /<link rel="canonical" href="http:\/\/localhost:8080\/graph\/reference">/);
    const missing = await server.request('/graph/release/1999-01-01-nothing', { headers: { Accept: 'text/turtle' } });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });
});

describe('the ontology under the base', () => {
  const ontologyTerms = () => [...new Set(data.flatMap((q) => [q.subject, q.predicate, q.object]).filter((t) => t.termType === 'NamedNode' && t.value.startsWith(NS.osce)).map((t) => t.value))];

  it('lists every term of its namespace the data uses on its HTML page, each with its own anchor', async () => {
    const res = await server.request('/ontology', { headers: { Accept: BROWSER } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const ids = new Set([...(await res.text()).matchAll(/<section id="([^"]+)" class="term">/g)].map((m) => m[1]));
    const used = ontologyTerms();
    assert.ok(used.length > 40, `${used.length} terms used`);
    assert.deepEqual(used.filter((t) => !ids.has(t.slice(NS.osce.length))), []);
  });

  it('answers Turtle with its version IRI, the same graph as JSON-LD, and at its version IRI', async () => {
    const ttl = await server.request('/ontology', { headers: { Accept: 'text/turtle, application/x-turtle, */*;q=0.1' } });
    assert.equal(ttl.status, 200);
    assert.equal(ttl.headers.get('content-type'), 'text/turtle; charset=utf-8');
    const quads = new Parser({ format: 'text/turtle' }).parse(await ttl.text());
    const versionIri = quads.find((q) => q.subject.value === 'https://w3id.org/osce-kg/ontology' && q.predicate.value === `${NS.owl}versionIRI`)?.object.value;
    assert.equal(versionIri, `https://w3id.org/osce-kg/ontology/${VERSION}`);
    assert.match(ttl.headers.get('link') ?? '', new RegExp(`<${versionIri}>; rel="version"`));
    const json = await server.request('/ontology', { headers: { Accept: 'application/ld+json' } });
    assert.equal(json.headers.get('content-type'), 'application/ld+json');
    assert.ok(sameGraph(await parseAs(await json.text(), 'application/ld+json'), quads));
    const versioned = await server.request(`/ontology/${VERSION}.ttl`);
    assert.equal(versioned.status, 200);
    assert.ok(sameGraph(new Parser({ format: 'text/turtle' }).parse(await versioned.text()), quads));
    const old = await server.request('/ontology/0.0.1', { headers: { Accept: 'text/turtle' } });
    assert.equal(old.status, 404);
  });
});
