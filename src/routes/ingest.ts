/**
 * `POST /ingest`: one press-release page (text/plain or text/html) into its own release graph, through the SHACL
 * gate. The page's address, when known, comes as `?source=` or a `Content-Location` header (RFC 9110 §8.7) and is
 * its identity (docs/decisions/0001-release-identity.md). 201 + Location for a new release, 200 when it replaced
 * the same page's earlier version (status "updated") or the same page came again unchanged (status "unchanged":
 * nothing is written), 409 naming both when it would replace a different release (`?replace=true`
 * replaces it), 4xx with the report otherwise.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { badRequest, unsupportedMediaType } from '../errors.js';
import { assertCanWrite } from '../http/auth.js';
import { checkDeclaredLength, mediaTypeOf, requestChunks } from '../http/body.js';
import { decodeText, submittedPage } from '../harvest/charset.js';
import { normalizeSourceUrl } from '../ingest/identity.js';

/**
 * The ingester (extraction, placement, its HTML parser: ~190 ms of CPU to import) is loaded by the first page posted,
 * not at every start: most services and most test apps never ingest over HTTP.
 */
let ingester: Promise<[typeof import('../ingest/service.js'), typeof import('../ingest/input.js')]> | undefined;
const loadIngester = () => (ingester ??= Promise.all([import('../ingest/service.js'), import('../ingest/input.js')]));

const ACCEPTED = ['text/plain', 'text/html'] as const;

/** The page's bytes, read from the node:http request (`env`) when there is one (http/body.ts). */
async function readBytes(request: Request, limit: number, env: unknown): Promise<Uint8Array> {
  checkDeclaredLength(request.headers.get('content-length') ?? undefined, limit);
  const chunks: Uint8Array[] = [];
  for await (const chunk of requestChunks(request, limit, env)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The page address from `?source=` or `Content-Location` (they must agree), recorded as the release's original page. */
function sourceOf(param: string | undefined, header: string | undefined): string | undefined {
  const check = (value: string, where: string) => {
    if (!/^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(value) || !normalizeSourceUrl(value)) {
      throw badRequest('INVALID_SOURCE', `The ${where} must be an absolute http(s) URL; got ${JSON.stringify(value.slice(0, 200))}.`);
    }
    return value;
  };
  const fromParam = param === undefined ? undefined : check(param, 'source parameter');
  const fromHeader = header === undefined || header.trim() === '' ? undefined : check(header.trim(), 'Content-Location header');
  if (fromParam && fromHeader && normalizeSourceUrl(fromParam) !== normalizeSourceUrl(fromHeader)) {
    throw badRequest('INVALID_SOURCE', `The source parameter (${fromParam}) and the Content-Location header (${fromHeader}) name different pages.`);
  }
  return fromParam ?? fromHeader;
}

/** `?replace=true|false` (absent: false). */
function replaceParam(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw badRequest('INVALID_PARAMETER', `The replace parameter must be true or false; got ${JSON.stringify(value.slice(0, 40))}.`);
}

/**
 * A declared charset other than UTF-8 (ISO-8859-1, windows-1252) decodes the page here; without one, a byte order
 * mark or an HTML page's `<meta charset>` does, and bytes that are not UTF-8 are a 422 with their line (harvest/charset.ts).
 */
function decode(bytes: Uint8Array, contentType: string): Uint8Array | string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return submittedPage(bytes, contentType);
  try {
    return decodeText(bytes, charset);
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
    const source = sourceOf(c.req.query('source'), c.req.header('content-location'));
    const replace = replaceParam(c.req.query('replace'));
    const [{ ingestPage, referenceIndex }, { MAX_PAGE_BYTES }] = await loadIngester();
    const limit = Math.min(ctx.config.maxRequestBytes || MAX_PAGE_BYTES, MAX_PAGE_BYTES);
    const page = decode(await readBytes(c.req.raw, limit, c.env), c.req.header('content-type') ?? '');
    const index = referenceIndex(ctx.iris.base);
    const result = await ingestPage({ store: ctx.store, gate: ctx.gate, index }, page, {
      maxBytes: limit,
      format: type === 'text/html' ? 'html' : 'text',
      ...(source ? { source: { iri: source } } : {}),
      replace,
    });
    if (result.created) c.header('Location', result.iri);
    // names the page gives that the reference data lacks are left out of the release, and said so
    const notes = result.record.notes.length > 0 ? { notes: result.record.notes } : {};
    const moved = result.moved ? { formerIri: result.moved } : {};
    // the same page again, unchanged, is a no-op: 200 with status "unchanged", and no new dataset version
    const status = result.created ? 'created' : result.unchanged ? 'unchanged' : 'updated';
    return c.json({ iri: result.iri, graph: result.graph, created: result.created, status, ...moved, ...notes }, result.created ? 201 : 200);
  });
  return app;
}
