/** `GET /api/stats`: release counts by one or two facets under filters (src/stats/), as JSON or CSV, with an ETag. */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate } from '../http/negotiate.js';
import { datasetEtag, noneMatch } from '../http/conditional.js';
import { parseStatsRequest, statsQueryString } from '../stats/request.js';
import { STATS_TYPES, statsBody, type StatsType } from '../stats/answer.js';
import type { StatsService } from '../stats/service.js';

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
    const etag = datasetEtag(await ctx.store.version(), 'stats', statsQueryString(req), type);
    c.header('ETag', etag);
    c.header('Vary', 'Accept');
    c.header('Cache-Control', 'no-cache');
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    const { body, contentType } = statsBody(req, await stats.answer(req), type);
    c.header('Content-Type', contentType);
    return c.body(body, 200);
  });
  return app;
}
