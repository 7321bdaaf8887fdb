/**
 * Marks matched words in text for display. The text is split into words and separators exactly as the search
 * tokenizer splits it; every piece is HTML-escaped on its own and only whole matched words are wrapped in `<mark>`,
 * so no data value can inject markup.
 */

/** Plain text and its HTML rendering with matches in `<mark>`. */
export interface Highlighted {
  text: string;
  html: string;
}

/** MiniSearch's default separators: whitespace and punctuation (Unicode classes Z and P, plus line breaks). */
const WORD = /[^\n\r\p{Z}\p{P}]+/gu;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The whole text, with every word whose normalized form is in `matched` marked. */
export function highlightText(text: string, matched: ReadonlySet<string>, normalize: (w: string) => string): Highlighted {
  let html = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    html += escapeHtml(text.slice(last, start));
    const word = m[0];
    html += matched.has(normalize(word)) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word);
    last = start + word.length;
  }
  html += escapeHtml(text.slice(last));
  return { text, html };
}

/** Index of the first word of `text` that matches, or -1. */
function firstMatch(text: string, matched: ReadonlySet<string>, normalize: (w: string) => string): number {
  for (const m of text.matchAll(WORD)) if (matched.has(normalize(m[0]))) return m.index ?? 0;
  return -1;
}

/**
 * A window of about `width` characters around the first match (or the start of the text), cut at spaces, with
 * ellipses where text was left out, highlighted.
 */
export function highlightSnippet(
  text: string,
  matched: ReadonlySet<string>,
  normalize: (w: string) => string,
  width = 240,
): Highlighted {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return highlightText(flat, matched, normalize);
  const at = Math.max(firstMatch(flat, matched, normalize), 0);
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  const piece = highlightText(flat.slice(start, end), matched, normalize);
  const pre = start > 0 ? '\u2026 ' : '';
  const post = end < flat.length ? ' \u2026' : '';
  return { text: pre + piece.text + post, html: pre + piece.html + post };
}
