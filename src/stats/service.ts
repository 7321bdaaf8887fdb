/**
 * The statistics of one store. On the embedded store: a FacetIndex kept current by every committed delta
 * (`onChange`, called at commit before the write is acknowledged, so a request after a write sees it), checkpointed
 * to `{data-dir}/stats/facets.json` with the dataset version it is at; a start at another version (or without the
 * file) rebuilds it from the store. It depends on the store only through the `KgStore` contract (change events and
 * SELECTs), not on how the store writes. On a store shared by several instances (`--store sparql`), where this
 * instance does not see every delta, each request is answered by a SPARQL aggregate on the store, once per dataset
 * version (so every instance answers the same).
 */
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { BACKGROUND_TIMEOUT_MS, writesSettled, type ChangeEvent, type KgStore } from '../store/types.js';
import { iriRef } from '../linked-data/sparql-terms.js';
import { isStoreClosed } from '../store/pool.js';
import { StopSignal, Stopped } from '../model/stop-signal.js';
import { FacetIndex } from './facet-index.js';
import { pause, readFacts as readCheckpoint, writeFacts } from './checkpoint.js';
import { factPieces, selectFacts } from './fact-rows.js';
import { FactStore, LABEL_PREDICATES, RDF_TYPE, SLOT_PREDICATES, SPOKEN_BY, TYPES, UNIT_OF } from './facts.js';
import { keyIris, labelsSparql, pickLabels, rowsFromSparql, statsSparql } from './sparql.js';
import { statsQueryString } from './request.js';
import { STATS_CONTENT_TYPES, statsBody, type StatsType } from './answer.js';
import type { StatsRequest, StatsRow } from './types.js';

/** A checkpoint is written this long after the last change (and on stop): JSON of 100k releases takes ~0.3 s. */
const CHECKPOINT_DELAY_MS = 10_000;
/**
 * SPARQL aggregates kept per dataset version (`--store sparql` only): they take 0.1-16 s at 100k releases, and the
 * `/stats` page and the entity timelines ask the API's questions again. On the embedded store nothing is kept here:
 * an answer is computed from the index per request (a few ms at 100k) and repeats are the result cache's.
 */
const SPARQL_CACHE = 256;

/** A serialized statistics answer, and the dataset version it was computed at. */
export interface StatsBody {
  body: Buffer;
  contentType: string;
  version: number;
}

/** Where the embedded store's statistics are checkpointed. */
export const statsFile = (dataDir: string): string => join(dataDir, 'stats', 'facets.json');

export interface StatsServiceOptions {
  /** Checkpoint file; none for a store without a data dir. */
  file?: string;
  /** 'index' (default): in memory, from deltas; 'sparql': SPARQL aggregates on the store per version. */
  mode?: 'index' | 'sparql';
  timeoutMs?: number;
}

/** Whether an error is a build ending because the service stopped or the store closed under it (no log). */
const cancelled = (error: unknown): boolean => error instanceof Stopped || isStoreClosed(error);

/**
 * Between two pieces of a rebuild: the event loop runs, and an upload in flight finishes first (a rebuild follows
 * every write of more than 10,000 quads, so it would overlap the next one: decision 0041).
 */
const afterPiece = (store: KgStore): Promise<void> => pause().then(() => writesSettled(store));

/**
 * Reads the facts the index needs from the store: a few SELECTs on the predicate index, no whole-store scan, their
 * rows packed where they ran and applied here a piece at a time (fact-rows.ts). A stop cuts every wait (a SELECT
 * queued behind other background reads, an upload in flight): a stop that waited for them took 9-25 s after a
 * 100 MB upload.
 */
async function readFacts(store: KgStore, stop: StopSignal): Promise<FactStore> {
  const facts = new FactStore();
  const opts = { timeoutMs: BACKGROUND_TIMEOUT_MS, background: true };
  const feed = async (query: string) => {
    await stop.race(writesSettled(store));
    for (const triples of factPieces(await stop.race(selectFacts(store, query, opts)))) {
      facts.apply([], triples);
      await stop.race(afterPiece(store));
    }
  };
  for (const p of [...SLOT_PREDICATES, SPOKEN_BY, UNIT_OF]) await feed(`SELECT ?s ?p ?o WHERE { VALUES ?p { ${iriRef(p)} } ?s ?p ?o }`);
  const types = Object.values(TYPES).map(iriRef).join(' ');
  await feed(`SELECT ?s ?p ?o WHERE { VALUES ?o { ${types} } VALUES ?p { ${iriRef(RDF_TYPE)} } ?s ?p ?o }`);
  const labels = LABEL_PREDICATES.map(iriRef).join(' ');
  await feed(`SELECT ?s ?p ?o WHERE { VALUES ?p { ${labels} } ?s ?p ?o . FILTER(LANG(?o) = "en" || LANG(?o) = "") }`);
  stop.check();
  return facts;
}

