/** Shared setup of the publishing tests: the reference data plus a synthetic release in an in-memory store. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { Readable } from 'node:stream';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { jsonldLib, localDocumentLoader } from '../../src/linked-data/jsonld-context.js';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { LinkedDataServices, type LinkedDataServicesOptions } from '../../src/linked-data/services.js';
import type { AppContext } from '../../src/context.js';
import { Iris } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import { after } from 'node:test';
import { serveContext, serveDuringTests, type Listener, type ServedContext } from './listener.js';
import { adoptSharedDumps, shareDumps } from './shared-dumps.js';

export const BASE = 'http://localhost:8080/';
export const RELEASE_KEY = '2025-01-15-test-release-on-border-management';

export function releaseQuads(base = BASE): Quad[] {
  const text = readFileSync(join(PATHS.fixtures, 'publish', 'release.trig'), 'utf8');
  return new Parser({ baseIRI: base, format: 'TriG' }).parse(text);
}

export function fixtureQuads(extra: Quad[] = []): Quad[] {
  return [...loadReferenceQuads(BASE), ...releaseQuads(), ...extra];
}

export function makeContext(store: KgStore): AppContext {
  return { config: loadConfig({ base: BASE }, {}), iris: new Iris(BASE), store };
}

export async function fixtureStore(extra: Quad[] = []): Promise<KgStore> {
  const store = createMemoryStore(fixtureQuads(extra), { workers: 0 });
  await store.open();
  return store;
}

/** Parses Turtle/N-Triples/TriG/N-Quads text into an n3 Store (for isomorphism and counts). */
export function parseRdf(text: string, format: string, base = BASE): Store {
  return new Store(new Parser({ format, baseIRI: base }).parse(text));
}

/** Graph isomorphism (rdf-isomorphic's typings name n3's Quad; any RDF/JS quad works). */
export function sameGraph(a: readonly Quad[], b: readonly Quad[]): boolean {
  return isomorphic(a as never, b as never);
}

/** Parses a document body of one of the served RDF media types into quads (JSON-LD with our local context only). */
export async function parseAs(text: string, type: string, base = BASE): Promise<Quad[]> {
  if (type === 'application/ld+json') {
    const nq = (await (await jsonldLib()).toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: localDocumentLoader(base) } as never)) as unknown as string;
    return new Parser({ format: 'N-Quads' }).parse(nq);
  }
  if (type === 'application/rdf+xml') {
    return new Promise((resolve, reject) => {
      const out: Quad[] = [];
      Readable.from([text]).pipe(new RdfXmlParser()).on('data', (q: Quad) => out.push(q)).on('error', reject).on('end', () => resolve(out));
    });
  }
  return new Parser({ format: type === 'text/turtle' ? 'Turtle' : type === 'application/n-quads' ? 'N-Quads' : 'N-Triples', baseIRI: base }).parse(text);
}

/**
 * A fixture store with started publishing services (dumps, change feed) in a temp dir, and the app over both behind
 * the real listener (`request`).
 */
export interface LinkedDataHarness extends Listener {
  store: KgStore;
  services: LinkedDataServices;
  app: App;
}

export async function linkedDataHarness(opts: Omit<LinkedDataServicesOptions, 'dir'> = {}): Promise<LinkedDataHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-publish-'));
  const { store, services } = await startFixtureServices(dir, opts);
  const served = await serveContext({ ...makeContext(store), linkedData: services });
  return {
    ...served, store, services,
    close: async () => {
      await served.close();
      await services.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The fixture app served for a file's tests (`serveDuringTests`) with its publishing services started, so the dumps
 * exist before the first test asks for /dumps/ (until then it answers 503); their temp dir is removed after.
 */
export function serveFixtureWithDumps(): ServedContext {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-served-'));
  const served = serveDuringTests(async () => {
    const { store, services } = await startFixtureServices(dir);
    return { ...makeContext(store), linkedData: services };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return served;
}

/**
 * The fixture store and its publishing services in `dir`, started: the dumps are the run's generation of the fixture
 * when another file made it already (shared-dumps.ts), else generated here and shared.
 */
async function startFixtureServices(dir: string, opts: Omit<LinkedDataServicesOptions, 'dir'> = {}): Promise<{ store: KgStore; services: LinkedDataServices }> {
  const quads = fixtureQuads();
  const store = createMemoryStore(quads, { workers: 0 });
  await store.open();
  const adopted = adoptSharedDumps(dir, quads);
  const services = new LinkedDataServices(store, makeContext(store).iris, { ...opts, dir });
  await services.start();
  if (!adopted) shareDumps(dir, quads);
  return { store, services };
}
