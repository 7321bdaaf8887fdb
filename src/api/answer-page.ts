/**
 * One page of a named query's answer, with the total it is a page of. A query without multi-valued columns pages its
 * solutions as written. A query with some (`# multi:`) answers one row per value of its first column (the key): the
 * page's keys are chosen first (ordered by the query's ORDER BY on single-valued columns), then every solution for
 * those keys is fetched and folded into one row per key, so `limit` and `offset` never split a release over two
 * pages. All three queries are built on the parsed query (sparqljs), never by editing its text.
 */
import sparqljs from 'sparqljs';
import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import type { AppContext } from '../context.js';
import type { Row } from '../store/types.js';
import { plainValue, type Answer, type AnswerType } from './answer.js';
import type { NamedQueryInfo } from './query-source.js';

/** Separates the values of a multi-valued column in CSV (IRIs never contain it: RFC 3987 excludes `|`). */
export const CSV_SEPARATOR = '|';

export interface Page extends Answer {
  /** Rows (keys, for a query with multi-valued columns) over all pages. */
  total: number;
  limit: number | undefined;
  offset: number;
}

const variable = (name: string) => DataFactory.variable(name);
const parse = (text: string) => new sparqljs.Parser().parse(text) as sparqljs.SelectQuery;
const stringify = (query: sparqljs.SelectQuery) => new sparqljs.Generator().stringify(query);

/** `SELECT (COUNT([DISTINCT] ?key | *) AS ?total) WHERE { { inner } }` */
function countQuery(inner: sparqljs.SelectQuery, key: string | undefined): sparqljs.SelectQuery {
  const expression = { type: 'aggregate', aggregation: 'count', distinct: key !== undefined, expression: key ? variable(key) : new sparqljs.Wildcard() };
  return {
    type: 'query',
    queryType: 'SELECT',
    prefixes: {},
    variables: [{ expression, variable: variable('total') } as sparqljs.VariableExpression],
    where: [{ type: 'group', patterns: [{ ...inner, order: undefined }] }],
  };
}

/** The page's keys: `SELECT ?key WHERE { { inner } } GROUP BY ?key ?o… ORDER BY (single-valued conditions) LIMIT OFFSET`. */
function keysQuery(inner: sparqljs.SelectQuery, q: NamedQueryInfo, key: string, limit: number | undefined, offset: number): sparqljs.SelectQuery {
  const multi = new Set(q.multi);
  // checked when the query was loaded: every condition names an output variable
  const order = (inner.order ?? []).filter((o) => !multi.has((o.expression as Term).value));
  const grouped = [key, ...order.map((o) => (o.expression as Term).value).filter((v) => v !== key)];
  return {
    type: 'query',
    queryType: 'SELECT',
    prefixes: {},
    variables: [variable(key)],
    where: [{ type: 'group', patterns: [{ ...inner, order: undefined }] }],
    group: grouped.map((v) => ({ expression: variable(v) })),
    order: order.length > 0 ? order : [{ expression: variable(key) }],
    ...(limit !== undefined ? { limit } : {}),
    ...(offset > 0 ? { offset } : {}),
  };
}

/** The solutions for the page's keys, in the query's order. */
function rowsQuery(inner: sparqljs.SelectQuery, key: string, keys: readonly Term[]): sparqljs.SelectQuery {
  const values = { type: 'values', values: keys.map((k) => ({ [`?${key}`]: k })) } as sparqljs.ValuesPattern;
  return { ...inner, where: [values, ...(inner.where ?? [])] };
}

/** One row per key: single-valued columns take the key's first value, multi-valued ones every distinct value. */
function fold(q: NamedQueryInfo, keys: readonly Term[], rows: readonly Row[]): Array<Record<string, Term | Term[]>> {
  const key = q.variables[0]!;
  const multi = new Set(q.multi);
  const byKey = new Map<string, Record<string, Term | Term[]>>();
  for (const k of keys) byKey.set(k.value, Object.fromEntries(q.multi!.map((v) => [v, [] as Term[]])));
  for (const row of rows) {
    const folded = byKey.get(row[key]!.value);
    if (!folded) continue;
    for (const [name, term] of Object.entries(row)) {
      const held = folded[name];
      if (!multi.has(name)) folded[name] ??= term;
      else if (Array.isArray(held) && !held.some((t) => t.equals(term))) held.push(term);
    }
  }
  return keys.map((k) => {
    const folded = byKey.get(k.value)!;
    return Object.fromEntries(q.variables.filter((v) => folded[v] !== undefined).map((v) => [v, folded[v]!]));
  });
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** SPARQL 1.1 CSV conventions (bare IRIs and lexical forms), several values of one column joined by `|`. */
function toCsv(variables: readonly string[], rows: ReadonlyArray<Record<string, Term | Term[]>>): string {
  const cell = (v: Term | Term[] | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.map((t) => t.value).join(CSV_SEPARATOR) : v.value);
  return [variables.join(','), ...rows.map((r) => variables.map((v) => csvField(cell(r[v]))).join(','))].map((l) => `${l}\r\n`).join('');
}

const compact = (rows: ReadonlyArray<Record<string, Term | Term[]>>) =>
  JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? v.map(plainValue) : plainValue(v)]))));

async function count(ctx: AppContext, query: sparqljs.SelectQuery): Promise<number> {
  const [row] = await ctx.store.select(stringify(query), { timeoutMs: ctx.config.queryTimeoutMs });
  return Number(row?.total?.value ?? 0);
}

/**
 * One page of a bound named query (`text`, with its LIMIT/OFFSET) in `type`, and the total. `plain` answers a query
 * without multi-valued columns (the page as written).
 */
export async function answerPage(
  ctx: AppContext,
  q: NamedQueryInfo,
  text: string,
  type: AnswerType,
  plain: (ctx: AppContext, text: string, type: AnswerType) => Promise<Answer>,
): Promise<Page> {
  const parsed = parse(text);
  const { limit, offset = 0 } = parsed;
  const inner: sparqljs.SelectQuery = { ...parsed, limit: undefined, offset: undefined };
  delete inner.limit;
  delete inner.offset;
  if (!q.multi || q.multi.length === 0) {
    const [page, total] = await Promise.all([plain(ctx, text, type), count(ctx, countQuery(inner, undefined))]);
    return { ...page, total, limit, offset };
  }
  const key = q.variables[0]!;
  const [keyRows, total] = await Promise.all([
    ctx.store.select(stringify(keysQuery(inner, q, key, limit, offset)), { timeoutMs: ctx.config.queryTimeoutMs }),
    count(ctx, countQuery(inner, key)),
  ]);
  const keys = keyRows.map((r) => r[key]).filter((t): t is Term => t !== undefined);
  if (type === 'application/sparql-results+json') {
    // SPARQL results cannot hold a list in a cell: every solution of the page's keys, in the query's order
    const body = keys.length > 0 ? undefined : JSON.stringify({ head: { vars: q.variables }, results: { bindings: [] } });
    const page = body !== undefined ? { body, contentType: `${type}; charset=utf-8` } : await plain(ctx, stringify(rowsQuery(inner, key, keys)), type);
    return { ...page, total, limit, offset };
  }
  const solutions = keys.length > 0 ? await ctx.store.select(stringify(rowsQuery(inner, key, keys)), { timeoutMs: ctx.config.queryTimeoutMs }) : [];
  const folded = fold(q, keys, solutions);
  return type === 'text/csv'
    ? { body: toCsv(q.variables, folded), contentType: 'text/csv; charset=utf-8; header=present', total, limit, offset }
    : { body: compact(folded), contentType: 'application/json; charset=utf-8', total, limit, offset };
}
