/** `GET /policy`: the usage policy with this server's limits (src/web/policy-page.ts). */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { renderPolicy } from '../web/policy-page.js';

export function policyRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/policy', async (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.html(await renderPolicy(ctx.config));
  });
  return app;
}
