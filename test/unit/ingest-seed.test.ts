/**
 * The seed page reproduces the hand-written fixture dataset exactly (provenance timestamps aside): its release graph
 * plus one graph per entity it describes; and the result conforms to the project's shapes with the reference data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { buildRelease, referenceIndex, seedReleaseQuads } from '../../src/ingest/index.js';
import { NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { validate } from '../../src/validation/validate.js';

const BASE = 'http://localhost:8080/';
const SEED = '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt';
const KEY = '2009-10-28-osce-holds-expert-meeting-on-building-trust-5abe5c49';
/** The key the rule before docs/decisions/0001 gave the seed release (date and title only): its IRI stays valid. */
const FORMER_KEY = '2009-10-28-osce-holds-expert-meeting-on-building-trust-between-d21c9cff';
const TIMESTAMPS = new Set([`${NS.prov}generatedAtTime`, `${NS.prov}endedAtTime`]);

function seed(base = BASE): Quad[] {
  return buildRelease(readFileSync(join(PATHS.pages, SEED)), referenceIndex(base), { source: { name: SEED } }).quads;
}

function fixture(base: string): Quad[] {
  return new Parser({ baseIRI: base, format: 'TriG' }).parse(readFileSync(join(PATHS.fixtures, 'seed-release.trig'), 'utf8')) as Quad[];
}

test('the seed page produces the fixture dataset (release graph and entity graphs), timestamps aside', () => {
  const produced = seed().filter((q) => !TIMESTAMPS.has(q.predicate.value));
  const expected = fixture(BASE);
  assert.equal(produced.length, expected.length);
  assert.ok(isomorphic(produced, expected), 'datasets differ');
});

test('the release graph holds the release, its quotations and provenance; each entity is described in its own graph', () => {
  const quads = seed();
  const release = `${BASE}graph/release/${KEY}`;
  assert.deepEqual([...new Set(quads.map((q) => q.graph.value))].sort(), [
    `${BASE}graph/entity/meeting/2009-10-28-osce-experts-workshop-looking-at-ways-to-build-tru`,
    `${BASE}graph/entity/person/andrzej-mirga`,
    `${BASE}graph/entity/person/manuel-marion`,
    `${BASE}graph/entity/publication/police-and-roma-and-sinti-good-practices-in-building-trust-and-understanding`,
    release,
  ]);
  for (const q of quads) {
    const subject = q.subject.value;
    if (q.graph.value === release) assert.doesNotMatch(subject, /\/id\/(person|place|publication|meeting)\//, `${subject} described in the release graph`);
    else assert.equal(q.graph.value, subject.replace(`${BASE}id/`, `${BASE}graph/entity/`), 'an entity graph describes only its entity');
  }
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
  assert.ok(isomorphic(produced, fixture(base)));
});

test('seedReleaseQuads returns the seed release of data/pages, and its IRI before the identity rule as an alias', () => {
  const quads = seedReleaseQuads(BASE).filter((q) => !TIMESTAMPS.has(q.predicate.value));
  const alias = quads.filter((q) => q.graph.value === `${BASE}graph/aliases`);
  assert.deepEqual(alias.map((q) => [q.subject.value, q.predicate.value, q.object.value]), [
    [`${BASE}id/release/${KEY}`, `${NS.owl}sameAs`, `${BASE}id/release/${FORMER_KEY}`],
  ]);
  assert.ok(isomorphic(quads.filter((q) => !alias.includes(q)), fixture(BASE)));
});

test('the seed release conforms to the shapes together with the reference data', async () => {
  const quads = seed();
  const focus = new Set(quads.map((q) => q.subject.value));
  const outcome = await validate([...loadReferenceQuads(BASE), ...quads], { focus });
  assert.equal(outcome.violations, 0, JSON.stringify(outcome.results.slice(0, 3)));
});
