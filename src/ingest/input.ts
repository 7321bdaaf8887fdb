/**
 * From bytes to clean text lines: size and binary checks, HTML to text, control characters removed.
 * Pages are stored as plain text, so markup is dropped here and never reaches the graph.
 */
import { Parser } from 'htmlparser2';
import { AppError, payloadTooLarge } from '../errors.js';

/** Default largest page, bytes (a press release is a few kilobytes). */
export const MAX_PAGE_BYTES = 512 * 1024;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'head', 'svg', 'iframe', 'form', 'button', 'select']);
/** The page's own footer is site chrome (its lines are marked); an article's footer holds its fields. */
const FOOTER = 'footer';
const ARTICLE = new Set(['article', 'main']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'main', 'ul', 'ol',
  'dl', 'tr', 'td', 'th', 'table', 'blockquote', 'figure', 'figcaption', 'aside', 'hr', 'address', 'pre', 'header', 'footer',
]);
/** Elements whose text is a list-like value (rendered "- X" like the text export). */
const ITEMS = new Set(['li', 'dd']);
const ITEM_CLASS = /\bfield(?:-|__)items?\b/;
/** Elements that label the value after them (`<dt>Source</dt>`, Drupal's `field__label`): given a colon if they lack one. */
const LABELS = new Set(['dt', 'th']);
const HEADINGS = new Set(['h1', 'h2', 'h3']);
const LABEL_CLASS = /(?:^|\s)(?:field(?:-|__)label|label)(?:\s|$)/;

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

/** One line of a page's text and the line of the source it starts on (1-based), for problems a curator can find. */
export interface SourceLine {
  text: string;
  line: number;
  /** The line is in the page's own footer (an HTML `footer` outside the article): never the article's text. */
  footer?: boolean;
  /** The line is a table cell's text (a label in a cell may lack its colon). */
  cell?: boolean;
  /** The line is an HTML heading's text (`h1` … `h3`): a title or a section's heading, never running text. */
  heading?: boolean;
  /** The line is an HTML figure's caption (`figcaption`). */
  caption?: boolean;
}

/** Line number (1-based) of each character offset of `text`, by binary search over the newline offsets. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Text of an HTML page as source lines: blocks become lines, list items "- X", scripts and navigation dropped; each
 * line carries the source line its first text starts on.
 */
export function htmlLines(html: string): SourceLine[] {
  const lineOf = lineCounter(html);
  const out: SourceLine[] = [];
  let buffer = '';
  let startLine = 0;
  let skip = 0;
  let inArticle = 0;
  let inFooter = 0;
  let cell = false;
  let heading = false;
  let caption = 0;
  /** Per open element: whether it was skipped, whether it is a label, whether it is the page's footer. */
  const open: { skipped: boolean; label: boolean; footer: boolean }[] = [];
  const flush = () => {
    if (buffer.trim()) out.push({ text: buffer, line: startLine, ...(inFooter > 0 ? { footer: true } : {}), ...(cell ? { cell: true } : {}), ...(heading ? { heading: true } : {}), ...(caption > 0 ? { caption: true } : {}) });
    buffer = '';
    cell = false;
    heading = false;
    startLine = 0;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const cls = attrs.class ?? '';
        const skipped = SKIPPED.has(name);
        if (skipped) skip++;
        if (BLOCKS.has(name)) flush();
        const footer = name === FOOTER && inArticle === 0;
        if (footer) inFooter++;
        if (ARTICLE.has(name)) inArticle++;
        const label = LABELS.has(name) || LABEL_CLASS.test(cls);
        if (name === 'td') cell = true;
        if (HEADINGS.has(name)) heading = true;
        if (name === 'figcaption') caption++;
        open.push({ skipped, label, footer });
        if (skip === 0 && (ITEMS.has(name) || ITEM_CLASS.test(cls))) buffer += '- ';
      },
      ontext(text) {
        if (skip > 0) return;
        if (!startLine && text.trim()) startLine = lineOf(parser.startIndex + (text.length - text.trimStart().length));
        buffer += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        const el = open.pop();
        if (el?.skipped) skip = Math.max(0, skip - 1);
        if (ARTICLE.has(name)) inArticle = Math.max(0, inArticle - 1);
        if (name === 'figcaption') {
          flush();
          caption = Math.max(0, caption - 1);
        }
        if (el?.label && skip === 0 && buffer.trim() && !/:\s*$/.test(buffer)) buffer = `${buffer.trimEnd()}:`;
        if (el?.label || BLOCKS.has(name)) flush();
        if (el?.footer) inFooter = Math.max(0, inFooter - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return out;
}

/** Text of an HTML page as lines: blocks become lines, list items "- X", scripts and navigation dropped. */
export function htmlToText(html: string): string {
  return htmlLines(html).map((l) => l.text).join('\n');
}

/** A line with control and zero-width characters removed and spaces collapsed. */
function cleanLine(line: string): string {
  return line.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Trimmed non-empty lines with control and zero-width characters removed and spaces collapsed. */
export function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map(cleanLine).filter((l) => l.length > 0);
}

/**
 * The non-empty text lines of a page, markup removed, each with its line in the source (the text export's own line,
 * or the HTML line its text starts on).
 */
export function pageLines(text: string, format: PageFormat): SourceLine[] {
  const raw = format === 'html'
    ? htmlLines(text)
    : text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ text: t, line: i + 1 }));
  return raw.map((l) => ({ ...l, text: stripMarkup(cleanLine(l.text)) })).filter((l) => l.text.length > 0);
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
