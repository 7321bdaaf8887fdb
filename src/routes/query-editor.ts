/** `GET /query`: the SPARQL query editor, with the named queries as examples; also its page for `/sparql` in a browser. */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { defaultQuerySource, type QuerySource } from '../api/query-source.js';
import { researchCsp } from '../web/tool-layout.js';
import { renderQueryPage } from '../web/query-page.js';

/** The query page for `/sparql` in a browser (passed to sparqlRoutes as `queryPage`). */
export function queryPageFor(ctx: AppContext, source: QuerySource = defaultQuerySource()): (endpoint: string) => Promise<string> {
  return (endpoint) => renderQueryPage(ctx, source, endpoint);
}

export function queryEditorRoutes(ctx: AppContext, source: QuerySource = defaultQuerySource()): Hono {
  const app = new Hono();
  app.get('/query', async (c) => {
    c.header('Content-Security-Policy', researchCsp());
    c.header('Cache-Control', 'no-cache');
    return c.html(await renderQueryPage(ctx, source, '/sparql'));
  });
  return app;
}
