/**
 * The seed page reproduces the hand-written fixture graph exactly (provenance timestamps aside), in its own named
 * graph, and the result conforms to the project's shapes together with the reference data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { buildRelease, referenceIndex, seedReleaseQuads } from '../src/ingest/index.js';
import { NS } from '../src/model/ns.js';
import { PATHS } from '../src/model/paths.js';
import { loadReferenceQuads } from '../src/model/reference.js';
import { validate } from '../src/validation/validate.js';

const BASE = 'http://localhost:8080/';
const SEED = '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt';
const KEY = '2009-10-28-osce-holds-expert-meeting-on-building-trust-between-police-a';
const TIMESTAMPS = new Set([`${NS.prov}generatedAtTime`, `${NS.prov}endedAtTime`]);

function seed(base = BASE): Quad[] {
  return buildRelease(readFileSync(join(PATHS.pages, SEED)), referenceIndex(base), { source: { name: SEED } }).quads;
}

function asTriples(quads: Quad[]): Quad[] {
  return quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object) as Quad);
}

function fixture(base: string): Quad[] {
  return new Parser({ baseIRI: base }).parse(readFileSync(join(PATHS.fixtures, 'seed-release.ttl'), 'utf8')) as Quad[];
}

test('the seed page produces the fixture graph, timestamps aside', () => {
  const produced = seed().filter((q) => !TIMESTAMPS.has(q.predicate.value));
  const expected = fixture(BASE);
  assert.equal(produced.length, expected.length);
  assert.ok(isomorphic(asTriples(produced), expected), 'graphs differ');
});

test('the seed release lives in its own named graph with one dateTime per timestamp', () => {
  const quads = seed();
  assert.deepEqual([...new Set(quads.map((q) => q.graph.value))], [`${BASE}graph/release/${KEY}`]);
  const stamps = quads.filter((q) => TIMESTAMPS.has(q.predicate.value));
  assert.equal(stamps.length, 2);
  for (const s of stamps) {
    assert.equal(s.object.termType, 'Literal');
    assert.equal((s.object as { datatype: { value: string } }).datatype.value, `${NS.xsd}dateTime`);
    assert.ok(!Number.isNaN(Date.parse(s.object.value)));
  }
});

test('the seed release follows another base IRI', () => {
  const base = 'https://kg.example.org/osce/';
  const produced = seed(base).filter((q) => !TIMESTAMPS.has(q.predicate.value));
  assert.ok(isomorphic(asTriples(produced), fixture(base)));
});

test('seedReleaseQuads returns the seed release of data/pages', () => {
  const quads = seedReleaseQuads(BASE).filter((q) => !TIMESTAMPS.has(q.predicate.value));
  assert.ok(isomorphic(asTriples(quads), fixture(BASE)));
});

test('the seed release conforms to the shapes together with the reference data', async () => {
  const quads = seed();
  const focus = new Set(quads.map((q) => q.subject.value));
  const outcome = await validate([...loadReferenceQuads(BASE), ...quads], { focus });
  assert.equal(outcome.violations, 0, JSON.stringify(outcome.results.slice(0, 3)));
});
