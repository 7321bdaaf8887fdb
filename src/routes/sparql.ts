/**
 * `/sparql`: the SPARQL 1.1 Protocol endpoint. Queries by GET, POST form and POST direct; updates by POST form and
 * direct (bearer token); without an operation, the service description (or the query page for a browser).
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { assertCanWrite } from '../http/auth.js';
import { frontBody, type DirectRoute } from '../http/cache-front.js';
import { negotiate } from '../http/negotiate.js';
import { bytesResponse } from '../http/result-cache.js';
import { contentTypeOf } from '../sparql/formats.js';
import type { SparqlService } from '../sparql/execute.js';
import { decodeSparqlParts, decodeSparqlRequest } from '../sparql/protocol.js';
import { SMALL_GRAPH_FORMATS, serializeQuads } from '../sparql/rdf-serialize.js';
import { describeService } from '../sparql/service-description.js';
import { NS } from '../model/ns.js';
import { payloadTooLarge } from '../errors.js';

export interface SparqlRouteDeps {
  service: SparqlService;
  /** The browser's query page; a plain form until the research module provides one. */
  queryPage?: (endpoint: string) => string | Promise<string>;
  /** Content-Security-Policy of the query page (its scripts and styles are external files). */
  queryPageCsp?: string;
}

const DESCRIPTION_OFFERS = [...SMALL_GRAPH_FORMATS, 'text/html'];

/** The fallback page has no script or style of its own. */
const DEFAULT_CSP = "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function plainQueryPage(endpoint: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>osce-kg SPARQL endpoint</title></head>
<body><h1>SPARQL endpoint</h1><form method="get" action="${endpoint}">
<label for="query">Query</label><br><textarea id="query" name="query" rows="12" cols="80">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br>
<button type="submit">Run</button></form></body></html>`;
}

/** Triples in the default graph as clients see it (the union of all graphs, or the real default graph). */
async function defaultGraphTriples(ctx: AppContext): Promise<number> {
  try {
    const result = await ctx.store.query({
      query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }',
      unionDefaultGraph: ctx.config.unionDefaultGraph,
      format: 'application/sparql-results+json',
      timeoutMs: 5000,
    });
    const json = JSON.parse(result.body) as { results: { bindings: { n?: { value: string } }[] } };
    return Number(json.results.bindings[0]?.n?.value ?? 0);
  } catch {
    return ctx.store.size();
  }
}

async function description(ctx: AppContext, requestUrl: string, accept: string | undefined, deps: SparqlRouteDeps): Promise<Response> {
  const type = negotiate(accept, DESCRIPTION_OFFERS);
  const headers = { 'Content-Type': contentTypeOf(type), Vary: 'Accept' };
  const url = new URL(requestUrl);
  const used = `${url.origin}${url.pathname}`;
  if (type === 'text/html') {
    const page = await (deps.queryPage ?? plainQueryPage)(used);
    return new Response(page, { headers: { ...headers, 'Content-Security-Policy': deps.queryPageCsp ?? DEFAULT_CSP } });
  }
  const publicEndpoint = `${ctx.config.base}sparql`;
  const quads = describeService({
    endpoints: used === publicEndpoint ? [publicEndpoint] : [publicEndpoint, used],
    base: ctx.config.base,
    unionDefaultGraph: ctx.config.unionDefaultGraph,
    federation: ctx.config.allowService.length > 0,
    triples: await defaultGraphTriples(ctx),
    namedGraphs: await ctx.store.graphs(),
  });
  return new Response(await serializeQuads(quads, type, { sd: NS.sd, void: NS.void, rdfs: NS.rdfs }), { headers });
}

/**
 * Queries answered by the node front on a cache miss (cache-front.ts), without Hono's Request and Response: the
 * same decoding, service and headers as the route below. Updates and the service description go on to the route.
 */
export function sparqlDirect(ctx: AppContext, service: SparqlService): DirectRoute {
  return async (req, url, body) => {
    const limit = ctx.config.maxRequestBytes;
    if (limit > 0 && Buffer.byteLength(body) > limit) throw payloadTooLarge(limit);
    const op = await decodeSparqlParts({ method: req.method ?? 'GET', url, contentType: req.headers['content-type'], text: async () => body });
    if (op.kind !== 'query') return undefined;
    return async () => {
      const result = await service.query({ query: op.query, dataset: op.dataset, accept: req.headers.accept, format: op.format });
      return { status: 200, headers: [['content-type', contentTypeOf(result.mediaType)], ['vary', 'Accept']], body: Buffer.from(result.body) };
    };
  };
}

export function sparqlRoutes(ctx: AppContext, deps: SparqlRouteDeps): Hono {
  const app = new Hono();
  app.on(['GET', 'POST'], '/', async (c) => {
    const op = await decodeSparqlRequest(c.req.raw, ctx.config.maxRequestBytes, frontBody(c.env));
    const accept = c.req.header('accept');
    if (op.kind === 'none') return description(ctx, c.req.url, accept, deps);
    if (op.kind === 'update') {
      assertCanWrite(c.req.header('authorization'), ctx.config.token);
      await deps.service.update(op.update, op.dataset);
      return c.body(null, 204);
    }
    const result = await deps.service.query({ query: op.query, dataset: op.dataset, accept, format: op.format });
    return bytesResponse(Buffer.from(result.body), { status: 200, headers: { 'Content-Type': contentTypeOf(result.mediaType), Vary: 'Accept' } });
  });
  return app;
}
