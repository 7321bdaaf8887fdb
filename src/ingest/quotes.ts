/**
 * Quoted statements and their speakers: `"…," said NAME, ROLE at the STRUCTURE.`, `"…," NAME said.`,
 * `NAME said: "…"`, `"…", according to NAME.`, and a quote-only paragraph continuing the previous speaker.
 */
import { findNames, isTitleQuote } from './mentions.js';
import type { ReferenceIndex } from './reference-index.js';

export interface Speaker {
  name: string | undefined;
  role: string | undefined;
  /** IRI of the structure the speaker speaks for. */
  affiliation: string | undefined;
}

export interface Quote {
  text: string;
  speaker: Speaker | undefined;
}

const VERBS = 'said|says|stated|states|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|explained|declared|underlined|remarked|concluded|commented|observed|pointed out|told|urged|announced';
const QUOTE = /[“"„«]([^“”"„«»]{2,})[”"»“]/gu;
const AFTER_VERB_FIRST = new RegExp(`^[,.]?\\s*(?:${VERBS})\\s+(.+)$`, 'u');
const AFTER_NAME_FIRST = new RegExp(`^[,.]?\\s*(.+?),?\\s+(?:${VERBS})\\b`, 'u');
const AFTER_ACCORDING = /^[,.]?\s*according to\s+(.+)$/u;
const BEFORE = new RegExp(`(?:^|[.!?]\\s+)([^.!?"“]*?),?\\s+(?:${VERBS})(?:\\s+that)?\\s*[:,]?\\s*$`, 'u');

const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'dos', 'del', 'la', 'le', 'ter', 'al', 'el', 'bin']);
const ROLE_WORDS = /^(?:OSCE|ODIHR|HCNM|Secretary|General|Director|Head|Deputy|Acting|Chair(?:man|person|woman)?|Minister|Ambassador|Representative|Special|Commissioner|High|President|Adviser|Advisor|Senior|Spokesperson|Co-ordinator|Coordinator|Officer|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Foreign|Vice|Chief|Coordinator|Member|the|The)$/;

/** First sentence of an attribution: up to a full stop that ends a sentence. */
function firstSentence(text: string): string {
  const end = text.search(/[.!?](?:\s|$)/);
  return (end >= 0 ? text.slice(0, end) : text).trim();
}

function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => PARTICLES.has(w) || /^\p{Lu}[\p{L}'’.-]*\p{L}$/u.test(w)) && !words.some((w) => ROLE_WORDS.test(w));
}

/** Role text and the structure it names: the first "of/at/in the X" whose X is a known structure. */
function splitRole(role: string, index: ReferenceIndex): { role: string; affiliation: string | undefined } {
  for (const m of role.matchAll(/\s+(?:at|of|in|with|from|for)\s+(?:the\s+)?/gu)) {
    const hit = index.find(role.slice(m.index + m[0].length), 'structure');
    if (hit) return { role: role.slice(0, m.index).trim(), affiliation: hit.iri };
  }
  const named = findNames(role, index).find((f) => f.category === 'structure');
  return { role, affiliation: named?.iri };
}

const HONORIFICS = /^(?:(?:Ambassador|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Professor|Sir|Dame|H\.E\.)\s+)+/u;

/** The person's name in `text` once honorifics are dropped ("Ambassador Jan Novak" → "Jan Novak"), if it is one. */
function nameIn(text: string): string | undefined {
  const bare = text.replace(HONORIFICS, '').trim();
  return looksLikeName(bare) ? bare : undefined;
}

function withRole(name: string, roleText: string, index: ReferenceIndex): Speaker {
  const role = roleText.replace(/^the\s+/i, '').trim();
  if (!role) return { name, role: undefined, affiliation: undefined };
  const split = splitRole(role, index);
  return { name, role: split.role || undefined, affiliation: split.affiliation };
}

/**
 * Name, role and affiliation from "Andrzej Mirga, Senior Adviser … at the ODIHR", "the Head of the Mission,
 * Ambassador Jan Novak", or "ODIHR Director Jan Novak".
 */
export function parseSpeaker(phrase: string, index: ReferenceIndex): Speaker | undefined {
  const text = firstSentence(phrase).replace(/,\s*(?:who|which|adding|noting)\b.*$/u, '').replace(/[,;:]+$/, '').trim();
  if (!text) return undefined;
  const comma = text.indexOf(',');
  const head = comma >= 0 ? text.slice(0, comma).trim() : text;
  const rest = comma >= 0 ? text.slice(comma + 1).trim() : '';
  const headName = nameIn(head);
  if (headName) return withRole(headName, rest, index);
  const restName = rest ? nameIn(rest) : undefined;
  if (restName) return withRole(restName, head, index);
  const words = head.split(/\s+/);
  for (let n = Math.min(5, words.length - 1); n >= 2; n--) {
    const name = words.slice(-n).join(' ');
    if (!looksLikeName(name)) continue;
    const roleText = words.slice(0, -n).join(' ').replace(HONORIFICS, '').trim();
    if (!roleText && rest) return withRole(name, rest, index);
    return { name, role: roleText || undefined, affiliation: roleText ? splitRole(roleText, index).affiliation : undefined };
  }
  return undefined;
}

function attribution(p: string, start: number, end: number, index: ReferenceIndex): Speaker | undefined {
  // Windows around the quote keep the attribution patterns linear on long paragraphs full of quotes.
  const after = p.slice(end, end + 300).trim();
  const before = p.slice(Math.max(0, start - 300), start);
  const m1 = AFTER_ACCORDING.exec(after) ?? AFTER_VERB_FIRST.exec(after);
  if (m1) return parseSpeaker(m1[1] as string, index);
  const m2 = AFTER_NAME_FIRST.exec(after);
  if (m2 && (m2[1] as string).length <= 150 && !/[.!?"“”]/u.test(m2[1] as string)) return parseSpeaker(m2[1] as string, index);
  const m3 = BEFORE.exec(before);
  return m3 ? parseSpeaker(m3[1] as string, index) : undefined;
}

/** Quotations of all paragraphs, in order; publication titles in quotes are not speech. */
/** More quotations than any real release has: a bound on the work and the size of the graph. */
export const MAX_QUOTES = 100;

export function findQuotes(paragraphs: readonly string[], index: ReferenceIndex): Quote[] {
  const quotes: Quote[] = [];
  let last: Speaker | undefined;
  // A quotation spanning paragraphs leaves the earlier ones unclosed ("“First part… / “Second part,” said X.").
  let open: string[] = [];
  for (const p of paragraphs) {
    let found = false;
    if (/^[“"„«]/u.test(p) && !/[”"»]/u.test(p.slice(1))) {
      open.push(p.slice(1).trim());
      continue;
    }
    if (quotes.length >= MAX_QUOTES) break;
    for (const m of p.matchAll(QUOTE)) {
      if (quotes.length >= MAX_QUOTES) break;
      const text = (m[1] as string).replace(/[,\s]+$/u, '').trim();
      if (isTitleQuote(p, m.index) || text.split(/\s+/).length < 4) continue;
      const onlyQuote = m.index === 0 && m[0].length >= p.trimEnd().length - 1;
      const speaker = attribution(p, m.index, m.index + m[0].length, index) ?? (onlyQuote ? last : undefined);
      if (!speaker) continue;
      if (m.index === 0) for (const earlier of open) quotes.push({ text: earlier, speaker });
      open = [];
      quotes.push({ text, speaker });
      last = speaker;
      found = true;
    }
    if (!found) last = undefined;
    open = [];
  }
  return quotes;
}
