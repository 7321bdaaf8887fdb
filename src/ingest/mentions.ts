/**
 * Names of the reference data found in running text: States and structures, longest match first, case-sensitive
 * with word boundaries so "participating States" or "Georgian" do not match a State.
 */
import type { Category, ReferenceIndex, Surface } from './reference-index.js';

export interface Found {
  iri: string;
  category: Category;
  index: number;
  text: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Surfaces worth scanning for: long enough, not the OSCE itself (named in every release). */
function scannable(s: Surface, index: ReferenceIndex): boolean {
  if (s.category !== 'structure' && s.category !== 'country') return false;
  const letters = s.text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  // A one-word lower-case label ("presence") would match ordinary words.
  return /\p{Lu}/u.test(s.text);
}

const cache = new WeakMap<ReferenceIndex, { re: RegExp; byText: Map<string, Surface> }>();

function matcher(index: ReferenceIndex): { re: RegExp; byText: Map<string, Surface> } {
  const hit = cache.get(index);
  if (hit) return hit;
  const byText = new Map<string, Surface>();
  for (const s of index.surfaces) if (scannable(s, index) && !byText.has(s.text)) byText.set(s.text, s);
  const alternatives = [...byText.keys()].sort((a, b) => b.length - a.length).map(escape);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
  const built = { re, byText };
  cache.set(index, built);
  return built;
}

/** Every State or structure named in `text`, in order of appearance (longest alternative wins at a position). */
export function findNames(text: string, index: ReferenceIndex): Found[] {
  const { re, byText } = matcher(index);
  const out: Found[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = byText.get(m[0]);
    if (s) out.push({ iri: s.iri, category: s.category, index: m.index, text: m[0] });
  }
  return out;
}

/** Distinct IRIs of the States and structures named in the paragraphs. */
export function mentionedEntities(paragraphs: readonly string[], index: ReferenceIndex): string[] {
  return [...new Set(paragraphs.flatMap((p) => findNames(p, index).map((f) => f.iri)))];
}

const QUOTED = /[“"«]([^”"»]{5,200})[”"»]/gu;
const PUBLICATION_CUE = /\b(?:publication|report|handbook|guide(?:book|lines)?|booklet|manual|study|brochure|compilation|toolkit|book)\s*$|\b(?:titled|entitled)\s*$/i;

/** Titles of publications: a quoted title after "publication titled", "report", "handbook" and the like. */
export function findPublicationTitles(paragraphs: readonly string[]): string[] {
  const titles: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(QUOTED)) if (isTitleQuote(p, m.index)) titles.push((m[1] as string).trim());
  }
  return [...new Set(titles)];
}

/** Whether the quoted passage starting at `quoteAt` in `p` is a title ("publication titled "…""), not speech. */
export function isTitleQuote(p: string, quoteAt: number): boolean {
  return PUBLICATION_CUE.test(p.slice(Math.max(0, quoteAt - 80), quoteAt).trimEnd());
}
