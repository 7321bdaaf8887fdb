/**
 * The HTTP tests' way in: the app behind the real listener (src/server/listen.ts) on a free loopback port, so every
 * request meets the node front and the result cache as in production. `request` takes a path (or a URL on any
 * origin, whose path and query are used) like Hono's `app.request`, and never follows redirects.
 */
import { request as httpRequest } from 'node:http';
import { after, before } from 'node:test';
import { connect, createServer, type AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app.js';
import type { AppContext } from '../../src/context.js';
import { listen } from '../../src/server/listen.js';

export interface Listener {
  /** `http://127.0.0.1:port` */
  url: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function listenTo(app: App, port = 0): Promise<Listener> {
  const server = await listen(app, { port, host: '127.0.0.1' });
  // Client and server share this process's event loop: a test that holds it for seconds (validating a catalog) lets
  // the server's 5 s keep-alive timer close a socket the client is about to reuse (ECONNRESET). Idle connections stay
  // open here instead, and close() ends them.
  server.server.keepAliveTimeout = 0;
  const target = (path: string) => {
    const url = new URL(path, 'http://localhost');
    return `${server.url}${url.pathname}${url.search}`;
  };
  return {
    url: server.url,
    request: (path, init = {}) => fetch(target(path), { redirect: 'manual', ...init }).catch((e: Error) => {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${e.message} (${String((e.cause as Error | undefined)?.message ?? e.cause)})`, { cause: e });
    }),
    // a test that read only a response's head leaves its body streaming: the test is done with it, so end it too
    close: async () => {
      const closed = server.close();
      server.server.closeAllConnections();
      await closed;
    },
  };
}

/** The app over `ctx` behind the real listener. */
export interface Served extends Listener {
  app: App;
}

export async function serveContext(ctx: AppContext, port = 0): Promise<Served> {
  const app = createApp(ctx);
  return { ...(await listenTo(app, port)), app };
}

/** A served app whose context is known once it is served. */
export interface ServedContext extends Served {
  ctx: AppContext;
}

/**
 * The app served for the tests of this file, or of the `describe` block that calls it: before the first test `setup`
 * gives the context (its store is opened here) and the app over it starts listening; after the last, the listener,
 * the linked-data services and the store are closed in that order. Usable from the first test on.
 */
export function serveDuringTests(setup: AppContext | (() => AppContext | Promise<AppContext>)): ServedContext {
  let served: ServedContext | undefined;
  let started!: (s: ServedContext) => void;
  let failed!: (e: unknown) => void;
  // a file's own before() hook may run while this one is still starting: its requests wait for the listener
  const ready = new Promise<ServedContext>((resolve, reject) => ((started = resolve), (failed = reject)));
  ready.catch(() => undefined); // the hook reports the failure; a request waiting on it fails with it too
  before(async () => {
    try {
      const ctx = typeof setup === 'function' ? await setup() : setup;
      await ctx.store.open();
      started((served = { ...(await serveContext(ctx)), ctx }));
    } catch (e) {
      failed(e);
      throw e;
    }
  });
  after(async () => {
    if (!served) return;
    await served.close();
    await served.ctx.linkedData?.stop();
    await served.ctx.store.close();
  });
  const live = (): ServedContext => {
    if (!served) throw new Error('the app is served once the tests start, not while the file loads');
    return served;
  };
  return {
    get url() { return live().url; },
    get app() { return live().app; },
    get ctx() { return live().ctx; },
    request: async (path, init) => (served ?? (await ready)).request(path, init),
    close: () => live().close(),
  };
}

/**
 * A loopback port free a moment ago, for a server that must know its own address before it starts (its base: the
 * service description names the endpoint from the base, and a SPARQL client such as Comunica follows it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** A raw response of node:http (which, unlike fetch, sends any Host header it is given). */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the headers exactly as given, `Host` included. */
export function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends `chunks` with Transfer-Encoding: chunked (no Content-Length) on a raw socket, stopping once the server has
 * answered or closed, and parses the answer (for bodies the server refuses before reading them whole). Not node:http's client or fetch: when the server answers early and closes
 * (RFC 9112 §9.6 lets it), their next write fails and they drop the answer the server did send.
 */
export function sendChunked(url: string, method: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    const answer = () => {
      const text = received.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      // answers without a body (201, 303) carry no Content-Length here
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (Buffer.byteLength(text.slice(end + 4)) < length) return undefined;
      return { status: Number(text.slice(9, 12)), body: text.slice(end + 4, end + 4 + length) };
    };
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      const done = answer();
      if (done) {
        socket.destroy();
        resolve(done);
      }
    });
    socket.on('error', () => undefined); // writes after the server closed: the answer, if any, was read before
    socket.on('close', () => {
      const done = answer();
      if (done) resolve(done);
      else reject(new Error(`the connection closed without a complete answer: ${received.toString('utf8').slice(0, 200)}`));
    });
    const head = Object.entries({ Host: `${hostname}:${port}`, ...headers, 'Transfer-Encoding': 'chunked' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`${method} ${pathname}${search} HTTP/1.1\r\n${head}\r\n`);
    void (async () => {
      for (const chunk of chunks) {
        if (socket.destroyed || received.length > 0) return;
        if (!socket.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]))) {
          await new Promise((r) => socket.once('drain', r));
        }
        await new Promise((r) => setImmediate(r));
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
    })();
  });
}
