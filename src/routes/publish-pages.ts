/** The home page, `/browse` (kinds with counts), `/browse/{kind}` (entities, paged), and the stylesheet. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { KINDS, type Kind } from '../model/ns.js';
import { PATHS } from '../model/paths.js';
import { kindCounts, listKind } from '../publish/browse.js';
import { HTML_CSP } from '../publish/html/layout.js';
import { renderBrowseIndex, renderHome, renderKindPage } from '../publish/html/pages.js';
import { parseAcceptLanguage } from '../publish/language.js';
import { datasetEtag, noneMatch } from './publish-cache.js';
import { notFoundResponse } from './publish-errors.js';

const PAGE_SIZE = 200;
const CSS = readFileSync(join(PATHS.root, 'assets', 'publish.css'), 'utf8');

export function publishPageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const htmlHeaders = { 'Content-Security-Policy': HTML_CSP, 'Cache-Control': 'public, max-age=60, must-revalidate' };
  app.get('/', async (c) => {
    const etag = datasetEtag(await ctx.store.version(), 'home');
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag });
    return c.html(await renderHome(ctx.iris, await kindCounts(ctx.store, ctx.iris)), 200, { ...htmlHeaders, ETag: etag });
  });
  app.get('/browse', async (c) => c.html(await renderBrowseIndex(await kindCounts(ctx.store, ctx.iris)), 200, htmlHeaders));
  app.get('/browse/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!(KINDS as readonly string[]).includes(kind)) return notFoundResponse(c, true, `No entities of kind "${kind}".`);
    const pageText = c.req.query('page') ?? '0';
    if (!/^\d{1,6}$/.test(pageText)) throw badRequest('BAD_PAGE', 'page must be a non-negative integer.');
    const page = Number(pageText);
    const prefs = parseAcceptLanguage(c.req.header('accept-language'));
    const { items, hasNext } = await listKind(ctx.store, ctx.iris, kind as Kind, prefs, page, PAGE_SIZE);
    const total = (await kindCounts(ctx.store, ctx.iris)).find((k) => k.kind === kind)?.count ?? 0;
    return c.html(await renderKindPage(ctx.iris, kind as Kind, items, page, hasNext, total), 200, { ...htmlHeaders, Vary: 'Accept-Language' });
  });
  app.get('/assets/publish.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  return app;
}
