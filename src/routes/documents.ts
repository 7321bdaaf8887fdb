/**
 * Dereferenceable IRIs (W3C "Cool URIs for the Semantic Web" §4.3): `/id/{kind}/{key}` answers 303 to
 * `/doc/{kind}/{key}`, which negotiates Turtle, JSON-LD, N-Triples, RDF/XML or HTML; `/doc/{kind}/{key}.{ext}`
 * selects one without negotiation, `.schema.jsonld` is the schema.org view. Also the published JSON-LD context.
 */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate } from '../http/negotiate.js';
import { KINDS, type Kind } from '../model/ns.js';
import { describeEntity, type EntityDocument } from '../linked-data/document.js';
import { currentKey } from '../ingest/aliases.js';
import { renderEntityPage } from '../web/entity-page.js';
import { entityTimeline, hasTimeline } from '../web/entity-chart.js';
import { entityMap } from '../web/entity-map.js';
import { contextDocument, CONTEXT_PATH } from '../linked-data/jsonld-context.js';
import { parseAcceptLanguage } from '../linked-data/language.js';
import { schemaExtras, schemaView } from '../linked-data/schema-org.js';
import { canonicalRdf, RDF_FORMATS, serializeTriples, withRdfAliases, type RdfMediaType } from '../linked-data/serialize.js';
import { datasetEtag, DOCUMENT_CACHE_CONTROL, noneMatch } from '../http/conditional.js';
import { notFoundResponse } from './not-found.js';
import { statsCaching } from './counts-response.js';

const HTML = 'text/html';
const SCHEMA = 'schema';
/** Server preference for negotiation: HTML first, so `*\/*` (browsers, curl) gets the page. */
const OFFERED = withRdfAliases([HTML, ...RDF_FORMATS.map((f) => f.mediaType)]);
const EXT_TO_TYPE: Record<string, string> = { html: HTML, 'schema.jsonld': SCHEMA, ...Object.fromEntries(RDF_FORMATS.map((f) => [f.ext, f.mediaType])) };
const CONTENT_TYPE: Record<string, string> = {
  [HTML]: 'text/html; charset=utf-8', 'text/turtle': 'text/turtle; charset=utf-8', 'application/n-triples': 'application/n-triples; charset=utf-8',
  'application/ld+json': 'application/ld+json', 'application/rdf+xml': 'application/rdf+xml', [SCHEMA]: 'application/ld+json',
};

function splitExtension(raw: string): { key: string; ext: string | undefined } {
  for (const ext of Object.keys(EXT_TO_TYPE).sort((a, b) => b.length - a.length)) {
    if (raw.endsWith(`.${ext}`)) return { key: raw.slice(0, -ext.length - 1), ext };
  }
  return { key: raw, ext: undefined };
}

function parsePage(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,6}$/.test(value)) throw badRequest('BAD_PAGE', 'page must be a non-negative integer.');
  return Number(value);
}

function linkHeader(docUrl: string, entity: string, doc: EntityDocument | undefined): string {
  const links = [`<${entity}>; rel="describes"`, ...RDF_FORMATS.map((f) => `<${docUrl}.${f.ext}>; rel="alternate"; type="${f.mediaType}"`),
    `<${docUrl}.html>; rel="alternate"; type="text/html"`];
  if (doc && doc.page > 0) links.push(`<${docUrl}?page=${doc.page - 1}>; rel="prev"`);
  if (doc?.hasNext) links.push(`<${docUrl}?page=${doc.page + 1}>; rel="next"`);
  return links.join(', ');
}

/** The representation, and for a page with a timeline the statistics' version it was drawn from. */
async function render(ctx: AppContext, doc: EntityDocument, type: string, prefs: string[]): Promise<{ body: string; statsVersion?: number }> {
  if (type !== HTML && type !== SCHEMA) return { body: await serializeTriples(doc.quads, type as RdfMediaType, ctx.iris.base) };
  const view = schemaView({ doc, iris: ctx.iris, extra: await schemaExtras(ctx.store, doc) });
  if (type === SCHEMA) return { body: JSON.stringify(view, null, 2) };
  const url = ctx.iris.document(doc.kind, doc.key);
  const alternates = [...RDF_FORMATS.map((f) => ({ type: f.mediaType, href: `${url}.${f.ext}`, label: f.ext })),
    { type: 'application/ld+json', href: `${url}.schema.jsonld`, label: 'schema.org' }];
  const timeline = doc.page === 0 ? await entityTimeline(ctx.stats, doc.kind, doc.entity) : undefined;
  const map = doc.page === 0 ? await entityMap(ctx.store, ctx.iris, doc.kind, doc.entity) : undefined;
  const body = await renderEntityPage({ doc, iris: ctx.iris, prefs, schemaView: view, alternates, chart: timeline?.chart, map });
  return { body, statsVersion: timeline?.version };
}

