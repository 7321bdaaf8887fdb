/**
 * A response cache for read requests: a repeated query or document costs a hash and a map lookup instead of an
 * evaluation. Entries are keyed by the dataset version, so a write makes every older entry unreachable (and the
 * cache drops them at once); no other invalidation is needed. Bounded by total bytes (LRU). Adds a strong `ETag`
 * when the handler set none and answers `If-None-Match` with 304 (RFC 9110 §13.1.2, §15.4.5).
 */
import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export interface ResultCacheOptions {
  /** The dataset version (KgStore.version): part of every key. */
  version: () => number | Promise<number>;
  /** Total bytes of cached bodies and headers (default 64 MiB). */
  maxBytes?: number;
  /** Larger responses are served but not kept (default 4 MiB): dumps and huge results stream past the cache. */
  maxEntryBytes?: number;
  /** Largest POST body that is read to build the key (default 64 KiB); larger POSTs pass through. */
  maxKeyBodyBytes?: number;
  /** Paths that must never be cached (checked on the request path, before any other work). */
  skip?: (path: string) => boolean;
  /** The route label stored with an entry, for metrics of hits served by the node front (cache-front.ts). */
  routeOf?: (c: Context) => string;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Requests answered by an identical request's evaluation that was still running. */
  coalesced: number;
}

export interface Entry {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  size: number;
  route: string;
}

/**
 * A key computed by the node front before the request reached Hono (stored on the IncomingMessage), so the
 * middleware neither hashes again nor clones the request to read a POST body it already has.
 */
export const FRONT_KEY = Symbol('osce-kg.cacheKey');
export interface FrontKey {
  version: number;
  key: string | undefined;
  /** When the front had the whole request, its body read (performance.now()): the start of its `Server-Timing`. */
  received: number;
}

/**
 * The `Server-Timing` of an answer (W3C Server Timing): whether the cache had it and how long the server spent on it,
 * in ms, from having the whole request (a POST's body read) to writing the response head: the transfers both ways are
 * left out. Clients (a browser's developer tools, `curl -i`, the bench) see what a query cost the server apart from
 * the network.
 */
export function serverTiming(state: 'HIT' | 'MISS', t0: number): string {
  return `cache;desc="${state}";dur=${(performance.now() - t0).toFixed(3)}`;
}

/** Request headers that select the representation (content negotiation) and so belong in the key. */
export const KEY_HEADERS = ['accept', 'accept-language', 'accept-encoding'];
/** POST bodies that are read-only queries (SPARQL 1.1 Protocol §2.1.2, §2.1.3). */
export const QUERY_BODY_TYPES = ['application/sparql-query', 'application/x-www-form-urlencoded'];

/** The key of a request from its parts: dataset version, method, path and query, negotiation headers, POST body. */
export function cacheKey(version: number, method: string, pathAndSearch: string, header: (name: string) => string | undefined, body: string): string {
  let key = `${version}\n${method}\n${pathAndSearch}\n`;
  for (const name of KEY_HEADERS) key += `${name}:${header(name) ?? ''}\n`;
  key += body;
  // A short key is kept as it is (a map hashes a string faster than SHA-256 does); a long one is replaced by its digest.
  return key.length <= RAW_KEY_MAX ? key : `#${hash('sha256', key, 'base64url')}`;
}

/** Keys up to this length are used as they are: a typical query with its prefixes, and any document path. */
const RAW_KEY_MAX = 2048;

/** A form parameter name that contains `update` or a percent escape (which could spell it): only then a full parse. */
const MAYBE_UPDATE_NAME = /(?:^|&)[^=&]*(?:update|%)/i;

/** The POST body's part of the key (its media type and text); undefined for a body that must not be cached. */
export function bodyKey(type: string, text: string): string | undefined {
  if (type === 'application/x-www-form-urlencoded' && MAYBE_UPDATE_NAME.test(text) && new URLSearchParams(text).has('update')) return undefined;
  return `${type}\n${text}`;
}

/** An LRU over a Map (insertion order = recency), bounded by bytes. */
export class ByteLru {
  private readonly map = new Map<string, Entry>();
  bytes = 0;
  constructor(private readonly maxBytes: number) {}
  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }
  set(key: string, e: Entry): void {
    this.delete(key);
    this.map.set(key, e);
    this.bytes += e.size;
    for (const [k, old] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= old.size;
    }
  }
  delete(key: string): void {
    const e = this.map.get(key);
    if (e) this.bytes -= e.size;
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
  get size(): number {
    return this.map.size;
  }
}

