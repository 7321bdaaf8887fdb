/**
 * Names of a page resolved against the reference data: sources → structures, fields of work → concepts,
 * places → reference places or minted `id/place/{slug}`. Unknown sources and fields are problems, never dropped.
 */
import { placeName } from './city-names.js';
import { nameMatcher } from './name-matcher.js';
import { slugify, type Iris } from '../model/ns.js';
import { keySlug } from './keys.js';
import { operationByHost } from './operations.js';
import { normalizeName, type Category, type Entry, type ReferenceIndex } from './reference-index.js';
import type { PlaceRef } from './types.js';

export interface Problem {
  code: string;
  message: string;
  value?: string;
  /** The source line the problem was found on (1-based), when it has one. */
  line?: number;
}

/**
 * The longest known name of `category` inside a value that is not a name itself: a republished copy's
 * "пресс-служба ПА ОБСЕ" (the PA's press service) or "Présidence belge de l'OSCE" (the Belgian Chairmanship). A name
 * found inside must have two words or more, or be written in capitals, or have six letters or more, so that a
 * single common word never matches.
 */
function containedName(value: string, index: ReferenceIndex, categories: Category[]): Entry | undefined {
  const tokens = value.split(/\s+/).filter(Boolean);
  for (let size = tokens.length - 1; size >= 1; size--) {
    for (let i = 0; i + size <= tokens.length; i++) {
      const text = tokens.slice(i, i + size).join(' ');
      const letters = text.replace(/[^\p{L}]/gu, '');
      if (size === 1 && letters.length < 6 && !(letters.length >= 2 && letters === letters.toUpperCase())) continue;
      const hit = index.find(text, ...categories);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Names run together where an HTML page puts links side by side with nothing between them ("ElectionsHuman rights"):
 * split where a lower-case letter meets a capital, when every piece is a known name; else the text as it is.
 */
function splitRunTogether(text: string, index: ReferenceIndex, categories: Category[]): string[] {
  const pieces = text.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  if (pieces.length < 2 || index.find(text, ...categories)) return [text];
  return pieces.every((p) => index.find(p, ...categories)) ? pieces : [text];
}

export interface ListOptions {
  category: Category;
  /** Categories whose names are known but give no IRI (a source "OSCE": the organization, not a structure). */
  also?: Category[];
  /** The note's code for a name left out, and what the name is ("source"). */
  code: string;
  what: string;
  /** Where names left out are noted. */
  notes: Problem[];
  /** The line the values were written on. */
  line?: number;
  /** The page's date (xsd:date): a field operation named by its place is the one open on that day. */
  date?: string;
}

/**
 * The title of an office in its grammatically masculine form, as the reference data names it, for pages that name
 * it after a woman holding it: "Représentante" → "Représentant", "Secrétaire générale", "Generalsekretärin",
 * "Hohe Kommissarin", "Beauftragte", "Segretaria generale", "Alta Comisionada".
 */
export function masculineForms(text: string): string[] {
  const out = text
    .replace(/(\p{L}{4,})ante\b/gu, '$1ant')
    .replace(/\bgénérale\b/giu, (m) => m.slice(0, -1))
    .replace(/\b(H)aute\b/gu, '$1aut')
    .replace(/\b(\p{Lu}\p{L}*(?:ar|är|or|ent|eur))in\b/gu, '$1')
    .replace(/\b(\p{Lu}\p{L}*(?:sekretär|kommissar|direktor|präsident|koordinator|vertreter))in\b/giu, '$1')
    .replace(/\b(Beauftragt|Hoh|Amtierend|Vorsitzend)e\b/gu, '$1er')
    .replace(/\b(Segretari|Comisionad|Commissari|Secretari|Alt)a\b/gu, '$1o');
  return out === text ? [] : [out];
}

const FUNCTION_WORD = /^(?:the|of|and|in|for|on|de|des|du|la|le|les|et|en|pour|der|die|das|und|für|di|e|per|del|della|y|para|los|las|и|в|по|та|з|i|u|za|na|të|e|dhe|і)$/u;

/** The content words of a name, for names written in another order ("Liberté des médias et développement"). */
function wordSet(text: string): string {
  return normalizeName(text).split(/[^\p{L}]+/u).filter((w) => w.length > 1 && !FUNCTION_WORD.test(w)).sort().join(' ');
}

/** The entry of `category` one of whose names has the same content words as `text`, when exactly one has. */
function sameWords(text: string, index: ReferenceIndex, category: Category): Entry | undefined {
  const want = wordSet(text);
  if (want.split(' ').length < 2) return undefined;
  const hits = new Set<string>();
  for (const s of [...index.surfaces, ...index.localSurfaces]) if (s.category === category && wordSet(s.text) === want) hits.add(s.iri);
  return hits.size === 1 ? index.entries.get([...hits][0] as string) : undefined;
}

/** Words of three letters or more without case or diacritics ("Кібер/ІКТ безпека" → кібер, ікт, безпека). */
function contentWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3 && !FUNCTION_WORDS.has(w));
}
const FUNCTION_WORDS = new Set(['and', 'the', 'for', 'und', 'der', 'die', 'des', 'les', 'des', 'pour', 'del', 'las', 'los', 'della', 'по', 'для', 'при', 'між', 'для', 'dhe', 'për', 'the']);

/** Whether two words share their stem: the first five letters (or the whole of a shorter word) of either begin the other. */
function sameStem(a: string, b: string): boolean {
  const stem = (w: string) => w.slice(0, Math.min(5, w.length));
  return a.startsWith(stem(b)) || b.startsWith(stem(a));
}

/**
 * A name of the reference data with the same words by their stems, in any order and inflection ("Полицейская
 * деятельность" for "Деятельность полиции", "Кібер/ІКТ безпека" for "Кібербезпека/безпека ІКТ"): two words or more,
 * each of either name matched in the other, and one entity only.
 */
function sameStems(text: string, index: ReferenceIndex, category: Category): Entry | undefined {
  const want = contentWords(text);
  if (want.length < 2) return undefined;
  const hits = new Set<string>();
  for (const s of [...index.surfaces, ...index.localSurfaces]) {
    if (s.category !== category) continue;
    const have = contentWords(s.text);
    if (have.length >= 2 && want.every((w) => have.some((h) => sameStem(w, h))) && have.every((h) => want.some((w) => sameStem(w, h)))) hits.add(s.iri);
  }
  return hits.size === 1 ? index.entries.get([...hits][0] as string) : undefined;
}

/** Words any field's name may have ("activities", "issues", "деятельность", "вопросы", "-fragen"): they tell no field apart. */
const GENERIC = /^(?:activit|issue|question|matter|area|work|field|вопрос|деятельн|діяльн|сфер|област|питанн|питањ|aktivit|frage|bereich|arbeit|activ|quest|domain|ambit|settor|tema|тем|fush|çeshtj|ceshtj|pitanj|oblast|rad|relativ|aux|mbi|secur|sicherh|безопасн|безпек|sigur|bezbed|managem|управлен|управлін|upravlj|menaxh|gestion|develop|развити|розвит|entwickl|developp|razvoj|zhvill|combat|борьб|протид|противод|bekampf|lutte|lucha|lotta|borba|luft|kunder|prevent|предотвр|запобіг|verhut|reform)/u;
/** German compounds ending in a generic word ("Umweltfragen", "Minderheitenarbeit"): the compound's first part. */
const GENERIC_TAIL = /(?<=\p{L}{4})(?:fragen|frage|arbeit|bereich|bereiche|themen|politik)$/u;

/** Whether two words are one word inflected: the same up to endings of three letters, or one the other's start (five letters or more). */
function sameWord(a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  const shorter = Math.min(a.length, b.length);
  const ending = p >= 6 ? 4 : 3;
  return (p === shorter && shorter >= 5) || (p >= 4 && a.length - p <= ending && b.length - p <= ending);
}

/**
 * A field of work named by its own words in another phrasing or language than the data's ("Экологические вопросы",
 * "Menschenhandel", "Umweltfragen", "Верховенство закона"): the words that tell fields apart (not "activities",
 * "issues"), those of them found in some field's name all found in names of one field only.
 */
function distinctiveWords(text: string, index: ReferenceIndex): Entry | undefined {
  const want = contentWords(text).map((w) => w.replace(GENERIC_TAIL, '')).filter((w) => w.length >= 4 && !GENERIC.test(w));
  if (want.length === 0) return undefined;
  const byWord = want.map((w) => {
    const fields = new Set<string>();
    for (const s of [...index.surfaces, ...index.localSurfaces]) {
      if (s.category === 'field' && contentWords(s.text).some((h) => sameWord(w, h))) fields.add(s.iri);
    }
    return fields;
  });
  // the first word that tells fields apart must be a field's ("Water management" is not "Border management"), and most of them
  const found = byWord.filter((f) => f.size > 0);
  if ((byWord[0] as Set<string>).size === 0 || found.length * 2 < want.length) return undefined;
  const common = [...(byWord[0] as Set<string>)].filter((iri) => found.every((f) => f.has(iri)));
  return common.length === 1 ? index.entries.get(common[0] as string) : undefined;
}

const CONJUNCTION = /^(.*?)(\S+)(\s+(?:und|and|et|e|y|i|и|та|dhe)\s+)(-?)(\S+)$/u;

/**
 * German pairs of compounds written out or with the shared part left out: "Medienfreiheit und Medienentwicklung" is
 * "Medienfreiheit und -entwicklung" (the shared first part, four letters or more, becomes a hyphen).
 */
function elidedForms(text: string): string[] {
  const m = CONJUNCTION.exec(text);
  if (!m || m[4]) return [];
  const [, lead, a, conj, , b] = m as unknown as [string, string, string, string, string, string];
  let k = 0;
  while (k < a.length && k < b.length && a[k]?.toLowerCase() === b[k]?.toLowerCase()) k++;
  return k >= 4 && k < b.length - 2 ? [`${lead}${a}${conj}-${b.slice(k)}`] : [];
}

/**
 * "Konfliktverhütung und -beilegung" where the reference data has "Konfliktverhütung und -lösung": a name whose
 * second part is elided is the one name of the category that starts with the same first part and conjunction.
 */
function sameFirstPart(text: string, index: ReferenceIndex, category: Category): Entry | undefined {
  const m = CONJUNCTION.exec(text);
  if (!m || !m[4] || (m[2] as string).length < 6) return undefined;
  const head = normalizeName(`${m[1]}${m[2]}${m[3]}-`);
  const hits = new Set<string>();
  for (const s of [...index.surfaces, ...index.localSurfaces]) if (s.category === category && normalizeName(s.text).startsWith(head)) hits.add(s.iri);
  return hits.size === 1 ? index.entries.get([...hits][0] as string) : undefined;
}

/**
 * A body named in the genitive, dative or accusative after a content type or a verb ("Saopštenje za javnost Misije
 * OEBS-a u Crnoj Gori", "Мисији ОЕБС у Србији", "Миссии ОБСЕ в …"): its first word back in the nominative of the
 * feminine nouns these names start with (Misija, Мисија, Миссия, Prezenca, Канцеларија), the rest as written.
 */
function nominativeHead(text: string): string[] {
  const m = /^(\p{Lu}\p{Ll}{3,}?)(e|i|u|om|ë|ës|ës|е|и|у|ом|ии|ию|ией|ії|ію|ією)(?=\s)/u.exec(text);
  if (!m) return [];
  const stem = m[1] as string;
  const rest = text.slice(m[0].length);
  const cyrillic = /\p{Script=Cyrillic}/u.test(stem);
  const endings = cyrillic ? (/[иі]$/u.test(stem) ? ['я'] : ['а', 'ия', 'ія']) : ['a', 'ë'];
  return endings.map((e) => `${stem}${e}${rest}`);
}

const SERBIAN_CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm',
  н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
};

