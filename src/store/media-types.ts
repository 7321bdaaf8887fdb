/**
 * The result media types every KgStore serializes, with the aliases clients send (`application/json`,
 * `text/plain`), mapped to the canonical type. One table for the embedded and the remote store, so both accept the
 * same `format` values.
 */
export const SOLUTION_MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'application/sparql-results+json': 'application/sparql-results+json',
  'application/json': 'application/sparql-results+json',
  'application/sparql-results+xml': 'application/sparql-results+xml',
  'application/xml': 'application/sparql-results+xml',
  'text/csv': 'text/csv',
  'text/tab-separated-values': 'text/tab-separated-values',
});

export const GRAPH_MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'text/turtle': 'text/turtle',
  'application/n-triples': 'application/n-triples',
  'application/n-quads': 'application/n-quads',
  'application/rdf+xml': 'application/rdf+xml',
  'application/ld+json': 'application/ld+json',
  'text/plain': 'application/n-triples',
});
