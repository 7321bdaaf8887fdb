/**
 * The SPARQL service behind `/sparql`: inspect first (a full parse where federation or `SELECT *` needs it), pick the
 * serialization, then evaluate locally (the store) or federated (Comunica), and apply updates through the store's
 * single write path with the SHACL gate.
 */
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate, pickMediaType } from '../http/negotiate.js';
import type { QueryForm } from '../store/types.js';
import type { Metrics } from '../http/metrics.js';
import type { DatasetSpec, QueryResult, WriteResult } from '../store/types.js';
import { EMPTY_SUMMARY } from '../store/summary.js';
import { assertServicesAllowed, type Federation } from './federation.js';
import { reorderColumns } from './column-order.js';
import { SOLUTION_FORMATS, negotiableOffers, pickFormatParam } from './formats.js';
import { inspectQuery, parseQuery, parseUpdate } from './parse.js';
import { applyUsingDataset } from './update-dataset.js';
import { rewriteTextSearch, type TextSearch } from './text-search.js';

export interface QueryInput {
  query: string;
  dataset: DatasetSpec | undefined;
  /** The request's Accept header; a known `format`/`output`/`results` value overrides it. */
  accept: string | undefined;
  formats: readonly string[];
}

export interface SparqlService {
  query(input: QueryInput): Promise<QueryResult>;
  update(update: string, dataset: DatasetSpec | undefined): Promise<WriteResult>;
}

async function timed<T>(metrics: Metrics, kind: string, work: () => Promise<T>): Promise<T> {
  const end = metrics.querySeconds.startTimer({ kind });
  try {
    const result = await work();
    metrics.queries.inc({ kind, outcome: 'ok' });
    return result;
  } catch (error) {
    const code = (error as { code?: string }).code;
    metrics.queries.inc({ kind, outcome: code === 'QUERY_TIMEOUT' ? 'timeout' : 'error' });
    throw error;
  } finally {
    end();
  }
}

/**
 * A syntax error found by the engine, where sparqljs names a position: oxigraph reports where its parser gave up (often
 * the end of the text), jison the offending token. Only this error path pays for the full parse.
 */
function precise(error: unknown, text: string, baseIri: string): never {
  if ((error as { code?: string }).code !== 'QUERY_SYNTAX') throw error;
  try {
    parseQuery(text, baseIri);
  } catch (parsed) {
    if ((parsed as { detail?: unknown }).detail !== undefined) throw parsed;
  }
  throw error; // sparqljs accepts the text or gives no position: the engine's report stands
}

/**
 * The serialization for a query form under the Accept header. A CONSTRUCT or DESCRIBE asked for with result-set types
 * only (rdflib's SPARQLStore with `returnFormat="json"` sends just `application/sparql-results+json`) gets the default
 * graph format rather than 406: a graph has no result-set serialization, and the client reads the Content-Type.
 */
function negotiateResult(accept: string | undefined, form: QueryForm, offers: readonly string[]): string {
  const picked = pickMediaType(accept, offers);
  if (picked !== undefined) return picked;
  const graph = form === 'CONSTRUCT' || form === 'DESCRIBE';
  if (graph && pickMediaType(accept, SOLUTION_FORMATS) !== undefined) return offers[0]!;
  return negotiate(accept, offers);
}

/**
 * `search` answers the `osce:search` patterns (text-search.ts) before evaluation; without it they are left to the
 * engine, where they match nothing.
 */
export function createSparqlService(ctx: AppContext, federation: Federation, metrics: Metrics, search?: TextSearch): SparqlService {
  const { config, store } = ctx;
  const service: SparqlService = {
    async query(request) {
      const rewritten = search ? await rewriteTextSearch(request.query, search, config.base) : undefined;
      const input = rewritten === undefined ? request : { ...request, query: rewritten };
      const parsed = inspectQuery(input.query, config.base, config.queryLimits);
      const { offers, canonical } = negotiableOffers(parsed.form);
      const requested = pickFormatParam(input.formats, parsed.form);
      const format = canonical(requested !== undefined ? negotiate(requested, offers) : negotiateResult(input.accept, parsed.form, offers));
      if (parsed.services.length > 0) {
        assertServicesAllowed(parsed.services, config.allowService);
        if (input.dataset) throw badRequest('DATASET_WITH_SERVICE', 'default-graph-uri/named-graph-uri are not supported with SERVICE.');
        const q = { query: input.query, form: parsed.form, format, timeoutMs: config.queryTimeoutMs, baseIri: config.base, maxResultBytes: config.maxResultBytes };
        return timed(metrics, 'federated', () => federation.run(q));
      }
      const result = timed(metrics, 'query', () =>
        store.query({
          query: input.query,
          dataset: input.dataset,
          unionDefaultGraph: config.unionDefaultGraph,
          format,
          timeoutMs: config.queryTimeoutMs,
          baseIri: config.base,
          maxResultBytes: config.maxResultBytes,
          head: parsed.head,
        }),
      ).catch((error: unknown) => precise(error, input.query, config.base));
      const order = parsed.starOrder;
      return order ? result.then((r) => ({ ...r, body: reorderColumns(r.body, r.mediaType, order) })) : result;
    },
    update(update, dataset) {
      const parsed = parseUpdate(update, config.base, config.queryLimits);
      if (parsed.empty) return store.version().then((version) => ({ summary: EMPTY_SUMMARY, version }));
      if (parsed.services.length > 0) throw badRequest('SERVICE_IN_UPDATE', 'SERVICE is not supported inside updates.');
      const text = applyUsingDataset(update, dataset, config.base);
      return timed(metrics, 'update', () =>
        store.write(
          { type: 'update', update: text, unionDefaultGraph: config.unionDefaultGraph, baseIri: config.base, timeoutMs: config.queryTimeoutMs },
          ctx.gate,
        ),
      );
    },
  };
  return service;
}
