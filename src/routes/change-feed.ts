/** `/changes` and `/changes/page/{n}`: the change feed (Activity Streams 2.0, IIIF Change Discovery style). */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { feedCollection, feedPage } from '../linked-data/change-feed.js';
import type { LinkedDataServices } from '../linked-data/services.js';
import { noneMatch } from '../http/conditional.js';
import { notFoundResponse } from './not-found.js';

const AS_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

function pageParam(value: string | undefined): number {
  if (!value || !/^\d{1,7}$/.test(value)) throw badRequest('BAD_PAGE', 'The page must be a non-negative integer.');
  return Number(value);
}

/** A feed document with an ETag of its body: instances serving the same feed give the same ETag. */
function feedResponse(c: Context, doc: Record<string, unknown>): Response {
  const body = JSON.stringify(doc, null, 2);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { 'Content-Type': AS_JSON, 'Cache-Control': 'no-cache', ETag: etag };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

/** `services()` gives the started services with the feed caught up with every committed change. */
export function changeFeedRoutes(ctx: AppContext, services: () => Promise<LinkedDataServices>): Hono {
  const app = new Hono();
  app.get('/changes', async (c) => {
    const s = await services();
    return feedResponse(c, feedCollection(s.feed, ctx.iris, s.feedPageSize));
  });
  app.get('/changes/page/:n', async (c) => {
    const s = await services();
    const page = feedPage(s.feed, ctx.iris, pageParam(c.req.param('n')), s.feedPageSize);
    if (!page) return notFoundResponse(c, false, 'No such page of the change feed.');
    return feedResponse(c, page);
  });
  return app;
}
