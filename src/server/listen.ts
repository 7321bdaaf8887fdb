/**
 * The listener: node:http serving the app's listener (the result cache in front of the router,
 * src/server/cache-front.ts). `startServer` and the HTTP tests listen through this one function, so tests meet every
 * request as production does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app.js';
import { accessLogSink, withAccessLog } from './access-log.js';

export interface Listening {
  server: Server;
  /** `http://host:port` actually listened on (port 0 picks a free one). */
  url: string;
  /** Stops accepting, ends idle keep-alive connections, and resolves once every open request has been answered. */
  close(): Promise<void>;
}

/**
 * Limits of the listener, before any route sees a request (Node's defaults in parentheses). A reverse proxy in front
 * (README, "Operations") should have its own, tighter for clients it does not know.
 */
export const SERVER_LIMITS = {
  /** A client has this long to send the request's head (60 s): a slow-header client cannot hold a socket longer. */
  headersTimeoutMs: 20_000,
  /** ...and this long for the whole request, body included (300 s): a 512 MiB upload needs 1.8 MB/s. */
  requestTimeoutMs: 300_000,
  /** An idle keep-alive connection is closed after this long (5 s). */
  keepAliveTimeoutMs: 5_000,
  /** Open connections at most (unbounded); past it a new one is closed at once. */
  maxConnections: 1024,
  /** How often those timeouts are checked (30 s, which let a slow client hold a socket up to 30 s past them). */
  checkEveryMs: 1_000,
};

export type ServerLimits = typeof SERVER_LIMITS;

export interface ListenOptions {
  port: number;
  host: string;
  limits?: Partial<ServerLimits>;
  /** The access log's destination: a file (appended to) or `-` for standard output; none when undefined. */
  accessLog?: string;
}

export function listen(app: App, options: ListenOptions): Promise<Listening> {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const sink = options.accessLog === undefined ? undefined : accessLogSink(options.accessLog);
  const listener = sink ? withAccessLog(app.listener, sink, app.clientKind) : app.listener;
  return new Promise((resolve, reject) => {
    const server = createServer({
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    }, listener);
    server.maxConnections = limits.maxConnections;
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const close = () => new Promise<void>((done) => {
        server.close(() => void (sink ? sink.close() : Promise.resolve()).then(done));
        server.closeIdleConnections();
      });
      resolve({ server, url: `http://${host}:${info.port}`, close });
    });
  });
}
