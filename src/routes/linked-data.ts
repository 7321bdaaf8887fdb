/**
 * Every publishing route in one sub-app (mounted by one line in app.ts). The long-lived services (dumps, change
 * feed) come from `ctx.publish` when the server built them, or are created on first use next to the store's data.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { PublishServices } from '../linked-data/services.js';
import { publishDocumentRoutes } from './documents.js';
import { publishDumpRoutes } from './dumps.js';
import { publishMetaRoutes } from './catalog.js';
import { publishPageRoutes } from './pages.js';

export function publishRoutes(ctx: AppContext): Hono {
  let services: PublishServices | undefined = ctx.publish;
  const created = () => (services ??= new PublishServices(ctx.store, ctx.iris, { dir: join(ctx.config.dataDir, 'publish') }));
  const ready = async () => {
    await created().start();
    return created();
  };
  // the dumps are served as soon as they are listed (adopted or generated), before the change feed has loaded
  const dumpsReady = () => created().dumpsReady();
  const app = new Hono();
  app.route('/', publishDocumentRoutes(ctx));
  app.route('/', publishPageRoutes(ctx));
  app.route('/', publishMetaRoutes(ctx, ready));
  app.use('/dumps', async (_c, next) => { await dumpsReady(); await next(); });
  app.use('/dumps/*', async (_c, next) => { await dumpsReady(); await next(); });
  app.route('/', publishDumpRoutes(ctx, () => {
    if (!services) throw new Error('publishing services not started');
    return services.dumps;
  }));
  return app;
}
