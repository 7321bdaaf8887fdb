/**
 * `POST /ingest`: one press-release page (text/plain or text/html) into its own release graph, through the SHACL
 * gate. 201 + Location for a new release, 200 when it replaced an earlier version, 4xx with the report otherwise.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest, unsupportedMediaType } from '../errors.js';
import { assertCanWrite } from '../http/auth.js';
import { checkDeclaredLength, limitedChunks, mediaTypeOf } from '../http/body.js';
import { MAX_PAGE_BYTES } from '../ingest/input.js';
import { ingestPage, referenceIndex } from '../ingest/service.js';

const ACCEPTED = ['text/plain', 'text/html'] as const;

async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  const chunks: Uint8Array[] = [];
  for await (const chunk of limitedChunks(request.body, limit)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The optional `?source=` page address, recorded as the release's original page. */
function sourceParam(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s<>"{}|\\^`]+$/.test(value)) throw badRequest('INVALID_SOURCE', 'The source parameter must be an http(s) URL.');
  return value;
}

/** Bytes as given for UTF-8 (checked by the ingester); other declared charsets (ISO-8859-1, windows-1252) decoded here. */
function decode(bytes: Uint8Array, contentType: string): Uint8Array | string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return bytes;
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    throw unsupportedMediaType(contentType, ['text/plain; charset=utf-8', 'text/html; charset=utf-8']);
  }
}

export function ingestRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    assertCanWrite(c.req.header('authorization'), ctx.config.token);
    const type = mediaTypeOf(c.req.header('content-type'));
    if (!(ACCEPTED as readonly string[]).includes(type)) throw unsupportedMediaType(type, ACCEPTED);
    const source = sourceParam(c.req.query('source'));
    const limit = Math.min(ctx.config.maxRequestBytes || MAX_PAGE_BYTES, MAX_PAGE_BYTES);
    const page = decode(await readBytes(c.req.raw, limit), c.req.header('content-type') ?? '');
    const index = referenceIndex(ctx.iris.base);
    const result = await ingestPage({ store: ctx.store, gate: ctx.gate, index }, page, {
      maxBytes: limit,
      format: type === 'text/html' ? 'html' : 'text',
      ...(source ? { source: { iri: source } } : {}),
    });
    if (result.created) c.header('Location', result.iri);
    // names the page gives that the reference data lacks are left out of the release, and said so
    const notes = result.record.notes.length > 0 ? { notes: result.record.notes } : {};
    return c.json({ iri: result.iri, graph: result.graph, created: result.created, ...notes }, result.created ? 201 : 200);
  });
  return app;
}
