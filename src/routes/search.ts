/** `GET /search?q=`: full-text search as HTML (browsers) or JSON (`Accept: application/json` or `format=json`). */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { readFormLimited } from '../http/body.js';
import { negotiate } from '../http/negotiate.js';
import { parsePaging } from '../http/paging.js';
import { renderSearchPage, searchJson } from '../web/search-page.js';
import { searchIndexFor } from '../api/search-index.js';
import { KINDS } from '../model/ns.js';

const OFFERS = ['text/html', 'application/json'] as const;
/** The kinds of hit: an entity's kind, or `other` for a labelled resource outside `id/` (search-docs.ts). */
const SEARCH_KINDS: readonly string[] = [...KINDS, 'other'];

function pickFormat(format: string | undefined, accept: string | undefined): string {
  if (format === undefined) return negotiate(accept, OFFERS);
  if (format === 'json') return 'application/json';
  if (format === 'html') return 'text/html';
  throw badRequest('INVALID_PARAMETER', `Parameter "format" must be "json" or "html", got "${format}".`, { parameter: 'format', value: format });
}

export function searchRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/search', async (c) => {
    const q = c.req.query('q') ?? '';
    if (q.length > 500) throw badRequest('INVALID_PARAMETER', 'Parameter "q" must be at most 500 characters.', { parameter: 'q' });
    const type = pickFormat(c.req.query('format'), c.req.header('accept'));
    const page = parsePaging((n) => c.req.query(n), 20, 100);
    const index = await searchIndexFor(ctx);
    await index.idle(); // writes already committed are indexed before answering
    const kind = c.req.query('kind') || undefined;
    if (kind !== undefined && !SEARCH_KINDS.includes(kind)) {
      throw badRequest('INVALID_PARAMETER', `Parameter "kind" must be one of ${SEARCH_KINDS.join(', ')}; got ${JSON.stringify(kind.slice(0, 60))}.`,
        { parameter: 'kind', value: kind, expected: SEARCH_KINDS });
    }
    const results = await index.search(q, { ...page, kind });
    c.header('Vary', 'Accept');
    c.header('Cache-Control', 'no-cache');
    if (type === 'application/json') return c.json(searchJson(results, page));
    return c.html(renderSearchPage(results, { ...page, kind }));
  });
  // The site-wide search form may POST; answer with a 303 to the bookmarkable GET (RFC 9110 §15.4.4).
  app.post('/search', async (c) => {
    const q = (await readFormLimited(c.req.raw, ctx.config.maxRequestBytes)).get('q');
    return c.redirect(`/search?q=${encodeURIComponent(typeof q === 'string' ? q : '')}`, 303);
  });
  return app;
}
