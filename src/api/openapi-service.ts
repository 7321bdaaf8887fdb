/**
 * The OpenAPI description of the service's routes beside the named queries: the SPARQL endpoint, the graph store,
 * search, the change feed, linked-data documents, descriptions and dumps, writes and operations. A test checks that
 * every route of the router is here (test/http/openapi-routes.test.ts).
 */
type Schema = Record<string, unknown>;

const ERROR = { $ref: '#/components/responses/Error' };
const text = (description: string, ...types: string[]): Schema => ({ description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' } }])) });
const json = (description: string, schema: Schema = { type: 'object' }): Schema => ({ description, content: { 'application/json': { schema } } });
const query = (name: string, description: string, schema: Schema = { type: 'string' }, required = false): Schema => ({ name, in: 'query', required, description, schema });
const pathParam = (name: string, description: string): Schema => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), ERROR]));
const BEARER = [{ bearer: [] }];

/** The RDF formats documents, graphs, VoID and the catalog are negotiated among. */
const RDF = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];
const RESULT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', ...RDF];
const UPLOAD_TYPES = ['text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig', 'application/ld+json', 'application/rdf+xml', 'multipart/form-data'];

const get = (tag: string, operationId: string, summary: string, description: string, responses: Schema, parameters: Schema[] = []): Schema => ({
  get: { operationId, summary, description, tags: [tag], ...(parameters.length > 0 ? { parameters } : {}), responses },
});

const sparqlParams = [
  query('query', 'A SPARQL 1.1 query. Without it, the service description (RDF), or for a browser a 303 to /query.'),
  query('default-graph-uri', 'The default graph of the query (repeatable).', { type: 'array', items: { type: 'string', format: 'iri' } }),
  query('named-graph-uri', 'A named graph of the query (repeatable).', { type: 'array', items: { type: 'string', format: 'iri' } }),
  query('format', 'Result format by name (json, xml, csv, tsv, turtle, n3, json-ld, rdf+xml, …), instead of Accept. Repeated values (as SPARQLWrapper sends them, also as `output` and `results`): the first that names a format of the query form wins.'),
];

const SPARQL: Schema = {
  '/sparql': {
    get: {
      operationId: 'sparqlQuery',
      summary: 'SPARQL 1.1 query',
      description: 'SPARQL 1.1 Protocol query by GET. Results by Accept or `format`: SPARQL JSON/XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE. Timed out queries are stopped: 503 QUERY_TIMEOUT.',
      tags: ['SPARQL'],
      parameters: sparqlParams,
      responses: { '200': text('Query results, or the service description.', ...RESULT_TYPES), '303': { description: 'A browser without a query: the query editor.' }, '304': { description: 'Not modified.' }, ...errors(400, 403, 406, 413, 429, 503) },
    },
    post: {
      operationId: 'sparqlPost',
      summary: 'SPARQL 1.1 query or update',
      description: 'A query or an update in the body (`application/sparql-query`, `application/sparql-update`) or in a form (`query=` or `update=`, with `default-graph-uri`, `named-graph-uri`, `using-graph-uri`, `using-named-graph-uri`). Updates need the bearer token and pass the SHACL gate (422 with the report).',
      tags: ['SPARQL'],
      requestBody: { required: true, content: Object.fromEntries(['application/sparql-query', 'application/sparql-update', 'application/x-www-form-urlencoded'].map((t) => [t, { schema: { type: 'string' } }])) },
      responses: { '200': text('Query results.', ...RESULT_TYPES), '204': { description: 'The update is durable.' }, ...errors(400, 401, 403, 406, 413, 415, 422, 429, 503, 507) },
    },
  },
};

