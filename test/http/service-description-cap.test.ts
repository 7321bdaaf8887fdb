/**
 * The service description lists at most MAX_LISTED_GRAPHS named graphs (issue 22, point 8): with 250 release graphs
 * it lists 100, the dataset's own graphs first, says so in an rdfs:comment and points to VoID; Comunica, which fetches
 * the description to detect the source, still queries every graph through it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { MAX_LISTED_GRAPHS } from '../../src/sparql/service-description.js';
import { makeApp, type TestApp } from '../support/http-support.js';
import { freePort } from '../support/listener.js';

const { namedNode, literal, quad } = DataFactory;
const SD = 'http://www.w3.org/ns/sparql-service-description#';
const RELEASES = 250;
let t: TestApp;
let base: string;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  const quads: Quad[] = [
    quad(namedNode(`${base}id/organization/osce`), namedNode(`${base}p`), literal('osce'), namedNode(`${base}graph/reference`)),
    quad(namedNode(`${base}ontology`), namedNode(`${base}p`), literal('ontology'), namedNode(`${base}graph/ontology`)),
  ];
  for (let i = 0; i < RELEASES; i++) {
    const key = `2025-01-01-r${String(i).padStart(3, '0')}`;
    quads.push(quad(namedNode(`${base}id/release/${key}`), namedNode(`${base}p`), literal(key), namedNode(`${base}graph/release/${key}`)));
  }
  t = await makeApp({ base }, quads, undefined, port);
});
after(() => t.close());

describe('service description with many named graphs', () => {
  it(`lists ${MAX_LISTED_GRAPHS} of them, the dataset's own first, and points to VoID`, async () => {
    // Comunica's Accept when it dereferences a source (its RDF parsers, highest first)
    const res = await t.request('/sparql', {
      headers: { Accept: 'application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,application/xhtml+xml;q=0.18,application/json;q=0.135,text/shaclc;q=0.1,text/shaclc-ext;q=0.05' },
    });
    assert.equal(res.status, 200);
    const type = res.headers.get('content-type') ?? '';
    const quads = new Parser({ format: type.split(';')[0] }).parse(await res.text());
    const names = quads.filter((q) => q.predicate.value === `${SD}name`).map((q) => q.object.value);
    assert.equal(names.length, MAX_LISTED_GRAPHS);
    assert.deepEqual(names.slice(0, 2).sort(), [`${base}graph/ontology`, `${base}graph/reference`]);
    assert.equal(new Set(names).size, MAX_LISTED_GRAPHS);
    const comment = quads.find((q) => q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#comment');
    assert.match(comment?.object.value ?? '', new RegExp(`^Lists ${MAX_LISTED_GRAPHS} of the ${RELEASES + 2} named graphs`));
    const seeAlso = quads.filter((q) => q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#seeAlso').map((q) => q.object.value);
    assert.deepEqual(seeAlso, [`${base}.well-known/void`]);
  });

  it('lets Comunica query every graph through the endpoint it detects', async () => {
    const { QueryEngine } = await import('@comunica/query-sparql');
    const engine = new QueryEngine();
    const bindings = await (await engine.queryBindings('SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', { sources: [`${base}sparql`] })).toArray();
    assert.equal(bindings[0]?.get('n')?.value, String(RELEASES + 2));
  });
});