export class StatsService {
  private index: FacetIndex | undefined;
  /** The dataset version the index is at. */
  private at = -1;
  private started: Promise<void> | undefined;
  private pending: ChangeEvent[] = [];
  private building = false;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private readonly stopSignal = new StopSignal('the statistics stopped');
  private readonly cache = new Map<string, Promise<StatsRow[]>>();
  private cacheVersion = -1;
  /** How the index was made since start: adopted from the checkpoint, or read from the store (for /health, /metrics, tests). */
  readonly builds = { restored: 0, rebuilt: 0 };
  /**
   * Answers computed and serialized since start (for /metrics, the tests and the bench: every request that reaches
   * the statistics computes its answer; a repeat at the same version is a hit of the result cache and never gets here).
   */
  readonly answers = { made: 0 };
  readonly mode: 'index' | 'sparql';
  /** Deltas applied and the time they took (what keeping the statistics current adds to the writes), for /metrics. */
  readonly applied = { writes: 0, seconds: 0 };

  constructor(private readonly store: KgStore, private readonly opts: StatsServiceOptions = {}) {
    this.mode = opts.mode ?? 'index';
  }

  /**
   * Follows the store from now on and builds (or restores) the index; later calls return the same promise. A build
   * cut short by `stop` or by the store closing resolves without an index (requests then answer 503 STORE_CLOSED).
   */
  start(): Promise<void> {
    if (this.mode === 'sparql') return Promise.resolve();
    this.started ??= (async () => {
      this.unsubscribe = this.store.onChange((e) => this.onChange(e));
      try {
        if (!(await this.restore())) await this.rebuild();
      } catch (error) {
        if (!cancelled(error)) throw error;
      }
    })();
    return this.started;
  }

  /** Stops following the store: a build under way ends at its next read; a changed index is checkpointed. */
  async stop(): Promise<void> {
    this.stopSignal.stop();
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.started?.catch(() => undefined);
    if (this.dirty) await this.checkpoint().catch((e) => console.error('osce-kg: statistics checkpoint', e));
  }

  /** The index, once built; a request after the service stopped or its store closed is a 503, as the store's. */
  private async built(): Promise<FacetIndex> {
    await this.start();
    if (!this.index) throw new AppError(503, 'STORE_CLOSED', 'The store is closed.');
    return this.index;
  }

  /** What /health says of the statistics: the mode, the version the index is at (-1 while built) and how it was made. */
  health(): { mode: 'index' | 'sparql'; version?: number; restored?: number; rebuilt?: number } {
    if (this.mode === 'sparql') return { mode: this.mode };
    return { mode: this.mode, version: this.index ? this.at : -1, ...this.builds };
  }

  /** The dataset version the statistics are at (the index's, or the store's for SPARQL aggregates). */
  async version(): Promise<number> {
    if (this.mode === 'sparql') return this.store.version();
    await this.start();
    return this.at;
  }

  /** The rows of one request. */
  async answer(req: StatsRequest): Promise<StatsRow[]> {
    if (this.mode === 'index') return (await this.built()).query(req);
    const version = await this.store.version();
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    const key = statsQueryString(req);
    let rows = this.cache.get(key);
    if (!rows) {
      rows = this.aggregate(req);
      rows.catch(() => this.cache.delete(key));
      if (this.cache.size >= SPARQL_CACHE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, rows);
    }
    return rows;
  }

  /**
   * The rows of one request and the version they were computed at (read in one synchronous step with the rows on the
   * index; before the aggregate ran on an external store): the pages' ETags name the version their charts come from.
   */
  async answerAt(req: StatsRequest): Promise<{ rows: StatsRow[]; version: number }> {
    if (this.mode === 'index') {
      const index = await this.built();
      return { version: this.at, rows: index.query(req) };
    }
    const version = await this.store.version();
    return { rows: await this.answer(req), version };
  }