function graphStoreItem(direct: boolean): Schema {
  const params = direct
    ? [pathParam('path', 'The rest of the graph\'s IRI under {base}graph-store/ (may contain slashes): the request URL names the graph.')]
    : [query('default', 'The default graph (no value).', { type: 'string', allowEmptyValue: true }), query('graph', 'The IRI of a named graph.', { type: 'string', format: 'iri' })];
  const which = direct ? 'the graph the URL names' : '`?default`, `?graph=IRI`, or without either the whole dataset (GET: N-Quads or TriG)';
  const op = (method: string, summary: string, responses: Schema, write: boolean): Schema => ({
    operationId: `graphStore${method}${direct ? 'Direct' : ''}`,
    summary,
    description: `SPARQL 1.1 Graph Store HTTP Protocol, ${which}.${write ? ' Needs the bearer token; the SHACL gate checks the result.' : ''}`,
    tags: ['SPARQL'],
    parameters: params,
    ...(write ? { security: BEARER } : {}),
    ...(write && method !== 'Delete' ? { requestBody: { required: true, content: Object.fromEntries(UPLOAD_TYPES.map((t) => [t, { schema: { type: 'string' } }])) } } : {}),
    responses,
  });
  return {
    get: op('Get', 'Read a graph (or the dataset)', { '200': text('The graph: Turtle, N-Triples or JSON-LD; the dataset: N-Quads or TriG.', 'text/turtle', 'application/n-triples', 'application/ld+json', 'application/n-quads', 'application/trig'), ...errors(400, 404, 406) }, false),
    head: op('Head', 'Headers of a graph read', { '200': { description: 'As GET, without a body.' }, ...errors(400, 404) }, false),
    put: op('Put', 'Replace a graph', { '201': { description: 'Created.' }, '204': { description: 'Replaced.' }, ...errors(400, 401, 403, 413, 415, 422, 507) }, true),
    post: op('Post', 'Add to a graph (or create one)', { '201': { description: 'Created; a POST to the store itself answers the new graph in Location.' }, '204': { description: 'Merged.' }, ...errors(400, 401, 403, 413, 415, 422, 507) }, true),
    delete: op('Delete', 'Delete a graph', { '204': { description: 'Deleted.' }, ...errors(400, 401, 403, 404, 507) }, true),
  };
}

const SEARCH: Schema = {
  '/search': {
    ...get('search', 'search', 'Full-text search', 'Search over release headlines and bodies and the labels of every entity in every language (BM25, prefix and fuzzy). HTML for a browser; JSON with `Accept: application/json` or `format=json`: `total`, `kinds` and `hits`.', {
      '200': { description: 'The hits.', content: { 'application/json': { schema: { type: 'object', required: ['total', 'hits'], properties: { total: { type: 'integer' }, kinds: { type: 'object' }, hits: { type: 'array', items: { type: 'object' } } } } }, 'text/html': { schema: { type: 'string' } } } },
      ...errors(400, 406),
    }, [
      query('q', 'The words to find (at most 500 characters).', { type: 'string', maxLength: 500 }),
      query('kind', 'Only entities of this kind (release, country, place, …, or other); any other value is a 400.'),
      query('limit', 'Hits per page (1 to 100).', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
      query('offset', 'Hits to skip.', { type: 'integer', minimum: 0, default: 0 }),
      query('format', '`json` or `html`, instead of Accept.', { type: 'string', enum: ['json', 'html'] }),
    ]),
    post: { operationId: 'searchForm', summary: 'The site\'s search form', description: 'A form with `q`: 303 to the GET.', tags: ['search'], requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } }, responses: { '303': { description: 'To /search?q=….' }, ...errors(413) } },
  },
};

const AS = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';
const CHANGES: Schema = {
  '/changes': get('changes', 'changeFeed', 'Change feed', 'Activity Streams 2.0 OrderedCollection (IIIF Change Discovery style), oldest first: Create, Update and Delete of entity documents, and Update of the dataset. `ETag` and If-None-Match.', { '200': text('The collection, with its first and last pages.', AS), '304': { description: 'Not modified.' } }),
  '/changes/page/{n}': get('changes', 'changeFeedPage', 'A page of the change feed', 'One OrderedCollectionPage, with prev and next.', { '200': text('The page.', AS), '304': { description: 'Not modified.' }, ...errors(400, 404) }, [pathParam('n', 'Page number from 0.')]),
};

