/**
 * The named-query REST API: `GET /api/queries` (list), `GET /api/queries/{name}` (answer), `GET /openapi.json` (its
 * OpenAPI 3.1 description) and `GET /api` (the reference page rendered from it).
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import type { QuerySource } from '../api/query-source.js';
import { renderApiPage } from '../web/api-page.js';
import { noneMatch } from '../http/conditional.js';
import { ANSWER_TYPES, answer, answerEtag, queryParams, requireQuery } from '../api/answer.js';
import { openApiDocument } from '../api/openapi.js';
import { checkParams } from '../api/named-queries.js';
import { answerFromStats, countedBy } from '../stats/named.js';
import { countsResponse } from './counts-response.js';
import type { StatsService } from '../stats/service.js';
import { answerPage, type Page } from '../api/answer-page.js';

/**
 * `Link` to the next and previous pages (RFC 8288), absolute from the base like every URL the service writes: the
 * same query string with `offset` moved by `limit`.
 */
function pageLinks(base: string, name: string, params: Record<string, string>, page: Pick<Page, 'limit' | 'offset' | 'total'>): string | undefined {
  if (page.limit === undefined) return undefined;
  const at = (offset: number) => {
    const search = new URLSearchParams({ ...params, limit: String(page.limit), offset: String(offset) });
    return `<${base}api/queries/${name}?${search.toString()}>`;
  };
  const links: string[] = [];
  if (page.offset + page.limit < page.total) links.push(`${at(page.offset + page.limit)}; rel="next"`);
  if (page.offset > 0) links.push(`${at(Math.max(0, page.offset - page.limit))}; rel="prev"`);
  return links.length > 0 ? links.join(', ') : undefined;
}

export function apiRoutes(ctx: AppContext, source: QuerySource, stats?: StatsService): Hono {
  // counting queries of the package's own catalogue are answered from the statistics (src/stats/named.ts)
  const counted = source.builtin ? stats : undefined;
  const app = new Hono();

  app.get('/api/queries', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(
      source.list().map((q) => ({
        name: q.name,
        title: q.title,
        description: q.description,
        url: `/api/queries/${q.name}`,
        parameters: q.params,
        variables: q.variables,
      })),
    );
  });

  app.get('/api/queries/:name', async (c) => {
    const query = requireQuery(source, c.req.param('name'));
    const type = negotiate(c.req.header('accept'), ANSWER_TYPES) as (typeof ANSWER_TYPES)[number];
    const params = queryParams(query, new URL(c.req.url).searchParams);
    // a counting query of the package's own catalogue is answered from the statistics, at the version they are at
    const stats = countedBy(counted, query.name);
    // validates (400 INVALID_PARAMETER before any evaluation); the statistics need no query text, only checked values
    const text = stats ? (checkParams(query.params, params), '') : source.bind(query.name, params);
    const etagAt = (version: number) => answerEtag(version, query.name, params, type);
    const etag = etagAt(await (stats ?? ctx.store).version());
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag, Vary: 'Accept', 'Cache-Control': 'no-cache' });
    const result = stats ? await answerFromStats(stats, params, type) : await answerPage(ctx, query, text, type, answer);
    const links = pageLinks(ctx.config.base, query.name, params, result);
    const headers = { Vary: 'Accept', 'X-Total-Count': String(result.total), ...(links ? { Link: links } : {}) };
    if ('version' in result) return countsResponse(ctx, result, etagAt, headers);
    return c.body(result.body, 200, { ...headers, ETag: etag, 'Cache-Control': 'no-cache', 'Content-Type': result.contentType });
  });

  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(openApiDocument(source.list()));
  });

  app.get('/api', (c) => {
    return c.html(renderApiPage(openApiDocument(source.list())));
  });

  return app;
}
