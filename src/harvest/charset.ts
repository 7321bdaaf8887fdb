/**
 * A fetched page's bytes as text, in the encoding the HTML Standard's sniffing algorithm finds (§13.2.3.2, through
 * html-encoding-sniffer): a byte order mark, else the Content-Type's charset, else a `<meta charset>` or
 * `http-equiv` in the first 1024 bytes; plain text has no meta. UTF-8 when nothing is declared (the standard's
 * windows-1252 default is for browsers reading legacy pages of unknown origin).
 */
import { isUtf8 } from 'node:buffer';
import sniffEncoding from 'html-encoding-sniffer';
import { unprocessable, unsupportedMediaType } from '../errors.js';
import { mediaTypeOf } from '../http/body.js';

export type DecodedPage = { text: string; format: 'html' | 'text'; encoding: string } | { error: string };

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The media types a harvested page may have. */
export function isPageType(mediaType: string): boolean {
  return HTML_TYPES.has(mediaType) || mediaType === 'text/plain';
}

/** The charset parameter of a Content-Type value (RFC 9110 §8.3.2), if any. */
function charsetOf(contentType: string): string | undefined {
  for (const param of contentType.split(';').slice(1)) {
    const [name, value] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value) return value.trim().replace(/^"|"$/g, '');
  }
  return undefined;
}

/** Decodes a page served with `contentType`. */
export function decodeBody(body: Uint8Array, contentType: string): DecodedPage {
  const format = HTML_TYPES.has(mediaTypeOf(contentType)) ? 'html' : 'text';
  const label = charsetOf(contentType);
  const encoding = sniffEncoding(body, {
    ...(label ? { transportLayerEncodingLabel: label } : {}),
    defaultEncoding: 'UTF-8',
    // plain text has no <meta>: the sniffer's XML mode reads only the BOM and the declared charset
    ...(format === 'text' ? { xml: true } : {}),
  } as sniffEncoding.Options);
  try {
    return { text: new TextDecoder(encoding).decode(body), format, encoding };
  } catch {
    return { error: `The page's character encoding "${encoding}" is not supported.` };
  }
}

/**
 * A page submitted for ingestion (`POST /ingest` without a charset of its own, `osce-kg ingest`): its text in the
 * encoding a byte order mark or, in HTML, a `<meta charset>` declares; its bytes as they are when it is UTF-8 (the
 * ingester reads them, and rejects binary data). Bytes that are neither are refused with the line of the first
 * one that is not UTF-8, rather than stored as U+FFFD: a Latin-1 export without a declaration would otherwise
 * become a headline with replacement characters that no later run can repair.
 */
export function submittedPage(body: Uint8Array, contentType: string): Uint8Array | string {
  const decoded = decodeBody(body, contentType);
  if ('error' in decoded) throw unsupportedMediaType(contentType, ['text/plain; charset=utf-8', 'text/html; charset=utf-8']);
  if (decoded.encoding !== 'UTF-8') return decoded.text;
  if (isUtf8(body) || body.includes(0)) return body;
  const offset = firstNonUtf8(body);
  let line = 1;
  for (let i = 0; i < offset; i++) if (body[i] === 0x0a) line++;
  throw unprocessable('INVALID_ENCODING', `The page is not UTF-8 (line ${line}, byte ${offset}) and declares no other encoding: `
    + 'declare its charset (Content-Type: text/plain; charset=windows-1252, or a <meta charset> in HTML) or convert it to UTF-8.', { line, byte: offset });
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629 §4), or the length. */
function firstNonUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i] as number;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0 || !isUtf8(b.subarray(i, i + more + 1))) return i;
    i += more + 1;
  }
  return b.length;
}