const doc = (id: string, summary: string, description: string, types: string[], parameters: Schema[] = [], extra: Schema = {}) =>
  get('linked data', id, summary, description, { '200': text(summary, ...types), '304': { description: 'Not modified.' }, ...errors(404, 406), ...extra }, parameters);
const KIND = pathParam('kind', 'Entity kind: country, structure, field-operation, release, person, place, …');
const KEY = pathParam('key', 'Entity key; a document may end in .html, .ttl, .nt, .jsonld, .rdf or .schema.jsonld.');
const ONTOLOGY_TYPES = ['text/html', ...RDF];

const LINKED_DATA: Schema = {
  '/id/{kind}/{key}': get('linked data', 'entity', 'Entity IRI', 'An entity\'s IRI: 303 See Other to its document (301 first for a former release IRI).', { '301': { description: 'A former IRI: to the current one.' }, '303': { description: 'To /doc/{kind}/{key}.' } }, [KIND, pathParam('key', 'Entity key.')]),
  '/doc/{kind}/{key}': doc('document', 'Entity document', 'An entity\'s description, negotiated (HTML first; rdflib\'s text/plain and text/n3 too), incoming links paginated with `?page=`.', ['text/html', ...RDF], [KIND, KEY, query('page', 'Page of incoming links.', { type: 'integer', minimum: 0 })]),
  '/graph/{path}': doc('namedGraph', 'Named graph', 'A named graph the data uses (release/{key}, entity/{kind}/{key}, reference, ontology, aliases; the path may contain slashes): its triples, negotiated.', ['text/html', ...RDF], [pathParam('path', 'The graph\'s IRI under {base}graph/.')]),
  '/ontology': doc('ontology', 'Ontology', 'The ontology (https://w3id.org/osce-kg/ontology), negotiated: an HTML page with every term, Turtle, JSON-LD, N-Triples, RDF/XML.', ONTOLOGY_TYPES),
  ...Object.fromEntries(['html', 'ttl', 'jsonld', 'nt', 'rdf'].map((ext) => [`/ontology.${ext}`, doc(`ontology${ext[0]!.toUpperCase()}${ext.slice(1)}`, `Ontology (.${ext})`, `The ontology in one format, without negotiation.`, ONTOLOGY_TYPES)])),
  '/ontology/{version}': doc('ontologyVersion', 'Ontology version', 'The version IRI (owl:versionIRI) of the version served; another version is 404.', ONTOLOGY_TYPES, [pathParam('version', 'A version, e.g. 0.1.0, optionally with a format extension.')]),
  '/context/v1.jsonld': doc('context', 'JSON-LD context', 'The published JSON-LD @context of the documents.', ['application/ld+json']),
  '/.well-known/void': doc('void', 'VoID description', 'The dataset\'s statistics, vocabularies and access points; an HTML page for a browser.', [...RDF, 'text/html']),
  '/catalog': doc('catalog', 'DCAT-AP catalog', 'DCAT-AP 3.0.1 (or `?profile=2.1.1`) catalog: dataset, distributions, SPARQL data service; an HTML page for a browser.', [...RDF, 'text/html'], [query('profile', 'DCAT-AP release.', { type: 'string', enum: ['3.0.1', '2.1.1'], default: '3.0.1' })], errors(400)),
  '/sitemap.xml': doc('sitemap', 'Sitemap', 'The sitemap (an index of sitemap files above 50,000 URLs).', ['application/xml']),
  '/sitemap/{file}': doc('sitemapFile', 'Sitemap file', 'One file of a sitemap index.', ['application/xml'], [pathParam('file', 'N.xml')]),
  '/dumps': get('dumps', 'dumpsRedirect', 'Dumps', 'Moved to /dumps/.', { '301': { description: 'To /dumps/.' } }),
  '/dumps/': get('dumps', 'dumps', 'Dump listing', 'The gzipped dumps with sizes and sha256 checksums (the latest under fixed names, and the dated snapshots): HTML, or JSON (`dumps`, `snapshots`, `retention`).', { '200': { description: 'The dumps.', content: { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } }, '304': { description: 'Not modified.' } }),
  '/dumps/{date}/{name}': get('dumps', 'dumpSnapshot', 'A dated snapshot', 'The whole graph as N-Quads as it was on a day (UTC), gzipped, immutable (`Cache-Control: immutable`), or its `SHA256SUMS`. Kept for the 7 newest days and the first of each of the 12 newest months.', { '200': { description: 'The file, or its checksum.', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } }, 'text/plain': { schema: { type: 'string' } } } }, '206': { description: 'A byte range.' }, '304': { description: 'Not modified.' }, ...errors(404) }, [pathParam('date', 'YYYY-MM-DD'), pathParam('name', 'osce-kg.nq.gz or SHA256SUMS')]),
  '/dumps/{name}': get('dumps', 'dump', 'One dump', 'A gzipped dump (application/gzip, no Content-Encoding), with ETag, Last-Modified and single byte ranges.', { '200': { description: 'The file.', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } }, '206': { description: 'A byte range.' }, '304': { description: 'Not modified.' }, '416': { description: 'Range not satisfiable.' }, ...errors(404) }, [pathParam('name', 'e.g. osce-kg.nq.gz')]),
};

