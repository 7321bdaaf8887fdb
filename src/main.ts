/**
 * The one place with side effects for serving: config → store → context → app → listen. `osce-kg serve` calls it;
 * tests start real servers with it too.
 */
import { createApp } from './app.js';
import { listen } from './server/listen.js';
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
import { StatsService, statsFile } from './stats/service.js';
import { searchIndexFor } from './api/search-index.js';
import { isStoreClosed } from './store/pool.js';

export interface RunningServer {
  /** `http://host:port` actually listened on (port 0 picks a free one). */
  url: string;
  store: KgStore;
  close(): Promise<void>;
}

/** Opens the store (seeding it from data/ on first start unless `empty`), builds the app and listens. */
export async function startServer(config: Readonly<Config>, gate: WriteGate = createShaclGate(new Iris(config.base))): Promise<RunningServer> {
  const seed = () => (config.empty ? [] : builtinQuads(config.base));
  const store: KgStore = config.store === 'sparql'
    ? createRemoteStore(config, seed)
    : createEmbeddedStore({ dataDir: config.dataDir, workers: config.queryWorkers, recycleBytes: config.workerRecycleBytes, seed });
  await store.open();
  const iris = new Iris(config.base);
  // dumps and the change feed follow the store from the start (in the background: the first dumps take a while)
  const linkedData = new LinkedDataServices(store, iris, { dir: join(config.dataDir, 'publish') });
  linkedData.start().catch((e) => console.error('osce-kg: the dumps or the change feed failed to start', e));
  const { harvestDelayMs: delayMs, harvestContact: contact } = config;
  const defaults = { ...(delayMs !== undefined ? { delayMs } : {}), ...(contact ? { contact } : {}) };
  const harvest = new HarvestJobs({ store, gate, iris, dataDir: config.dataDir, defaults });
  // the statistics follow the store from its opening, checkpointed beside it (an external store, or OSCE_KG_STATS=sparql: SPARQL aggregates)
  const stats = config.stats === 'sparql'
    ? new StatsService(store, { mode: 'sparql', timeoutMs: config.queryTimeoutMs })
    : new StatsService(store, { file: statsFile(config.dataDir) });
  stats.start().catch((e) => console.error('osce-kg: the statistics failed to start', e));
  // the search index's checkpoint: not for a shared external store, whose data others change while this one is down
  const searchFile = config.store === 'embedded' ? join(config.dataDir, 'search', 'index.jsonl') : undefined;
  const ctx: AppContext = { config, iris, store, gate, linkedData, harvest, stats, ...(searchFile ? { searchFile } : {}) };
  if (config.harvest.length > 0) harvest.schedule({ urls: config.harvest }, config.harvestEveryMs);
  const app = createApp(ctx);
  // the search index is built now rather than on the first search (minutes at 100k releases); createApp builds it
  // on first use, so an app whose requests never search (most tests') starts no search worker; a failure here is
  // retried on first use
  searchIndexFor(ctx).catch((error: unknown) => {
    if (isStoreClosed(error)) return; // the service stopped before the index was built
    process.stderr.write(`osce-kg: search index not built yet: ${error instanceof Error ? error.message : String(error)}\n`);
  });
  const server = await listen(app, config);
  return {
    url: server.url,
    store,
    close: async () => {
      // each step that takes over a second is logged: a stop is killed after a service manager's timeout
      const step = async (name: string, run: () => Promise<void>) => {
        const t0 = performance.now();
        await run();
        const s = (performance.now() - t0) / 1000;
        if (s > 1) console.error(`osce-kg: stopping: ${name} took ${s.toFixed(1)} s`);
      };
      await step('the harvester', () => harvest.stop());
      await step('the listener', () => server.close());
      // no write can come now: the statistics' checkpoint is written first, so that a stop cut short (a service
      // manager's kill after its timeout) never leaves one that is stale, which the next start would rebuild
      await step('the statistics', () => stats.stop());
      await step('the dumps and the change feed', () => linkedData.stop());
      await step('the store', () => store.close());
    },
  };
}
