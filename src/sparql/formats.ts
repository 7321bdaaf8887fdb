/**
 * Result and RDF serializations the service offers, in order of preference (the first is the default when the client
 * accepts anything). The store serializes query results in these media types (oxigraph supports all of them).
 */
import { notAcceptable } from '../errors.js';
import type { QueryForm } from '../store/types.js';

/** Serializations of SELECT and ASK results (SPARQL 1.1 Query Results JSON, XML, CSV/TSV). */
export const SOLUTION_FORMATS = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
] as const;

/** Serializations of CONSTRUCT and DESCRIBE results. */
export const GRAPH_FORMATS = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'] as const;

/** Every media type `KgStore.query` may be asked for. */
export const RESULT_FORMATS: readonly string[] = [...SOLUTION_FORMATS, ...GRAPH_FORMATS];

/** Media types whose text some clients ask for by a generic name; negotiation maps them to ours. */
const ALIASES: Record<string, string> = {
  json: 'application/sparql-results+json',
  srj: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  srx: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  turtle: 'text/turtle',
  ttl: 'text/turtle',
  ntriples: 'application/n-triples',
  'n-triples': 'application/n-triples',
  nt: 'application/n-triples',
  jsonld: 'application/ld+json',
  'json-ld': 'application/ld+json',
  rdfxml: 'application/rdf+xml',
  'rdf-xml': 'application/rdf+xml',
  rdf: 'application/rdf+xml',
  'rdf+xml': 'application/rdf+xml',
  // N3 is a superset of Turtle, so a Turtle document is an N3 document (SPARQLWrapper's `N3` return format)
  n3: 'text/turtle',
  'text/n3': 'text/turtle',
};

/** Offers for a query form, in preference order. */
export function offersFor(form: QueryForm): readonly string[] {
  return form === 'SELECT' || form === 'ASK' ? SOLUTION_FORMATS : GRAPH_FORMATS;
}

/**
 * Resolves the `format` request parameter (a short name such as `json`, or a media type) to an Accept value that
 * overrides the request's Accept header. Generic JSON/XML names map to the result format that fits the query form.
 */
export function formatParamToAccept(format: string, form: QueryForm): string {
  const key = format.trim().toLowerCase();
  const graph = form === 'CONSTRUCT' || form === 'DESCRIBE';
  if (graph && (key === 'json' || key === 'application/json')) return 'application/ld+json';
  if (graph && (key === 'xml' || key === 'application/xml')) return 'application/rdf+xml';
  if (!graph && key === 'application/json') return 'application/sparql-results+json';
  if (!graph && key === 'application/xml') return 'application/sparql-results+xml';
  return ALIASES[key] ?? key;
}

/**
 * The first of the requested output formats (`format`/`output`/`results` values, in order) that names a serialization
 * of this query form, as an Accept value; when none does, the first one as given (negotiation then answers 406 naming
 * the offers; a value that is no format at all is that 406 here), and undefined when there is none or only empty
 * ones (the Accept header decides).
 */
export function pickFormatParam(formats: readonly string[], form: QueryForm): string | undefined {
  // an empty value states no preference (SPARQLWrapper sends one where its Accept would be */*)
  const given = formats.filter((f) => f.trim() !== '');
  if (given.length === 0) return undefined;
  const { offers } = negotiableOffers(form);
  const accepts = given.map((f) => formatParamToAccept(f, form));
  const picked = accepts.find((a) => offers.includes(a)) ?? (accepts[0] as string);
  // neither one of our names nor a media type (`format=foo`): as an Accept value it would parse to nothing, which
  // negotiation reads as "anything", and the client would get the default format it did not ask for
  if (!picked.includes('/')) throw notAcceptable(offers);
  return picked;
}

/** The Content-Type header for a serialization: text formats carry charset=utf-8. */
export function contentTypeOf(mediaType: string): string {
  return `${mediaType}; charset=utf-8`;
}

/** Generic types some clients send instead of the SPARQL-specific ones (offered last, mapped to ours). */
const GENERIC_SOLUTION: Record<string, string> = {
  'application/json': 'application/sparql-results+json',
  'application/xml': 'application/sparql-results+xml',
  'text/xml': 'application/sparql-results+xml',
};
const GENERIC_GRAPH: Record<string, string> = {
  'application/json': 'application/ld+json',
  'application/xml': 'application/rdf+xml',
  'text/plain': 'application/n-triples',
  'application/x-turtle': 'text/turtle',
  'application/turtle': 'text/turtle',
  'text/n3': 'text/turtle',
};

/** Everything a client may ask for, for a form: the canonical offers, then generic types that map to them. */
export function negotiableOffers(form: QueryForm): NegotiableOffers {
  let found = NEGOTIABLE.get(form);
  if (!found) {
    const generic = form === 'SELECT' || form === 'ASK' ? GENERIC_SOLUTION : GENERIC_GRAPH;
    found = { offers: [...offersFor(form), ...Object.keys(generic)], canonical: (picked) => generic[picked] ?? picked };
    NEGOTIABLE.set(form, found);
  }
  return found;
}

interface NegotiableOffers {
  readonly offers: readonly string[];
  canonical: (picked: string) => string;
}

/** One list per form, built once: negotiation remembers its answers per list (negotiate.ts). */
const NEGOTIABLE = new Map<QueryForm, NegotiableOffers>();