const page = (id: string, summary: string, description: string, parameters: Schema[] = []) => get('pages', id, summary, description, { '200': text('The page.', 'text/html') }, parameters);
const PAGES: Schema = {
  '/': page('home', 'Home page', 'What the dataset is, with links to everything.'),
  '/browse': page('browse', 'Browse', 'A page per class, with counts.'),
  '/browse/{kind}': page('browseKind', 'Browse one kind', 'The entities of one kind.', [pathParam('kind', 'Entity kind.')]),
  '/stats': page('statsPage', 'Release charts', 'Charts of releases per year under a filter form, and small multiples per field of work, State and structure; the filters are those of /api/stats (state, field, publisher, genre, speaker, language, from, to).', ['state', 'field', 'publisher', 'genre', 'speaker', 'language', 'from', 'to'].map((n) => query(n, `Filter: as in /api/stats.`))),
  '/query': page('queryEditor', 'Query editor', 'The SPARQL query editor (YASGUI, served locally) with the named queries as examples.'),
  '/api': page('apiReference', 'API reference', 'This document as a page.'),
  '/openapi.json': get('pages', 'openApi', 'OpenAPI document', 'This document.', { '200': json('OpenAPI 3.1.') }),
  '/assets/{dir}/{path}': get('pages', 'asset', 'Static asset', 'Scripts, styles and fonts of the pages (site, yasgui, query), with immutable caching.', { '200': { description: 'The file.' }, ...errors(404) }, [pathParam('dir', 'site, yasgui or query'), pathParam('path', 'File name.')]),
  '/favicon.ico': get('pages', 'favicon', 'Site icon', 'A 32×32 icon.', { '200': { description: 'The icon.', content: { 'image/x-icon': { schema: { type: 'string', format: 'binary' } } } } }),
  '/og-image.png': get('pages', 'shareImage', 'Link-preview image', 'The 1200×630 default image of every page (og:image, twitter:image) and of the releases\' NewsArticle JSON-LD, drawn in code.', { '200': { description: 'The image.', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } }),
  '/logo.png': get('pages', 'logo', 'Site logo', 'The 512×512 logo of the site, drawn in code.', { '200': { description: 'The logo.', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } }),
};

