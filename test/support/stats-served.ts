/**
 * The setup the statistics' HTTP tests share: a memory store of the reference data, the quoted persons and random
 * releases (seeded), served through the real listener for the tests of one file, and writes of new releases.
 * `lagging`: the statistics are a service of their own over the store, whose change events can be held back
 * (`hold`, `deliver`): statistics behind the store, as while they read it again after a bulk load.
 */
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { Iris } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { ChangeEvent, KgStore } from '../../src/store/types.js';
import { defaultQuerySource } from '../../src/api/query-source.js';
import { StatsService } from '../../src/stats/service.js';
import type { AppContext } from '../../src/context.js';
import { serveContext, type Served } from './listener.js';
import { ReleaseMaker, mulberry32, vocabulary, type Vocabulary } from './stats-data.js';

export const STATS_BASE = 'http://localhost:8080/';

export interface StatsServed {
  iris: Iris;
  vocab: Vocabulary;
  /** The seeded random numbers the releases were drawn from (a file's own random choices go on from them). */
  random: () => number;
  maker: ReleaseMaker;
  /** The keys of the releases the store starts with. */
  keys: string[];
  store: ReturnType<typeof createMemoryStore>;
  ctx: AppContext;
  /** The service of `lagging`; otherwise the app makes its own. */
  stats?: StatsService;
  /** Served from the first test on. */
  readonly server: Served;
  /** Puts a new release (random facets) into its graph; its key. */
  write(): Promise<string>;
  /** Holds the statistics' change events back (`lagging` only), until `deliver`. */
  hold(): void;
  deliver(): void;
}

export function serveStats(opts: { seed: number; releases: number; lagging?: boolean }): StatsServed {
  const iris = new Iris(STATS_BASE);
  const vocab = vocabulary(STATS_BASE);
  const random = mulberry32(opts.seed);
  const maker = new ReleaseMaker(iris, vocab, random);
  const keys = Array.from({ length: opts.releases }, () => maker.key());
  const store = createMemoryStore([...loadReferenceQuads(STATS_BASE), ...maker.persons(), ...keys.flatMap((k) => maker.release(k))], { workers: 0 });
  let holding = false;
  const held: Array<() => void> = [];
  // the store as the statistics see it: everything is the store's but its change events, held back while `holding`
  const lagging = new Proxy(store, {
    get(target, name) {
      if (name === 'onChange') return (fn: (e: ChangeEvent) => void) => target.onChange((e) => (holding ? held.push(() => fn(e)) : fn(e)));
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as KgStore;
  const stats = opts.lagging ? new StatsService(lagging) : undefined;
  const ctx: AppContext = { config: loadConfig({ base: STATS_BASE }, {}), iris, store, ...(stats ? { stats } : {}), gate: async () => undefined, queries: defaultQuerySource() };
  let server: Served | undefined;
  before(async () => {
    await store.open();
    server = await serveContext(ctx);
  });
  after(async () => {
    await server?.close();
    await stats?.stop();
    await store.close();
  });
  return {
    iris, vocab, random, maker, keys, store, ctx, stats,
    get server() {
      if (!server) throw new Error('served once the tests start');
      return server;
    },
    async write() {
      const key = maker.key();
      await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
      return key;
    },
    hold() {
      if (!stats) throw new Error('hold: the statistics follow the store directly (no `lagging`)');
      holding = true;
    },
    deliver() {
      holding = false;
      for (const fn of held.splice(0)) fn();
    },
  };
}
