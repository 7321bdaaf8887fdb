/**
 * The HTTP tests' way in: the app behind the real listener (src/server/listen.ts) on a free loopback port, so every
 * request meets the node front and the result cache as in production. `request` takes a path (or a URL on any
 * origin, whose path and query are used) like Hono's `app.request`, and never follows redirects.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { App } from '../../src/app.js';
import { listen } from '../../src/server/listen.js';

export interface Listener {
  /** `http://127.0.0.1:port` */
  url: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function listenTo(app: App, port = 0): Promise<Listener> {
  const server = await listen(app, { port, host: '127.0.0.1' });
  const target = (path: string) => {
    const url = new URL(path, 'http://localhost');
    return `${server.url}${url.pathname}${url.search}`;
  };
  return {
    url: server.url,
    request: (path, init = {}) => fetch(target(path), { redirect: 'manual', ...init }),
    close: () => server.close(),
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
