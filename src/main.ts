/**
 * The one place with side effects for serving: config → store → context → app → listen. `osce-kg serve` calls it;
 * tests start real servers with it too.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createServer, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from './http/cache-front.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { Iris } from './model/ns.js';
import { builtinQuads } from './builtin.js';
import { createEmbeddedStore } from './store/embedded-store.js';
import { createRemoteStore } from './store/remote/index.js';
import type { KgStore, WriteGate } from './store/types.js';
import { createShaclGate } from './validation/index.js';
import { join } from 'node:path';
import { LinkedDataServices } from './linked-data/services.js';
import { HarvestJobs } from './harvest/jobs.js';

export interface RunningServer {
  /** `http://host:port` actually listened on (port 0 picks a free one). */
  url: string;
  store: KgStore;
  close(): Promise<void>;
}

function listen(app: ReturnType<typeof createApp>, config: Readonly<Config>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    // cache hits are answered before Hono sees the request (src/http/cache-front.ts)
    const front = ((options: ServerOptions, listener: RequestListener) => createServer(options, app.front(listener))) as typeof createServer;
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, createServer: front }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${host}:${info.port}` });
    });
    server.once('error', reject);
  });
}

/** Opens the store (seeding it from data/ on first start unless `empty`), builds the app and listens. */
export async function startServer(config: Readonly<Config>, gate: WriteGate = createShaclGate(new Iris(config.base))): Promise<RunningServer> {
  const seed = () => (config.empty ? [] : builtinQuads(config.base));
  const store: KgStore = config.store === 'sparql'
    ? createRemoteStore(config, seed)
    : createEmbeddedStore({ dataDir: config.dataDir, workers: config.queryWorkers, spinMs: config.spinMs, seed });
  await store.open();
  const iris = new Iris(config.base);
  // dumps and the change feed follow the store from the start (in the background: the first dumps take a while)
  const linkedData = new LinkedDataServices(store, iris, { dir: join(config.dataDir, 'publish') });
  linkedData.start().catch((e) => console.error('osce-kg: the dumps or the change feed failed to start', e));
  const { harvestDelayMs: delayMs, harvestContact: contact } = config;
  const defaults = { ...(delayMs !== undefined ? { delayMs } : {}), ...(contact ? { contact } : {}) };
  const harvest = new HarvestJobs({ store, gate, iris, dataDir: config.dataDir, defaults });
  const ctx: AppContext = { config, iris, store, gate, linkedData, harvest };
  if (config.harvest.length > 0) harvest.schedule({ urls: config.harvest }, config.harvestEveryMs);
  const app = createApp(ctx);
  const { server, url } = await listen(app, config);
  return {
    url,
    store,
    close: async () => {
      await harvest.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await linkedData.stop();
      await store.close();
    },
  };
}
