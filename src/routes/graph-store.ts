/**
 * `/graph-store`: the SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/).
 * Indirect identification (`?default`, `?graph=IRI`) and direct identification (the request URL under
 * `/graph-store/` names the graph). Writes need the bearer token and pass the store's SHACL gate.
 */
import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { assertCanWrite } from '../http/auth.js';
import { checkDeclaredLength, declaredBytes, mediaTypeOf, requestChunks } from '../http/body.js';
import { boundaryOf, formFiles, type FormFile } from '../http/multipart.js';
import { negotiate } from '../http/negotiate.js';
import { contentTypeOf } from '../sparql/formats.js';
import { assertIri } from '../sparql/protocol.js';
import { DATASET_FORMATS, datasetBody, graphBody, GSP_FORMATS } from '../sparql/graph-output.js';
import { shippedContexts } from '../linked-data/jsonld-context.js';
import { assertUploadType } from '../store/rdf-parse.js';
import type { GraphName, RdfBody, RdfDocuments } from '../store/types.js';

/**
 * The graph a request addresses; undefined for a POST to the store itself (graph creation). A directly identified
 * graph is named by the request URL (§4.1) as the public sees it: on the configured base, whatever Host was sent.
 */
function graphOf(ctx: AppContext, c: Context, direct: boolean): GraphName | undefined {
  const url = new URL(c.req.url);
  if (direct) return { iri: ctx.iris.url(url.pathname) };
  const hasDefault = url.searchParams.has('default');
  const graphs = url.searchParams.getAll('graph');
  if (hasDefault && graphs.length > 0) throw badRequest('GRAPH_AND_DEFAULT', 'Give either ?default or ?graph=IRI, not both.');
  if (graphs.length > 1) throw badRequest('DUPLICATE_PARAMETER', 'The parameter "graph" must be given at most once.');
  if (hasDefault) return 'default';
  const iri = graphs[0];
  if (iri === undefined) return undefined;
  assertIri(iri);
  return { iri };
}

function requireGraph(graph: GraphName | undefined): GraphName {
  if (!graph) throw badRequest('MISSING_GRAPH', 'Name the graph with ?default or ?graph=IRI.');
  return graph;
}

/**
 * The request's RDF as it arrives, for the store to parse: the body, or the file parts of a form upload (RFC 7578,
 * as in the protocol's POST examples), each a document of its own, split out of the body here and not parsed.
 */
function readContent(ctx: AppContext, c: Context, graph: GraphName): { body: RdfBody | RdfDocuments } {
  const limit = ctx.config.maxUploadBytes;
  checkDeclaredLength(c.req.header('content-length'), limit);
  const contentType = c.req.header('content-type');
  const type = mediaTypeOf(contentType);
  const url = new URL(c.req.url);
  const baseIri = graph === 'default' ? ctx.iris.url(`${url.pathname}${url.search}`) : graph.iri;
  const contexts = shippedContexts(ctx.config.base);
  if (type !== 'multipart/form-data') {
    assertUploadType(type);
    // decoded from its Content-Encoding under the same cap, read from the node:http request (http/body.ts); a body
    // whose length is known is gathered into one buffer of that size for the writer
    const length = declaredBytes(c.req.raw, limit);
    return { body: { chunks: requestChunks(c.req.raw, limit, c.env), mediaType: type, baseIri, contexts, ...(length ? { length } : {}) } };
  }
  const files = formFiles(requestChunks(c.req.raw, limit, c.env), boundaryOf(contentType));
  return { body: { documents: uploadParts(files), baseIri, contexts } };
}

/** A form's file parts as documents: a part's type, or one guessed from its name (415 for a type not taken). */
async function* uploadParts(files: AsyncIterable<FormFile>): AsyncIterable<{ chunks: AsyncIterable<Uint8Array>; mediaType: string }> {
  for await (const file of files) {
    const mediaType = file.mediaType || (file.filename.endsWith('.ttl') ? 'text/turtle' : 'application/n-triples');
    assertUploadType(mediaType);
    yield { chunks: file.chunks, mediaType };
  }
}

/** A plain GET of the graph store (no graph named): the whole dataset, as N-Quads or TriG. */
function getDataset(ctx: AppContext, c: Context, head: boolean): Response {
  const type = negotiate(c.req.header('accept'), DATASET_FORMATS) as (typeof DATASET_FORMATS)[number];
  const headers = { 'Content-Type': contentTypeOf(type), Vary: 'Accept' };
  return new Response(head ? null : datasetBody(ctx.store, type), { status: 200, headers });
}

/** GET/HEAD of one graph; `?default` is the default graph queries see (the union unless configured otherwise). */
async function get(ctx: AppContext, c: Context, graph: GraphName | undefined, head: boolean): Promise<Response> {
  if (graph === undefined) return getDataset(ctx, c, head);
  const g = graph;
  const type = negotiate(c.req.header('accept'), GSP_FORMATS);
  if (g !== 'default' && !(await ctx.store.hasGraph(g))) throw notFound('GRAPH_NOT_FOUND', `There is no graph <${g.iri}>.`);
  const headers = { 'Content-Type': contentTypeOf(type), Vary: 'Accept' };
  if (head) return new Response(null, { status: 200, headers });
  return new Response(await graphBody(ctx.store, g, type, ctx.config.unionDefaultGraph), { status: 200, headers });
}

async function write(ctx: AppContext, c: Context, graph: GraphName | undefined, method: 'PUT' | 'POST'): Promise<Response> {
  assertCanWrite(c.req.header('authorization'), ctx.config.token);
  let target = graph;
  let location: string | undefined;
  if (!target) {
    if (method === 'PUT') target = requireGraph(target);
    // §5.5: POST to the graph store itself creates a new graph and answers with its IRI in Location
    location = ctx.iris.url(`graph-store/${randomUUID()}`);
    target = { iri: location };
  }
  const existed = target === 'default' || (await ctx.store.hasGraph(target));
  const content = readContent(ctx, c, target);
  await ctx.store.write({ type: method === 'PUT' ? 'put-graph' : 'post-graph', graph: target, ...content }, ctx.gate);
  if (location) return new Response(null, { status: 201, headers: { Location: location } });
  return new Response(null, { status: existed ? 204 : 201 });
}

async function remove(ctx: AppContext, c: Context, graph: GraphName | undefined): Promise<Response> {
  assertCanWrite(c.req.header('authorization'), ctx.config.token);
  const g = requireGraph(graph);
  if (g !== 'default' && !(await ctx.store.hasGraph(g))) throw notFound('GRAPH_NOT_FOUND', `There is no graph <${g.iri}>.`);
  await ctx.store.write({ type: 'delete-graph', graph: g }, ctx.gate);
  return new Response(null, { status: 204 });
}

function handlers(ctx: AppContext, direct: boolean) {
  return async (c: Context): Promise<Response> => {
    const graph = graphOf(ctx, c, direct);
    switch (c.req.method) {
      case 'GET':
        return get(ctx, c, graph, false);
      case 'HEAD':
        return get(ctx, c, graph, true);
      case 'PUT':
      case 'POST':
        return write(ctx, c, graph, c.req.method);
      default:
        return remove(ctx, c, graph);
    }
  };
}

export function graphStoreRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const methods = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
  app.on(methods, '/', handlers(ctx, false));
  app.on(methods, '/*', handlers(ctx, true));
  return app;
}
