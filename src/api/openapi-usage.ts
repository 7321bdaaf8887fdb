/**
 * The OpenAPI parts of the usage policy and the query permalinks: the 429/503 answers of the limited routes with their
 * headers (docs/decisions/0016-usage-limits.md), `/policy`, `POST /q` and `GET /q/{id}`.
 */
type Schema = Record<string, unknown>;

const error = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

export const USAGE_HEADERS: Record<string, Schema> = {
  RetryAfter: { description: 'Seconds to wait before the next query (RFC 9110 §10.2.3).', schema: { type: 'integer', minimum: 1 } },
  RateLimitPolicy: {
    description: 'The limits of anonymous clients (draft-ietf-httpapi-ratelimit-headers), e.g. `"query-time";q=60;w=60;qu="query-seconds", "concurrency";q=4;qu="concurrent-requests"`.',
    schema: { type: 'string' },
  },
  RateLimit: { description: 'This client\'s state: `"query-time";r=<seconds of query time left>;t=<seconds until the budget is full>`.', schema: { type: 'string' } },
  QueryId: { description: 'The ID of this request in the access log; quote it when reporting a problem.', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{12}$' } },
};

const limitedHeaders = {
  'Retry-After': { $ref: '#/components/headers/RetryAfter' },
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimitPolicy' },
};

export const USAGE_RESPONSES: Record<string, Schema> = {
  TooManyQueries: {
    description: 'An anonymous client over a limit (see /policy): `QUERY_TIME_EXCEEDED` (its query-time budget is used up) or `TOO_MANY_QUERIES` (it has as many queries queued or running as it may).',
    headers: limitedHeaders,
    content: error,
  },
  AnonymousBusy: {
    description: '`ANONYMOUS_QUERIES_BUSY`: all anonymous clients together have as many queries queued or running as the service takes.',
    headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    content: error,
  },
};

/** The responses every limited operation adds. */
export const LIMITED_RESPONSES: Record<string, Schema> = {
  '429': { $ref: '#/components/responses/TooManyQueries' },
  '503': { $ref: '#/components/responses/AnonymousBusy' },
};

const LINK_ID = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{10,43}$' } };

export const USAGE_PATHS: Record<string, Schema> = {
  '/q': {
    post: {
      operationId: 'makeQueryPermalink',
      summary: 'Make a permalink to a query',
      description: 'Stores the query text (at most 64 KiB) under the hash of its bytes: the same text always gets the same short link. The text must parse as a SPARQL query.',
      tags: ['query permalinks'],
      requestBody: {
        required: true,
        content: {
          'application/sparql-query': { schema: { type: 'string' } },
          'text/plain': { schema: { type: 'string' } },
          'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['query'], properties: { query: { type: 'string' } } } },
        },
      },
      responses: {
        '201': { description: 'A new permalink.', headers: { Location: { description: 'The permalink.', schema: { type: 'string', format: 'uri' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Permalink' } } } },
        '200': { description: 'The query already had this permalink.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Permalink' } } } },
        '400': { $ref: '#/components/responses/Error' },
        '413': { $ref: '#/components/responses/Error' },
        '415': { $ref: '#/components/responses/Error' },
        '507': { description: '`LINK_STORE_FULL` or `STORAGE_FULL`: no room for another permalink.', content: error },
      },
    },
  },
  '/q/{id}': {
    get: {
      operationId: 'openQueryPermalink',
      summary: 'Open a query permalink',
      description: 'For a browser (`Accept: text/html`) the query editor with the query, which it runs; otherwise the query text.',
      tags: ['query permalinks'],
      parameters: [LINK_ID],
      responses: {
        '200': {
          description: 'The query, or the editor opening it.',
          content: { 'application/sparql-query': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
        },
        '404': { $ref: '#/components/responses/Error' },
      },
    },
  },
  '/policy': {
    get: {
      operationId: 'usagePolicy',
      summary: 'The usage policy',
      description: 'The limits of anonymous queries this server enforces, the User-Agent etiquette and what is logged (HTML).',
      tags: ['usage'],
      responses: { '200': { description: 'The policy page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
};

export const PERMALINK_SCHEMA: Schema = {
  type: 'object',
  required: ['id', 'url'],
  properties: { id: { type: 'string' }, url: { type: 'string', format: 'uri' } },
};

export const USAGE_TAGS = [
  { name: 'query permalinks', description: 'Short, stable links to queries, made from the query editor.' },
  { name: 'usage', description: 'The usage policy and its limits.' },
];
