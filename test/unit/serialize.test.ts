import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Quad } from '@rdfjs/types';

import { RdfXmlParser } from 'rdfxml-streaming-parser';
import jsonld from 'jsonld';
import { DataFactory, Parser } from 'n3';
import { toRdfXml } from '../../src/linked-data/rdfxml.js';
import { serializeTriples } from '../../src/linked-data/serialize.js';
import { localDocumentLoader, contextUrl } from '../../src/linked-data/jsonld-context.js';
import { BASE, sameGraph } from '../support/linked-data-fixture.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const SAMPLE: Quad[] = [
  quad(namedNode(`${BASE}id/country/al`), namedNode('http://schema.org/name'), literal('Albanie', 'fr')),
  quad(namedNode(`${BASE}id/country/al`), namedNode('http://schema.org/name'), literal('A & <b> "q" \'s\'', 'en')),
  quad(namedNode(`${BASE}id/country/al`), namedNode('https://w3id.org/osce-kg/ontology#participatingSince'), literal('1991-06-19', namedNode('http://www.w3.org/2001/XMLSchema#date'))),
  quad(namedNode(`${BASE}id/country/al`), namedNode('http://www.w3.org/2002/07/owl#sameAs'), namedNode('http://www.wikidata.org/entity/Q222')),
  quad(namedNode(`${BASE}id/membership/al-participating`), namedNode('http://www.w3.org/ns/org#memberDuring'), blankNode('i1')),
  quad(blankNode('i1'), namedNode('http://www.w3.org/2006/time#hasBeginning'), literal('plain')),
];

function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const out: Quad[] = [];
    Readable.from([text]).pipe(new RdfXmlParser()).on('data', (q: Quad) => out.push(q)).on('error', reject).on('end', () => resolve(out));
  });
}

test('RDF/XML output parses back to the same graph', async () => {
  assert.ok(sameGraph(await parseRdfXml(toRdfXml(SAMPLE)), SAMPLE));
});

test('Turtle and N-Triples outputs parse back to the same graph', async () => {
  for (const [type, format] of [['text/turtle', 'Turtle'], ['application/n-triples', 'N-Triples']] as const) {
    const text = await serializeTriples(SAMPLE, type, BASE);
    assert.ok(sameGraph(new Parser({ format }).parse(text), SAMPLE), type);
  }
});

test('JSON-LD output uses the published context by URL and expands to the same graph', async () => {
  const text = await serializeTriples(SAMPLE, 'application/ld+json', BASE);
  const doc = JSON.parse(text) as Record<string, unknown>;
  assert.equal(doc['@context'], contextUrl(BASE));
  const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader: localDocumentLoader(BASE) } as never)) as unknown as string;
  assert.ok(sameGraph(new Parser({ format: 'N-Quads' }).parse(nquads), SAMPLE));
});

test('the document loader refuses any context but our own', async () => {
  const load = localDocumentLoader(BASE);
  await assert.rejects(load('https://schema.org/'), /Refusing to load a remote JSON-LD document/);
  assert.equal((await load(contextUrl(BASE))).documentUrl, contextUrl(BASE));
});
