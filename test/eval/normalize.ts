/** How the scorer compares what a page says with what was extracted: the normal forms of names, quotes, roles. */

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const words = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Whitespace collapsed: titles compare exactly otherwise. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const HONORIFICS = new Set(['ambassador', 'dr', 'mr', 'mrs', 'ms', 'prof', 'professor', 'sir', 'dame', 'madame', 'mme', 'm', 'herr', 'frau', 'botschafter', 'botschafterin', 'ambassadeur', 'ambassadrice', 'посол', 'г', 'госпожа', 'господин']);

/** A person's name without case, diacritics, punctuation or leading honorifics ("Ambassador Jan Novák" = "jan novak"). */
export function normalizePerson(name: string): string {
  const w = words(name);
  while (w.length > 1 && HONORIFICS.has(w[0] as string)) w.shift();
  return w.join(' ');
}

/** Quotation text as a run of folded words, so quote marks, dashes and spacing do not matter. */
export const normalizeQuote = (text: string): string => words(text).join(' ');

/** A role without case, articles or the word OSCE ("the OSCE Secretary General" = "secretary general"). */
export function normalizeRole(role: string): string {
  return words(role).filter((w) => !['the', 'osce', 'обсе', 'l', 'la', 'le', 'der', 'die', 'des'].includes(w)).join(' ');
}

const EVENT_STOPWORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'for', 'and', 'to', 'at', 'with', 'by']);

/** Share of the longer name's content words that the other name has too (1 = same words). */
export function tokenOverlap(a: string, b: string): number {
  const ta = new Set(words(a).filter((w) => !EVENT_STOPWORDS.has(w)));
  const tb = new Set(words(b).filter((w) => !EVENT_STOPWORDS.has(w)));
  const larger = Math.max(ta.size, tb.size);
  if (larger === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / larger;
}
