/**
 * From bytes to clean text lines: size and binary checks, HTML to text, control characters removed.
 * Pages are stored as plain text, so markup is dropped here and never reaches the graph.
 */
import { Parser } from 'htmlparser2';
import { AppError, payloadTooLarge } from '../errors.js';

/** Default largest page, bytes (a press release is a few kilobytes). */
export const MAX_PAGE_BYTES = 512 * 1024;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'head', 'svg', 'iframe', 'form', 'button', 'select']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'main', 'ul', 'ol',
  'dl', 'tr', 'table', 'blockquote', 'figure', 'figcaption', 'aside', 'hr', 'address', 'pre',
]);
/** Elements whose text is a list-like value (rendered "- X" like the text export). */
const ITEMS = new Set(['li', 'dd']);

export type PageFormat = 'text' | 'html';

/** Decodes a page, rejecting binary data and oversized input. */
export function decodePage(input: string | Uint8Array, maxBytes = MAX_PAGE_BYTES): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw payloadTooLarge(maxBytes);
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (looksBinary(text)) throw new AppError(422, 'BINARY_DATA', 'The page is binary data, not text or HTML.');
  return text.replace(/^\uFEFF/, '');
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  let bad = 0;
  for (const ch of sample) if (ch === '\uFFFD' || /[\u0001-\u0008\u000E-\u001F]/.test(ch)) bad++;
  return sample.length > 0 && bad / sample.length > 0.02;
}

/** A page is HTML when it starts with a doctype or an html/body element. */
export function detectFormat(text: string): PageFormat {
  return /^\s*(<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>])/i.test(text) ? 'html' : 'text';
}

/** Text of an HTML page as lines: blocks become lines, list items "- X", scripts and navigation dropped. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIPPED.has(name)) skip++;
        if (BLOCKS.has(name)) out.push('\n');
        const cls = attrs.class ?? '';
        if (ITEMS.has(name) || /\bfield-item\b/.test(cls)) out.push('- ');
      },
      ontext(text) {
        if (skip === 0) out.push(text.replace(/\s+/g, ' '));
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skip = Math.max(0, skip - 1);
        if (BLOCKS.has(name)) out.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out.join('');
}

/** Trimmed non-empty lines with control and zero-width characters removed and spaces collapsed. */
export function toLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[\s\u00A0]+/g, ' ').trim())
    .filter((l) => l.length > 0);
}

/** Strips any markup that a text export may still carry (`<b>`, `<script>…</script>`), keeping the words. */
export function stripMarkup(line: string): string {
  let text = line;
  // Repeated because decoding `&lt;script&gt;` yields markup again; three rounds cover double-escaped text.
  for (let round = 0; round < 3 && /<[a-z!/?]|&[#a-z0-9]+;/i.test(text); round++) {
    text = toLines(htmlToText(`<body>${text}</body>`)).join(' ');
  }
  return text.replace(/<(?=[a-z!/?])/gi, '< ');
}
