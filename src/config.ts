/**
 * Configuration: read once from argv/env into a typed, frozen object. The only module that reads `process.env`.
 * Options resolve as `argument ?? environment ?? default`.
 */
import { CALLING_THREAD_QUERY_LIMITS, DEFAULT_QUERY_LIMITS, type QueryLimits } from './sparql/complexity.js';
import { DEFAULT_BASE } from './model/ns.js';

export interface Config {
  port: number;
  host: string;
  /** Public base IRI of entities and documents (ends with '/'). */
  base: string;
  /** Folder of the embedded store's snapshot and journal. */
  dataDir: string;
  /** Start with no built-in data. */
  empty: boolean;
  unionDefaultGraph: boolean;
  queryTimeoutMs: number;
  /** Bearer token for writes; undefined = read-only service. */
  token: string | undefined;
  /** Largest query/update request body, bytes. */
  maxRequestBytes: number;
  /** Largest graph-store upload, bytes. */
  maxUploadBytes: number;
  /** Largest serialized query result, bytes (0 = none). */
  maxResultBytes: number;
  /** SERVICE IRIs must start with one of these. */
  allowService: string[];
  /** Number of query worker threads. */
  queryWorkers: number;
  /** Bounds on a query's or update's text, checked before it is parsed (sparql/complexity.ts). */
  queryLimits: QueryLimits;
  /** A query worker whose memory grew by more than this past its size once loaded is replaced, bytes. */
  workerRecycleBytes: number;
  store: 'embedded' | 'sparql';
  /**
   * How `/api/stats` and the counting named queries are answered: `index`, statistics in memory kept current by every
   * write (the embedded store's default); `sparql`, SPARQL aggregates on the store once per dataset version (the only
   * choice on an external store, where an instance does not see every write; on the embedded store it saves the
   * statistics' memory at the cost of slow first answers).
   */
  stats: 'index' | 'sparql';
  storeQuery: string | undefined;
  storeUpdate: string | undefined;
  storeGsp: string | undefined;
  storeUser: string | undefined;
  storePassword: string | undefined;
  /** URLs harvested by the server at start and then every `harvestEveryMs` (none: no scheduled harvest). */
  harvest: string[];
  harvestEveryMs: number | undefined;
  harvestDelayMs: number | undefined;
  /** Contact URL sent in the harvester's User-Agent. */
  harvestContact: string | undefined;
  /** Queries one anonymous client may have queued or running (0: no bound). */
  clientQueries: number;
  /** Queries all anonymous clients together may have queued or running (0: no bound). */
  anonymousQueries: number;
  /** Query time an anonymous client may use per `queryBudgetWindowMs`, ms (0: no budget). */
  queryBudgetMs: number;
  queryBudgetWindowMs: number;
  /** Take the client's address from the last `X-Forwarded-For` entry (behind a reverse proxy). */
  trustProxy: boolean;
  /** Where the access log goes: a file path, `-` (standard output), or undefined (none). */
  accessLog: string | undefined;
}

export interface ServeArgs {
  port?: string | number;
  host?: string;
  base?: string;
  dataDir?: string;
  empty?: boolean;
  unionDefaultGraph?: boolean;
  queryTimeout?: string | number;
  allowService?: string[];
  queryWorkers?: string | number;
  maxResultBytes?: string | number;
  store?: string;
  storeQuery?: string;
  storeUpdate?: string;
  storeGsp?: string;
  harvest?: string[];
  harvestEvery?: string;
  harvestDelayMs?: string | number;
  harvestContact?: string;
  clientQueries?: string | number;
  anonymousQueries?: string | number;
  queryBudget?: string | number;
  queryBudgetWindow?: string | number;
  trustProxy?: boolean;
  accessLog?: string;
}

function int(name: string, value: string | number | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
}

/** A yes/no environment variable: `1`, `true`, `yes` or `on` is yes. */
function flag(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(value ?? '');
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `6h`, `30m`, `90s`, `1d` (or milliseconds), as milliseconds. */
function duration(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`${name} must be a duration such as 6h, 30m or 90s, got "${value}"`);
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}

/** The query complexity bounds: each from the environment, else the default of where queries run (complexity.ts). */
function queryLimits(env: NodeJS.ProcessEnv, defaults: QueryLimits): QueryLimits {
  return Object.freeze({
    chars: int('OSCE_KG_MAX_QUERY_CHARS', env.OSCE_KG_MAX_QUERY_CHARS, defaults.chars),
    operators: int('OSCE_KG_MAX_QUERY_OPERATORS', env.OSCE_KG_MAX_QUERY_OPERATORS, defaults.operators),
    clauses: int('OSCE_KG_MAX_QUERY_CLAUSES', env.OSCE_KG_MAX_QUERY_CLAUSES, defaults.clauses),
  });
}

