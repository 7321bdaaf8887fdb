/**
 * Streaming parse of RDF documents (Graph Store Protocol bodies, files to validate): Turtle, N-Triples, N-Quads, TriG,
 * RDF/XML, JSON-LD, under a nesting bound (400 RDF_TOO_DEEP). Every triple is placed in the target graph. The
 * embedded store's writer parses uploads itself.
 */
import type { Quad } from '@rdfjs/types';
import type { JsonLdParser } from 'jsonld-streaming-parser';
import { n3lib } from './n3-lib.js';
import { Readable, type Transform } from 'node:stream';
import { AppError, syntaxError, unsupportedMediaType } from '../errors.js';
import { nestingGuard } from '../sparql/nesting-guard.js';
import type { GraphName, RdfBody, RdfDocuments } from './types.js';

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

type DocumentLoader = NonNullable<NonNullable<ConstructorParameters<typeof JsonLdParser>[0]>['documentLoader']>;

/** JSON-LD context documents an upload may name, by URL (the service's own: linked-data/jsonld-context.ts). */
export type ShippedContexts = Readonly<Record<string, unknown>>;

/**
 * The document loader of uploads: `@context` and `@import` URLs resolve only to the contexts the service ships, from
 * memory; any other URL is refused (400 REMOTE_CONTEXT_REFUSED) without a request. The parser's default loader
 * fetched them, following redirects: an upload could make the service probe hosts and ports (an SSRF), or hold a
 * write while a slow host answered; the service's LOAD_FORBIDDEN policy refuses the same for SPARQL.
 */
function uploadDocumentLoader(contexts: ShippedContexts, refused: { error?: AppError }): DocumentLoader {
  return {
    load: async (url: string) => {
      const document = contexts[url];
      if (document !== undefined) return document as Awaited<ReturnType<DocumentLoader['load']>>;
      // the parser wraps a loader's error in its own: the upload is answered with this one (parseUpload)
      throw refused.error = new AppError(400, 'REMOTE_CONTEXT_REFUSED',
        `The JSON-LD names the remote context <${url}>, which the service does not fetch; nothing was stored. ` +
        `Inline the context, or use ${Object.keys(contexts).map((u) => `<${u}>`).join(', ') || 'none'}.`, { context: url, shipped: Object.keys(contexts) });
    },
  };
}

/**
 * The RDF/XML and JSON-LD parsers are imported on their first upload: with what they load (about 60 modules), every
 * query worker and the writer, which import this file, took about twice as long to start.
 */
async function parserFor(mediaType: string, baseIRI: string, contexts: ShippedContexts, refused: { error?: AppError }): Promise<Transform> {
  const n3 = N3_FORMATS[mediaType];
  if (n3) return new (n3lib().StreamParser)({ format: n3, baseIRI }) as unknown as Transform;
  if (mediaType === 'application/rdf+xml') {
    const { RdfXmlParser } = await import('rdfxml-streaming-parser');
    return new RdfXmlParser({ baseIRI }) as unknown as Transform;
  }
  if (mediaType === 'application/ld+json' || mediaType === 'application/json') {
    const { JsonLdParser } = await import('jsonld-streaming-parser');
    return new JsonLdParser({ baseIRI, documentLoader: uploadDocumentLoader(contexts, refused) }) as unknown as Transform;
  }
  throw unsupportedMediaType(mediaType, UPLOAD_TYPES);
}

/** AppError 415 unless `mediaType` is one the store parses. */
export function assertUploadType(mediaType: string): void {
  if (!N3_FORMATS[mediaType] && !UPLOAD_TYPES.includes(mediaType)) throw unsupportedMediaType(mediaType, UPLOAD_TYPES);
}

function toParseError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { message?: string; context?: { line?: number } };
  const message = `The RDF could not be parsed: ${e.message ?? String(error)}`;
  return syntaxError('RDF_SYNTAX', message, e.context?.line);
}

/** A request's documents in order: its one body, or the parts of a form upload. */
export async function* documentsOf(body: RdfBody | RdfDocuments): AsyncIterable<Pick<RdfBody, 'chunks' | 'mediaType' | 'length'>> {
  if ('documents' in body) yield* body.documents;
  else yield body;
}

/**
 * Parses `chunks` of `mediaType` into quads placed in `graph` (AppError 400 RDF_SYNTAX, RDF_TOO_DEEP,
 * REMOTE_CONTEXT_REFUSED, 415; a failing source's own error, such as a 413, as it is); JSON-LD may name only the
 * `contexts` given. `blankNodePrefix`: blank nodes are relabelled with it (a prefix of its own per document keeps them
 * apart from every blank node already stored).
 */
export async function parseUpload(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  mediaType: string,
  graph: GraphName,
  baseIRI: string,
  contexts: ShippedContexts = {},
  blankNodePrefix?: string,
): Promise<Quad[]> {
  const refused: { error?: AppError } = {};
  const parser = await parserFor(mediaType, baseIRI, contexts, refused);
  const { DataFactory } = n3lib();
  const target = graph === 'default' ? DataFactory.defaultGraph() : DataFactory.namedNode(graph.iri);
  const relabel = (t: Quad['subject'] | Quad['object']): Quad['subject'] | Quad['object'] =>
    blankNodePrefix !== undefined && t.termType === 'BlankNode' ? DataFactory.blankNode(`${blankNodePrefix}${t.value}`) : t;
  const quads: Quad[] = [];
  const source = Readable.from(chunks, { objectMode: false });
  // nesting past the syntax's bound is refused before the parser reaches it (nesting-guard.ts)
  const guard = nestingGuard(mediaType);
  // a body that fails mid-stream (413, 400 RDF_TOO_DEEP) must fail the parse, not leave it waiting
  source.on('error', (error) => parser.destroy(error));
  guard.on('error', (error) => parser.destroy(error));
  source.pipe(guard).pipe(parser);
  try {
    for await (const q of parser as AsyncIterable<Quad>) {
      quads.push(DataFactory.quad(relabel(q.subject) as never, q.predicate as never, relabel(q.object) as never, target));
    }
  } catch (error) {
    source.destroy();
    guard.destroy();
    throw refused.error ?? toParseError(error);
  }
  return quads;
}
