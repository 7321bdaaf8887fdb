/**
 * The requests of Python's SPARQL clients, rebuilt from their source so the tests send exactly what they send.
 *
 * SPARQLWrapper 2.0.0 (SPARQLWrapper/Wrapper.py, `_getRequestEncodedParameters` and `_getAcceptHeader`): unless
 * `onlyConneg`, each of `format`, `output` and `results` gets the return format's short name and, for TSV, JSON-LD and
 * RDF/XML, a second value: its Accept header, or "" when that header contains `*\/*`. Pairs are encoded with
 * `urllib.parse.quote_plus(value, safe="/")`.
 */

/** Python's `urllib.parse.quote_plus(text, safe)`: unreserved characters and `safe` kept, space as `+`, UTF-8 %XX. */
export function quotePlus(text: string, safe = ''): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(ch) || safe.includes(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** SPARQLWrapper's return formats (the constants of Wrapper.py). */
export type WrapperFormat = 'json' | 'json-ld' | 'xml' | 'turtle' | 'n3' | 'rdf' | 'rdf+xml' | 'csv' | 'tsv';

/** `_getAcceptHeader` for SELECT/ASK and for CONSTRUCT/DESCRIBE (Wrapper.py's `_SPARQL_JSON`, `_RDF_N3`, …). */
export function wrapperAccept(graph: boolean, format: WrapperFormat): string {
  const solution: Partial<Record<WrapperFormat, string[]>> = {
    xml: ['application/sparql-results+xml'],
    json: ['application/sparql-results+json', 'application/json', 'text/javascript', 'application/javascript'],
    csv: ['text/csv'],
    tsv: ['text/tab-separated-values'],
  };
  const turtle = ['application/turtle', 'text/turtle'];
  const rdf: Partial<Record<WrapperFormat, string[]>> = {
    turtle,
    n3: [...turtle, 'text/rdf+n3', 'application/n-triples', 'application/n3', 'text/n3'],
    xml: ['application/rdf+xml'],
    'rdf+xml': ['application/rdf+xml'],
    'json-ld': ['application/ld+json', 'application/x-json+ld'],
  };
  return ((graph ? rdf : solution)[format] ?? ['*/*']).join(',');
}

/** The query string (GET) or form body (POST) SPARQLWrapper sends for `query` in `format`. */
export function wrapperParams(query: string, graph: boolean, format: WrapperFormat): string {
  const pairs: [string, string][] = [['query', query]];
  for (const name of ['format', 'output', 'results']) {
    pairs.push([name, format]);
    if (format === 'tsv' || format === 'json-ld' || format === 'rdf+xml') {
      const accept = wrapperAccept(graph, format);
      pairs.push([name, accept.includes('*/*') ? '' : accept]);
    }
  }
  return pairs.map(([k, v]) => `${quotePlus(k, '/')}=${quotePlus(v, '/')}`).join('&');
}

/** Python's `urllib.parse.urlencode` (rdflib's SPARQLConnector builds its GET URL with it). */
export const urlencode = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