  /**
   * The serialized answer of one request, computed now, and the version it was computed at. On the index, rows and
   * version are read in one synchronous step; an aggregate (external store) is given the version read before it
   * ran, so that a write meanwhile shows as a version older than the store's (the route then lets nobody keep it).
   */
  async body(req: StatsRequest, type: StatsType): Promise<StatsBody> {
    if (this.mode === 'index') {
      const index = await this.built();
      const version = this.at;
      // rows to text from the keys' serialized pieces, kept with the index (decision 0038)
      const counted = index.counted(req);
      const body = type === 'text/csv' ? Buffer.from(counted.csv()) : counted.json();
      this.answers.made++;
      return { body, contentType: STATS_CONTENT_TYPES[type], version };
    }
    const version = await this.store.version();
    const { body, contentType } = statsBody(req, await this.answer(req), type);
    this.answers.made++;
    return { body: Buffer.from(body), contentType, version };
  }

  /**
   * The `fields-of-work` named query's rows from the index and the version they were computed at; undefined on a
   * shared store (the SPARQL answers it). A few dozen fields: computed per request.
   */
  async fieldsOfWork(): Promise<{ rows: { field: string; label: string; releases: number }[]; version: number } | undefined> {
    if (this.mode === 'sparql') return undefined;
    const index = await this.built();
    this.answers.made++;
    return { rows: index.fieldsOfWork(), version: this.at };
  }

  private async aggregate(req: StatsRequest): Promise<StatsRow[]> {
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const rows = await this.store.select(statsSparql(req), { timeoutMs });
    const iris = keyIris(req, rows);
    const labels = iris.length ? pickLabels(await this.store.select(labelsSparql(iris), { timeoutMs })) : new Map<string, string>();
    return rowsFromSparql(req, rows, labels);
  }

  private onChange(e: ChangeEvent): void {
    if (this.building || !this.index) {
      this.pending.push(e);
      return;
    }
    if (e.version <= this.at) return;
    // the quads are parsed for this listener (ChangeEvent.delta): part of what keeping the statistics current costs
    const t0 = performance.now();
    // a bulk load, or a write too large to carry its quads: read the facts again
    const delta = e.bulk ? undefined : e.delta?.();
    if (!delta) {
      this.rebuild().catch((error) => cancelled(error) || console.error('osce-kg: statistics rebuild', error));
      return;
    }
    this.index.apply(delta.removed, delta.added);
    this.applied.seconds += (performance.now() - t0) / 1000;
    this.applied.writes++;
    this.at = e.version;
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    if (!this.opts.file) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.checkpoint().catch((e) => console.error('osce-kg: statistics checkpoint', e)), CHECKPOINT_DELAY_MS);
    this.timer.unref();
  }

  /** Reads every fact again, until no write committed meanwhile; then applies the changes that came during it. */
  async rebuild(): Promise<void> {
    this.building = true;
    try {
      for (let attempt = 0; ; attempt++) {
        const before = await this.store.version();
        const facts = await readFacts(this.store, this.stopSignal);
        if ((await this.store.version()) === before || attempt >= 4) {
          this.index = await FacetIndex.derived(facts, () => this.stopSignal.race(afterPiece(this.store)));
          this.at = before;
          this.builds.rebuilt++;
          break;
        }
      }
    } finally {
      this.building = false;
    }
    const pending = this.pending;
    this.pending = [];
    for (const e of pending) this.onChange(e);
    this.dirty = true;
    await this.checkpoint();
  }

  /**
   * Writes the index's facts and version, a piece at a time (checkpoint.ts), from a copy taken at once (a delta
   * applied while the pieces are written must not mix two versions).
   */
  async checkpoint(): Promise<void> {
    const file = this.opts.file;
    if (!file || !this.index) return;
    const at = this.at;
    await writeFacts(file, at, this.index.facts);
    if (this.at === at) this.dirty = false;
  }

  /** Adopts the checkpoint when it is at the store's version, read and derived in slices (checkpoint.ts). */
  private async restore(): Promise<boolean> {
    if (!this.opts.file) return false;
    const version = await this.store.version();
    const saved = await readCheckpoint(this.opts.file, version);
    if (!saved) return false; // none, torn, stale or of another format: rebuilt
    this.index = await FacetIndex.derived(saved.facts, pause);
    this.at = version;
    this.builds.restored++;
    const pending = this.pending;
    this.pending = [];
    for (const e of pending) this.onChange(e);
    if (saved.legacy) this.changed(); // written again in the current format
    return true;
  }
}
