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

/** WHATWG index-windows-1252 for 0x80-0x9F; every other byte is the code point of its value. */
const CP1252_C1 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

/**
 * `bytes` in `encoding` (a label TextDecoder knows, else its RangeError). windows-1252, which the ISO-8859-1, latin1
 * and ascii labels also name, is decoded here: Node 20.18.3 and later decode its 0x80-0x9F as C1 controls
 * (nodejs/node#60888), so a legacy page's curly quotes and dashes were stripped as control characters, its quotations
 * lost and a dateline "VIENNA, 5 June 2023 \u2013 ..." no longer read.
 */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  const decoder = new TextDecoder(encoding);
  if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    units[i] = b >= 0x80 && b <= 0x9f ? (CP1252_C1[b - 0x80] as number) : b;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
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
    return { text: decodeText(body, encoding), format, encoding };
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