export function loadConfig(args: ServeArgs = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const base = args.base ?? env.OSCE_KG_BASE ?? DEFAULT_BASE;
  if (!/^https?:\/\/[^/]+/.test(base)) throw new Error(`--base must be an http(s) IRI, got "${base}"`);
  const store = args.store ?? env.OSCE_KG_STORE ?? 'embedded';
  if (store !== 'embedded' && store !== 'sparql') throw new Error(`--store must be "embedded" or "sparql", got "${store}"`);
  const stats = env.OSCE_KG_STATS || (store === 'sparql' ? 'sparql' : 'index');
  if (stats !== 'index' && stats !== 'sparql') throw new Error(`OSCE_KG_STATS must be "index" or "sparql", got "${stats}"`);
  if (stats === 'index' && store === 'sparql') throw new Error('OSCE_KG_STATS=index needs the embedded store: an instance of an external store does not see every write');
  const harvestDelay = args.harvestDelayMs ?? env.OSCE_KG_HARVEST_DELAY_MS;
  const queryWorkers = int('--query-workers', args.queryWorkers ?? env.OSCE_KG_QUERY_WORKERS, 2);
  const budgetWindow = int('--query-budget-window', args.queryBudgetWindow ?? env.OSCE_KG_QUERY_BUDGET_WINDOW, 60);
  const accessLog = args.accessLog ?? env.OSCE_KG_ACCESS_LOG;
  if (budgetWindow <= 0) throw new Error('--query-budget-window must be a positive number of seconds');
  return Object.freeze({
    port: int('--port', args.port ?? env.PORT, 8080),
    host: args.host ?? env.HOST ?? '127.0.0.1',
    base: base.endsWith('/') ? base : `${base}/`,
    dataDir: args.dataDir ?? env.OSCE_KG_DATA_DIR ?? 'var/store',
    empty: args.empty ?? false,
    unionDefaultGraph: args.unionDefaultGraph ?? true,
    queryTimeoutMs: int('--query-timeout', args.queryTimeout ?? env.OSCE_KG_QUERY_TIMEOUT, 30) * 1000,
    token: env.OSCE_KG_TOKEN || undefined,
    maxRequestBytes: int('OSCE_KG_MAX_REQUEST_BYTES', env.OSCE_KG_MAX_REQUEST_BYTES, 1024 * 1024),
    maxUploadBytes: int('OSCE_KG_MAX_UPLOAD_BYTES', env.OSCE_KG_MAX_UPLOAD_BYTES, 512 * 1024 * 1024),
    maxResultBytes: int('--max-result-bytes', args.maxResultBytes ?? env.OSCE_KG_MAX_RESULT_BYTES, 256 * 1024 * 1024),
    allowService: args.allowService ?? (env.OSCE_KG_ALLOW_SERVICE ? env.OSCE_KG_ALLOW_SERVICE.split(/\s+/) : []),
    queryWorkers,
    queryLimits: queryLimits(env, queryWorkers === 0 ? CALLING_THREAD_QUERY_LIMITS : DEFAULT_QUERY_LIMITS),
    workerRecycleBytes: int('OSCE_KG_WORKER_RECYCLE_MB', env.OSCE_KG_WORKER_RECYCLE_MB, 256) * 1024 * 1024,
    store,
    stats,
    storeQuery: args.storeQuery ?? env.OSCE_KG_STORE_QUERY,
    storeUpdate: args.storeUpdate ?? env.OSCE_KG_STORE_UPDATE,
    storeGsp: args.storeGsp ?? env.OSCE_KG_STORE_GSP,
    storeUser: env.OSCE_KG_STORE_USER,
    storePassword: env.OSCE_KG_STORE_PASSWORD,
    harvest: args.harvest ?? (env.OSCE_KG_HARVEST ? env.OSCE_KG_HARVEST.split(/\s+/).filter(Boolean) : []),
    harvestEveryMs: duration('--harvest-every', args.harvestEvery ?? env.OSCE_KG_HARVEST_EVERY),
    harvestDelayMs: harvestDelay === undefined ? undefined : int('--harvest-delay-ms', harvestDelay, 1000),
    harvestContact: args.harvestContact ?? env.OSCE_KG_HARVEST_CONTACT,
    clientQueries: int('--client-queries', args.clientQueries ?? env.OSCE_KG_CLIENT_QUERIES, 4),
    anonymousQueries: int('--anonymous-queries', args.anonymousQueries ?? env.OSCE_KG_ANONYMOUS_QUERIES, 8 * queryWorkers),
    queryBudgetMs: int('--query-budget', args.queryBudget ?? env.OSCE_KG_QUERY_BUDGET, 60) * 1000,
    queryBudgetWindowMs: budgetWindow * 1000,
    trustProxy: args.trustProxy ?? flag(env.OSCE_KG_TRUST_PROXY),
    accessLog: accessLog === undefined || accessLog === '' || accessLog === 'off' ? undefined : accessLog,
  });
}
