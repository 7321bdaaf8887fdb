/**
 * The result cache for read requests: a repeated query or document costs a key and a map lookup instead of an
 * evaluation. Entries are keyed by the dataset version, so a write makes every older entry unreachable (and the cache
 * drops them at once); no other invalidation is needed. Bounded by the memory its entries take (LRU). Adds a strong
 * `ETag` when the handler set none and answers `If-None-Match` with 304 (RFC 9110 §13.1.2, §15.4.5). This module
 * holds the one key, entry, ETag and 304 implementation; cache-front.ts puts it in front of the router.
 */
import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { noneMatch } from '../http/conditional.js';

export interface ResultCacheOptions {
  /** The dataset version (KgStore.version): part of every key. */
  version: () => number | Promise<number>;
  /** Memory the entries may take, in bytes (default 64 MiB). */
  maxBytes?: number;
  /** Larger responses are served but not kept (default 4 MiB): dumps and huge results stream past the cache. */
  maxEntryBytes?: number;
  /** Largest POST body that is read to build the key (default 64 KiB); larger POSTs pass through. */
  maxKeyBodyBytes?: number;
  /** Paths that must never be cached (checked on the request path, before any other work). */
  skip?: (path: string) => boolean;
}

export interface CacheStats {
  entries: number;
  /** The memory the entries take, as counted against `maxBytes` (see `entryBytes`). */
  bytes: number;
  hits: number;
  misses: number;
  /** Requests answered by an identical request's evaluation that was still running. */
  coalesced: number;
}

export interface Entry {
  status: number;
  /** Names (lower case) and values, one after the other, as `writeHead` takes them. */
  headers: string[];
  body: Uint8Array;
  etag: string;
  /** Bytes counted for this entry (entryBytes). */
  size: number;
  /** The route label for metrics of the hits it answers. */
  route: string;
}

/** Request headers that select the representation (content negotiation) and so belong in the key. */
export const KEY_HEADERS = ['accept', 'accept-language', 'accept-encoding'];
/** POST bodies that are read-only queries (SPARQL 1.1 Protocol §2.1.2, §2.1.3). */
export const QUERY_BODY_TYPES = ['application/sparql-query', 'application/x-www-form-urlencoded'];

/** Keys up to this length are used as they are: a typical query with its prefixes, and any document path. */
const RAW_KEY_MAX = 2048;

/** The key of a request from its parts: dataset version, method, path and query, negotiation headers, POST body. */
export function cacheKey(version: number, method: string, pathAndSearch: string, header: (name: string) => string | undefined, body: string): string {
  let key = `${version}\n${method}\n${pathAndSearch}\n`;
  for (const name of KEY_HEADERS) key += `${name}:${header(name) ?? ''}\n`;
  key += body;
  // A short key is kept as it is (a map hashes a string faster than SHA-256 does); a long one is replaced by its digest.
  return key.length <= RAW_KEY_MAX ? key : `#${hash('sha256', key, 'base64url')}`;
}

/** A form parameter name that contains `update` or a percent escape (which could spell it): only then a full parse. */
const MAYBE_UPDATE_NAME = /(?:^|&)[^=&]*(?:update|%)/i;

/** The POST body's part of the key (its media type and text); undefined for a body that must not be cached. */
export function bodyKey(type: string, text: string): string | undefined {
  if (type === 'application/x-www-form-urlencoded' && MAYBE_UPDATE_NAME.test(text) && new URLSearchParams(text).has('update')) return undefined;
  return `${type}\n${text}`;
}

/**
 * The heap an entry takes besides its key, ETag, header list, unshared strings and body bytes: the entry object, its
 * map slot, the body's ArrayBuffer, view and backing store record. Measured in a running server (test/http/sparql-cache.test.ts
 * checks the count against the heap): with the header strings shared, 1,000 SPARQL answers of ~200 bytes took
 * 1,160-1,470 bytes each, of which the rest of the count explains ~610.
 */
const ENTRY_OVERHEAD = 650;

/** A string in V8's heap: a 16-byte header and its characters, one byte each for Latin-1 text, two otherwise, in 8-byte words. */
function stringBytes(s: string): number {
  const chars = /[^\u0000-\u00ff]/.test(s) ? 2 * s.length : s.length;
  return 16 + Math.ceil(chars / 8) * 8;
}

/**
 * Header names and values, one copy shared by every entry: most are the same on every answer of a route (CORS, type,
 * Vary), and each response carries fresh copies of them. Short strings only, and a bounded number, so that values
 * unique to one answer (a Link, an ETag) cannot grow it past ~1 MB; a string left out is counted in its entry.
 */
