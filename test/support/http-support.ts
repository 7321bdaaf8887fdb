/**
 * Shared set-up of the HTTP tests: an app over an in-memory store with a small fixture graph, and request helpers.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { Iris } from '../../src/model/ns.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { WriteGate } from '../../src/store/types.js';

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

export interface TestApp {
  app: ReturnType<typeof createApp>;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function makeApp(overrides: Partial<Config> = {}, quads: Quad[] = fixtureQuads(), gate?: WriteGate): Promise<TestApp> {
  const config = Object.freeze({ ...loadConfig({}, { OSCE_KG_TOKEN: TOKEN }), ...overrides });
  const store = createMemoryStore(quads, { workers: overrides.queryWorkers ?? 1 });
  await store.open();
  const ctx: AppContext = { config, iris: new Iris(config.base), store, gate: gate ?? (async () => undefined) };
  return { app: createApp(ctx), ctx, close: () => store.close() };
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
