/**
 * Every linked-data route in one sub-app (mounted by one line in app.ts): documents, pages, dumps, the catalog and
 * VoID, the sitemap and the change feed. The long-lived services (dumps, change feed) come from `ctx.linkedData` when
 * the server built them, or are created on first use next to the store's data.
 */
import { join } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
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

/** How long a dumps request waits for the dumps to be listed (adopting a manifest takes milliseconds). */
const DUMPS_WAIT_MS = 1000;
/** What a 503 DUMPS_NOT_READY suggests: a first generation takes seconds to minutes. */
const DUMPS_RETRY_AFTER_S = 60;

export function linkedDataRoutes(ctx: AppContext): Hono {
  let services: LinkedDataServices | undefined = ctx.linkedData;
  const created = () => (services ??= new LinkedDataServices(ctx.store, ctx.iris, { dir: join(ctx.config.dataDir, 'publish') }));
  /** The started services, the change feed caught up with every committed change (on a shared store, others' too). */
  // the catalog waits for the change feed (its dates) and for the dumps only briefly: it describes the dumps listed
  // then, and never holds a harvester through a first dump generation (minutes over a large store)
  const settled = async () => {
    await created().feedReady();
    await created().feed.settled();
    await created().dumpsReady(DUMPS_WAIT_MS);
    return created();
  };
  // the dumps are served as soon as they are listed (adopted, previous or generated), before the change feed has
  // loaded; while none is, the answer is an immediate 503 DUMPS_NOT_READY, never a request held for minutes
  const dumpsReady: MiddlewareHandler = async (_c, next) => {
    if (!(await created().dumpsReady(DUMPS_WAIT_MS))) {
      throw new AppError(503, 'DUMPS_NOT_READY', 'The dumps are being generated for the first time; none is ready yet. Retry later (see Retry-After).', undefined, { 'Retry-After': String(DUMPS_RETRY_AFTER_S) });
    }
    await next();
  };
  const app = new Hono();
  app.route('/', documentRoutes(ctx));
  app.route('/', pageRoutes(ctx));
  app.route('/', graphRoutes(ctx));
  app.route('/', ontologyRoutes(ctx));
  app.route('/', catalogRoutes(ctx, settled));
  app.route('/', sitemapRoutes(ctx, settled));
  app.route('/', changeFeedRoutes(ctx, settled));
  app.use('/dumps', dumpsReady);
  app.use('/dumps/*', dumpsReady);
  app.route('/', dumpRoutes(ctx, () => {
    if (!services) throw new Error('the dump service is not started');
    return services.dumps;
  }));
  return app;
}
