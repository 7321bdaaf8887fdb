/**
 * Shared set-up of the HTTP tests: an app over an in-memory store with a small fixture graph behind the real listener
 * (port 0: the result cache's front included, as in production), and request helpers.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { Iris } from '../../src/model/ns.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { WriteGate } from '../../src/store/types.js';
import { listenTo, type Listener } from './listener.js';

const { namedNode, literal, quad } = DataFactory;

export const TOKEN = 'test-token-1234';
export const AUTH = { Authorization: `Bearer ${TOKEN}` };
export const EX = 'http://example.org/';

/** Two named graphs and one default-graph triple. */
export function fixtureQuads(): Quad[] {
  return [
    quad(namedNode(`${EX}a`), namedNode(`${EX}p`), literal('alpha'), namedNode(`${EX}g1`)),
    quad(namedNode(`${EX}b`), namedNode(`${EX}p`), literal('beta'), namedNode(`${EX}g2`)),
    quad(namedNode(`${EX}c`), namedNode(`${EX}p`), literal('gamma')),
  ];
}

export interface TestApp extends Listener {
  app: App;
  ctx: AppContext;
}

/**
 * The app over the fixture graph (or `quads`) in an in-memory store, listening on a free loopback port. The store
 * keeps its one replica on this thread unless `queryWorkers` asks for worker threads, as tests of timeouts and query
 * budgets do (only workers stop a query): the pool is the store tests' subject, and a worker costs each app a thread
 * that loads oxigraph and the data again (about a third of an HTTP file's CPU).
 */
export async function makeApp(overrides: Partial<Config> = {}, quads: Quad[] = fixtureQuads(), gate?: WriteGate, port = 0, clock?: () => number): Promise<TestApp> {
  const config = Object.freeze({ ...loadConfig({}, { OSCE_KG_TOKEN: TOKEN }), ...overrides });
  const store = createMemoryStore(quads, { workers: overrides.queryWorkers ?? 0 });
  await store.open();
  const ctx: AppContext = { config, iris: new Iris(config.base), store, ...(gate ? { gate } : {}), ...(clock ? { clock } : {}) };
  const app = createApp(ctx);
  const listener = await listenTo(app, port);
  return {
    ...listener, app, ctx,
    close: async () => {
      await listener.close();
      await store.close();
    },
  };
}

/** The parsed JSON error body of a response. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; detail?: unknown }> {
  const body = (await res.json()) as { error: { code: string; message: string; detail?: unknown } };
  return body.error;
}

export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