/**
 * Serbian is written in both scripts, one-to-one: a name in Cyrillic is looked up in Latin too ("Слобода и развој
 * медија" is "Sloboda i razvoj medija"). Only text with a letter of the Serbian alphabet alone (ђ ј љ њ ћ џ) or
 * none of Russian's (ы э ё й щ ъ) is transliterated, so a Russian name is never read as Serbian.
 */
function serbianLatin(text: string): string[] {
  if (!/\p{Script=Cyrillic}/u.test(text) || /[ыэёйщъіїєґ]/iu.test(text)) return [];
  const latin = [...text].map((ch) => {
    const lower = ch.toLowerCase();
    const t = SERBIAN_CYRILLIC[lower];
    if (t === undefined) return ch;
    return ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
  }).join('');
  return latin === text ? [] : [latin];
}

/**
 * One name: as a whole (or its masculine form, its Latin spelling, its elided German form), else with the same words
 * in another order, else the one name sharing its first part, else one edit from exactly one name (fields: "Роми и
 * Синти" in Macedonian, "Рома и синти" in Russian), else a known name inside it, else (sources) the field operation
 * of the place it names.
 */
function resolveName(text: string, index: ReferenceIndex, o: ListOptions): Entry | undefined {
  const categories = [o.category, ...(o.also ?? [])];
  // "Co-ordinator of OSCE Economic …", "Coordonnateur des activités …": a Source naming an Office by its head's office
  const offices = o.category === 'structure' && /^\p{Lu}/u.test(text) ? [`Office of the ${text}`, `Bureau du ${text}`] : [];
  for (const form of [text, ...masculineForms(text), ...serbianLatin(text), ...elidedForms(text), ...offices, ...nominativeHead(text)]) {
    const whole = index.find(form, ...categories);
    if (whole) return whole;
  }
  const firstPart = sameFirstPart(text, index, o.category);
  if (firstPart) return firstPart;
  const near = o.category === 'field' ? index.findNear(text, o.category) : undefined;
  if (near) return near;
  const reordered = sameWords(text, index, o.category) ?? (o.category === 'field' ? sameStems(text, index, o.category) ?? distinctiveWords(text, index) : undefined);
  if (reordered) return reordered;
  const inside = containedName(text, index, [o.category]);
  if (inside) return inside;
  const operation = o.category === 'structure' ? operationByHost(text, index, o.date) : undefined;
  return operation ? index.entries.get(operation) : undefined;
}

