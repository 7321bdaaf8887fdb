/**
 * The result cache's fast path in front of Hono, on the node:http request itself: a hit costs a hash, a map lookup
 * and a write, without building a web Request and Response or running the middleware chain (which cost about a
 * millisecond of CPU per request). A miss goes on to Hono with its key already computed (`FRONT_KEY`) and a POST body
 * already read: @hono/node-server builds the Request body from `rawBody` when it is a Buffer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FRONT_KEY, QUERY_BODY_TYPES, bodyKey, cacheKey, noneMatch, type CacheCore, type Entry, type FrontKey } from './result-cache.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

type FrontRequest = IncomingMessage & { rawBody?: Buffer; [FRONT_KEY]?: FrontKey };

export interface FrontOptions {
  /** Called for each hit answered here (metrics), with the route label stored in the entry. */
  observe?: (method: string, route: string, status: number, seconds: number) => void;
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
function write(req: IncomingMessage, res: ServerResponse, e: Entry): number {
  const notModified = noneMatch(req.headers['if-none-match'], e.etag);
  const headers: string[] = [];
  for (const [name, value] of e.headers) if (!notModified || !NOT_IN_304.has(name)) headers.push(name, value);
  headers.push('x-cache', 'HIT');
  if (notModified) {
    res.writeHead(304, headers).end();
    return 304;
  }
  headers.push('content-length', String(e.body.byteLength));
  res.writeHead(e.status, headers).end(e.body);
  return e.status;
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
    const answer = (body: string | undefined): void => {
      core.version().then((version) => {
        const key = body === undefined ? undefined
          : cacheKey(version, method, `${url.pathname}${url.search}`, (name) => req.headers[name] as string | undefined, body);
        const entry = key === undefined ? undefined : core.hit(key);
        if (!entry) {
          req[FRONT_KEY] = { version, key };
          return next(req, res);
        }
        const status = write(req, res, entry);
        front.observe?.(method, entry.route, status, (performance.now() - t0) / 1000);
      }, () => next(req, res));
    };
    if (method === 'GET') return answer('');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // a body of unknown or large size is left to the route (which enforces the request size limit)
    if (!QUERY_BODY_TYPES.includes(type) || !(Number(req.headers['content-length']) <= maxBody)) return next(req, res);
    readBody(req).then((buffer) => {
      req.rawBody = buffer;
      answer(bodyKey(type, buffer.toString('utf8')));
    }, () => res.destroy());
  };
}
