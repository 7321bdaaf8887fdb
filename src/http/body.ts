/**
 * Request bodies read with a byte cap: a declared Content-Length past the cap is refused before reading, and a body
 * that grows past it while streaming (chunked uploads lie or omit the length) is cut off. Both are 413. Every route
 * that reads a body goes through one of these (never `formData()`, `text()` or `parseBody()` on the raw request).
 */
import { badRequest, payloadTooLarge } from '../errors.js';

/** Throws 413 when the declared Content-Length is above `limit`. */
export function checkDeclaredLength(contentLength: string | undefined, limit: number): void {
  if (contentLength === undefined || limit <= 0) return;
  const n = Number(contentLength);
  if (Number.isFinite(n) && n > limit) throw payloadTooLarge(limit);
}

/** Yields the body's chunks, throwing 413 as soon as more than `limit` bytes arrived. */
export async function* limitedChunks(body: ReadableStream<Uint8Array> | null, limit: number): AsyncIterable<Uint8Array> {
  if (!body) return;
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (limit > 0 && total > limit) throw payloadTooLarge(limit);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Reads a form body (multipart/form-data or application/x-www-form-urlencoded) under the cap: the body reaches the
 * form parser through `limitedChunks`, so a chunked upload without a Content-Length is cut off at the cap too (413)
 * instead of being read whole. A body that is not a well-formed form is a 400 FORM_SYNTAX.
 */
export async function readFormLimited(request: Request, limit: number): Promise<FormData> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  let tooLarge = false;
  const chunks = limitedChunks(request.body, limit)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        tooLarge = true;
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  const headers = { 'content-type': request.headers.get('content-type') ?? '' };
  try {
    return await new Request(request.url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit).formData();
  } catch (e) {
    if (tooLarge) throw payloadTooLarge(limit);
    throw badRequest('FORM_SYNTAX', `The form body could not be read: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/**
 * Reads the whole body as UTF-8 text under the cap. `raw` is the body when the node front already read it
 * (cache-front.ts): taking it from there spares building the web Request's body stream.
 */
export async function readTextLimited(request: Request, limit: number, raw?: Buffer): Promise<string> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  if (raw) {
    if (limit > 0 && raw.byteLength > limit) throw payloadTooLarge(limit);
    return raw.toString('utf8');
  }
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of limitedChunks(request.body, limit)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** The media type of a Content-Type header, lower-cased, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
