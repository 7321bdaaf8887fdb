/** `GET /query`: the SPARQL query editor, with the named queries as examples (`/sparql` sends browsers here). */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { QuerySource } from '../api/query-source.js';
import { renderQueryPage } from '../web/query-page.js';

export function queryEditorRoutes(ctx: AppContext, source: QuerySource): Hono {
  const app = new Hono();
  app.get('/query', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await renderQueryPage(ctx, source, '/sparql'));
  });
  return app;
}
