/**
 * The HTTP tests' way in: the app behind the real listener (src/server/listen.ts) on a free loopback port, so every
 * request meets the node front and the result cache as in production. `request` takes a path (or a URL on any
 * origin, whose path and query are used) like Hono's `app.request`, and never follows redirects.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
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
