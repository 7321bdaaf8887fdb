/**
 * Where the REST API, OpenAPI and the query editor get named queries from (`QuerySource`), and the service's own: the
 * named queries of `queries/*.rq` (parsed and bound by named-queries.ts). Every endpoint takes `limit` and `offset`;
 * a query that does not declare them gets them applied here, on the parsed query (sparqljs), never by editing text.
 */
import sparqljs from 'sparqljs';
import { badRequest, isAppError } from '../errors.js';
import { MAX_LIMIT, bindNamedQuery, getNamedQuery, listNamedQueries, toTerm, type NamedQuery, type NamedQueryParam } from './named-queries.js';

/** A named query as its users see it: name, title, description, parameters and output variables (not its text). */
export type NamedQueryInfo = Omit<NamedQuery, 'text' | 'multi'> & { multi?: readonly string[] };

/** Where the named queries come from: `named-queries.ts` in the service, fixtures in tests. */
export interface QuerySource {
  list(): readonly NamedQueryInfo[];
  /** The query by name, or undefined. */
  get(name: string): NamedQueryInfo | undefined;
  /**
   * Final query text with the parameters bound as typed terms (and `limit`/`offset` applied); throws AppError 400
   * INVALID_PARAMETER for a bad value.
   */
  bind(name: string, params: Record<string, string>): string;
  /** The package's own queries (queries/*.rq), whose counting queries the statistics may answer. */
  readonly builtin?: boolean;
}

const PAGING: readonly NamedQueryParam[] = [
  { name: 'limit', type: 'integer' },
  { name: 'offset', type: 'integer' },
];

/** Validates an undeclared limit/offset with the same rules as declared ones (400 INVALID_PARAMETER). */
function pagingNumber(p: NamedQueryParam, value: string): number {
  const n = Number(toTerm(p, value).value);
  const ok = p.name === 'limit' ? n >= 1 && n <= MAX_LIMIT : n >= 0;
  if (!ok) {
    const expected = p.name === 'limit' ? `an integer from 1 to ${MAX_LIMIT}` : 'an integer of 0 or more';
    throw badRequest('INVALID_PARAMETER', `Parameter "${p.name}" must be ${expected}; got "${value}".`, { parameter: p.name, value, expected });
  }
  return n;
}

function bindWithPaging(name: string, params: Record<string, string>): string {
  const declared = new Set(getNamedQuery(name).params.map((p) => p.name));
  const own: Record<string, string> = {};
  const extra: Array<[NamedQueryParam, string]> = [];
  for (const [key, value] of Object.entries(params)) {
    const paging = PAGING.find((p) => p.name === key);
    if (paging && !declared.has(key)) extra.push([paging, value]);
    else own[key] = value;
  }
  const text = bindNamedQuery(name, own);
  if (extra.length === 0) return text;
  const parsed = new sparqljs.Parser().parse(text) as sparqljs.SelectQuery;
  for (const [p, value] of extra) parsed[p.name as 'limit' | 'offset'] = pagingNumber(p, value);
  return new sparqljs.Generator().stringify(parsed);
}

function toInfo(q: NamedQuery): NamedQueryInfo {
  return { name: q.name, title: q.title, description: q.description, params: q.params, variables: q.variables, multi: q.multi };
}

/** The named queries of this package. */
export function defaultQuerySource(): QuerySource {
  return {
    list: () => listNamedQueries().map(toInfo),
    get: (name) => {
      try {
        return toInfo(getNamedQuery(name));
      } catch (error) {
        if (isAppError(error) && error.status === 404) return undefined;
        throw error;
      }
    },
    bind: bindWithPaging,
    builtin: true,
  };
}
