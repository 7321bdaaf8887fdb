/**
 * Shared fixtures of the API, search and page tests: an in-memory store with reference data and two releases, a
 * context, and a SELECT as a client sends it.
 */
import assert from 'node:assert/strict';
import n3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import type { Listener } from '../support/listener.js';

const { namedNode, literal, quad } = n3.DataFactory;

export const BASE = 'http://localhost:8080/';
export const iris = new Iris(BASE);

export interface ReleaseFixture {
  key: string;
  headline: string;
  body: string;
  date: string;
}

/** Words chosen to occur only in release bodies, never in a label or headline. */
export const RELEASES: ReleaseFixture[] = [
  {
    key: '2024-03-05-osce-chair-visits-skopje',
    headline: 'OSCE Chair visits Skopje',
    body: 'The Chair discussed hydrometeorological cooperation with the authorities.\n\nThe talks covered <script>alert(1)</script> & other matters.',
    date: '2024-03-05',
  },
  {
    key: '2024-06-10-election-observation-mission-deployed',
    headline: 'Election observation mission deployed',
    body: 'Observers arrived to watch the parliamentary elections. Their quinquennial assessment follows in autumn.',
    date: '2024-06-10',
  },
];

export function releaseQuads(r: ReleaseFixture): Quad[] {
  const s = namedNode(iris.entity('release', r.key));
  const g = namedNode(iris.releaseGraph(r.key));
  return [
    quad(s, namedNode(`${NS.rdf}type`), namedNode(`${NS.osce}PressRelease`), g),
    quad(s, namedNode(`${NS.rdf}type`), namedNode(`${NS.schema}NewsArticle`), g),
    quad(s, namedNode(`${NS.schema}headline`), literal(r.headline, 'en'), g),
    quad(s, namedNode(`${NS.rdfs}label`), literal(r.headline, 'en'), g),
    quad(s, namedNode(`${NS.schema}articleBody`), literal(r.body, 'en'), g),
    quad(s, namedNode(`${NS.schema}datePublished`), literal(r.date, namedNode(`${NS.xsd}date`)), g),
  ];
}

export function fixtureQuads(): Quad[] {
  return [...loadReferenceQuads(BASE), ...RELEASES.flatMap(releaseQuads)];
}

/** A context over a fresh in-memory store (no workers: evaluation on the test thread). */
export function fixtureContext(store: KgStore = createMemoryStore(fixtureQuads(), { workers: 0 })): AppContext {
  return {
    config: loadConfig({ base: BASE }, {}),
    iris,
    store,
  };
}

export type Bindings = Array<Record<string, { type: string; value: string; datatype?: string }>>;

/** The bindings of a SELECT sent to `server` as GET /sparql, asking for SPARQL JSON results; anything but a 200 fails. */
export async function selectVia(server: Listener, query: string): Promise<Bindings> {
  const res = await server.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { results: { bindings: Bindings } }).results.bindings;
}
