/**
 * Harvesting metadata: VoID at `/.well-known/void`, the DCAT-AP catalog at `/catalog` (`?profile=2.1.1` for the
 * older release), `/sitemap.xml` (an index above the per-file limit), and the change feed at `/changes`.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Quad } from '@rdfjs/types';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate } from '../http/negotiate.js';
import { feedCollection, feedPage } from '../linked-data/change-feed.js';
import { buildCatalog, catalogFacts, DCAT_PROFILES, type DcatProfile } from '../linked-data/catalog.js';
import { RDF_FORMATS, serializeTriples, type RdfMediaType } from '../linked-data/serialize.js';
import type { PublishServices } from '../linked-data/services.js';
import { sitemapIndex, sitemapPage, sitemapEntities } from '../linked-data/sitemap.js';
import { buildVoid } from '../linked-data/void.js';
import { datasetEtag, noneMatch } from '../http/conditional.js';
import { notFoundResponse } from './not-found.js';

const RDF_OFFERED = RDF_FORMATS.map((f) => f.mediaType);
const AS_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

async function rdfResponse(c: Context, ctx: AppContext, selector: string, build: () => Promise<Quad[]>): Promise<Response> {
  const type = negotiate(c.req.header('accept'), RDF_OFFERED) as RdfMediaType;
  const etag = datasetEtag(await ctx.store.version(), selector, type);
  const headers: Record<string, string> = { ETag: etag, Vary: 'Accept', 'Cache-Control': 'public, max-age=60, must-revalidate' };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const body = await serializeTriples(await build(), type, ctx.iris.base);
  return c.body(body, 200, { ...headers, 'Content-Type': type.startsWith('text/') || type === 'application/n-triples' ? `${type}; charset=utf-8` : type });
}

function profileOf(c: Context): DcatProfile {
  const p = c.req.query('profile') ?? '3.0.1';
  const found = DCAT_PROFILES.find((x) => x === p.replace(/^dcat-ap-/, ''));
  if (!found) throw badRequest('BAD_PROFILE', `profile must be one of ${DCAT_PROFILES.join(', ')}.`);
  return found;
}

function pageParam(value: string | undefined): number {
  if (!value || !/^\d{1,7}$/.test(value)) throw badRequest('BAD_PAGE', 'The page must be a non-negative integer.');
  return Number(value);
}

/** The services with the change feed caught up with every committed change (on a shared store: other replicas' too). */
async function settledServices(services: () => Promise<PublishServices>): Promise<PublishServices> {
  const s = await services();
  await s.changes.settled();
  return s;
}

/** A feed document with an ETag of its body: replicas serving the same feed give the same ETag. */
function feedResponse(c: Context, doc: Record<string, unknown>): Response {
  const body = JSON.stringify(doc, null, 2);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { 'Content-Type': AS_JSON, 'Cache-Control': 'no-cache', ETag: etag };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

export function publishMetaRoutes(ctx: AppContext, services: () => Promise<PublishServices>): Hono {
  const app = new Hono();
  app.get('/.well-known/void', async (c) => {
    const s = await settledServices(services);
    return rdfResponse(c, ctx, `void:${s.modified().toISOString()}:${s.dumps.files().map((d) => d.sha256).join()}`, async () => buildVoid(ctx.iris, await s.voidStats(), s.dumps.files(), s.modified()));
  });
  app.get('/catalog', async (c) => {
    const s = await settledServices(services);
    const profile = profileOf(c);
    const dumps = s.dumps.files();
    return rdfResponse(c, ctx, `catalog:${profile}:${s.modified().toISOString()}:${dumps.map((d) => d.sha256).join()}`, async () =>
      buildCatalog({ iris: ctx.iris, dumps, facts: await catalogFacts(ctx.store), issued: s.issued(), modified: s.modified(), profile }));
  });
  app.get('/sitemap.xml', async (c) => {
    const s = await settledServices(services);
    const entities = await sitemapEntities(ctx.store, ctx.iris);
    const xml = entities.length > s.sitemapUrls ? sitemapIndex(ctx.iris, entities.length, s.sitemapUrls) : sitemapPage(ctx.iris, entities, s.changes);
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/sitemap/:file{[0-9]{1,6}\\.xml}', async (c) => {
    const s = await settledServices(services);
    const n = Number.parseInt(c.req.param('file'), 10);
    const entities = (await sitemapEntities(ctx.store, ctx.iris)).slice(n * s.sitemapUrls, (n + 1) * s.sitemapUrls);
    if (entities.length === 0) return notFoundResponse(c, false, `No sitemap ${n}.`);
    return c.body(sitemapPage(ctx.iris, entities, s.changes), 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/changes', async (c) => {
    const s = await settledServices(services);
    return feedResponse(c, feedCollection(s.changes, ctx.iris, s.feedPageSize));
  });
  app.get('/changes/page/:n', async (c) => {
    const s = await settledServices(services);
    const page = feedPage(s.changes, ctx.iris, pageParam(c.req.param('n')), s.feedPageSize);
    if (!page) return notFoundResponse(c, false, 'No such page of the change feed.');
    return feedResponse(c, page);
  });
  return app;
}