async function documentHandler(ctx: AppContext, c: Context): Promise<Response> {
  const kind = c.req.param('kind') ?? '';
  const { key, ext } = splitExtension(c.req.param('key') ?? '');
  const type = ext ? (EXT_TO_TYPE[ext] as string) : canonicalRdf(negotiate(c.req.header('accept'), OFFERED));
  const page = parsePage(c.req.query('page'));
  const prefs = type === HTML ? parseAcceptLanguage(c.req.header('accept-language')) : [];
  if (!(KINDS as readonly string[]).includes(kind)) return notFoundResponse(c, type === HTML, `No entities of kind "${kind}".`);
  const moved = await currentKey(ctx.store, ctx.iris, kind as Kind, key);
  if (moved) return movedTo(c, `/doc/${kind}/${moved}${ext ? `.${ext}` : ''}`);
  const docUrl = ctx.iris.document(kind as Kind, key);
  const version = await ctx.store.version();
  // a page with a timeline comes from the store and from the statistics, whose version lags the store's while they
  // catch up with a bulk load: its ETag names both (decision 0038)
  const charted = type === HTML && page === 0 && ctx.stats !== undefined && hasTimeline(kind as Kind);
  const etagAt = (statsVersion?: number) =>
    datasetEtag(version, kind, key, type, String(page), prefs.join(','), ...(statsVersion === undefined ? [] : [`stats ${statsVersion}`]));
  const etag = etagAt(charted ? await ctx.stats!.version() : undefined);
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': DOCUMENT_CACHE_CONTROL };
  if (!ext) headers.Vary = type === HTML ? 'Accept, Accept-Language' : 'Accept';
  else if (type === HTML) headers.Vary = 'Accept-Language';
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const doc = await describeEntity(ctx.store, ctx.iris, kind as Kind, key, page);
  if (!doc) return notFoundResponse(c, type === HTML, `No entity ${ctx.iris.entity(kind as Kind, key)}.`);
  const { body, statsVersion } = await render(ctx, doc, type, prefs);
  if (statsVersion !== undefined) Object.assign(headers, statsCaching(statsVersion, version, etagAt, DOCUMENT_CACHE_CONTROL));
  headers['Content-Type'] = CONTENT_TYPE[type] ?? type;
  headers.Link = linkHeader(docUrl, doc.entity, doc);
  return c.body(body, 200, headers);
}

/** 301 to where a former release (or quotation) IRI now lives (docs/decisions/0001), the query string kept. */
function movedTo(c: Context, path: string): Response {
  const query = new URL(c.req.url).search;
  return c.body(null, 301, { Location: `${path}${query}`, 'Cache-Control': 'public, max-age=86400' });
}

/** The sub-app of entity IRIs, documents and the JSON-LD context. */
export function documentRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/id/:kind/:key', async (c) => {
    const kind = c.req.param('kind');
    const moved = (KINDS as readonly string[]).includes(kind) ? await currentKey(ctx.store, ctx.iris, kind as Kind, c.req.param('key')) : undefined;
    if (moved) return movedTo(c, `/id/${kind}/${moved}`);
    const location = `/doc/${encodeURIComponent(c.req.param('kind'))}/${encodeURIComponent(c.req.param('key'))}`;
    return c.body(null, 303, { Location: location, Link: `<${location}>; rel="describedby"`, Vary: 'Accept', 'Cache-Control': 'public, max-age=86400' });
  });
  app.get('/doc/:kind/:key', (c) => documentHandler(ctx, c));
  app.get(`/${CONTEXT_PATH}`, (c) =>
    c.body(JSON.stringify(contextDocument(), null, 2), 200, {
      'Content-Type': 'application/ld+json', 'Cache-Control': 'public, max-age=86400', 'Access-Control-Allow-Origin': '*',
    }));
  return app;
}
