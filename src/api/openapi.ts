/**
 * The OpenAPI 3.1 description of the service: the named-query API, generated from the query headers (one path per
 * query, its parameters with JSON Schemas, response schemas built from its output variables), and every other route
 * (openapi-service.ts).
 */
import { VERSION } from '../model/version.js';
import type { NamedQueryParam } from './named-queries.js';
import type { NamedQueryInfo } from './query-source.js';
import { statsOpenApiPaths } from '../stats/openapi.js';
import { LIMITED_RESPONSES, PERMALINK_SCHEMA, USAGE_HEADERS, USAGE_PATHS, USAGE_RESPONSES, USAGE_TAGS } from './openapi-usage.js';
import { SECURITY_SCHEMES, SERVICE_PATHS, SERVICE_TAGS } from './openapi-service.js';

type Schema = Record<string, unknown>;

/** Parameters every query endpoint takes besides its own (unless the query declares one of the same name). */
export const PAGING_PARAMS: readonly NamedQueryParam[] = [
  { name: 'limit', type: 'integer', description: 'Largest number of rows to return (1 to 10000).' },
  { name: 'offset', type: 'integer', default: '0', description: 'Number of rows to skip.' },
];

/** JSON Schema of one parameter type. */
export function paramSchema(p: NamedQueryParam): Schema {
  const schema: Schema = (() => {
    switch (p.type) {
      case 'iri':
        return { type: 'string', format: 'iri' };
      case 'integer':
        if (p.name === 'limit') return { type: 'integer', minimum: 1, maximum: 10000 };
        return p.name === 'offset' ? { type: 'integer', minimum: 0 } : { type: 'integer' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'year':
        return { type: 'string', pattern: '^[0-9]{4}$' };
      case 'enum':
        return { type: 'string', enum: [...(p.values ?? [])] };
      default:
        return { type: 'string' };
    }
  })();
  if (p.default !== undefined) schema.default = p.type === 'integer' ? Number(p.default) : p.default;
  return schema;
}

/**
 * A row of the compact JSON answer: one optional property per output variable (unbound ones are left out), an array
 * (possibly empty) for a multi-valued column.
 */
function rowSchema(q: NamedQueryInfo): Schema {
  const properties: Record<string, Schema> = {};
  const multi = new Set(q.multi ?? []);
  for (const v of q.variables) {
    const value: Schema = { type: ['string', 'number', 'boolean'] };
    properties[v] = multi.has(v)
      ? { type: 'array', items: value, description: `Every value of ?${v} for this ${q.variables[0]}: IRIs, or literals' plain values.` }
      : { ...value, description: `Value of ?${v}: an IRI, or a literal's plain value.` };
  }
  return { type: 'object', properties, additionalProperties: false };
}

function operation(q: NamedQueryInfo): Schema {
  const own = new Set(q.params.map((p) => p.name));
  const params = [...q.params, ...PAGING_PARAMS.filter((p) => !own.has(p.name))];
  return {
    operationId: q.name.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()),
    summary: q.title,
    description: q.description,
    tags: ['named queries'],
    parameters: params.map((p) => ({
      name: p.name,
      in: 'query',
      required: false,
      ...(p.description ? { description: p.description } : {}),
      schema: paramSchema(p),
    })),
    responses: {
      '200': {
        description:
          q.multi && q.multi.length > 0
            ? `One row per ?${q.variables[0]} with ${q.variables.slice(1).map((v) => `?${v}`).join(' ')}; ` +
              `${q.multi.map((v) => `?${v}`).join(' and ')} may hold several values: arrays in JSON, separated by | in CSV. ` +
              `limit and offset count ?${q.variables[0]} values; SPARQL results JSON gives every solution of the page's ?${q.variables[0]} values.`
            : `Rows of ${q.variables.map((v) => `?${v}`).join(' ')}.`,
        headers: {
          ETag: { $ref: '#/components/headers/ETag' },
          'X-Total-Count': { $ref: '#/components/headers/TotalCount' },
          Link: { $ref: '#/components/headers/Link' },
        },
        content: {
          'application/json': { schema: { type: 'array', items: rowSchema(q) } },
          'application/sparql-results+json': { schema: { $ref: '#/components/schemas/SparqlResults' } },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      '304': { description: 'Not modified: the ETag in If-None-Match is current.' },
      '400': { $ref: '#/components/responses/Error' },
      '406': { $ref: '#/components/responses/Error' },
      ...LIMITED_RESPONSES,
    },
  };
}

const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, detail: {} },
    },
  },
};

