/**
 * SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) request decoding: which operation a request carries
 * and its RDF dataset, from GET parameters, an URL-encoded form, or a direct body.
 */
import { badRequest, unsupportedMediaType } from '../errors.js';
import { mediaTypeOf, readTextLimited } from '../http/body.js';
import type { DatasetSpec } from '../store/types.js';

export type SparqlRequest =
  | { kind: 'query'; query: string; dataset: DatasetSpec | undefined; formats: string[] }
  | { kind: 'update'; update: string; dataset: DatasetSpec | undefined }
  | { kind: 'none' };

export const SPARQL_POST_TYPES = ['application/x-www-form-urlencoded', 'application/sparql-query', 'application/sparql-update'] as const;

const FORMAT_PARAMETERS = ['format', 'output', 'results'] as const;

/** The repeated parameters of one request, from the query string and (for forms) the body. */
class Params {
  constructor(private readonly lists: URLSearchParams[]) {}
  all(name: string): string[] {
    return this.lists.flatMap((l) => l.getAll(name));
  }
  /** The single value of `name`; a repeated operation parameter is a client error (Protocol §2.1.1). */
  one(name: string): string | undefined {
    const values = this.all(name);
    if (values.length > 1) throw badRequest('DUPLICATE_PARAMETER', `The parameter "${name}" must be given at most once.`);
    return values[0];
  }
  /**
   * Every non-empty output-format value, `format` first, then `output` and `results`. These are not operation
   * parameters, and SPARQLWrapper (the most used Python client) sends all three, each twice: a short name and the media
   * type (`format=tsv&format=text/tab-separated-values&output=tsv&…`), the second empty where its Accept would be
   * `*\/*`. The service picks the first it knows (formats.ts).
   */
  formats(): string[] {
    return FORMAT_PARAMETERS.flatMap((name) => this.all(name)).map((v) => v.trim()).filter((v) => v !== '');
  }
  dataset(defaultName: string, namedName: string): DatasetSpec | undefined {
    const defaultGraphs = this.all(defaultName);
    const namedGraphs = this.all(namedName);
    if (defaultGraphs.length === 0 && namedGraphs.length === 0) return undefined;
    for (const iri of [...defaultGraphs, ...namedGraphs]) assertIri(iri);
    return { defaultGraphs, namedGraphs };
  }
}

/** An absolute IRI without characters that IRIREF forbids (RFC 3987 / SPARQL grammar [139]). */
export function assertIri(iri: string): void {
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri)) {
    throw badRequest('INVALID_IRI', `"${iri}" is not an absolute IRI.`, { iri });
  }
}

function query(params: Params, text: string | undefined): SparqlRequest {
  if (text === undefined) return { kind: 'none' };
  return { kind: 'query', query: text, dataset: params.dataset('default-graph-uri', 'named-graph-uri'), formats: params.formats() };
}

function update(params: Params, text: string): SparqlRequest {
  return { kind: 'update', update: text, dataset: params.dataset('using-graph-uri', 'using-named-graph-uri') };
}

/** What decoding needs of a request, from a web Request or from the node request the front already read. */
export interface SparqlRequestParts {
  method: string;
  url: URL;
  contentType: string | undefined;
  /** The body as text (read under the size cap). */
  text: () => Promise<string>;
}

/** Decodes a GET or POST to the SPARQL endpoint (bodies capped at `maxBytes`: 413 past it). */
export function decodeSparqlRequest(request: Request, maxBytes: number, raw?: Buffer): Promise<SparqlRequest> {
  return decodeSparqlParts({
    method: request.method, url: new URL(request.url), contentType: request.headers.get('content-type') ?? undefined,
    text: () => readTextLimited(request, maxBytes, raw),
  });
}

export async function decodeSparqlParts(request: SparqlRequestParts): Promise<SparqlRequest> {
  const { url } = request;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const params = new Params([url.searchParams]);
    if (params.all('update').length > 0) throw badRequest('UPDATE_BY_GET', 'Updates must be sent by POST (SPARQL 1.1 Protocol §2.2).');
    return query(params, params.one('query'));
  }
  const type = mediaTypeOf(request.contentType);
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(await request.text());
    const params = new Params([url.searchParams, form]);
    const q = params.one('query');
    const u = params.one('update');
    if (q !== undefined && u !== undefined) throw badRequest('QUERY_AND_UPDATE', 'Send either `query` or `update`, not both.');
    if (u !== undefined) return update(params, u);
    if (q === undefined) throw badRequest('MISSING_OPERATION', 'The form has neither a `query` nor an `update` parameter.');
    return query(params, q);
  }
  const params = new Params([url.searchParams]);
  if (type === 'application/sparql-query' || type === 'application/sparql-update') {
    if (params.all('query').length > 0 || params.all('update').length > 0) {
      throw badRequest('QUERY_AND_BODY', 'With a direct POST body, `query`/`update` must not also be URL parameters.');
    }
    const text = await request.text();
    return type === 'application/sparql-query' ? query(params, text) : update(params, text);
  }
  throw unsupportedMediaType(type, SPARQL_POST_TYPES);
}
