/**
 * A response cache for read requests: a repeated query or document costs a hash and a map lookup instead of an
 * evaluation. Entries are keyed by the dataset version, so a write makes every older entry unreachable (and the
 * cache drops them at once); no other invalidation is needed. Bounded by total bytes (LRU). Adds a strong `ETag`
 * when the handler set none and answers `If-None-Match` with 304 (RFC 9110 §13.1.2, §15.4.5).
 */
import { createHash } from 'node:crypto';
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
  /** Extra veto per request (e.g. paths that must never be cached). */
  skip?: (c: Context) => boolean;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Requests answered by an identical request's evaluation that was still running. */
  coalesced: number;
}

interface Entry {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  size: number;
}

/** Request headers that select the representation (content negotiation) and so belong in the key. */
const KEY_HEADERS = ['accept', 'accept-language', 'accept-encoding'];
/** POST bodies that are read-only queries (SPARQL 1.1 Protocol §2.1.2, §2.1.3). */
const QUERY_BODY_TYPES = ['application/sparql-query', 'application/x-www-form-urlencoded'];

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
  const text = Buffer.from(bytes).toString('utf8');
  if (type === 'application/x-www-form-urlencoded' && new URLSearchParams(text).has('update')) return undefined;
  return `${type}\n${text}`;
}

async function requestKey(c: Context, version: number, maxKeyBodyBytes: number): Promise<string | undefined> {
  if (c.req.method !== 'GET' && c.req.method !== 'POST') return undefined;
  // Authenticated requests may see or do more than the public: never shared through the cache.
  if (c.req.header('authorization') !== undefined) return undefined;
  const body = await keyBody(c, maxKeyBodyBytes);
  if (body === undefined) return undefined;
  const url = new URL(c.req.url);
  const h = createHash('sha256').update(`${version}\n${c.req.method}\n${url.pathname}${url.search}\n`);
  for (const name of KEY_HEADERS) h.update(`${name}:${c.req.header(name) ?? ''}\n`);
  return h.update(body).digest('base64url');
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

/** A copy of the response body up to `max` bytes (the original is left to the server to send). */
async function copyBody(res: Response, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(res.headers.get('content-length')) > max) return undefined;
  return readCapped(res.clone().body, max);
}

/** `If-None-Match` against one entity tag, weak comparison (RFC 9110 §13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function respond(c: Context, e: Entry, state: 'HIT' | 'MISS'): Response {
  const headers = new Headers(e.headers);
  headers.set('x-cache', state);
  if (noneMatch(c.req.header('if-none-match'), e.etag)) {
    for (const name of ['content-length', 'content-type', 'content-encoding']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  return new Response(e.body, { status: e.status, headers });
}

/** The response as a cache entry (the body copied), or undefined when it may not be kept. */
async function capture(c: Context, key: string, maxEntry: number): Promise<Entry | undefined> {
  if (!storable(c.res)) return undefined;
  const body = await copyBody(c.res, maxEntry);
  if (body === undefined) return undefined;
  const etag = c.res.headers.get('etag') ?? `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: [string, string][] = [...c.res.headers].filter(([n]) => n !== 'x-cache');
  if (!c.res.headers.has('etag')) headers.push(['etag', etag]);
  return { status: c.res.status, headers, body, etag, size: body.byteLength + key.length + 256 };
}

/** The middleware, and its counters for /metrics and the bench. */
export function resultCache(opts: ResultCacheOptions): MiddlewareHandler & { stats(): CacheStats; clear(): void } {
  const lru = new ByteLru(opts.maxBytes ?? 64 * 1024 * 1024);
  const maxEntry = opts.maxEntryBytes ?? 4 * 1024 * 1024;
  // Identical requests arriving while the first is evaluated wait for its result (a crawler burst costs one query).
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let lastVersion: number | undefined;
  const counts = { hits: 0, misses: 0, coalesced: 0 };
  const handler: MiddlewareHandler = async (c, next) => {
    if (opts.skip?.(c)) return next();
    const version = await opts.version();
    if (version !== lastVersion) lru.clear(); // older keys can never match again: free their memory now
    lastVersion = version;
    const key = await requestKey(c, version, opts.maxKeyBodyBytes ?? 64 * 1024);
    if (key === undefined) return next();
    const hit = lru.get(key);
    if (hit) {
      counts.hits++;
      return respond(c, hit, 'HIT');
    }
    const pending = inflight.get(key);
    if (pending) {
      const shared = await pending;
      if (!shared) return next(); // the first answer could not be kept (error, too large): evaluate this one too
      counts.coalesced++;
      return respond(c, shared, 'HIT');
    }
    counts.misses++;
    let settle: (e: Entry | undefined) => void = () => undefined;
    inflight.set(key, new Promise((resolve) => (settle = resolve)));
    let entry: Entry | undefined;
    try {
      await next();
      entry = await capture(c, key, maxEntry);
      if (entry && version === (await opts.version())) lru.set(key, entry); // a write raced the evaluation: not kept
    } finally {
      inflight.delete(key);
      settle(entry);
    }
    if (entry) c.res = respond(c, entry, 'MISS');
  };
  return Object.assign(handler, {
    stats: (): CacheStats => ({ entries: lru.size, bytes: lru.bytes, ...counts }),
    clear: (): void => lru.clear(),
  });
}
