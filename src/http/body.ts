/**
 * Request bodies read with a byte cap: a declared Content-Length past the cap is refused before reading, and a body
 * that grows past it while streaming (chunked uploads lie or omit the length) is cut off. Both are 413. A body with a
 * Content-Encoding (gzip, deflate, br) is decoded, and the cap applies to the decoded bytes too (a small gzip that
 * inflates to gigabytes stops at the cap). Every route that reads a body goes through one of these (never
 * `formData()`, `text()` or `parseBody()` on the raw request, nor `limitedChunks` on its body alone).
 */
import type { IncomingMessage } from 'node:http';
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError, badRequest, payloadTooLarge } from '../errors.js';

/** Throws 413 when the declared Content-Length is above `limit`. */
export function checkDeclaredLength(contentLength: string | undefined, limit: number): void {
  if (contentLength === undefined || limit <= 0) return;
  const n = Number(contentLength);
  if (Number.isFinite(n) && n > limit) throw payloadTooLarge(limit);
}

/**
 * How many bytes the body will have, when that is known before it arrives: its Content-Length, under `limit`, with no
 * Content-Encoding (decoded bytes are not counted in advance). Undefined otherwise (chunked, encoded, no length).
 */
export function declaredBytes(request: Request, limit: number): number | undefined {
  const coding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') return undefined;
  const n = Number(request.headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(n) && n > 0 && (limit <= 0 || n <= limit) ? n : undefined;
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

/** Content codings a request body may have (RFC 9110 §8.4.1), and their decoders. */
const DECODERS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/** The coding of a request's body: undefined for none or identity; 415 for one the server cannot decode. */
function codingOf(request: Request): string | undefined {
  const codings = (request.headers.get('content-encoding') ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  if (codings.length === 0) return undefined;
  const [coding] = codings;
  if (codings.length > 1 || !DECODERS[coding!]) {
    // RFC 9110 §15.5.16: 415 for a content coding the server does not support, naming the ones it does
    throw new AppError(415, 'UNSUPPORTED_CONTENT_ENCODING',
      `Content-Encoding ${codings.join(', ')} is not supported for request bodies; send one of ${Object.keys(DECODERS).join(', ')} or none.`,
      { accepted: Object.keys(DECODERS) }, { 'Accept-Encoding': 'gzip, deflate, br' });
  }
  return coding;
}

/** The node:http request behind a route's request (@hono/node-server passes it as `c.env.incoming`), if any. */
type NodeRequest = IncomingMessage & { rawBody?: unknown };

function nodeRequestOf(env: unknown): NodeRequest | undefined {
  const incoming = (env as { incoming?: NodeRequest } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' ? incoming : undefined;
}

/**
 * The body's chunks under the cap, straight from the node:http request when the route has it and nothing read its
 * body yet, else through the web Request's stream (`app.request()` in tests, or a body already read in front).
 * Straight from node, each chunk is the one the socket read: the web stream Hono builds over the request copies every
 * chunk (Readable.toWeb) and passes it through two stream queues, which for a 16 MB upload was 16 MB more to allocate
 * on the thread that answers requests and a share of the major GCs during the upload (decision 0028).
 */
function bodyChunks(request: Request, limit: number, env: unknown): AsyncIterable<Uint8Array> {
  const incoming = nodeRequestOf(env);
  // a body the front read already (`rawBody`, cache-front.ts) is in the web Request's stream, which Hono builds from it
  if (incoming && incoming.rawBody === undefined && !incoming.readableDidRead && !request.bodyUsed) return nodeChunks(incoming, limit);
  return limitedChunks(request.body, limit);
}

/**
 * A node request's body chunks as they arrive, 413 past `limit`, through the stream's own async iterator: it reads
 * only as the consumer asks (the socket stops being read while the writer's side catches up), and a client that goes
 * away before the end makes the iteration throw (the write it was for is then not made). Ending early (a 413, a
 * refused part) leaves the request as it is, not destroyed, so the answer can still be sent; @hono/node-server
 * drains or cuts what is left.
 */
async function* nodeChunks(incoming: IncomingMessage, limit: number): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of incoming.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (limit > 0 && total > limit) throw payloadTooLarge(limit);
    yield chunk;
  }
}

/**
 * The request's body as it was sent, decoded from its Content-Encoding, under the cap (413 past `limit` bytes sent or
 * decoded; 415 for an unknown coding; 400 CONTENT_ENCODING_INVALID for bytes that are not what the coding says).
 * `env`: the route's `c.env`, whose node:http request the body is then read from (see `bodyChunks`).
 */
export async function* requestChunks(request: Request, limit: number, env?: unknown): AsyncIterable<Uint8Array> {
  const coding = codingOf(request);
  if (!coding) return yield* bodyChunks(request, limit, env);
  const decoder = DECODERS[coding]!();
  const source = Readable.from(bodyChunks(request, limit, env));
  source.on('error', (e) => decoder.destroy(e));
  source.pipe(decoder);
  let total = 0;
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (limit > 0 && total > limit) throw payloadTooLarge(limit);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badRequest('CONTENT_ENCODING_INVALID', `The request body is not valid ${coding} data (${e instanceof Error ? e.message : String(e)}).`);
  } finally {
    source.destroy();
    decoder.destroy();
  }
}

/**
 * Reads a form body (multipart/form-data or application/x-www-form-urlencoded) under the cap: the body reaches the
 * form parser through `limitedChunks`, so a chunked upload without a Content-Length is cut off at the cap too (413)
 * instead of being read whole. A body that is not a well-formed form is a 400 FORM_SYNTAX.
 */
export async function readFormLimited(request: Request, limit: number): Promise<FormData> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  let failed: unknown; // the body's own fault (413, 415, 400), which the form parser reports as its own
  const chunks = requestChunks(request, limit)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        failed = e;
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
    if (failed instanceof AppError) throw failed;
    throw badRequest('FORM_SYNTAX', `The form body could not be read: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/**
 * Reads the whole body as UTF-8 text under the cap. `raw` is the body when the node front already read it
 * (cache-front.ts): taking it from there spares building the web Request's body stream.
 */
export async function readTextLimited(request: Request, limit: number, raw?: Buffer): Promise<string> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  if (raw && codingOf(request) === undefined) {
    if (limit > 0 && raw.byteLength > limit) throw payloadTooLarge(limit);
    return raw.toString('utf8');
  }
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of requestChunks(request, limit)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** The media type of a Content-Type header, lower-cased, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
