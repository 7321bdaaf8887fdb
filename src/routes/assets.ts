/** `GET /assets/site/…`, `/assets/yasgui/…` and `/assets/query/…`: versioned static files, cached for a year; `/favicon.ico`. */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { assetRegistry } from '../web/assets.js';
import { faviconIco } from '../web/favicon.js';

export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:dir{site|yasgui|query}/*', (c) => {
    const asset = assetRegistry().get(c.req.path);
    if (!asset) return c.notFound();
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', asset.etag);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', asset.contentType);
    return c.body(asset.body);
  });
  // not under /assets: browsers ask for this very path, also for JSON and RDF answers that link no icon
  app.get('/favicon.ico', (c) => {
    const icon = faviconIco();
    const etag = `"${createHash('sha256').update(icon).digest('base64url').slice(0, 16)}"`;
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', 'image/x-icon');
    return c.body(new Uint8Array(icon));
  });
  return app;
}
