/**
 * Streaming parse of RDF uploads (Graph Store Protocol bodies): Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD.
 * The body is parsed as it arrives under a byte cap (413), and every triple is placed in the target graph.
 */
import type { Quad } from '@rdfjs/types';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { DataFactory, StreamParser } from 'n3';
import { Readable, type Transform } from 'node:stream';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { AppError, syntaxError, unsupportedMediaType } from '../errors.js';
import { limitedChunks } from '../http/body.js';
import type { GraphName } from '../store/types.js';

const N3_FORMATS: Record<string, string> = {
  'text/turtle': 'text/turtle',
  'application/x-turtle': 'text/turtle',
  'application/n-triples': 'application/n-triples',
  'text/plain': 'application/n-triples',
  'application/n-quads': 'application/n-quads',
  'application/trig': 'application/trig',
};

/** Media types accepted for uploads. */
export const UPLOAD_TYPES = [...Object.keys(N3_FORMATS), 'application/rdf+xml', 'application/ld+json', 'application/json'];

function parserFor(mediaType: string, baseIRI: string): Transform {
  const n3 = N3_FORMATS[mediaType];
  if (n3) return new StreamParser({ format: n3, baseIRI }) as unknown as Transform;
  if (mediaType === 'application/rdf+xml') return new RdfXmlParser({ baseIRI }) as unknown as Transform;
  if (mediaType === 'application/ld+json' || mediaType === 'application/json') return new JsonLdParser({ baseIRI }) as unknown as Transform;
  throw unsupportedMediaType(mediaType, UPLOAD_TYPES);
}

function toParseError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { message?: string; context?: { line?: number } };
  const message = `The RDF could not be parsed: ${e.message ?? String(error)}`;
  return syntaxError('RDF_SYNTAX', message, e.context?.line);
}

/** Parses `chunks` of `mediaType` into quads placed in `graph` (AppError 400 RDF_SYNTAX, 413, 415). */
export async function parseUpload(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  mediaType: string,
  graph: GraphName,
  baseIRI: string,
): Promise<Quad[]> {
  const parser = parserFor(mediaType, baseIRI);
  const target = graph === 'default' ? DataFactory.defaultGraph() : DataFactory.namedNode(graph.iri);
  const quads: Quad[] = [];
  const source = Readable.from(chunks, { objectMode: false });
  // a body that fails mid-stream (413) must fail the parse, not leave it waiting
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const q of parser as AsyncIterable<Quad>) {
      quads.push(DataFactory.quad(q.subject as never, q.predicate as never, q.object as never, target));
    }
  } catch (error) {
    source.destroy();
    throw toParseError(error);
  }
  return quads;
}

/** Parses a request body under `limit` bytes. */
export function parseRequestBody(body: ReadableStream<Uint8Array> | null, mediaType: string, graph: GraphName, baseIRI: string, limit: number) {
  return parseUpload(limitedChunks(body, limit), mediaType, graph, baseIRI);
}
