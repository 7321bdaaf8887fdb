/** The home page, `/browse` (kinds with counts) and `/browse/{kind}` (entities, paged). */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { KINDS, type Kind } from '../model/ns.js';
import { kindCounts, listKind } from '../web/browse-data.js';
import { renderBrowseIndex, renderKindPage } from '../web/browse-page.js';
import { renderHome } from '../web/home-page.js';
import { parseAcceptLanguage } from '../linked-data/language.js';
import { datasetEtag, noneMatch } from '../http/conditional.js';
import { notFoundResponse } from './not-found.js';

const PAGE_SIZE = 200;

export function pageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  /** Answers 304 from the dataset version before rendering; otherwise renders the page with its ETag. */
  const cachedHtml = async (c: Context, selectors: string[], render: () => Promise<string>, vary?: string) => {
    const etag = datasetEtag(await ctx.store.version(), ...selectors);
    const headers: Record<string, string> = { ETag: etag, 'Cache-Control': 'public, max-age=60, must-revalidate', ...(vary ? { Vary: vary } : {}) };
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.html(await render(), 200, headers);
  };
  app.get('/', (c) => cachedHtml(c, ['home'], async () => renderHome(ctx.iris, await kindCounts(ctx.store, ctx.iris))));
  app.get('/browse', (c) => cachedHtml(c, ['browse'], async () => renderBrowseIndex(await kindCounts(ctx.store, ctx.iris))));
  app.get('/browse/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!(KINDS as readonly string[]).includes(kind)) return notFoundResponse(c, true, `No entities of kind "${kind}".`);
    const pageText = c.req.query('page') ?? '0';
    if (!/^\d{1,6}$/.test(pageText)) throw badRequest('BAD_PAGE', 'page must be a non-negative integer.');
    const page = Number(pageText);
    const prefs = parseAcceptLanguage(c.req.header('accept-language'));
    return cachedHtml(c, ['browse', kind, pageText, prefs.join(',')], async () => {
      const { items, hasNext } = await listKind(ctx.store, ctx.iris, kind as Kind, prefs, page, PAGE_SIZE);
      const total = (await kindCounts(ctx.store, ctx.iris)).find((k) => k.kind === kind)?.count ?? 0;
      return renderKindPage(ctx.iris, kind as Kind, items, page, hasNext, total);
    }, 'Accept-Language');
  });
  return app;
}
