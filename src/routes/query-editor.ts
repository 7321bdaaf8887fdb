/**
 * The researcher-facing routes, mounted with one line in app.ts: the query page (`/query`), the named-query API
 * (`/api/queries…`, `/openapi.json`, `/api`), search (`/search`) and the static assets they use.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { QuerySource } from '../api/query-catalog.js';
import { researchCsp } from '../web/tool-layout.js';
import { renderQueryPage } from '../web/query-page.js';
import { defaultQuerySource } from '../api/query-source.js';
import { searchIndexFor } from '../api/services.js';
import { createResearchApiRoutes } from './api.js';
import { createResearchAssetRoutes } from './assets.js';
import { createResearchSearchRoutes } from './search.js';

/** The query page for `/sparql` in a browser (passed to sparqlRoutes as `queryPage`). */
export function queryPageFor(ctx: AppContext, source: QuerySource = defaultQuerySource()): (endpoint: string) => Promise<string> {
  return (endpoint) => renderQueryPage(ctx, source, endpoint);
}

export function createResearchRoutes(ctx: AppContext, source: QuerySource = defaultQuerySource()): Hono {
  // Build the search index now (startup) rather than on the first search; a failure is retried on first use.
  searchIndexFor(ctx).catch((error: unknown) => {
    process.stderr.write(`osce-kg: search index not built yet: ${error instanceof Error ? error.message : String(error)}\n`);
  });
  const app = new Hono();
  app.route('/', createResearchAssetRoutes());
  app.route('/', createResearchApiRoutes(ctx, source));
  app.route('/', createResearchSearchRoutes(ctx));
  app.get('/query', async (c) => {
    c.header('Content-Security-Policy', researchCsp());
    c.header('Cache-Control', 'no-cache');
    return c.html(await renderQueryPage(ctx, source, '/sparql'));
  });
  return app;
}
