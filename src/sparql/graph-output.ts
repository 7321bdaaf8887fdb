/**
 * Graph Store GET bodies: Turtle and N-Triples stream straight from the store's dump; JSON-LD is built from the
 * dumped N-Triples (it needs the whole graph to frame).
 */
import { Readable, pipeline } from 'node:stream';
import { StreamParser, StreamWriter } from 'n3';
import { jsonldLib } from '../linked-data/jsonld-context.js';
import type { GraphName, KgStore } from '../store/types.js';

/** What `GET /graph-store` offers, in preference order. */
export const GSP_FORMATS = ['text/turtle', 'application/n-triples', 'application/ld+json'] as const;

/** What a plain `GET /graph-store` (the whole dataset, every graph named) offers. */
export const DATASET_FORMATS = ['application/n-quads', 'application/trig'] as const;

function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * A graph's body. With `union`, the default graph is the one queries see (SPARQL's default graph is the union of all
 * graphs here, as the service description says): every graph's triples, streamed (a triple in several graphs may
 * repeat, which leaves the graph it describes the same).
 */
export async function graphBody(store: KgStore, graph: GraphName, mediaType: string, union = false): Promise<ReadableStream<Uint8Array> | string> {
  if (graph === 'default' && union) return unionBody(store, mediaType);
  if (mediaType === 'text/turtle' || mediaType === 'application/n-triples') {
    return streamOf(store.dump({ format: mediaType, graph }));
  }
  let nt = '';
  for await (const chunk of store.dump({ format: 'application/n-triples', graph })) nt += chunk;
  return JSON.stringify(await (await jsonldLib()).fromRDF(nt, { format: 'application/n-quads' }), null, 2);
}

async function unionBody(store: KgStore, mediaType: string): Promise<ReadableStream<Uint8Array> | string> {
  if (mediaType === 'text/turtle' || mediaType === 'application/n-triples') return streamOf(store.dump({ format: mediaType }));
  let nt = '';
  for await (const chunk of store.dump({ format: 'application/n-triples' })) nt += chunk;
  return JSON.stringify(await (await jsonldLib()).fromRDF(nt, { format: 'application/n-quads' }), null, 2);
}

/**
 * The whole dataset: N-Quads straight from the store's dump, or TriG written from it as it streams (the dump gives
 * each graph's quads together, so the writer opens each graph's block once).
 */
export function datasetBody(store: KgStore, mediaType: (typeof DATASET_FORMATS)[number]): ReadableStream<Uint8Array> {
  const nquads = store.dump({ format: 'application/n-quads' });
  if (mediaType === 'application/n-quads') return streamOf(nquads);
  return streamOf(trigOf(nquads));
}

/**
 * TriG written from N-Quads as they stream. N3's StreamWriter emits strings, which `Readable.toWeb` queues by byte
 * length: a string has none, so the first chunk written while the client was not reading threw, and the writer's
 * next chunk an unhandled 'error' that ended the process (any anonymous `GET /graph-store` with
 * `Accept: application/trig` of a dataset larger than a few chunks). Read as an async iterable instead, through
 * `pipeline`, which passes a stream's error on to the reader rather than to no one, and destroys the streams when
 * the client goes away (the iterator's return).
 */
async function* trigOf(nquads: AsyncIterable<string>): AsyncGenerator<string> {
  const writer = pipeline(Readable.from(nquads), new StreamParser({ format: 'N-Quads' }), new StreamWriter({ format: 'application/trig' }), () => undefined);
  const decoder = new TextDecoder();
  for await (const chunk of writer as AsyncIterable<string | Uint8Array>) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
}
