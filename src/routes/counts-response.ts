/**
 * The response of a statistics answer, for `/api/stats` and the counting named queries alike (a module of its own,
 * so that the named-query routes do not load the statistics pages' module with it).
 */
import type { AppContext } from '../context.js';
import { bytesResponse } from '../server/cache-front.js';

/**
 * The caching headers of anything drawn from the statistics at `statsVersion` (an API answer, a counting named query,
 * the statistics page, an entity page's timeline): the ETag `etagAt` gives for that version, and `cacheControl`; but
 * `no-store` when that is not the store's version `storeVersion` (the index catching up with a bulk load, an
 * aggregate or a page that a write overtook: `undefined`, with no ETag), since the result cache, keyed by the store's
 * version, must not keep it there (decision 0036).
 */
export function statsCaching(statsVersion: number | undefined, storeVersion: number, etagAt: (version: number) => string, cacheControl: string): { ETag?: string; 'Cache-Control': string } {
  if (statsVersion === undefined) return { 'Cache-Control': 'no-store' };
  return { ETag: etagAt(statsVersion), 'Cache-Control': statsVersion === storeVersion ? cacheControl : 'no-store' };
}

/**
 * A statistics answer (the API's, or a counting named query's) as a response: its bytes handed to the result cache
 * as they are (no stream read of a 250 KB body), with `statsCaching`'s headers for the version it was computed at.
 */
export async function countsResponse(ctx: AppContext, answer: { body: Uint8Array; contentType: string; version: number }, etagAt: (version: number) => string, headers: Record<string, string> = {}): Promise<Response> {
  const caching = statsCaching(answer.version, await ctx.store.version(), etagAt, 'no-cache');
  const { body } = answer;
  return bytesResponse(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, ...caching, 'Content-Type': answer.contentType },
  });
}
