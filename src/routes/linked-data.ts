/**
 * Every linked-data route in one sub-app (mounted by one line in app.ts): documents, pages, dumps, the catalog and
 * VoID, the sitemap and the change feed. The long-lived services (dumps, change feed) come from `ctx.linkedData` when
 * the server built them, or are created on first use next to the store's data.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { LinkedDataServices } from '../linked-data/services.js';
import { documentRoutes } from './documents.js';
import { dumpRoutes } from './dumps.js';
import { catalogRoutes } from './catalog.js';
import { changeFeedRoutes } from './change-feed.js';
import { pageRoutes } from './pages.js';
import { sitemapRoutes } from './sitemap.js';
import { graphRoutes } from './graphs.js';
import { ontologyRoutes } from './ontology.js';

export function linkedDataRoutes(ctx: AppContext): Hono {
  let services: LinkedDataServices | undefined = ctx.linkedData;
  const created = () => (services ??= new LinkedDataServices(ctx.store, ctx.iris, { dir: join(ctx.config.dataDir, 'publish') }));
  /** The started services, the change feed caught up with every committed change (on a shared store, others' too). */
  const settled = async () => {
    await created().start();
    await created().feed.settled();
    return created();
  };
  // the dumps are served as soon as they are listed (adopted or generated), before the change feed has loaded
  const dumpsReady = () => created().dumpsReady();
  const app = new Hono();
  app.route('/', documentRoutes(ctx));
  app.route('/', pageRoutes(ctx));
  app.route('/', graphRoutes(ctx));
  app.route('/', ontologyRoutes(ctx));
  app.route('/', catalogRoutes(ctx, settled));
  app.route('/', sitemapRoutes(ctx, settled));
  app.route('/', changeFeedRoutes(ctx, settled));
  app.use('/dumps', async (_c, next) => { await dumpsReady(); await next(); });
  app.use('/dumps/*', async (_c, next) => { await dumpsReady(); await next(); });
  app.route('/', dumpRoutes(ctx, () => {
    if (!services) throw new Error('the dump service is not started');
    return services.dumps;
  }));
  return app;
}
