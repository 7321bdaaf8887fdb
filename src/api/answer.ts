/**
 * Runs a named query for the REST API: validates and binds the parameters (through the query source), evaluates, and
 * serializes as compact JSON, SPARQL results JSON or CSV. The ETag covers the dataset version, the query, the
 * parameters and the representation, so a 304 is only sent for an answer that would be identical.
 */
import { createHash } from 'node:crypto';
import type { Term } from '@rdfjs/types';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { NS } from '../model/ns.js';
import type { NamedQueryInfo, QuerySource } from './query-source.js';
import { PAGING_PARAMS } from './openapi.js';

/** Representations of a named-query answer, in order of preference. */
export const ANSWER_TYPES = ['application/json', 'application/sparql-results+json', 'text/csv'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export interface Answer {
  body: string;
  contentType: string;
}

const NUMERIC = new Set(['integer', 'int', 'long', 'short', 'byte', 'decimal', 'double', 'float', 'nonNegativeInteger', 'positiveInteger', 'gYear'].map((t) => `${NS.xsd}${t}`));

/** A term's plain JSON value: IRIs and strings as strings, numbers as numbers, booleans as booleans. */
export function plainValue(term: Term): string | number | boolean {
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType !== 'Literal') return term.value;
  const dt = term.datatype.value;
  if (dt === `${NS.xsd}boolean`) return term.value === 'true' || term.value === '1';
  if (NUMERIC.has(dt) && dt !== `${NS.xsd}gYear`) {
    const n = Number(term.value);
    if (Number.isFinite(n)) return n;
  }
  return term.value;
}

/** The query or 404 NOT_FOUND (an unknown name is an unknown resource). */
export function requireQuery(source: QuerySource, name: string): NamedQueryInfo {
  const query = source.get(name);
  if (!query) throw notFound('NAMED_QUERY_NOT_FOUND', `There is no named query "${name}". GET /api/queries lists them.`);
  return query;
}

/**
 * Checks the query string against the query's declared parameters: unknown names are a 400 (a typo must not silently
 * return unfiltered rows), repeated names too.
 */
export function queryParams(query: NamedQueryInfo, search: URLSearchParams): Record<string, string> {
  const known = new Set([...query.params, ...PAGING_PARAMS].map((p) => p.name));
  const params: Record<string, string> = {};
  for (const [key, value] of search) {
    if (!known.has(key)) {
      throw badRequest('INVALID_PARAMETER', `Unknown parameter "${key}" for query "${query.name}"; it takes ${[...known].join(', ')}.`, { parameter: key });
    }
    if (key in params) throw badRequest('INVALID_PARAMETER', `Parameter "${key}" is given more than once.`, { parameter: key });
    params[key] = value;
  }
  return params;
}

/** Strong ETag of one answer. */
export function answerEtag(version: number, name: string, params: Record<string, string>, type: string): string {
  const canonical = JSON.stringify([version, name, Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)), type]);
  return `"${createHash('sha256').update(canonical).digest('base64url').slice(0, 27)}"`;
}

/** Evaluates bound query text and serializes it in `type`. */
export async function answer(ctx: AppContext, text: string, type: AnswerType): Promise<Answer> {
  if (type === 'application/json') {
    const rows = await ctx.store.select(text, { timeoutMs: ctx.config.queryTimeoutMs });
    const plain = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)])));
    return { body: JSON.stringify(plain), contentType: 'application/json; charset=utf-8' };
  }
  const result = await ctx.store.query({
    query: text,
    format: type,
    unionDefaultGraph: ctx.config.unionDefaultGraph,
    timeoutMs: ctx.config.queryTimeoutMs,
    maxResultBytes: ctx.config.maxResultBytes,
  });
  const contentType = type === 'text/csv' ? 'text/csv; charset=utf-8; header=present' : `${type}; charset=utf-8`;
  return { body: result.body, contentType };
}
