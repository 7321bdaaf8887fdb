/**
 * Query evaluation over one oxigraph store, shared by the worker threads and the writer's in-thread view. Requests
 * and replies are plain data so they cross `postMessage` unchanged; errors travel as {status, code, message, detail}.
 */
import oxigraph from 'oxigraph';
import { GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES } from './media-types.js';
import { AppError, isAppError, notAcceptable, syntaxError } from '../errors.js';
import type { QueryForm, ReduceModule } from './types.js';
import { queryHead, type QueryHead } from './query-form.js';
import { toWire, type WireTerm, type OxTerm } from './terms.js';
import { withEngineFixes } from './engine-fixes.js';
import { isEngineFault } from './engine-fault.js';

export type EvalMode = 'serialize' | 'select' | 'construct' | 'ask';

export interface EvalRequest {
  mode: EvalMode;
  query: string;
  format?: string;
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** With defaultGraphs: keep every named graph (an update's WITH) instead of none (a protocol dataset). */
  allNamed?: boolean;
  union: boolean;
  baseIri?: string;
  maxResultBytes?: number;
  /** The query's head, if the caller scanned it (it travels with the text: a scan costs more than this field). */
  head?: QueryHead;
  /** A `select` whose rows this module turns into bytes here (replica.ts): the reply is `{ bytes }`. */
  reduce?: ReduceModule;
}

export type EvalReply =
  | { ok: true; form: QueryForm; body: string; mediaType: string }
  | { ok: true; rows: Record<string, WireTerm>[] }
  | { ok: true; quads: WireTerm[] }
  | { ok: true; bool: boolean }
  | { ok: true; bytes: Uint8Array }
  | { ok: false; error: { status: number; code: string; message: string; detail?: unknown } };

/** Media types `query()` can produce, by query form family. */
export const SUPPORTED_FORMATS = { results: Object.keys(SOLUTION_MEDIA_TYPES), graph: Object.keys(GRAPH_MEDIA_TYPES) };

export function evaluate(store: oxigraph.Store, req: EvalRequest): EvalReply {
  try {
    return withEngineFixes(req, (r) => run(store, r));
  } catch (e) {
    if (isEngineFault(e)) throw e; // not a query error: the replica is broken (engine-fault.ts)
    const err = toAppError(e);
    return { ok: false, error: { status: err.status, code: err.code, message: err.message, detail: err.detail } };
  }
}

/** Turns a reply error back into an AppError on the caller's side. */
export function replyError(error: { status: number; code: string; message: string; detail?: unknown }): AppError {
  return new AppError(error.status, error.code, error.message, error.detail);
}

function run(store: oxigraph.Store, req: EvalRequest): EvalReply {
  const { form, hasDataset } = req.head ?? queryHead(req.query);
  // A query's own FROM / FROM NAMED defines its dataset; the service's union default graph applies only without one.
  const options = queryOptions(hasDataset ? { ...req, union: false } : req);
  if (req.mode === 'serialize') {
    const wanted = (req.format ?? '').split(';')[0]!.trim().toLowerCase();
    const table = form === 'SELECT' || form === 'ASK' ? SOLUTION_MEDIA_TYPES : GRAPH_MEDIA_TYPES;
    const format = table[wanted];
    if (!format) throw notAcceptable(Object.keys(table));
    const body = store.query(req.query, { ...options, results_format: format }) as string;
    checkSize(body, req.maxResultBytes);
    return { ok: true, form, body, mediaType: format };
  }
  const result = store.query(req.query, options);
  if (req.mode === 'ask' && typeof result === 'boolean') return { ok: true, bool: result };
  if (req.mode === 'select' && Array.isArray(result) && form === 'SELECT') {
    return { ok: true, rows: (result as Map<string, OxTerm>[]).map(rowToWire) };
  }
  if (req.mode === 'construct' && Array.isArray(result) && (form === 'CONSTRUCT' || form === 'DESCRIBE')) {
    return { ok: true, quads: (result as oxigraph.Quad[]).map((q) => toWire(q)) };
  }
  throw new AppError(400, 'QUERY_FORM', `A ${form} query cannot be used here (expected ${req.mode.toUpperCase()}).`);
}

function rowToWire(row: Map<string, OxTerm>): Record<string, WireTerm> {
  const out: Record<string, WireTerm> = {};
  for (const [k, v] of row) out[k] = toWire(v);
  return out;
}

function queryOptions(req: EvalRequest): Parameters<oxigraph.Store['query']>[1] {
  const options: NonNullable<Parameters<oxigraph.Store['query']>[1]> = {};
  if (req.baseIri) options.base_iri = req.baseIri;
  // SPARQL 1.1 Protocol §2.1.4: a protocol dataset replaces the query's; a missing half is empty.
  if (req.defaultGraphs?.length || req.namedGraphs?.length) {
    options.default_graph = (req.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g));
    if (!req.allNamed) options.named_graphs = (req.namedGraphs ?? []).map((g) => oxigraph.namedNode(g));
  } else if (req.union) options.use_default_graph_as_union = true;
  return options;
}

function checkSize(body: string, max: number | undefined): void {
  if (!max) return;
  const bytes = Buffer.byteLength(body);
  if (bytes > max) {
    throw new AppError(413, 'RESULT_TOO_LARGE', `The query result is ${bytes} bytes, more than the limit of ${max} bytes.`, { limit: max, bytes });
  }
}

/**
 * The readable part of oxigraph's parser message: its own sentences ("Prefix not found", "The SELECT contains a
 * variable that is unbound") when there are any, else the expected tokens without the long Unicode character classes.
 */
function expectation(raw: string): string {
  const alternatives = raw.replace(/^expected (one of )?/, '').split(/, (?=["'\[A-Z])/);
  const sentences = alternatives.filter((a) => /^[A-Z]\w* \S+ [a-z]{2,}/.test(a));
  if (sentences.length > 0) return sentences.join('; ');
  const tokens = alternatives.filter((a) => !a.startsWith('['));
  return tokens.length > 0 ? `expected ${tokens.join(', ')}` : raw.replace(/\s+/g, ' ').slice(0, 200);
}

/** Oxigraph reports parse errors as "error at L:C: ..."; anything else it throws is an evaluation fault of the query. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  const m = /^error at (\d+):(\d+): ?([\s\S]*)$/.exec(message);
  if (m) return syntaxError('QUERY_SYNTAX', `Syntax error at line ${m[1]}, column ${m[2]}: ${expectation(m[3] ?? '')}`, Number(m[1]), Number(m[2]));
  return new AppError(400, 'QUERY_EVALUATION', message);
}
