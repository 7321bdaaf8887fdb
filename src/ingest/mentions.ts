/**
 * Names of the reference data found in running text: States and structures, longest match first, case-sensitive
 * with word boundaries so "participating States" or "Georgian" do not match a State.
 */
import { detectLanguage } from './language.js';
import { nameMatcher, tokenize, type NameHit } from './name-matcher.js';
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

/**
 * Words after (or, for an adjective written after its noun, before) a demonym that make it stand for the State:
 * "the Norwegian Foreign Minister", "the Irish Chairmanship", "la présidence italienne", "die schwedische
 * Polizeidirektorin". Without one a demonym is a language or a people ("in Albanian", "jeunes albanais").
 */
const STATE_NOUNS = /^(?:minist|govern|chairmanship|chairpersonship|presiden|parliament|parlament|prime|ambassad|embass|authorit|official|commissioner|police|polizei|army|armed|forces|border|capital|cit(?:y|ies)|town|region|side|delegation|judiciar|court|counterpart|foreign|deputy|secretar|interior|justice|republic|federal|gouvernement|autorit|ministre|vorsitz|regierung|behord|botschaft|bundes|auswart|suprem|cour|tribunal|суд|правительств|министр|президент|власт|председательств|governo|gobierno|autoridad|vlad|влад)/u;
const MODIFIERS = new Set(['osce', 'osze', 'foreign', 'deputy', 'prime', 'first', 'vice', 'acting', 'former', 'then', 'state', 'federal', 'new', 'interim']);

function standsForState(text: string, hit: NameHit, tokens: readonly { folded: string; start: number; text: string }[]): boolean {
  const at = tokens.findIndex((t) => t.start >= hit.end);
  const next = at < 0 ? [] : tokens.slice(at, at + 3);
  for (const t of next) {
    if (STATE_NOUNS.test(t.folded) || t.folded.split(/(?=[a-z])/u).length > 0 && /(?:minister|ministerin|direktor|direktorin|vorsitz|regierung|polizei)/u.test(t.folded)) return /^[\s\p{L}'’-]*$/u.test(text.slice(hit.end, t.start));
    if (!MODIFIERS.has(t.folded)) break;
  }
  // an adjective after its noun (French, Spanish, Italian, Russian): "la présidence italienne", "ministro español"
  if (/^\p{Ll}/u.test(hit.text)) {
    const before = tokens.filter((t) => t.start < hit.start).slice(-2);
    return before.some((t) => STATE_NOUNS.test(t.folded)) && /^[\s\p{L}'’-]*$/u.test(text.slice(before[0]?.start ?? hit.start, hit.start));
  }
  return false;
}

/** "the Armenian and Azerbaijani Foreign Ministers": a demonym joined by "and" or a comma to one that stands for its State. */
function chainedToState(text: string, hits: readonly NameHit[], i: number, tokens: Parameters<typeof standsForState>[2]): boolean {
  for (let j = i + 1; j < hits.length; j++) {
    const next = hits[j] as NameHit;
    const gap = text.slice((hits[j - 1] as NameHit).end, next.start);
    if (!next.demonym || !/^\s*(?:,|and|und|et|и|i|e|y)?\s*$/u.test(gap)) return false;
    if (standsForState(text, next, tokens)) return true;
  }
  return false;
}

/**
 * Distinct IRIs of the States and structures the texts name: by any of their names in any language, older names
 * ("Chairman-in-Office", "FYROM") and, for States, demonyms where they stand for the State. Former States (the
 * Federal Republic of Yugoslavia, Serbia and Montenegro) are their own entities, never today's successor; a State's
 * name inside a structure's ("Mission to Serbia") is the structure only.
 */
export function mentionedEntities(texts: readonly string[], index: ReferenceIndex): string[] {
  const matcher = nameMatcher(index);
  const out = new Set<string>();
  const language = detectLanguage(texts.join('\n'));
  for (const text of texts) {
    const tokens = tokenize(text);
    const hits = matcher.find(text, language);
    hits.forEach((hit, i) => {
      if (hit.category === 'structure') out.add(hit.iri);
      else if (hit.category === 'country' && (!hit.demonym || standsForState(text, hit, tokens) || chainedToState(text, hits, i, tokens))) out.add(hit.iri);
    });
  }
  return [...out];
}

const QUOTED = /“([^“”"]{5,200})[”“]|"([^"]{5,200})"|«([^«»]{5,200})»|„([^„“”"]{5,200})[“”"]/gu;
const PUBLICATION_CUE = /\b(?:publication|report|handbook|guide(?:book|lines)?|booklet|manual|study|brochure|compilation|toolkit|book)\s*$|\b(?:titled|entitled)\s*$/i;

/** Titles of publications: a quoted title after "publication titled", "report", "handbook" and the like. */
export function findPublicationTitles(paragraphs: readonly string[]): string[] {
  const titles: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(QUOTED)) if (isTitleQuote(p, m.index)) titles.push((m.slice(1).find((g) => g !== undefined) as string).trim());
  }
  return [...new Set(titles)];
}

/** Whether the quoted passage starting at `quoteAt` in `p` is a title ("publication titled "…""), not speech. */
export function isTitleQuote(p: string, quoteAt: number): boolean {
  return PUBLICATION_CUE.test(p.slice(Math.max(0, quoteAt - 80), quoteAt).trimEnd());
}
