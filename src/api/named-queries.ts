/**
 * Named queries: the `.rq` files in queries/, each with a header of `# title:`, `# description:` and
 * `# param: NAME TYPE [= DEFAULT] [-- description]` lines. Parameter values are checked against their type and bound
 * as typed RDF terms in a VALUES block on the variable `?_NAME` of the parsed query (never spliced into the text);
 * `limit` and `offset` become the query's LIMIT/OFFSET. A parameter without value and default stays unbound, which
 * the queries test with `!BOUND(?_NAME)`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';
import type { Term } from '@rdfjs/types';
import { badRequest, notFound } from '../errors.js';
import { NS } from '../model/ns.js';
import { isCalendarDay } from '../model/xsd-dates.js';
import { PATHS } from '../model/paths.js';

export type ParamType = 'iri' | 'string' | 'integer' | 'date' | 'year' | 'enum';

export interface NamedQueryParam {
  name: string;
  type: ParamType;
  /** Allowed values of an enum parameter. */
  values?: readonly string[];
  default?: string;
  description?: string;
}

export interface NamedQuery {
  name: string;
  title: string;
  description: string;
  params: readonly NamedQueryParam[];
  /** Output variables, in projection order (without `?`). */
  variables: readonly string[];
  /**
   * Columns that may hold several values for one row (`# multi:` in the header). A query with such columns answers
   * one row per value of its first column (the row's key): these columns hold arrays in compact JSON and values
   * separated by `|` in CSV, and `limit`/`offset` count keys, not solutions.
   */
  multi: readonly string[];
  /** The file text, header included. */
  text: string;
}

/** Upper bound of the `limit` parameter, whatever the header's default. */
export const MAX_LIMIT = 10000;
const PAGING = new Set(['limit', 'offset']);
const PARAM_LINE = /^#\s*param:\s*([a-zA-Z][a-zA-Z0-9]*)\s+(iri|string|integer|date|year|enum\(([^)]*)\))(?:\s*=\s*(\S+))?(?:\s*--\s*(.*))?$/;

/** Parses the header of one `.rq` file; throws (a programming error in queries/) when it is malformed. */
export function parseNamedQuery(name: string, text: string): NamedQuery {
  let title = '';
  let description = '';
  let multi: string[] = [];
  const params: NamedQueryParam[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) continue;
    const field = /^#\s*(title|description):\s*(.*)$/.exec(line);
    if (field) {
      if (field[1] === 'title') title = field[2]!.trim();
      else description = field[2]!.trim();
      continue;
    }
    const multiLine = /^#\s*multi:\s*(.*)$/.exec(line);
    if (multiLine) {
      multi = multiLine[1]!.trim().split(/\s+/).filter(Boolean);
      continue;
    }
    if (!/^#\s*param:/.test(line)) continue;
    const m = PARAM_LINE.exec(line.trim());
    if (!m) throw new Error(`queries/${name}.rq: malformed parameter line: ${line}`);
    const enumValues = m[3]?.split(',').map((v) => v.trim());
    const param: NamedQueryParam = { name: m[1]!, type: (enumValues ? 'enum' : m[2]) as ParamType };
    if (enumValues) param.values = enumValues;
    if (m[4] !== undefined) param.default = m[4];
    if (m[5]) param.description = m[5].trim();
    params.push(param);
  }
  if (!title) throw new Error(`queries/${name}.rq: no "# title:" line`);
  const parsed = new sparqljs.Parser().parse(text);
  if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') throw new Error(`queries/${name}.rq: not a SELECT query`);
  const variables = parsed.variables.map((v) => ('termType' in v ? v.value : v.variable.value));
  for (const p of params) if (p.default !== undefined) toTerm(p, p.default); // a bad default fails at load time
  checkMulti(name, parsed, variables, multi);
  return { name, title, description, params, variables, multi, text };
}

/**
 * A query with multi-valued columns is paged by its first column (the key), ordered by the ORDER BY conditions on
 * single-valued columns: so those must be projected variables, and the multi-valued ones output variables other than
 * the key. Checked when the file is loaded (a programming error in queries/).
 */
function checkMulti(name: string, parsed: sparqljs.SelectQuery, variables: readonly string[], multi: readonly string[]): void {
  if (multi.length === 0) return;
  for (const v of multi) {
    if (!variables.includes(v) || v === variables[0]) throw new Error(`queries/${name}.rq: "# multi: ${v}" is not an output variable other than the first`);
  }
  for (const order of parsed.order ?? []) {
    const e = order.expression as { termType?: string; value?: string };
    if (e.termType !== 'Variable' || !variables.includes(e.value!)) throw new Error(`queries/${name}.rq: with "# multi:", ORDER BY may only name output variables`);
  }
}

let catalog: Map<string, NamedQuery> | undefined;

