/**
 * `POST /q` makes a permalink to a query (201 with its `Location`, or 200 when the query already has one); `GET /q/{id}`
 * opens it: in the query editor, which runs it, for a browser; the query text itself for anyone else.
 */
import { Hono } from 'hono';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import type { QuerySource } from '../api/query-source.js';
import { LINK_ID, Permalinks } from '../api/permalinks.js';
import { badRequest, unsupportedMediaType } from '../errors.js';
import { mediaTypeOf, readTextLimited } from '../http/body.js';
import { negotiate } from '../http/negotiate.js';
import { parseQuery } from '../sparql/parse.js';
import { renderQueryPage } from '../web/query-page.js';
import { notFoundResponse } from './not-found.js';

/** Largest query text with a permalink, bytes, and the most all of them may take. */
export const LINK_LIMITS = { maxQueryBytes: 64 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

const BODY_TYPES = ['application/sparql-query', 'application/x-www-form-urlencoded', 'text/plain'];
const OFFERS = ['application/sparql-query', 'text/plain', 'text/html'];

async function queryText(request: Request, limit: number): Promise<string> {
  const type = mediaTypeOf(request.headers.get('content-type'));
  if (!BODY_TYPES.includes(type)) throw unsupportedMediaType(type, BODY_TYPES);
  const body = await readTextLimited(request, limit);
  const text = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(body).get('query') : body;
  if (!text?.trim()) throw badRequest('MISSING_QUERY', 'Send the query to link to as the body (application/sparql-query) or as the form field `query`.');
  return text;
}

export function permalinkRoutes(ctx: AppContext, source: QuerySource): Hono {
  const app = new Hono();
  const links = new Permalinks({ dir: join(ctx.config.dataDir, 'links'), ...LINK_LIMITS });
  app.post('/q', async (c) => {
    const text = await queryText(c.req.raw, ctx.config.maxRequestBytes);
    parseQuery(text, ctx.config.base); // a link is to a query that parses: 400 QUERY_SYNTAX with its position
    const { id, created } = await links.save(text);
    const url = ctx.iris.url(`q/${id}`);
    c.header('Location', url);
    c.header('Cache-Control', 'no-store');
    return c.json({ id, url }, created ? 201 : 200);
  });
  app.get('/q/:id', async (c) => {
    const id = c.req.param('id');
    const text = LINK_ID.test(id) ? await links.read(id) : undefined;
    if (text === undefined) return notFoundResponse(c, /text\/html/.test(c.req.header('accept') ?? ''), `No query has the permalink ${id}.`);
    const type = negotiate(c.req.header('accept'), OFFERS);
    c.header('Vary', 'Accept');
    if (type === 'text/html') {
      c.header('Cache-Control', 'no-cache');
      return c.html(await renderQueryPage(ctx, source, '/sparql', { id, query: text }));
    }
    // the text under an ID never changes
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(text, 200, { 'Content-Type': `${type}; charset=utf-8` });
  });
  return app;
}
