/**
 * Serializes small in-memory graphs (service description, reports) in the RDF media types the service offers for
 * them. Large results are serialized by the store.
 */
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import { jsonldLib } from '../linked-data/jsonld-context.js';

/** Media types {@link serializeQuads} writes, in order of preference. */
export const SMALL_GRAPH_FORMATS = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/n-quads'] as const;

function write(quads: Quad[], format: string, prefixes: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format, prefixes: format === 'text/turtle' ? prefixes : {} });
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

export async function serializeQuads(quads: Quad[], mediaType: string, prefixes: Record<string, string> = {}): Promise<string> {
  if (mediaType === 'application/ld+json') {
    const nquads = await write(quads, 'application/n-quads', {});
    const doc = await (await jsonldLib()).fromRDF(nquads, { format: 'application/n-quads' });
    return JSON.stringify(doc, null, 2);
  }
  if (mediaType === 'application/n-triples') return write(quads, 'N-Triples', {});
  if (mediaType === 'application/n-quads') return write(quads, 'N-Quads', {});
  return write(quads, 'text/turtle', prefixes);
}