const SPARQL_RESULTS_SCHEMA: Schema = {
  description: 'SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/).',
  type: 'object',
  required: ['head', 'results'],
  properties: {
    head: { type: 'object', properties: { vars: { type: 'array', items: { type: 'string' } } } },
    results: {
      type: 'object',
      properties: {
        bindings: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['type', 'value'],
              properties: {
                type: { enum: ['uri', 'literal', 'bnode', 'triple'] },
                value: {},
                'xml:lang': { type: 'string' },
                datatype: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
};

const LIST_SCHEMA: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'title', 'description', 'url', 'parameters', 'variables'],
    properties: {
      name: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      url: { type: 'string' },
      parameters: { type: 'array', items: { type: 'object' } },
      variables: { type: 'array', items: { type: 'string' } },
    },
  },
};

/** The whole OpenAPI 3.1 document. */
export function openApiDocument(queries: readonly NamedQueryInfo[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/queries': {
      get: {
        operationId: 'listQueries',
        summary: 'List the named queries',
        description: 'Every named query with its title, description, parameters and output variables.',
        tags: ['named queries'],
        responses: { '200': { description: 'The named queries.', content: { 'application/json': { schema: { $ref: '#/components/schemas/QueryList' } } } } },
      },
    },
  };
  for (const q of queries) paths[`/api/queries/${q.name}`] = { get: operation(q) };
  Object.assign(paths, statsOpenApiPaths());
  Object.assign(paths, USAGE_PATHS);
  Object.assign(paths, SERVICE_PATHS);
  return {
    openapi: '3.1.0',
    info: {
      title: 'OSCE knowledge graph API',
      version: VERSION,
      summary: 'The SPARQL endpoint, graph store, search, change feed, linked data and stable REST endpoints for common questions about the OSCE.',
      description:
        'Each named query is a SPARQL query with typed parameters. Answers are compact JSON (an array of objects with ' +
        'plain values) by default, SPARQL results JSON with `Accept: application/sparql-results+json`, or CSV with ' +
        '`Accept: text/csv`. Responses carry an ETag; send it back in If-None-Match for a 304. `X-Total-Count` gives the ' +
        'rows over all pages and `Link` (rel="next", rel="prev") the neighbouring pages.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'named queries', description: 'Parameterised SPARQL queries maintained with the data.' },
      { name: 'statistics', description: 'Release counts by facet, kept current by every write.' }, ...USAGE_TAGS, ...SERVICE_TAGS],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: { Error: ERROR_SCHEMA, SparqlResults: SPARQL_RESULTS_SCHEMA, QueryList: LIST_SCHEMA, Permalink: PERMALINK_SCHEMA },
      headers: {
        ETag: { description: 'Entity tag of this answer (dataset version, query and parameters).', schema: { type: 'string' } },
        TotalCount: { description: 'Rows over all pages (for a query with multi-valued columns: distinct first-column values).', schema: { type: 'integer', minimum: 0 } },
        Link: { description: 'RFC 8288 links to the next and previous pages (rel="next", rel="prev"), absolute URLs.', schema: { type: 'string' } },
        ...USAGE_HEADERS,
      },
      responses: {
        Error: {
          description: 'An error with a machine-readable code and a sentence: `INVALID_PARAMETER` for a bad value, `NOT_ACCEPTABLE` for an unsupported Accept, `QUERY_TIMEOUT`, …',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        ...USAGE_RESPONSES,
      },
    },
  };
}
