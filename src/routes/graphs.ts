/**
 * Named-graph IRIs dereference (`/graph/release/{key}`, `/graph/entity/{kind}/{key}`, `/graph/reference`, …): the
 * graph's content, negotiated among HTML, Turtle, JSON-LD, N-Triples and RDF/XML (rdflib's aliases too), like entity
 * documents. The data names these graphs in its provenance, and SPARQL's `GRAPH ?g` binds them.
 */
import { Hono, type Context } from 'hono';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import { datasetEtag, DOCUMENT_CACHE_CONTROL, noneMatch } from '../http/conditional.js';
import { canonicalRdf, RDF_FORMATS, serializeTriples, withRdfAliases, type RdfMediaType } from '../linked-data/serialize.js';
import { renderGraphPage } from '../web/graph-page.js';
import { notFoundResponse } from './not-found.js';

const HTML = 'text/html';
/** HTML first, as for documents: a browser's or curl's `*\/*` gets the page. */
const OFFERED = withRdfAliases([HTML, ...RDF_FORMATS.map((f) => f.mediaType)]);

const contentType = (type: string) => (type === HTML || type.startsWith('text/') || type === 'application/n-triples' ? `${type}; charset=utf-8` : type);

async function graphQuads(ctx: AppContext, iri: string): Promise<Quad[]> {
  let text = '';
  for await (const chunk of ctx.store.dump({ format: 'application/n-triples', graph: { iri } })) text += chunk;
  return new Parser({ format: 'N-Triples' }).parse(text);
}

async function answer(ctx: AppContext, c: Context): Promise<Response> {
  const iri = ctx.iris.url(new URL(c.req.url).pathname);
  const type = canonicalRdf(negotiate(c.req.header('accept'), OFFERED));
  const etag = datasetEtag(await ctx.store.version(), 'graph', iri, type);
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': DOCUMENT_CACHE_CONTROL, Vary: 'Accept' };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  if (!(await ctx.store.hasGraph({ iri }))) return notFoundResponse(c, type === HTML, `There is no graph <${iri}>.`);
  const quads = await graphQuads(ctx, iri);
  const gsp = `${ctx.iris.url('graph-store')}?graph=${encodeURIComponent(iri)}`;
  headers.Link = `<${gsp}>; rel="alternate"; type="text/turtle"`;
  const body = type === HTML ? await renderGraphPage({ iri, quads, iris: ctx.iris, graphStore: gsp }) : await serializeTriples(quads, type as RdfMediaType, ctx.iris.base);
  return c.body(body, 200, { ...headers, 'Content-Type': contentType(type) });
}

export function graphRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/graph/*', (c) => answer(ctx, c));
  return app;
}