const SHARED = new Map<string, string>();
const SHARED_MAX = 4096;
const SHARED_MAX_LENGTH = 256;

function share(s: string): string {
  const got = SHARED.get(s);
  if (got !== undefined) return got;
  if (SHARED.size < SHARED_MAX && s.length <= SHARED_MAX_LENGTH) SHARED.set(s, s);
  return s;
}

/** The memory an entry takes: its body, key, ETag, header list and the strings it does not share, and the fixed overhead. */
export function entryBytes(key: string, e: Omit<Entry, 'size'>): number {
  let bytes = ENTRY_OVERHEAD + e.body.byteLength + stringBytes(key) + stringBytes(e.etag) + 48 + 8 * e.headers.length;
  for (const h of e.headers) if (SHARED.get(h) !== h) bytes += stringBytes(h);
  return bytes;
}

/** Headers of one answer, never replayed from an entry. */
const PER_ANSWER = new Set(['x-cache', 'content-length', 'server-timing']);

/** An entry over a response's parts (headers as name, value pairs); the `ETag` is the handler's or a hash of the body. */
export function makeEntry(status: number, headers: Iterable<[string, string]>, body: Uint8Array, key: string, route: string): Entry {
  const flat: string[] = [];
  let etag: string | undefined;
  for (const [name, value] of headers) {
    if (name === 'etag') etag = value;
    if (!PER_ANSWER.has(name)) flat.push(share(name), name === 'etag' ? value : share(value));
  }
  if (etag === undefined) {
    etag = `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
    flat.push('etag', etag);
  }
  // A small body is often a view on Node's shared 8 KiB pool: kept as it is, it would hold the whole slab.
  const own = body.byteOffset === 0 && body.buffer.byteLength === body.byteLength ? body : new Uint8Array(body);
  const entry = { status, headers: flat, body: own, etag, route };
  return { ...entry, size: entryBytes(key, entry) };
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

/**
 * The `Server-Timing` of an answer (W3C Server Timing): whether the cache had it and how long the server spent on it,
 * in ms, from having the whole request (a POST's body read) to writing the response head: the transfers both ways are
 * left out. `BYPASS`: a read the cache neither answers nor keeps (authenticated, or a path it skips), from routing
 * it. Clients (a browser's developer tools, `curl -i`, the bench) see what a query cost the server apart from the
 * network.
 */
export function serverTiming(state: 'HIT' | 'MISS' | 'BYPASS', t0: number): string {
  return `cache;desc="${state}";dur=${(performance.now() - t0).toFixed(3)}`;
}

const NOT_IN_304 = new Set(['content-length', 'content-type', 'content-encoding']);

/**
 * Writes an entry as the answer to `req`, hit or freshly evaluated: 304 without a body when `If-None-Match` matches
 * its tag (RFC 9110 §13.1.2, §15.4.5), the entry otherwise. Returns the status written.
 */
export function writeEntry(req: IncomingMessage, res: ServerResponse, e: Entry, state: 'HIT' | 'MISS', t0: number): number {
  if (noneMatch(req.headers['if-none-match'], e.etag)) {
    const headers: string[] = [];
    for (let i = 0; i < e.headers.length; i += 2) if (!NOT_IN_304.has(e.headers[i]!)) headers.push(e.headers[i]!, e.headers[i + 1]!);
    headers.push('x-cache', state, 'server-timing', serverTiming(state, t0));
    res.writeHead(304, headers).end();
    return 304;
  }
  const headers = e.headers.concat('x-cache', state, 'server-timing', serverTiming(state, t0), 'content-length', String(e.body.byteLength));
  res.writeHead(e.status, headers).end(e.body);
  return e.status;
}

/** The cache's entries and counters, and the coalescing of identical requests evaluated at the same time. */
export interface ResultCache {
  readonly opts: ResultCacheOptions;
  readonly maxEntryBytes: number;
  readonly maxKeyBodyBytes: number;
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
  stats(): CacheStats;
  clear(): void;
}

export function createResultCache(opts: ResultCacheOptions): ResultCache {
  const lru = new ByteLru(opts.maxBytes ?? 64 * 1024 * 1024);
  // Identical requests arriving while the first is evaluated wait for its result (a crawler burst costs one query).
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let lastVersion: number | undefined;
  const counts = { hits: 0, misses: 0, coalesced: 0 };
  return {
    opts,
    maxEntryBytes: opts.maxEntryBytes ?? 4 * 1024 * 1024,
    maxKeyBodyBytes: opts.maxKeyBodyBytes ?? 64 * 1024,
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
    stats: () => ({ entries: lru.size, bytes: lru.bytes, ...counts }),
    clear: () => lru.clear(),
  };
}
