/**
 * `GET /assets/site/…`, `/assets/yasgui/…` and `/assets/query/…`: versioned static files, cached for a year;
 * `/favicon.ico`, `/og-image.png` (the pages' link-preview image) and `/logo.png`, drawn in code.
 */
import { Hono, type Context } from 'hono';
import { createHash } from 'node:crypto';
import { assetRegistry } from '../web/assets.js';
import { faviconIco, logoPng } from '../web/favicon.js';
import { shareImagePng } from '../web/share-image.js';
import { LOGO, SHARE_IMAGE } from '../model/site-images.js';

/** An image drawn in code, with an ETag of its bytes. */
function image(body: () => Buffer, type: string) {
  let etag: string | undefined;
  return (c: Context) => {
    const bytes = body();
    etag ??= `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}"`;
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', type);
    return c.body(new Uint8Array(bytes));
  };
}

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
  app.get('/favicon.ico', image(faviconIco, 'image/x-icon'));
  // stable URLs (link previews and structured data name them, and are cached by others for long)
  app.get(`/${SHARE_IMAGE.path}`, image(shareImagePng, 'image/png'));
  app.get(`/${LOGO.path}`, image(logoPng, 'image/png'));
  return app;
}
