/**
 * A fetched page's bytes as text, in the encoding the HTML Standard's sniffing algorithm finds (§13.2.3.2, through
 * html-encoding-sniffer): a byte order mark, else the Content-Type's charset, else a `<meta charset>` or
 * `http-equiv` in the first 1024 bytes; plain text has no meta. UTF-8 when nothing is declared (the standard's
 * windows-1252 default is for browsers reading legacy pages of unknown origin).
 */
import sniffEncoding from 'html-encoding-sniffer';
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