/** "and" in the page languages, between two fields of work written as one value. */
const AND = /\s+(?:and|et|und|и|і|та|i|e|y|dhe|și)\s+/u;

/**
 * Two fields of work joined by "and" in one value ("Edukimi dhe të rinjtë", "Bildung und Jugend"), when the value is
 * no field's name: each side a field's name of its own, and two different fields ("Roma and Sinti" is one).
 */
function joinedFields(value: string, index: ReferenceIndex, o: ListOptions): Entry[] | undefined {
  if (index.find(value, 'field')) return undefined;
  const sides = value.split(AND);
  if (sides.length !== 2) return undefined;
  const found = sides.map((side) => {
    const capitalized = side.charAt(0).toUpperCase() + side.slice(1);
    return index.find(capitalized, 'field') ?? index.findNear(capitalized, 'field') ?? sameWords(capitalized, index, 'field') ?? sameStems(capitalized, index, 'field');
  });
  const [a, b] = found;
  return a && b && a.iri !== b.iri && found.every((e) => e?.category === o.category) ? [a, b] : undefined;
}

/**
 * Splits comma-separated values, re-joining neighbours when a name itself contains a comma, and resolves each.
 * Unknown names are left out and noted with `code` (a curator can add them to the reference data).
 */
export function resolveList(values: readonly string[], index: ReferenceIndex, o: ListOptions): string[] {
  const out: string[] = [];
  const categories = [o.category, ...(o.also ?? [])];
  const take = (hit: Entry) => { if (hit.category === o.category) out.push(hit.iri); };
  for (const value of values) {
    const whole = index.find(value, ...categories);
    if (whole) { take(whole); continue; }
    // values as lists: commas, semicolons, " | " and " · " separators; links run together ("ElectionsHuman rights")
    const parts = value.split(/\s*[,;]\s*|\s+[|·•]\s+/u).filter(Boolean).flatMap((p) => splitRunTogether(p, index, categories));
    for (let i = 0; i < parts.length; ) {
      let j = parts.length;
      for (; j > i + 1; j--) {
        const hit = index.find(parts.slice(i, j).join(', '), ...categories);
        if (hit) { take(hit); break; }
      }
      if (j === i + 1) {
        const part = parts[i] as string;
        const pair = o.category === 'field' ? joinedFields(part, index, o) : undefined;
        const hit = pair ? undefined : resolveName(part, index, o);
        if (pair) for (const e of pair) take(e);
        else if (hit) take(hit);
        else {
          const where = o.line ? ` (line ${o.line})` : '';
          o.notes.push({ code: o.code, message: `Unknown ${o.what} "${part}"${where}: not in the reference data, left out.`, value: part, ...(o.line ? { line: o.line } : {}) });
        }
      }
      i = j;
    }
  }
  return [...new Set(out)];
}