function load(): Map<string, NamedQuery> {
  catalog ??= new Map(
    readdirSync(PATHS.queries)
      .filter((f) => f.endsWith('.rq'))
      .sort()
      .map((f) => {
        const name = f.slice(0, -3);
        return [name, parseNamedQuery(name, readFileSync(join(PATHS.queries, f), 'utf8'))] as const;
      }),
  );
  return catalog;
}

/** All named queries, sorted by name. */
export function listNamedQueries(): NamedQuery[] {
  return [...load().values()];
}

/** One named query; AppError 404 NAMED_QUERY_NOT_FOUND when there is none of that name. */
export function getNamedQuery(name: string): NamedQuery {
  const query = load().get(name);
  if (!query) throw notFound('NAMED_QUERY_NOT_FOUND', `There is no named query "${name}".`);
  return query;
}

const invalid = (p: NamedQueryParam, value: string, expected: string) =>
  badRequest('INVALID_PARAMETER', `Parameter "${p.name}" must be ${expected}; got "${value}".`, { parameter: p.name, value, expected });

/** Checks a value against its parameter type and returns the typed RDF term. */
export function toTerm(p: NamedQueryParam, value: string): Term {
  const { literal, namedNode } = DataFactory;
  switch (p.type) {
    case 'iri':
      if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(value) || !URL.canParse(value)) throw invalid(p, value, 'an absolute IRI');
      return namedNode(value);
    case 'integer':
      if (!/^-?[0-9]{1,15}$/.test(value)) throw invalid(p, value, 'an integer');
      return literal(String(Number(value)), namedNode(`${NS.xsd}integer`));
    case 'date': {
      // an impossible day (2020-13-45) is a 400 like any malformed value (Date.toISOString threw: a 500)
      const d = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
      if (!d || !isCalendarDay(Number(d[1]), Number(d[2]), Number(d[3]))) throw invalid(p, value, 'a date YYYY-MM-DD');
      return literal(value, namedNode(`${NS.xsd}date`));
    }
    case 'year':
      if (!/^[0-9]{4}$/.test(value)) throw invalid(p, value, 'a year YYYY');
      return literal(value, namedNode(`${NS.xsd}gYear`));
    case 'enum':
      if (!p.values?.includes(value)) throw invalid(p, value, `one of ${p.values?.join(', ')}`);
      return literal(value);
    default:
      return literal(value);
  }
}

function pagingValue(p: NamedQueryParam, value: string): number {
  const n = Number((toTerm(p, value) as { value: string }).value);
  if (p.name === 'limit' && (n < 1 || n > MAX_LIMIT)) throw invalid(p, value, `an integer from 1 to ${MAX_LIMIT}`);
  if (p.name === 'offset' && n < 0) throw invalid(p, value, 'an integer of 0 or more');
  return n;
}

/**
 * Checks parameter values as `bindNamedQuery` (and an undeclared `limit`/`offset` as the query source) does, AppError
 * 400 INVALID_PARAMETER, without making the query text: for an answer that needs none (the statistics'), since
 * parsing and writing the query again costs milliseconds.
 */
export function checkParams(declared: readonly NamedQueryParam[], params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    const p = declared.find((d) => d.name === name) ?? (PAGING.has(name) ? { name, type: 'integer' as const } : undefined);
    if (!p) continue; // unknown names are refused before (queryParams)
    if (PAGING.has(name)) pagingValue(p, value);
    else toTerm(p, value);
  }
}

/**
 * The final query text of a named query with `params` bound: unknown parameters and bad values are AppError 400
 * INVALID_PARAMETER; missing ones take their default or stay unbound.
 */
export function bindNamedQuery(name: string, params: Record<string, string>): string {
  const query = getNamedQuery(name);
  for (const key of Object.keys(params)) {
    if (!query.params.some((p) => p.name === key)) {
      throw badRequest('INVALID_PARAMETER', `Named query "${name}" has no parameter "${key}".`, {
        parameter: key,
        accepted: query.params.map((p) => p.name),
      });
    }
  }
  const parsed = new sparqljs.Parser().parse(query.text) as sparqljs.SelectQuery;
  const row: Record<string, Term> = {};
  for (const p of query.params) {
    const value = Object.hasOwn(params, p.name) ? params[p.name] : p.default;
    if (value === undefined) continue;
    if (p.name === 'limit') parsed.limit = pagingValue(p, value);
    else if (p.name === 'offset') parsed.offset = pagingValue(p, value);
    else if (!PAGING.has(p.name)) row[`?_${p.name}`] = toTerm(p, value);
  }
  if (Object.keys(row).length > 0) {
    parsed.where = [{ type: 'values', values: [row as sparqljs.ValuePatternRow] }, ...(parsed.where ?? [])];
  }
  return new sparqljs.Generator().stringify(parsed);
}
