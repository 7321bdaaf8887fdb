/**
 * The response of a statistics answer, for `/api/stats` and the counting named queries alike (a module of its own,
 * so that the named-query routes do not load the statistics pages' module with it).
 */
import type { AppContext } from '../context.js';
import { bytesResponse } from '../server/cache-front.js';

/**
 * A statistics answer (the API's, or a counting named query's) as a response: its bytes handed to the result cache
 * as they are (no stream read of a 250 KB body), the ETag `etagAt` gives for the version it was computed at. An
 * answer computed at a version older than the store's (the index catching up with a bulk load, an aggregate that a
 * write overtook) is sent with `no-store`: the result cache, keyed by the store's version, must not keep it there.
 */
export async function countsResponse(ctx: AppContext, answer: { body: Uint8Array; contentType: string; version: number }, etagAt: (version: number) => string, headers: Record<string, string> = {}): Promise<Response> {
  const current = answer.version === (await ctx.store.version());
  const { body } = answer;
  return bytesResponse(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, ETag: etagAt(answer.version), 'Cache-Control': current ? 'no-cache' : 'no-store', 'Content-Type': answer.contentType },
  });
}
