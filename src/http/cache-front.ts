/**
 * The result cache's fast path in front of Hono, on the node:http request itself: a hit costs a hash, a map lookup
 * and a write, without building a web Request and Response or running the middleware chain (which cost about a
 * millisecond of CPU per request). A miss on a path with a direct route (the SPARQL endpoint's queries) is evaluated
 * here too, and its answer kept in the cache. Any other miss goes on to Hono with its key already computed
 * (`FRONT_KEY`) and a POST body already read: @hono/node-server builds the Request body from `rawBody` when it is a
 * Buffer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer } from './error-response.js';
import { FRONT_KEY, QUERY_BODY_TYPES, bodyKey, cacheKey, makeEntry, noneMatch, serverTiming, type CacheCore, type Entry, type FrontKey } from './result-cache.js';

/** The POST body the front already read for this request, if it did (routes take it instead of the body stream). */
export function frontBody(env: unknown): Buffer | undefined {
  const raw = (env as { incoming?: FrontRequest } | undefined)?.incoming?.rawBody;
  return Buffer.isBuffer(raw) ? raw : undefined;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

type FrontRequest = IncomingMessage & { rawBody?: Buffer; [FRONT_KEY]?: FrontKey };

/** A direct route's answer: a 200 is kept in the cache. */
export interface DirectAnswer {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/**
 * A route answered in front of Hono. Given the request and its body text, it returns the evaluation to run, or
 * undefined to leave the request to Hono (an update, say). It may throw (a bad request); so may the evaluation.
 */
export type DirectRoute = (req: IncomingMessage, url: URL, body: string) => Promise<(() => Promise<DirectAnswer>) | undefined>;

export interface FrontOptions {
  /** Called for each request answered here (metrics), with the route label stored in the entry. */
  observe?: (method: string, route: string, status: number, seconds: number) => void;
  /** Routes evaluated here on a miss, by path. */
  direct?: Record<string, DirectRoute>;
  /** Headers every direct answer carries (CORS), as the middleware adds them to Hono's responses. */
  headers?: [string, string][];
}

const NOT_IN_304 = new Set(['content-length', 'content-type', 'content-encoding']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a cached entry, or 304 when `If-None-Match` matches its tag (RFC 9110 §13.1.2). */
function write(req: IncomingMessage, res: ServerResponse, e: Entry, t0: number, state: 'HIT' | 'MISS' = 'HIT'): number {
  const notModified = noneMatch(req.headers['if-none-match'], e.etag);
  const headers: string[] = [];
  for (const [name, value] of e.headers) if (!notModified || !NOT_IN_304.has(name)) headers.push(name, value);
  headers.push('x-cache', state, 'server-timing', serverTiming(state, t0));
  if (notModified) {
    res.writeHead(304, headers).end();
    return 304;
  }
  headers.push('content-length', String(e.body.byteLength));
  res.writeHead(e.status, headers).end(e.body);
  return e.status;
}

function writeAnswer(res: ServerResponse, a: DirectAnswer, t0: number): number {
  const headers: string[] = a.headers.flat();
  headers.push('content-length', String(a.body.byteLength), 'server-timing', serverTiming('MISS', t0));
  res.writeHead(a.status, headers).end(a.body);
  return a.status;
}

function errorOf(error: unknown, extra: [string, string][]): DirectAnswer {
  const e = errorAnswer(error);
  const headers: [string, string][] = [['content-type', 'application/json'], ...Object.entries(e.headers), ...extra];
  return { status: e.status, headers, body: Buffer.from(JSON.stringify(e.body)) };
}

/**
 * A miss on a direct route: evaluated here, kept in the cache when it is a 200 small enough, and written; errors
 * are answered through the app's one error mapping. Identical requests arriving meanwhile wait for this one.
 */
async function evaluate(core: CacheCore, front: FrontOptions, run: () => Promise<DirectAnswer>, req: IncomingMessage,
  res: ServerResponse, key: string, version: number, route: string, t0: number): Promise<number> {
  const shared = await core.pending(key);
  if (shared) return write(req, res, shared, t0);
  const settle = core.begin(key);
  let entry: Entry | undefined;
  try {
    const answer = await run();
    answer.headers.push(...(front.headers ?? []));
    if (answer.status !== 200 || answer.body.byteLength > core.maxEntryBytes) return writeAnswer(res, answer, t0);
    entry = makeEntry(answer.status, answer.headers, answer.body, key, route);
    await core.keep(key, version, entry);
    return write(req, res, entry, t0, 'MISS');
  } catch (error) {
    return writeAnswer(res, errorOf(error, front.headers ?? []), t0);
  } finally {
    settle(entry);
  }
}

/** Wraps the app's node listener (`next`) with the cache's fast path. */
export function cacheFront(core: CacheCore, next: RequestListener, front: FrontOptions = {}): RequestListener {
  const maxBody = core.opts.maxKeyBodyBytes ?? 64 * 1024;
  return (request, res) => {
    const req = request as FrontRequest;
    const method = req.method ?? '';
    // authenticated requests may see more than the public: never answered from, or stored in, the cache
    if ((method !== 'GET' && method !== 'POST') || req.headers.authorization !== undefined) return next(req, res);
    const t0 = performance.now();
    const url = new URL(req.url ?? '/', 'http://front');
    if (core.opts.skip?.(url.pathname)) return next(req, res);
    // `received`: the request is in full (a POST's body read), the start of the answer's Server-Timing
    const answer = (body: string | undefined, received: number): void => {
      core.version().then((version) => {
        const key = body === undefined ? undefined
          : cacheKey(version, method, `${url.pathname}${url.search}`, (name) => req.headers[name] as string | undefined, body);
        const entry = key === undefined ? undefined : core.hit(key);
        if (entry) {
          const status = write(req, res, entry, received);
          front.observe?.(method, entry.route, status, (performance.now() - t0) / 1000);
          return;
        }
        req[FRONT_KEY] = { version, key, received };
        const route = key === undefined ? undefined : front.direct?.[url.pathname];
        if (!route) return next(req, res);
        const done = (status: number) => front.observe?.(method, url.pathname, status, (performance.now() - t0) / 1000);
        route(req, url, req.rawBody ? req.rawBody.toString('utf8') : '').then(
          (run) => (run ? evaluate(core, front, run, req, res, key!, version, url.pathname, received).then(done, () => res.destroy()) : next(req, res)),
          (error: unknown) => done(writeAnswer(res, errorOf(error, front.headers ?? []), received)),
        );
      }, () => next(req, res));
    };
    if (method === 'GET') return answer('', t0);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // a body of unknown or large size is left to the route (which enforces the request size limit)
    if (!QUERY_BODY_TYPES.includes(type) || !(Number(req.headers['content-length']) <= maxBody)) return next(req, res);
    readBody(req).then((buffer) => {
      req.rawBody = buffer;
      answer(bodyKey(type, buffer.toString('utf8')), performance.now());
    }, () => res.destroy());
  };
}
