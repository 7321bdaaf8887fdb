/**
 * The OpenAPI 3.1 description of the named-query API, generated from the query headers: one path per query, its
 * parameters with JSON Schemas (types, enums, defaults), and response schemas built from its output variables.
 */
import { VERSION } from '../model/version.js';
import type { NamedQueryParam } from './named-queries.js';
import type { NamedQueryInfo } from './query-source.js';
import { statsOpenApiPaths } from '../stats/openapi.js';
import { LIMITED_RESPONSES, PERMALINK_SCHEMA, USAGE_HEADERS, USAGE_PATHS, USAGE_RESPONSES, USAGE_TAGS } from './openapi-usage.js';

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

/** A row of the compact JSON answer: one optional property per output variable (unbound ones are left out). */
function rowSchema(q: NamedQueryInfo): Schema {
  const properties: Record<string, Schema> = {};
  for (const v of q.variables) {
    properties[v] = { type: ['string', 'number', 'boolean'], description: `Value of ?${v}: an IRI, or a literal's plain value.` };
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
        description: `Rows of ${q.variables.map((v) => `?${v}`).join(' ')}.`,
        headers: { ETag: { $ref: '#/components/headers/ETag' } },
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
  return {
    openapi: '3.1.0',
    info: {
      title: 'OSCE knowledge graph: named-query API',
      version: VERSION,
      summary: 'Stable REST endpoints for common questions about the OSCE, answered from the knowledge graph.',
      description:
        'Each named query is a SPARQL query with typed parameters. Answers are compact JSON (an array of objects with ' +
        'plain values) by default, SPARQL results JSON with `Accept: application/sparql-results+json`, or CSV with ' +
        '`Accept: text/csv`. Responses carry an ETag; send it back in If-None-Match for a 304.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'named queries', description: 'Parameterised SPARQL queries maintained with the data.' },
      { name: 'statistics', description: 'Release counts by facet, kept current by every write.' }, ...USAGE_TAGS],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA, SparqlResults: SPARQL_RESULTS_SCHEMA, QueryList: LIST_SCHEMA, Permalink: PERMALINK_SCHEMA },
      headers: { ETag: { description: 'Entity tag of this answer (dataset version, query and parameters).', schema: { type: 'string' } }, ...USAGE_HEADERS },
      responses: {
        Error: {
          description: 'A client error: `INVALID_PARAMETER` for a bad value, `NOT_ACCEPTABLE` for an unsupported Accept.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        ...USAGE_RESPONSES,
      },
    },
  };
}
