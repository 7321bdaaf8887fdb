/**
 * Graph Store GET bodies: Turtle and N-Triples stream straight from the store's dump; JSON-LD is built from the
 * dumped N-Triples (it needs the whole graph to frame).
 */
import jsonld from 'jsonld';
import type { GraphName, KgStore } from '../store/types.js';

/** What `GET /graph-store` offers, in preference order. */
export const GSP_FORMATS = ['text/turtle', 'application/n-triples', 'application/ld+json'] as const;

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

export async function graphBody(store: KgStore, graph: GraphName, mediaType: string): Promise<ReadableStream<Uint8Array> | string> {
  if (mediaType === 'text/turtle' || mediaType === 'application/n-triples') {
    return streamOf(store.dump({ format: mediaType, graph }));
  }
  let nt = '';
  for await (const chunk of store.dump({ format: 'application/n-triples', graph })) nt += chunk;
  return JSON.stringify(await jsonld.fromRDF(nt, { format: 'application/n-quads' }), null, 2);
}
