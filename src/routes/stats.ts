/**
 * `GET /api/stats`: release counts by one or two facets under filters (src/stats/), as JSON or CSV, with an ETag;
 * `GET /stats`: the page of charts over the same counts (web/stats-page.ts).
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate } from '../http/negotiate.js';
import { datasetEtag, noneMatch } from '../http/conditional.js';
import { parseStatsRequest, statsQueryString } from '../stats/request.js';
import { STATS_TYPES, type StatsType } from '../stats/answer.js';
import { countsResponse, statsCaching } from './counts-response.js';
import type { StatsService } from '../stats/service.js';
import { renderStatsPage } from '../web/stats-page.js';

const PAGE_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

const FORMATS: Record<string, StatsType> = { json: 'application/json', csv: 'text/csv' };

/** `format=csv|json` (for links, which cannot set Accept) wins over negotiation; it is taken out of `search`. */
function chosenType(search: URLSearchParams, accept: string | undefined): StatsType {
  const format = search.get('format');
  if (format === null) return negotiate(accept, STATS_TYPES) as StatsType;
  search.delete('format');
  const type = FORMATS[format];
  if (!type) throw badRequest('INVALID_PARAMETER', `Parameter "format" must be csv or json; got "${format}".`, { parameter: 'format', value: format });
  return type;
}

export function statsRoutes(ctx: AppContext, stats: StatsService): Hono {
  const app = new Hono();
  app.get('/api/stats', async (c) => {
    const search = new URL(c.req.url).searchParams;
    const type = chosenType(search, c.req.header('accept'));
    const req = parseStatsRequest(search); // 400 before any work
    const etagAt = (version: number) => datasetEtag(version, 'stats', statsQueryString(req), type);
    // the version the statistics are at: an If-None-Match is answered without computing anything
    const etag = etagAt(await stats.version());
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag, Vary: 'Accept', 'Cache-Control': 'no-cache' });
    // computed per request from the statistics; a repeat at the same version is the result cache's hit
    return countsResponse(ctx, await stats.body(req, type), etagAt, { Vary: 'Accept' });
  });
  app.get('/stats', async (c) => {
    // the form sends every field, the empty ones too: those filter nothing
    const search = new URLSearchParams([...new URL(c.req.url).searchParams].filter(([, v]) => v !== ''));
    search.set('by', 'year');
    const req = parseStatsRequest(search);
    // the page is the statistics' alone: its ETag names their version, which lags the store's while they catch up
    // with a bulk load (decision 0038)
    const etagAt = (version: number) => datasetEtag(version, 'stats-page', statsQueryString(req));
    const etag = etagAt(await stats.version());
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag, 'Cache-Control': PAGE_CACHE_CONTROL });
    const page = await renderStatsPage(stats, req.filters);
    return c.html(page.html, 200, statsCaching(page.version, await ctx.store.version(), etagAt, PAGE_CACHE_CONTROL));
  });
  return app;
}