/** The POST body as part of the key, or undefined when the request must not be cached. */
async function keyBody(c: Context, maxBytes: number): Promise<string | undefined> {
  if (c.req.method === 'GET') return '';
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!QUERY_BODY_TYPES.includes(type) || Number(c.req.header('content-length')) > maxBytes) return undefined;
  // A clone: the route reads the original stream (c.req.raw) itself.
  const bytes = await readCapped(c.req.raw.clone().body, maxBytes);
  if (bytes === undefined) return undefined;
  return bodyKey(type, Buffer.from(bytes).toString('utf8'));
}

async function requestKey(c: Context, version: number, maxKeyBodyBytes: number): Promise<string | undefined> {
  if (c.req.method !== 'GET' && c.req.method !== 'POST') return undefined;
  // Authenticated requests may see or do more than the public: never shared through the cache.
  if (c.req.header('authorization') !== undefined) return undefined;
  const body = await keyBody(c, maxKeyBodyBytes);
  if (body === undefined) return undefined;
  const url = new URL(c.req.url);
  return cacheKey(version, c.req.method, `${url.pathname}${url.search}`, (name) => c.req.header(name), body);
}

/** The node front's key for this request, if it computed one at this version. */
function frontKey(c: Context, version: number): FrontKey | undefined {
  const incoming = (c.env as { incoming?: { [FRONT_KEY]?: FrontKey } } | undefined)?.incoming;
  const stashed = incoming?.[FRONT_KEY];
  return stashed?.version === version ? stashed : undefined;
}

/** Responses that may be shared (RFC 9111 §3): 200, no no-store/private, no cookie. */
function storable(res: Response): boolean {
  const cc = res.headers.get('cache-control') ?? '';
  return res.status === 200 && !/no-store|private/i.test(cc) && !res.headers.has('set-cookie');
}

/** Reads a stream up to `max` bytes; undefined (and the stream cancelled) when it is larger. */
async function readCapped(stream: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: a tee branch's cancel settles only once the other branch (the one sent) is done too.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** Bodies of responses made by `bytesResponse`, which the cache takes as they are instead of reading a stream. */
const KNOWN_BODIES = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

/**
 * A response over bytes already in memory (a serialized query result): the cache keeps these bytes without going
 * through the body stream, which costs more CPU than a small query's evaluation.
 */
export function bytesResponse(body: Uint8Array<ArrayBuffer>, init: ResponseInit): Response {
  const res = new Response(body, init);
  KNOWN_BODIES.set(res, body);
  return res;
}

/**
 * The response body up to `max` bytes, read from the response itself (no clone: a tee costs more than the copy). A
 * larger body is given back as a response that replays what was read and streams the rest.
 */
async function takeBody(res: Response, max: number): Promise<{ body?: Uint8Array<ArrayBuffer>; passOn?: Response }> {
  const known = KNOWN_BODIES.get(res);
  if (known) return known.byteLength > max ? {} : { body: known };
  if (Number(res.headers.get('content-length')) > max) return {};
  const reader = res.body?.getReader();
  if (!reader) return { body: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks, size) };
    chunks.push(value);
    size += value.byteLength;
    if (size > max) break;
  }
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => chunks.forEach((chunk) => controller.enqueue(chunk)),
    pull: async (controller) => {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { passOn: new Response(stream, { status: res.status, headers: res.headers }) };
}

/** `If-None-Match` against one entity tag, weak comparison (RFC 9110 §13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function respond(c: Context, e: Entry, state: 'HIT' | 'MISS', t0: number): Response {
  const headers = new Headers(e.headers);
  headers.set('x-cache', state);
  headers.set('server-timing', serverTiming(state, t0));
  if (noneMatch(c.req.header('if-none-match'), e.etag)) {
    for (const name of ['content-length', 'content-type', 'content-encoding']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  return new Response(e.body, { status: e.status, headers });
}

/**
 * Labels the evaluated response a miss. A response over known bytes is still intact: its headers are set in place,
 * because assigning `c.res` again makes Hono copy the response through its body stream (~1 ms per request).
 */
function markMiss(c: Context, e: Entry, t0: number): void {
  if (!KNOWN_BODIES.has(c.res) || noneMatch(c.req.header('if-none-match'), e.etag)) {
    c.res = respond(c, e, 'MISS', t0);
    return;
  }
  c.res.headers.set('x-cache', 'MISS');
  c.res.headers.set('etag', e.etag);
  c.res.headers.set('server-timing', serverTiming('MISS', t0));
}

/** Headers of one answer, never replayed from an entry. */
const PER_ANSWER = new Set(['x-cache', 'content-length', 'server-timing']);

