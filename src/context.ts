/**
 * What the HTTP app and the commands are built from: configuration and services, passed in (never imported as
 * singletons), so tests can build an app over an in-memory store.
 */
import type { Config } from './config.js';
import type { Iris } from './model/ns.js';
import type { HarvestJobs } from './harvest/jobs.js';
import type { QuerySource } from './api/query-source.js';
import type { LinkedDataServices } from './linked-data/services.js';
import type { KgStore, WriteGate } from './store/types.js';
import type { StatsService } from './stats/service.js';

export interface AppContext {
  readonly config: Readonly<Config>;
  readonly iris: Iris;
  readonly store: KgStore;
  /** The SHACL gate applied to every write of OSCE data (absent: writes are not checked, for tests). */
  readonly gate?: WriteGate;
  /** Dumps and change feed (src/linked-data/services.ts); created on first use when absent. */
  readonly linkedData?: LinkedDataServices;
  /** Harvest jobs (`POST /harvest`, `serve --harvest`); absent in apps that run none. */
  readonly harvest?: HarvestJobs;
  /** The named queries of the API and the query editor's examples; `queries/*.rq` when absent. */
  readonly queries?: QuerySource;
  /** Release statistics (src/stats/); an in-memory index without a checkpoint file is made when absent. */
  readonly stats?: StatsService;
  /** Where the search index is checkpointed (the embedded store's data dir); absent: built at every start. */
  readonly searchFile?: string;
  /** The clock the usage limits refill query-time budgets by, ms (tests move it); `performance.now` when absent. */
  readonly clock?: () => number;
}
