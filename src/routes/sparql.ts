/**
 * `/sparql`: the SPARQL 1.1 Protocol endpoint. Queries by GET, POST form and POST direct; updates by POST form and
 * direct (bearer token); without an operation, the service description, or for a browser a 303 to the query editor.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { assertCanWrite } from '../http/auth.js';
import { negotiate } from '../http/negotiate.js';
import { bytesResponse, frontBody } from '../server/cache-front.js';
import { contentTypeOf } from '../sparql/formats.js';
import type { SparqlService } from '../sparql/execute.js';
import { decodeSparqlRequest } from '../sparql/protocol.js';
import { SMALL_GRAPH_FORMATS, serializeQuads } from '../sparql/rdf-serialize.js';
import { describeService } from '../sparql/service-description.js';
import { NS } from '../model/ns.js';

const DESCRIPTION_OFFERS = [...SMALL_GRAPH_FORMATS, 'text/html'];

/** Where a browser that opens the endpoint itself is sent: the query editor. */
const QUERY_EDITOR = '/query';

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

/**
 * The service description (SPARQL 1.1 Service Description §2), negotiated; a browser, which prefers HTML, is sent to
 * the query editor with 303 See Other (RFC 9110 §15.4.4), varying on Accept as the description does.
 */
async function description(ctx: AppContext, accept: string | undefined): Promise<Response> {
  const type = negotiate(accept, DESCRIPTION_OFFERS);
  if (type === 'text/html') return new Response(null, { status: 303, headers: { Location: QUERY_EDITOR, Vary: 'Accept' } });
  const headers = { 'Content-Type': contentTypeOf(type), Vary: 'Accept' };
  const quads = describeService({
    endpoint: ctx.iris.url('sparql'),
    base: ctx.config.base,
    unionDefaultGraph: ctx.config.unionDefaultGraph,
    federation: ctx.config.allowService.length > 0,
    triples: await defaultGraphTriples(ctx),
    namedGraphs: await ctx.store.graphs(),
  });
  return new Response(await serializeQuads(quads, type, { sd: NS.sd, void: NS.void, rdfs: NS.rdfs }), { headers });
}

export function sparqlRoutes(ctx: AppContext, service: SparqlService): Hono {
  const app = new Hono();
  app.on(['GET', 'POST'], '/', async (c) => {
    const op = await decodeSparqlRequest(c.req.raw, ctx.config.maxRequestBytes, frontBody(c.env));
    const accept = c.req.header('accept');
    if (op.kind === 'none') return description(ctx, accept);
    if (op.kind === 'update') {
      assertCanWrite(c.req.header('authorization'), ctx.config.token);
      await service.update(op.update, op.dataset);
      return c.body(null, 204);
    }
    const result = await service.query({ query: op.query, dataset: op.dataset, accept, formats: op.formats });
    return bytesResponse(Buffer.from(result.body), { status: 200, headers: { 'Content-Type': contentTypeOf(result.mediaType), Vary: 'Accept' } });
  });
  return app;
}
