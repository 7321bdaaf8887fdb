/** `/sitemap.xml` (an index above the per-file limit) and its numbered files `/sitemap/{n}.xml`. */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { LinkedDataServices } from '../linked-data/services.js';
import { sitemapIndex, sitemapPage, sitemapEntities } from '../linked-data/sitemap.js';
import { notFoundResponse } from './not-found.js';

const HEADERS = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' };

/** `services()` gives the started services with the change feed caught up: it dates each URL (`lastmod`). */
export function sitemapRoutes(ctx: AppContext, services: () => Promise<LinkedDataServices>): Hono {
  const app = new Hono();
  app.get('/sitemap.xml', async (c) => {
    const s = await services();
    const entities = await sitemapEntities(ctx.store, ctx.iris);
    const xml = entities.length > s.sitemapUrls ? sitemapIndex(ctx.iris, entities.length, s.sitemapUrls) : sitemapPage(ctx.iris, entities, s.feed);
    return c.body(xml, 200, HEADERS);
  });
  app.get('/sitemap/:file{[0-9]{1,6}\\.xml}', async (c) => {
    const s = await services();
    const n = Number.parseInt(c.req.param('file'), 10);
    const entities = (await sitemapEntities(ctx.store, ctx.iris)).slice(n * s.sitemapUrls, (n + 1) * s.sitemapUrls);
    if (entities.length === 0) return notFoundResponse(c, false, `No sitemap ${n}.`);
    return c.body(sitemapPage(ctx.iris, entities, s.feed), 200, HEADERS);
  });
  return app;
}