/** An entry over a response's parts; the `ETag` is the handler's or a hash of the body. */
export function makeEntry(status: number, headers: [string, string][], body: Uint8Array<ArrayBuffer>, key: string, route: string): Entry {
  const given = headers.find(([n]) => n === 'etag')?.[1];
  const etag = given ?? `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
  const kept = headers.filter(([n]) => !PER_ANSWER.has(n));
  if (!given) kept.push(['etag', etag]);
  return { status, headers: kept, body, etag, size: body.byteLength + key.length + 256, route };
}

/** The response as a cache entry (its body taken), or undefined when it may not be kept (c.res then still sends it). */
async function capture(c: Context, key: string, maxEntry: number, route: string): Promise<Entry | undefined> {
  if (!storable(c.res)) return undefined;
  const { body, passOn } = await takeBody(c.res, maxEntry);
  if (passOn) c.res = passOn;
  if (body === undefined) return undefined;
  return makeEntry(c.res.status, [...c.res.headers], body, key, route);
}

/** What the node front (cache-front.ts) needs of the cache: the same entries, counters and options. */
export interface CacheCore {
  readonly opts: ResultCacheOptions;
  readonly maxEntryBytes: number;
  /** The current dataset version; the entries of an older one are dropped. */
  version(): Promise<number>;
  /** The entry for a key, counted as a hit. */
  hit(key: string): Entry | undefined;
  /**
   * The evaluation of an identical request still running: its entry (counted as coalesced), or undefined when it
   * could not be kept. Undefined when none runs.
   */
  pending(key: string): Promise<Entry | undefined> | undefined;
  /** Counts a miss and registers its evaluation; the returned function settles it (with the entry, if any). */
  begin(key: string): (entry: Entry | undefined) => void;
  /** Keeps an entry evaluated at `version`, unless a write moved the version meanwhile. */
  keep(key: string, version: number, entry: Entry): Promise<void>;
}
export type ResultCache = MiddlewareHandler & { stats(): CacheStats; clear(): void; core: CacheCore };

/** The middleware, and its counters for /metrics and the bench. */
export function resultCache(opts: ResultCacheOptions): ResultCache {
  const lru = new ByteLru(opts.maxBytes ?? 64 * 1024 * 1024);
  const maxEntry = opts.maxEntryBytes ?? 4 * 1024 * 1024;
  // Identical requests arriving while the first is evaluated wait for its result (a crawler burst costs one query).
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let lastVersion: number | undefined;
  const counts = { hits: 0, misses: 0, coalesced: 0 };
  const core: CacheCore = {
    opts,
    maxEntryBytes: maxEntry,
    async version() {
      const version = await opts.version();
      if (version !== lastVersion) lru.clear(); // older keys can never match again: free their memory now
      lastVersion = version;
      return version;
    },
    hit(key) {
      const e = lru.get(key);
      if (e) counts.hits++;
      return e;
    },
    pending(key) {
      return inflight.get(key)?.then((e) => {
        if (e) counts.coalesced++;
        return e;
      });
    },
    begin(key) {
      counts.misses++;
      let settle: (e: Entry | undefined) => void = () => undefined;
      inflight.set(key, new Promise((resolve) => (settle = resolve)));
      return (entry) => {
        inflight.delete(key);
        settle(entry);
      };
    },
    async keep(key, version, entry) {
      if (version === (await opts.version())) lru.set(key, entry); // a write raced the evaluation: not kept
    },
  };
  const handler: MiddlewareHandler = async (c, next) => {
    if (opts.skip?.(c.req.path)) return next();
    const version = await core.version();
    const front = frontKey(c, version);
    const t0 = front?.received ?? performance.now();
    const key = front ? front.key : await requestKey(c, version, opts.maxKeyBodyBytes ?? 64 * 1024);
    if (key === undefined) return next();
    const hit = core.hit(key);
    if (hit) return respond(c, hit, 'HIT', t0);
    const pending = core.pending(key);
    if (pending) {
      const shared = await pending;
      // the first answer could not be kept (error, too large): evaluate this one too
      return shared ? respond(c, shared, 'HIT', t0) : next();
    }
    const settle = core.begin(key);
    let entry: Entry | undefined;
    try {
      await next();
      entry = await capture(c, key, maxEntry, opts.routeOf?.(c) ?? 'unmatched');
      if (entry) await core.keep(key, version, entry);
    } finally {
      settle(entry);
    }
    if (entry) markMiss(c, entry, t0);
  };
  return Object.assign(handler, {
    stats: (): CacheStats => ({ entries: lru.size, bytes: lru.bytes, ...counts }),
    clear: (): void => lru.clear(),
    core,
  });
}
