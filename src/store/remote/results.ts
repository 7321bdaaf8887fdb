/**
 * User query results from the external store in the format the client negotiated. Solutions pass through in the
 * store's own serialization (JSON normalized: Virtuoso 7 still writes the 2007 "typed-literal"); graphs are fetched as
 * N-Triples and serialized here by oxigraph, so every graph format is offered whatever the engine supports (Virtuoso
 * has no N-Quads output and an older JSON-LD form).
 */
import oxigraph from 'oxigraph';
import { AppError, notAcceptable } from '../../errors.js';
import type { QueryForm, QueryResult } from '../types.js';
import type { SparqlClient } from './client.js';
import type { JsonResults } from './terms.js';
import { GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES } from '../media-types.js';

export interface PassThroughRequest {
  form: QueryForm;
  text: string;
  params: [string, string][];
  format: string;
  timeoutMs: number;
  maxResultBytes?: number;
}

export async function passThrough(client: SparqlClient, req: PassThroughRequest): Promise<QueryResult> {
  const wanted = req.format.split(';')[0]!.trim().toLowerCase();
  const solutions = req.form === 'SELECT' || req.form === 'ASK';
  const table = solutions ? SOLUTION_MEDIA_TYPES : GRAPH_MEDIA_TYPES;
  const mediaType = table[wanted];
  if (!mediaType) throw notAcceptable(Object.keys(table));
  const accept = solutions ? mediaType : 'application/n-triples';
  const res = await client.query({ query: req.text, accept, timeoutMs: req.timeoutMs, params: req.params });
  const raw = await res.text();
  checkSize(raw, req.maxResultBytes);
  let body = raw;
  if (mediaType === 'application/sparql-results+json') body = normalizeJson(raw);
  else if (!solutions && mediaType !== 'application/n-triples' && mediaType !== 'application/n-quads') body = serializeGraph(raw, mediaType);
  checkSize(body, req.maxResultBytes);
  return { form: req.form, body, mediaType };
}

function normalizeJson(raw: string): string {
  const json = JSON.parse(raw) as JsonResults & { head: { link?: unknown } };
  for (const row of json.results?.bindings ?? []) {
    for (const term of Object.values(row)) {
      if (term.type === 'typed-literal') term.type = 'literal';
      if (term.type === 'bnode') term.value = term.value.replace(/^nodeID:\/\//, '');
    }
  }
  if (json.results) {
    const { distinct: _d, ordered: _o, ...rest } = json.results as Record<string, unknown>;
    json.results = rest as JsonResults['results'];
  }
  if (Array.isArray(json.head.link) && json.head.link.length === 0) delete json.head.link;
  return JSON.stringify(json);
}

function serializeGraph(ntriples: string, format: string): string {
  const store = new oxigraph.Store();
  store.load(ntriples, { format: 'application/n-triples' });
  return store.dump({ format, from_graph_name: oxigraph.defaultGraph() });
}

function checkSize(body: string, max: number | undefined): void {
  if (!max) return;
  const bytes = Buffer.byteLength(body);
  if (bytes > max) {
    throw new AppError(413, 'RESULT_TOO_LARGE', `The query result is ${bytes} bytes, more than the limit of ${max} bytes.`, { limit: max, bytes });
  }
}