const WRITES: Schema = {
  '/ingest': {
    post: {
      operationId: 'ingest', summary: 'Ingest a press-release page', tags: ['writes'], security: BEARER,
      description: 'A page as text/plain or text/html, its address as `?source=` or Content-Location: 201 for a new release, 200 for the same page again, 409 RELEASE_CONFLICT, 422 when the page is not a release.',
      parameters: [query('source', 'The page\'s address.', { type: 'string', format: 'uri' }), query('replace', 'Replace a conflicting release.', { type: 'boolean' })],
      requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } } },
      responses: { '200': json('Replaced in place.'), '201': json('Created.'), ...errors(400, 401, 403, 409, 413, 415, 422, 507) },
    },
  },
  '/harvest': {
    post: {
      operationId: 'harvest', summary: 'Start a harvest job', tags: ['writes'], security: BEARER,
      description: 'JSON: urls, include, exclude, since, delayMs, maxPages, dryRun, contact. 202 with the job and its Location; 409 while one runs.',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['urls'], properties: { urls: { type: 'array', items: { type: 'string', format: 'uri' } } } } } } },
      responses: { '202': json('The job.'), ...errors(400, 401, 403, 409, 415) },
    },
  },
  '/harvest/jobs': get('writes', 'harvestJobs', 'Harvest jobs', 'The last 20 harvest jobs.', { '200': json('The jobs.', { type: 'array', items: { type: 'object' } }) }),
  '/harvest/jobs/{id}': {
    ...get('writes', 'harvestJob', 'One harvest job', 'Status, counts, what was rejected, failed or skipped.', { '200': json('The job.'), ...errors(404) }, [pathParam('id', 'Job id.')]),
    delete: { operationId: 'harvestStop', summary: 'Stop a harvest job', description: 'Needs the bearer token.', tags: ['writes'], security: BEARER, parameters: [pathParam('id', 'Job id.')], responses: { '202': json('The job, being stopped.'), ...errors(401, 403, 404) } },
  },
  '/harvest/report': get('writes', 'harvestReport', 'Harvest report', 'What harvests rejected, failed or skipped: JSON, or HTML for a browser.', { '200': { description: 'The report.', content: { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } } }),
};

const OPS: Schema = {
  '/health': get('operations', 'health', 'Health', 'Liveness and readiness, whether the disk takes writes, how busy the query workers and the writer are (saturation), and how the release statistics were made at start (statistics: restored from their checkpoint or rebuilt).', { '200': json('ok, or read-only.'), '503': json('Not ready.') }),
  '/metrics': get('operations', 'metrics', 'Metrics', 'Prometheus metrics.', { '200': text('Prometheus text format.', 'text/plain') }),
};

/** Every path of the service other than the named queries. */
export const SERVICE_PATHS: Schema = {
  ...SPARQL,
  '/graph-store': graphStoreItem(false),
  '/graph-store/{path}': graphStoreItem(true),
  ...SEARCH,
  ...CHANGES,
  ...LINKED_DATA,
  ...PAGES,
  ...WRITES,
  ...OPS,
};

export const SERVICE_TAGS = [
  { name: 'SPARQL', description: 'The SPARQL 1.1 endpoint and graph store.' },
  { name: 'search', description: 'Full-text search.' },
  { name: 'changes', description: 'The change feed.' },
  { name: 'linked data', description: 'Dereferenceable IRIs, documents, descriptions and dumps.' },
  { name: 'pages', description: 'HTML pages and their assets.' },
  { name: 'writes', description: 'Ingestion and harvesting (bearer token).' },
  { name: 'operations', description: 'Health and metrics.' },
];

export const SECURITY_SCHEMES = { bearer: { type: 'http', scheme: 'bearer', description: 'The token set in OSCE_KG_TOKEN; writes only.' } };

/**
 * The OpenAPI path of a router path: `:name` and `:name{regex}` become `{name}`, a trailing or inner `*` `{path}`.
 * (OpenAPI path parameters cannot hold `/`; where a route takes a wildcard, the parameter's description says so.)
 */
export function openApiPath(routerPath: string): string {
  let out = '';
  for (let i = 0; i < routerPath.length; i++) {
    const ch = routerPath[i]!;
    if (ch === '*') out += '{path}';
    else if (ch === ':') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(routerPath.slice(i + 1))![0];
      out += `{${name}}`;
      i += name.length;
      if (routerPath[i + 1] === '{') {
        let depth = 0;
        do {
          i++;
          if (routerPath[i] === '{') depth++;
          else if (routerPath[i] === '}') depth--;
        } while (depth > 0 && i < routerPath.length);
      }
    } else out += ch;
  }
  return out;
}
