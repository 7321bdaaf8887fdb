/** `GET /assets/site/…`, `/assets/yasgui/…` and `/assets/query/…`: versioned static files, cached for a year. */
import { Hono } from 'hono';
import { assetRegistry } from '../web/assets.js';

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
  return app;
}