/** A place's name: at most four words, each capitalized or a particle ("Frankfurt am Main", "Ust-Kamenogorsk"). */
function looksLikePlaceName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length <= 4 && words.every((w) => /^(?:\p{Lu}[\p{L}'’.\-]*|am|an|de|del|di|la|le|on|upon|sur|na|nad)$/u.test(w));
}

/** "VIENNA" → "Vienna"; mixed-case names are kept as written. */
export function displayName(name: string): string {
  if (name !== name.toUpperCase()) return name.trim();
  return name.toLowerCase().replace(/(^|[\s\-/'’(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()).trim();
}

function placeOf(name: string, country: string | undefined, index: ReferenceIndex, iris: Iris): PlaceRef[] {
  const known = index.find(name, 'place');
  if (known) return [{ iri: known.iri, name: known.label, minted: false, country: known.country }];
  const asCountry = index.find(name, 'country');
  if (asCountry) return [{ iri: asCountry.iri, name: asCountry.label, minted: false, country: undefined }];
  if (name.includes('/')) return name.split(/\s*\/\s*/).filter(Boolean).flatMap((n) => placeOf(n, country, index, iris));
  const near = index.findNear(name, 'place');
  if (near) return [{ iri: near.iri, name: near.label, minted: false, country: near.country }];
  // "ROMA", "ОХРИД", "АЛМА-АТА": a city written in another language or script is the city of its English name
  const city = looksLikePlaceName(name) ? placeName(displayName(name)) : undefined;
  if (city) {
    const same = index.find(city, 'place');
    if (same) return [{ iri: same.iri, name: same.label, minted: false, country: same.country }];
    const slug = slugify(city);
    if (slug) return [{ iri: iris.entity('place', slug), name: city, minted: true, country }];
  }
  // Only a name is minted as a place: text with lower-case words or a colon ("Vienne Sujets : …", a value run into
  // the next field) gives the known place inside it, or nothing.
  if (!looksLikePlaceName(name)) {
    const inside = containedName(name, index, ['place']);
    return inside ? [{ iri: inside.iri, name: inside.label, minted: false, country: inside.country }] : [];
  }
  const display = displayName(name);
  // "ОХРИД", "ТБИЛИСИ": a Cyrillic name the data lacks gets its key in a simple Latin spelling ("ohrid", "tbilisi")
  const slug = slugify(display) || keySlug(display);
  if (!slug) return [];
  return [{ iri: iris.entity('place', slug), name: display, minted: true, country }];
}

function wholeCountry(part: string, index: ReferenceIndex): Entry | undefined {
  const hits = nameMatcher(index).find(part);
  const hit = hits.length === 1 && hits[0]?.category === 'country' && hits[0].start === 0 && hits[0].end === part.length ? hits[0] : undefined;
  return hit ? index.entries.get(hit.iri) : undefined;
}

/** Places from comma-separated groups; a group naming a country gives the State of the cities before it. */
export function resolvePlaces(groups: readonly string[], index: ReferenceIndex, iris: Iris): PlaceRef[] {
  const out: PlaceRef[] = [];
  // "Vienne (Autriche)": a country in parentheses is a group of its own, as after a comma
  const parts = groups.flatMap((g) => g.replace(/\s*\(([^()]+)\)/g, ', $1').split(/\s*[,;]\s*/)).filter(Boolean);
  let pending: string[] = [];
  const flush = (country: string | undefined) => {
    for (const name of pending) out.push(...placeOf(name, country, index, iris));
    pending = [];
  };
  for (const part of parts) {
    // a country in a language CLDR names are not read for ("Korçë, Shqipëri"): the whole part a State's name in the matcher
    const country = index.find(part, 'country') ?? wholeCountry(part, index);
    const isPlace = index.find(part, 'place');
    if (country && !isPlace && pending.length > 0) flush(country.iri);
    else pending.push(part);
  }
  flush(undefined);
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.iri) && seen.add(p.iri));
}
