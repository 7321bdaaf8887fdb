/**
 * The result cache in front of the router, on the node:http request itself. A hit costs a key, a map lookup and a
 * write, without building a web Request and Response or running the middleware chain. A miss goes on to the router
 * (each route has one handler) with its key already computed (`FRONT_KEY`) and a POST body already read
 * (@hono/node-server builds the Request body from `rawBody` when it is a Buffer); the router's response is kept and
 * written by the same function as a hit. Everything that must not be shared (other methods, authenticated requests,
 * paths the options skip, updates, large bodies) goes to the router untouched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { QUERY_BODY_TYPES, bodyKey, cacheKey, makeEntry, serverTiming, writeEntry, type Entry, type ResultCache } from './result-cache.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The router: Hono's `fetch`, called with @hono/node-server's bindings. */
export type Fetch = (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;

export interface FrontHooks {
  /** Called for each request answered from an entry (metrics), with the route label stored in the entry. */
  observe?: (method: string, route: string, status: number, seconds: number) => void;
  /** The route label of a request the router answered (kept in its entry). */
  routeOf?: (request: Request) => string;
}

const FRONT_KEY = Symbol('osce-kg.cacheKey');
interface FrontKey {
  version: number;
  key: string;
  /** When the front had the whole request, its body read (performance.now()): the start of its `Server-Timing`. */
  received: number;
  t0: number;
}
type FrontRequest = IncomingMessage & { rawBody?: Buffer; [FRONT_KEY]?: FrontKey };

/** The POST body the front already read for this request, if it did (routes take it instead of the body stream). */
export function frontBody(env: unknown): Buffer | undefined {
  const raw = (env as { incoming?: FrontRequest } | undefined)?.incoming?.rawBody;
  return Buffer.isBuffer(raw) ? raw : undefined;
}

/** Responses that may be shared (RFC 9111 §3): 200, no no-store/private, no cookie. */
function storable(res: Response): boolean {
  const cc = res.headers.get('cache-control') ?? '';
  return res.status === 200 && !/no-store|private/i.test(cc) && !res.headers.has('set-cookie');
}

/** Bodies of responses made by `bytesResponse`, which the cache takes as they are instead of reading a stream. */
const KNOWN_BODIES = new WeakMap<Response, Uint8Array>();

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
async function takeBody(res: Response, max: number): Promise<{ body?: Uint8Array; passOn?: Response }> {
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

/**
 * The router's response as an entry (its body taken), or, when it may not be kept (an error, private, too large),
 * the response to send instead: the same one, or one that replays the part of the body already read.
 */
export async function capture(res: Response, key: string, route: string, maxEntry: number): Promise<{ entry: Entry } | { res: Response }> {
  if (!storable(res)) return { res };
  const { body, passOn } = await takeBody(res, maxEntry);
  if (body === undefined) return { res: passOn ?? res };
  return { entry: makeEntry(res.status, res.headers, body, key, route) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The router behind the cache, for a request the front keyed: an identical request still being evaluated is waited
 * for; otherwise the router answers, and its response is kept and written (with the key's `ETag` and 304 logic). A
 * response that cannot be kept is sent as it is, with its `Server-Timing`.
 */
function missFetch(cache: ResultCache, fetch: Fetch, hooks: FrontHooks): Fetch {
  return async (request, env) => {
    const front = (env.incoming as FrontRequest)[FRONT_KEY];
    if (!front) {
      // past the cache (authenticated, skipped path, other method): a read is still timed, as `BYPASS`
      if (request.method !== 'GET' && request.method !== 'HEAD') return fetch(request, env);
      const t0 = performance.now();
      return timed(await fetch(request, env), t0, 'BYPASS');
    }
    const { key, version, received, t0 } = front;
    const shared = await cache.pending(key);
    if (shared) {
      const status = writeEntry(env.incoming, env.outgoing, shared, 'HIT', received);
      hooks.observe?.(request.method, shared.route, status, (performance.now() - t0) / 1000);
      return RESPONSE_ALREADY_SENT;
    }
    const settle = cache.begin(key);
    let entry: Entry | undefined;
    try {
      // HEAD is answered from the GET it stands for (RFC 9110 §9.3.2: the same header fields, ETag included); node
      // sends no body for a HEAD request, and the entry serves later GETs too
      const read = request.method === 'HEAD' ? new Request(request.url, { method: 'GET', headers: request.headers }) : request;
      const taken = await capture(await fetch(read, env), key, hooks.routeOf?.(read) ?? 'unmatched', cache.maxEntryBytes);
      if ('res' in taken) return timed(taken.res, received);
      entry = taken.entry;
      await cache.keep(key, version, entry);
    } finally {
      settle(entry);
    }
    writeEntry(env.incoming, env.outgoing, entry, 'MISS', received);
    return RESPONSE_ALREADY_SENT;
  };
}

function timed(res: Response, received: number, state: 'MISS' | 'BYPASS' = 'MISS'): Response {
  try {
    res.headers.set('server-timing', serverTiming(state, received));
  } catch {
    // immutable headers (Response.redirect): sent without
  }
  return res;
}

/** The node listener: the result cache in front of `fetch`. */
export function cacheFront(cache: ResultCache, fetch: Fetch, hooks: FrontHooks = {}): RequestListener {
  const router = getRequestListener(missFetch(cache, fetch, hooks) as Parameters<typeof getRequestListener>[0]) as RequestListener;
  return (request, res) => {
    const req = request as FrontRequest;
    const method = req.method ?? '';
    // authenticated requests may see more than the public: never answered from, or stored in, the cache
    if ((method !== 'GET' && method !== 'HEAD' && method !== 'POST') || req.headers.authorization !== undefined) return router(req, res);
    const t0 = performance.now();
    const url = new URL(req.url ?? '/', 'http://front');
    if (cache.opts.skip?.(url.pathname)) return router(req, res);
    // `received`: the request is in full (a POST's body read), the start of the answer's Server-Timing
    const answer = (body: string | undefined, received: number): void => {
      if (body === undefined) return void router(req, res);
      cache.version().then((version) => {
        const key = cacheKey(version, method === 'HEAD' ? 'GET' : method, `${url.pathname}${url.search}`, (name) => req.headers[name] as string | undefined, body);
        const entry = cache.hit(key);
        if (!entry) {
          req[FRONT_KEY] = { version, key, received, t0 };
          return router(req, res);
        }
        const status = writeEntry(req, res, entry, 'HIT', received);
        hooks.observe?.(method, entry.route, status, (performance.now() - t0) / 1000);
      }, () => router(req, res));
    };
    if (method === 'GET' || method === 'HEAD') return answer('', t0);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // a body of unknown or large size is left to the route (which enforces the request size limit)
    // an encoded body (Content-Encoding) is decoded by the route, never keyed or evaluated from its raw bytes here
    if (!QUERY_BODY_TYPES.includes(type) || req.headers['content-encoding'] || !(Number(req.headers['content-length']) <= cache.maxKeyBodyBytes)) return router(req, res);
    readBody(req).then((buffer) => {
      req.rawBody = buffer;
      answer(bodyKey(type, buffer.toString('utf8')), performance.now());
    }, () => res.destroy());
  };
}
