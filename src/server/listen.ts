/**
 * The listener: node:http with the result cache's front before Hono (src/http/cache-front.ts). `startServer` and
 * the HTTP tests listen through this one function, so tests meet every request as production does.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createServer, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app.js';
import type { RequestListener } from '../http/cache-front.js';

export interface Listening {
  server: ServerType;
  /** `http://host:port` actually listened on (port 0 picks a free one). */
  url: string;
  /** Stops accepting, ends idle keep-alive connections, and resolves once every open request has been answered. */
  close(): Promise<void>;
}

export function listen(app: App, options: { port: number; host: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    // cache hits are answered before Hono sees the request (src/http/cache-front.ts)
    const front = ((opts: ServerOptions, listener: RequestListener) => createServer(opts, app.front(listener))) as typeof createServer;
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host, createServer: front }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const close = () => new Promise<void>((done) => {
        server.close(() => done());
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      resolve({ server, url: `http://${host}:${info.port}`, close });
    });
    server.once('error', reject);
  });
}
