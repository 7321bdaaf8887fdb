/**
 * The SHACL gate's 422 in the representation asked for: the JSON error body by default, or, for `Accept: text/turtle`,
 * `application/ld+json` or `application/n-triples`, the sh:ValidationReport itself (what SHACL tools read).
 */
import { isAppError } from '../errors.js';
import { pickMediaType } from '../http/negotiate.js';
import { NS } from '../model/ns.js';
import { contentTypeOf } from '../sparql/formats.js';
import { serializeQuads } from '../sparql/rdf-serialize.js';
import type { Report } from './report.js';
import { reportQuads } from './report-rdf.js';

/** JSON first: `*\/*` and clients that name nothing keep the error body every other error has. */
const OFFERS = ['application/json', 'text/turtle', 'application/ld+json', 'application/n-triples'] as const;

function isReport(detail: unknown): detail is Report {
  return typeof detail === 'object' && detail !== null && Array.isArray((detail as Report).results);
}

/** The report as RDF when `error` is a gate rejection and `accept` prefers an RDF type; otherwise undefined. */
export async function reportAnswer(error: unknown, accept: string | undefined): Promise<Response | undefined> {
  if (!isAppError(error) || error.code !== 'SHACL_VIOLATION' || !isReport(error.detail)) return undefined;
  const type = pickMediaType(accept, OFFERS);
  if (type === undefined || type === 'application/json') return undefined;
  const body = await serializeQuads(reportQuads(error.detail), type, { sh: NS.sh, xsd: NS.xsd, rdf: NS.rdf, shp: 'https://w3id.org/osce-kg/shapes#' });
  return new Response(body, { status: 422, headers: { 'Content-Type': contentTypeOf(type), Vary: 'Accept' } });
}
