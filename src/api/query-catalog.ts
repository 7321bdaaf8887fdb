/**
 * The named queries as the research surfaces see them (REST API, OpenAPI, query page examples). A thin view over
 * `named-queries.ts`, which owns the `.rq` headers, parameter validation and binding.
 */

export type ParamType = 'iri' | 'string' | 'integer' | 'date' | 'year' | 'enum';

export interface CatalogParam {
  name: string;
  type: ParamType;
  /** Allowed values of an enum parameter. */
  values?: readonly string[];
  default?: string;
  description?: string;
}

export interface CatalogQuery {
  name: string;
  title: string;
  description: string;
  params: readonly CatalogParam[];
  /** Output variables, in projection order. */
  variables: readonly string[];
}

/** Where the research surfaces get named queries from: `named-queries.ts` in the service, fixtures in tests. */
export interface QuerySource {
  list(): readonly CatalogQuery[];
  /** The query by name, or undefined. */
  get(name: string): CatalogQuery | undefined;
  /**
   * Final query text with the parameters bound as typed terms (and `limit`/`offset` applied); throws AppError 400
   * INVALID_PARAMETER for a bad value.
   */
  bind(name: string, params: Record<string, string>): string;
}
