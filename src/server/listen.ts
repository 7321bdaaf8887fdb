/**
 * The listener: node:http serving the app's listener (the result cache in front of the router,
 * src/server/cache-front.ts). `startServer` and the HTTP tests listen through this one function, so tests meet every
 * request as production does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app.js';

export interface Listening {
  server: Server;
  /** `http://host:port` actually listened on (port 0 picks a free one). */
  url: string;
  /** Stops accepting, ends idle keep-alive connections, and resolves once every open request has been answered. */
  close(): Promise<void>;
}

export function listen(app: App, options: { port: number; host: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = createServer(app.listener);
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const close = () => new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      resolve({ server, url: `http://${host}:${info.port}`, close });
    });
  });
}
