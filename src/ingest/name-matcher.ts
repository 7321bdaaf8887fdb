/**
 * Names of the reference data found in running text in any of the languages pages are written in: structures, field
 * operations, States (by their names in the OSCE and host-country languages, older names and demonyms), places,
 * fields of work and the persons of the graph (office holders). Words are compared without case or diacritics;
 * in languages that inflect names (Russian "Кыргызстана", Serbian "Srbije", Albanian "Shqipërinë", German
 * "schwedische") a word also matches a name's word when it is that word's stem plus a short ending. The longest name
 * at a position wins, so "Mission to Serbia" is the Mission, not Serbia. The word "OSCE" (in any language) is optional
 * inside names: "OSZE-Mission im Kosovo" is the "Mission in Kosovo".
 */
import { NS, type Kind } from '../model/ns.js';
import { isFirstName, isSurname, isUsState } from './homonyms.js';
import type { ReferenceIndex } from './reference-index.js';

export type NameCategory = 'structure' | 'country' | 'place' | 'field' | 'organization' | 'person';

export interface NameHit {
  iri: string;
  category: NameCategory;
  /** The name is a demonym ("Norwegian", "schwedische"): a State only where it stands for the State. */
  demonym: boolean;
  /** Character offsets in the text. */
  start: number;
  end: number;
  text: string;
  /** A State's name that is part of a person's name here ("Jordan Whitfield", "Lena Jordan"): category `person`. */
  firstName?: boolean;
  /** The structure named by its head's office ("Co-ordinator of OSCE Economic and Environmental Activities"). */
  headOffice?: boolean;
}

interface Surface {
  iri: string;
  category: NameCategory;
  demonym: boolean;
  words: string[];
  /** Whether the name's words may carry an inflectional ending in the text. */
  inflects: boolean;
  /** Primary language subtag of the name ('' when untagged). */
  lang: string;
  /** An abbreviation ("FRY", "SMM", "ODIHR"): matched only as written, in capitals. */
  exact: string | undefined;
  /** The name starts with a capital, so its first word in the text must too ("Georgia", not "georgia"). */
  capital: boolean;
  /** Matched only on pages in the name's own language (a State's name written in lower case as its adjective). */
  ownLanguageOnly?: boolean;
  /** A Slavic State name's stem: the adjective is the stem with a "-sk-" suffix ("Украина" → "украинская"). */
  adjectiveStem?: string;
  /** The stem is already the adjective's ("польск-", from the language's name): only a case ending follows. */
  stemIsAdjective?: boolean;
  /** A demonym written without its compass word ("Korean" for "South Korean"): not after another compass word. */
  compassDropped?: boolean;
  /** A structure's name without "Office of the": its head's office. */
  headOffice?: boolean;
}

/** Slavic languages whose CLDR language names give a State's irregular adjective ("польский", "німецька", "nemački"). */
const LANGUAGE_NAME_LOCALES = ['ru', 'uk', 'sr', 'sr-Latn', 'mk', 'bs', 'hr', 'bg', 'be'];
/** An adjective's ending in those languages: "польск-ий", "німецьк-а", "nemačk-i". */
const ADJECTIVE_ENDING = /(?:ий|ый|ой|ая|а|и|і|i|y)$/u;

/**
 * A State's adjective in the Slavic languages, where its name's stem does not give it ("Польша" / "польский",
 * "Германия" / "немецкий", "Турция" / "турецкий", "Греция" / "греческий"): the name of the language whose English
 * name is the State's English demonym ("Polish", "German"), as CLDR writes it in that language, without its
 * ending. States whose demonym names no language ("Swiss", "Austrian") have none, and need none: their adjective is
 * formed on their name. Returns [locale, stem] pairs.
 */
function languageAdjectives(demonym: string): [string, string][] {
  const code = englishLanguageNames().get(demonym.toLowerCase());
  if (!code) return [];
  const out: [string, string][] = [];
  for (const locale of LANGUAGE_NAME_LOCALES) {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    if (!name || /\s/u.test(name)) continue;
    // the ending is cut before folding, which would make "-ий" "-ии"
    const stem = fold(name.replace(ADJECTIVE_ENDING, ''));
    if (stem.length >= 4 && stem !== fold(name)) out.push([locale, stem]);
  }
  return out;
}

/** Romance languages whose name of a language is also the adjective of its people and State ("polacco", "neerlandés"). */
const ROMANCE_LANGUAGE_NAME_LOCALES = ['it', 'es', 'fr'];

/** [locale, adjective] pairs: the CLDR name of the language whose English name is `demonym`, in lower case, one word. */
function romanceLanguageAdjectives(demonym: string): [string, string][] {
  const code = englishLanguageNames().get(demonym.toLowerCase());
  if (!code) return [];
  const out: [string, string][] = [];
  for (const locale of ROMANCE_LANGUAGE_NAME_LOCALES) {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    if (name && /^\p{Ll}{4,}$/u.test(name)) out.push([locale, name]);
  }
  return out;
}

/**
 * A State's adjective where neither its name nor a language gives it ("American", "British": "американская",
 * "британские", "американська"): CLDR names a regional variant of a language after it ("American English", "British
 * English"), and in Russian and Macedonian that variant's name begins with the adjective ("британский английский",
 * "американски англиски"). Its stem before "-ск-" is a name stem in every Slavic language ("британ-ськ-",
 * "американ-ск-"), as a State name's is. Returns the stems.
 */
function variantAdjectiveStems(demonym: string): string[] {
  const variant = englishVariantNames().get(demonym.toLowerCase());
  if (!variant) return [];
  const out = new Set<string>();
  for (const locale of ['ru', 'mk']) {
    const first = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(variant)?.split(/\s+/u)[0];
    const stem = first && /(?:ский|ски)$/u.test(first) ? fold(first.replace(/(?:ский|ски)$/u, '')) : undefined;
    if (stem && stem.length >= 4) out.add(stem);
  }
  return [...out];
}

let variantNames: Map<string, string> | undefined;

/** The first word of the English names of regional variants of languages ("British English" → "british": en-GB). */
function englishVariantNames(): Map<string, string> {
  if (variantNames) return variantNames;
  const names = new Map<string, string>();
  const en = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (const lang of ['en', 'fr', 'de', 'es', 'pt', 'nl', 'it']) {
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const region = String.fromCharCode(a, b);
        if (!regions.of(region)) continue;
        const name = en.of(`${lang}-${region}`);
        const m = name && new RegExp(`^(\\p{L}+) ${en.of(lang) ?? '-'}$`, 'u').exec(name);
        if (m && !names.has((m[1] as string).toLowerCase())) names.set((m[1] as string).toLowerCase(), `${lang}-${region}`);
      }
    }
  }
  variantNames = names;
  return names;
}

let languageNames: Map<string, string> | undefined;

/** English language names of the two-letter language codes (CLDR via Intl), lower case → code. */
function englishLanguageNames(): Map<string, string> {
  if (languageNames) return languageNames;
  const names = new Map<string, string>();
  const en = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      const name = en.of(code);
      if (name && name !== code && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), code);
    }
  }
  languageNames = names;
  return names;
}

/** Slavic languages that form a State's adjective with "-sk-" from its name ("российская", "srpski", "українська"). */
const SK_LANGUAGES = new Set(['ru', 'uk', 'sr', 'mk', 'bs', 'hr', 'be', 'bg']);
/** Endings of a Slavic State name dropped to find the adjective's stem: "Россия" → "росси-йская", "Казахстан" → "казахстан-ский". */
const NAME_ENDING = /(?:ия|ія|ија|ija|ia|а|я|a|ь|о|o)$/u;
/** The adjective after the stem: up to two letters ("-ий-", "-ин-"), "-sk-"/"-ськ-", and a case ending. */
const SK_ADJECTIVE = /^(?:\p{L}{0,2})(?:ск|ськ|sk|šk)(?:\p{L}{1,4})$/u;

/** Serbian Cyrillic to Latin, folded as tokens are ("ш" → "s", as "š" folds); undefined for letters Serbian lacks. */
const SERBIAN_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'z', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm',
  н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's',
};

function toSerbianLatin(word: string): string | undefined {
  let out = '';
  for (const ch of word) {
    const l = SERBIAN_LATIN[ch];
    if (l === undefined) return undefined;
    out += l;
  }
  return out;
}

/** The stems a Slavic State name's adjective is formed on: without its ending, and without "-stan" ("кыргыз-ские", "узбек-ский"). */
function adjectiveStemsOf(word: string): string[] {
  const stems = [word.replace(NAME_ENDING, ''), word.replace(/(?:стан|stan)$/u, ''), word.replace(/(?:истан|istan)$/u, '')];
  return [...new Set(stems)].filter((stem) => stem.length >= 4);
}

/**
 * Languages that write a State's adjective in lower case with the spelling of its name ("les autorités suisses",
 * "la presidenza italiana" is another word): there a lower-case State name is its demonym.
 */
const LOWER_CASE_ADJECTIVES = new Set(['fr', 'it', 'es']);
/** Languages in which an English demonym takes an agreement ending ("kazakhe", "kazakhs"). */
const AGREEING = new Set(['fr', 'it', 'es']);

const CATEGORY: Partial<Record<Kind, NameCategory>> = {
  organization: 'organization', structure: 'structure', 'field-operation': 'structure', field: 'field', place: 'place',
  country: 'country', territory: 'country', person: 'person',
};
const NAME_PROPS = new Set([`${NS.schema}name`, `${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`, `${NS.osce}abbreviation`, `${NS.osce}formerName`, `${NS.skos}hiddenLabel`]);
const DEMONYM = `${NS.osce}demonym`;
/** Languages whose names are looked up in CLDR for States (host-country languages of field operations too). */
const CLDR_LANGUAGES = ['en', 'fr', 'de', 'it', 'es', 'ru', 'uk', 'sr', 'sr-Latn', 'mk', 'sq', 'bs', 'hr', 'ro', 'ka', 'hy', 'az', 'kk', 'ky', 'tg', 'uz'];
/** Languages written in Cyrillic that are not Slavic: their names inflect on their own pages only. */
const NON_SLAVIC_CYRILLIC = new Set(['kk', 'ky', 'tg', 'mn']);
/** Languages in which names inflect (case endings, adjective agreement). */
const INFLECTING = /^(?:ru|uk|sr|mk|sq|bs|hr|pl|cs|sk|sl|bg|be|lt|lv|ro|de|fr|es|it)/;
/** The name of the organization itself in the OSCE and host-country languages: optional inside other names. */
// (and the CSCE's names before 1995 in the page languages: "СБСЕ", "НБСЄ", "KSZE", "KEBS", "КЕБС", "CSCE")
const OSCE_WORDS = new Set(['osce', 'osze', 'obse', 'обсе', 'обсє', 'osbe', 'oebs', 'оебс', 'обсе', 'csce', 'kse', 'sbse', 'ossce', 'agit', 'сбсе', 'нбсє', 'ksze', 'kebs', 'кебс', 'kbse']);
const ARTICLE_WORDS = new Set(['the', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'el', 'il']);
// ("de la OSCE" in Spanish: "Representante de la OSCE para la Libertad de los Medios")
const OF_WORDS = new Set(['de', 'l', 'd', 'der', 'des', 'du', 'of', 'the', 'dell', 'della', 'del', 'la']);
// compared with folded tokens (no diacritics), so Albanian "-së", "-në" are written "se", "ne" here
const LATIN_ENDINGS = /^(?:|a|e|i|o|u|y|om|em|oj|ju|je|ji|ama|ima|es|se|ne|en|ja|nes|er|s|as|os|n|t|og|oga|ome|im|ih)$/u;
/** Whether `b` is `a` (eight letters or more) with one letter inserted or left out. */
function oneLetterApart(a: string, b: string): boolean {
  if (a.length < 8 || Math.abs(a.length - b.length) !== 1) return false;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let k = 0;
  while (k < short.length && long[k] === short[k]) k++;
  // inside the word: a letter added at its end makes another word ("Bulgarian", "Albanians")
  return k >= 3 && k < short.length - 1 && long.slice(k + 1) === short.slice(k);
}

/** Compass words that open some States' demonyms ("South Korean", "Sud coréen"), folded. */
const COMPASS_WORDS = new Set(['south', 'north', 'sud', 'nord', 'sued']);
/** Albanian linking articles (folded), which change with a name's case: i, e, të, së. */
const ALBANIAN_LINKS = new Set(['i', 'e', 'te', 'se']);
const VOWEL_END = /[aeiouyаеёиоуыэюяіїєьйъ]{1,2}$/u;

export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], folded: fold(m[0]), start: m.index, end: m.index + m[0].length }));
}

function surfaceOf(iri: string, category: NameCategory, name: string, lang: string, demonym: boolean): Surface | undefined {
  const tokens = tokenize(name).filter((t) => !OSCE_WORDS.has(t.folded));
  while (tokens.length > 1 && ARTICLE_WORDS.has((tokens[0] as Token).folded)) tokens.shift();
  if (tokens.length === 0) return undefined;
  const words = tokens.map((t) => t.folded);
  // French, Italian and Spanish write the names of bodies in lower case in running text ("la présidence italienne")
  const capital = !demonym && /^\p{Lu}/u.test((tokens[0] as Token).text) && !(category === 'structure' && /^(?:fr|it|es)/u.test(lang));
  const letters = name.replace(/[^\p{L}]/gu, '');
  const abbreviation = letters.length <= 6 && letters === letters.toUpperCase() && /\p{Lu}{2}/u.test(letters);
  if (!abbreviation && letters.length < 4) return undefined;
  const inflects = INFLECTING.test(lang) || /\p{Script=Cyrillic}/u.test(name);
  return { iri, category, demonym, words, inflects, lang: primary(lang), exact: abbreviation ? name.trim().replace(/^(?:OSCE|OSZE|ОБСЕ|ОБСЄ)[\s-]+/u, '') : undefined, capital };
}

const primary = (lang: string): string => {
  const p = lang.toLowerCase().split('-')[0] ?? '';
  return ['hr', 'bs', 'sr'].includes(p) ? 'sr' : p;
};

/**
 * Whether a token is `nameWord` or, in an inflecting language, its stem plus a case ending. The stem drops a final
 * vowel ("Litva" → "Litvi", "Bosna" → "Bosne"); inside a name of several words, where the other words confirm it,
 * a stem of three letters is enough ("Crna Gora" → "Crne Gore").
 */
function wordMatches(nameWord: string, token: Token, inflects: boolean, multiword = false, german = false, albanian = false): boolean {
  if (token.folded === nameWord) return true;
  // inside a name of several words, where the others confirm it, a word of three letters inflects too ("Mal i Zi" → "Mali i Zi")
  if (!inflects || nameWord.length < (multiword ? 3 : 4)) return false;
  // German offices in the feminine and as weak adjectival nouns: "Generalsekretärin", "die Beauftragte" ("Beauftragter")
  if (german && nameWord.length >= 6 && /^(?:in|innen)$/u.test(token.folded.slice(nameWord.length)) && token.folded.startsWith(nameWord)) return true;
  if (german && /er$/u.test(nameWord) && nameWord.length >= 5 && [nameWord.slice(0, -1), `${nameWord.slice(0, -1)}n`].includes(token.folded)) return true;
  // a German adjective inside a name declines: "Vereinigtes Königreich" → "dem Vereinigten Königreich"
  if (german && multiword && nameWord.length >= 6 && /^\p{Ll}+(?:es|er|em|en|e)$/u.test(nameWord)) {
    const stem = nameWord.replace(/(?:es|er|em|en|e)$/u, '');
    if (token.folded.startsWith(stem) && /^(?:es|er|em|en|e)$/u.test(token.folded.slice(stem.length))) return true;
  }
  const minBase = multiword ? 3 : 4;
  const stem = nameWord.length >= minBase + 1 ? nameWord.replace(VOWEL_END, '') : nameWord;
  // one vowel off too: Albanian "Mbretëria" → "Mbretërisë", "Italia" → "Italisë"; and Albanian's fleeting "ë"
  // before a last consonant ("Zvicër" → "Zvicra", "Zvicrës"), compared folded ("zvicer" → "zvicr")
  const stem1 = nameWord.length >= minBase + 1 ? nameWord.replace(/[aeiouyаеёиоуыэюяіїєьйъ]$/u, '').replace(albanian ? /e([rln])$/u : /(?!)/u, '$1') : nameWord;
  // Cyrillic case endings are many; Latin-script ones are few, and "-ian", "-ese" make a demonym, not a case
  return [nameWord, stem, stem1].some((base) => {
    if (base.length < minBase || !token.folded.startsWith(base)) return false;
    const ending = token.folded.slice(base.length);
    return /\p{Script=Cyrillic}/u.test(ending) ? ending.length <= 3 : LATIN_ENDINGS.test(ending);
  });
}

function osceAhead(tokens: Token[], t: number): boolean {
  for (let k = t; k < tokens.length && k < t + 3; k++) {
    if (OSCE_WORDS.has((tokens[k] as Token).folded)) return true;
    if (!OF_WORDS.has((tokens[k] as Token).folded)) return false;
  }
  return false;
}

export class NameMatcher {
  private readonly byKey = new Map<string, Surface[]>();

  constructor(index: ReferenceIndex) {
    const seen = new Set<string>();
    const add = (iri: string, category: NameCategory, name: string, lang: string, demonym: boolean) => {
      const s = surfaceOf(iri, category, name, lang, demonym);
      if (s && category === 'country' && !demonym && s.words.length === 1 && SK_LANGUAGES.has(s.lang)) {
        for (const stem of adjectiveStemsOf(s.words[0] as string)) {
          // Serbian "Švajcarska", "Nemačka": the name is itself the adjective's feminine, so its stem is the adjective's
          const stemIsAdjective = /(?:sk|ck|ск|цк|шк|чк)$/u.test(stem);
          this.addAdjective({ ...s, words: [stem], demonym: true, capital: false, adjectiveStem: stem, exact: undefined, stemIsAdjective }, seen);
        }
      }
      if (s && category === 'country' && !demonym && s.words.length === 1 && LOWER_CASE_ADJECTIVES.has(s.lang)) {
        const adjective = { ...s, demonym: true, capital: false, ownLanguageOnly: true };
        const id = `${iri} ${s.words.join(' ')} ${s.inflects} adjective`;
        if (!seen.has(id)) {
          seen.add(id);
          const key = (s.words[0] as string).slice(0, 3);
          this.byKey.set(key, [...(this.byKey.get(key) ?? []), adjective]);
        }
      }
      // the language is part of a name's identity: Italian and Spanish both write "Grecia", and a Spanish page must find it
      const id = s && `${iri} ${s.words.join(' ')} ${s.inflects} ${demonym} ${s.exact} ${s.lang}`;
      if (!s || !id || seen.has(id)) return;
      seen.add(id);
      const key = (s.words[0] as string).slice(0, 3);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), s]);
      // "South Korean" is also written "Korean" (not after "North")
      if (demonym && s.words.length > 1 && COMPASS_WORDS.has(s.words[0] as string)) this.push({ ...s, words: s.words.slice(1), compassDropped: true });
    };
    for (const q of index.quads) {
      if (q.subject.termType !== 'NamedNode' || q.object.termType !== 'Literal') continue;
      const kind = index.iris.parseEntity(q.subject.value)?.kind;
      const category = kind ? CATEGORY[kind] : undefined;
      if (!category) continue;
      const isDemonym = q.predicate.value === DEMONYM;
      if (!isDemonym && !NAME_PROPS.has(q.predicate.value)) continue;
      if (category === 'person' && q.predicate.value !== `${NS.schema}name`) continue;
      add(q.subject.value, category, q.object.value, q.object.language || 'en', isDemonym);
      if (isDemonym && category === 'country' && (q.object.language || 'en') === 'en') {
        for (const stem of variantAdjectiveStems(q.object.value)) {
          for (const lang of SK_LANGUAGES) {
            this.addAdjective({
              iri: q.subject.value, category, demonym: true, words: [stem], inflects: true, lang, exact: undefined,
              capital: false, adjectiveStem: stem, stemIsAdjective: false,
            }, seen);
          }
        }
        // Romance adjectives that i18n-nationality lacks or left out (Italian has no list there; Spanish gives "holandés"
        // only, not "neerlandés"): the name of the language whose English name is the demonym ("polacco", "russo",
        // "neerlandés", "néerlandais"), an adjective in lower case in those languages, agreeing as the others do
        for (const [locale, name] of romanceLanguageAdjectives(q.object.value)) add(q.subject.value, category, name, locale, true);
        for (const [locale, stem] of languageAdjectives(q.object.value)) {
          this.addAdjective({
            iri: q.subject.value, category, demonym: true, words: [stem], inflects: true, lang: primary(locale), exact: undefined,
            capital: false, adjectiveStem: stem, stemIsAdjective: true,
          }, seen);
        }
      }
    }
    // "Office of the Co-ordinator of OSCE Economic and Environmental Activities" is named by its head's office too
    // ("Deputy Co-ordinator of OSCE Economic …"), unless that office is another entity's name ("Secretary General")
    const named = new Set([...this.byKey.values()].flat().map((x) => x.words.join(' ')));
    for (const q of index.quads) {
      if (q.subject.termType !== 'NamedNode' || q.object.termType !== 'Literal' || !NAME_PROPS.has(q.predicate.value)) continue;
      // ("Бюро Координатора экономической и экологической деятельности ОБСЕ": the head's office in the genitive, as the
      // pages write it after "По словам")
      const office = /^(?:Office of the|Bureau du|Бюро|Büro des) (\p{Lu}.{11,})$/u.exec(q.object.value)?.[1];
      const kind = index.iris.parseEntity(q.subject.value)?.kind;
      const s = office && kind === 'structure' ? surfaceOf(q.subject.value, 'structure', office, q.object.language || 'en', false) : undefined;
      if (s && !named.has(s.words.join(' '))) this.push({ ...s, headOffice: true });
    }
    for (const q of index.quads) {
      if (q.predicate.value !== `${NS.osce}iso2` || q.subject.termType !== 'NamedNode') continue;
      for (const lang of CLDR_LANGUAGES) {
        for (const style of ['long', 'short'] as const) {
          const name = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' }).of(q.object.value.toUpperCase());
          if (name && q.object.value.toUpperCase() !== 'VA') add(q.subject.value, 'country', name, lang, false);
          // "Republik Moldau" is also "Moldau" ("OSZE-Mission in Moldau"), "République de Moldavie" "Moldavie"
          const bare = name && lang !== 'en' ? /^(?:Republik|République de|Repubblica di|República de|Республика|Република|Republika)\s+(\p{Lu}\p{L}{3,})$/u.exec(name)?.[1] : undefined;
          if (bare) add(q.subject.value, 'country', bare, lang, false);
        }
      }
    }
  }

  private push(s: Surface): void {
    const key = (s.words[0] as string).slice(0, 3);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), s]);
  }

  /**
   * A State's adjective stem, and for a Cyrillic one its Serbian Latin spelling too (Serbian is written in both
   * alphabets: "британск-" is "britansk-"), matched on Serbian pages only, as Latin-script names of a language are.
   */
  private addAdjective(adjective: Surface, seen: Set<string>): void {
    const stem = adjective.adjectiveStem as string;
    const latin = /\p{Script=Cyrillic}/u.test(stem) ? toSerbianLatin(stem) : undefined;
    const forms: Surface[] = [adjective];
    if (latin) forms.push({ ...adjective, words: [latin], adjectiveStem: latin, lang: 'sr' });
    for (const form of forms) {
      const id = `${form.iri} ${form.adjectiveStem} ${form.stemIsAdjective ? 'whole' : 'sk'} adjective`;
      if (seen.has(id)) continue;
      seen.add(id);
      const key = (form.adjectiveStem as string).slice(0, 3);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), form]);
    }
  }

  /**
   * Every name at its longest, in order of appearance; overlapping shorter names are dropped. `language` is the
   * page's: Latin-script names inflect, and names in other languages than it and English count, only when it is
   * given. `page`, the whole page when `text` is a part of it, is where a surname is looked for elsewhere
   * (homonyms.ts).
   */
  find(text: string, language = '', page = text): NameHit[] {
    const tokens = tokenize(text);
    const lang = primary(language);
    const hits: NameHit[] = [];
    for (let i = 0; i < tokens.length; ) {
      const first = tokens[i] as Token;
      if (OSCE_WORDS.has(first.folded)) { i++; continue; }
      let best: { s: Surface; last: number } | undefined;
      for (const s of this.byKey.get(first.folded.slice(0, 3)) ?? []) {
        const last = this.matchAt(s, tokens, i, text, lang);
        if (last !== undefined && (!best || tokens[last]!.end > tokens[best.last]!.end || (last === best.last && !s.demonym && best.s.demonym))) best = { s, last };
      }
      if (!best) { i++; continue; }
      const end = (tokens[best.last] as Token).end;
      hits.push({ iri: best.s.iri, category: best.s.category, demonym: best.s.demonym, start: first.start, end, text: text.slice(first.start, end), ...(best.s.headOffice ? { headOffice: true } : {}) });
      i = best.last + 1;
    }
    return resolveHomonyms(text, hits, page);
  }

  private matchAt(s: Surface, tokens: Token[], i: number, text: string, lang: string): number | undefined {
    // A name in another language than the page's (and not English) is a word of that language here: German and
    // Croatian "Island" is Iceland, but an English page's "Island" is an island.
    if (lang && s.lang && s.lang !== 'en' && s.lang !== lang && !s.exact && /\p{Script=Latin}/u.test(s.words.join(''))) return undefined;
    if (s.ownLanguageOnly && s.lang !== lang) return undefined;
    if (s.compassDropped && i > 0 && COMPASS_WORDS.has((tokens[i - 1] as Token).folded)) return undefined;
    if (s.adjectiveStem) {
      const token = tokens[i] as Token;
      const ending = token.folded.slice(s.adjectiveStem.length);
      const fits = s.stemIsAdjective ? /^\p{L}{1,4}$/u.test(ending) : SK_ADJECTIVE.test(ending);
      return token.folded.startsWith(s.adjectiveStem) && fits ? i : undefined;
    }
    // a Cyrillic name inflects on any page when it is a Slavic language's (Russian names on Ukrainian pages), but a
    // Kazakh, Kyrgyz or Tajik name only on a page in that language: Kazakh "Ресей" (Russia) is not the Macedonian town
    // "Ресен" with a case ending
    const inflects = (s.inflects && (s.lang === lang || (/\p{Script=Cyrillic}/u.test(s.words.join('')) && !NON_SLAVIC_CYRILLIC.has(s.lang)))) || (s.demonym && s.lang === 'en' && AGREEING.has(lang));
    // a short Romance demonym agrees too: Spanish "ruso" → "rusa", "rusos" (four letters are too few for the stem rule)
    if (s.demonym && inflects && AGREEING.has(lang) && s.words.length === 1 && /^\p{L}{3}[oa]$/u.test(s.words[0] as string)) {
      const t = (tokens[i] as Token).folded;
      if (t.startsWith((s.words[0] as string).slice(0, 3)) && /^(?:o|a|os|as)$/u.test(t.slice(3))) return i;
    }
    if (s.exact) return (tokens[i] as Token).text === s.exact || text.startsWith(s.exact, (tokens[i] as Token).start) ? this.exactEnd(s.exact, tokens, i) : undefined;
    // a State's long one-word name spelled with one letter more or less, on a page in that name's language
    // ("Kazajstán" for CLDR's "Kazajistán", "Kirgistan")
    if (s.category === 'country' && !s.demonym && s.words.length === 1 && s.lang === lang && oneLetterApart(s.words[0] as string, (tokens[i] as Token).folded) && /^\p{Lu}/u.test((tokens[i] as Token).text)) return i;
    let t = i;
    for (let w = 0; w < s.words.length; w++, t++) {
      // "Représentante de l'OSCE pour …", "Hohe Kommissar der OSZE für …": the organization named inside a name
      // (but not the name's own "of" before it: "Co-ordinator of OSCE Economic …")
      while (w > 0 && t < tokens.length && (OSCE_WORDS.has((tokens[t] as Token).folded) || (OF_WORDS.has((tokens[t] as Token).folded) && (tokens[t] as Token).folded !== s.words[w] && osceAhead(tokens, t)))) {
        t++;
        // "ОЕБС-а", "OSBE-së", "ОБСЕ-то": the organization's abbreviation with a case ending or article after a hyphen
        const ending = tokens[t];
        if (ending && ending.folded.length <= 3 && OSCE_WORDS.has((tokens[t - 1] as Token).folded) && /^[-‑]$/u.test(text.slice((tokens[t - 1] as Token).end, ending.start)) && ending.folded !== s.words[w]) t++;
      }
      const token = tokens[t];
      // Albanian joins a name's words with an article that agrees with the case: "Mbretëria e Bashkuar", "Mbretërisë së Bashkuar"
      const linked = s.lang === 'sq' && w > 0 && token !== undefined && ALBANIAN_LINKS.has(s.words[w] as string) && ALBANIAN_LINKS.has(token.folded);
      if (!token || (!linked && !wordMatches(s.words[w] as string, token, inflects, s.words.length > 1, s.lang === 'de', s.lang === 'sq'))) return undefined;
      if (w === 0 && s.capital && !/^[\p{Lu}\p{N}]/u.test(token.text)) return undefined;
      if (t > i && !/^[\s'’/-]*$/u.test(text.slice((tokens[t - 1] as Token).end, token.start))) return undefined;
    }
    return t - 1;
  }

  private exactEnd(exact: string, tokens: Token[], i: number): number | undefined {
    const start = (tokens[i] as Token).start;
    for (let t = i; t < tokens.length; t++) {
      const end = (tokens[t] as Token).end;
      if (end - start === exact.length) return t;
      if (end - start > exact.length) return undefined;
    }
    return undefined;
  }
}

/** State names that are a person's first name or a US state here: the first become parts of a person's name, the others go. */
function resolveHomonyms(text: string, hits: NameHit[], page: string): NameHit[] {
  const out: NameHit[] = [];
  // a part of the page (an attribution's subject) is judged in the page's context: "a déclaré France Lemaire"
  const base = page === text ? 0 : page.indexOf(text);
  const context = base >= 0 ? page : text;
  const shift = (h: NameHit | undefined): NameHit | undefined => (h && base > 0 ? { ...h, start: h.start + base, end: h.end + base } : h);
  hits.forEach((hit, i) => {
    const h = shift(hit) as NameHit;
    if (hit.category !== 'country') out.push(hit);
    else if (isFirstName(context, h, shift(hits[i + 1]), page) || isSurname(context, h, page)) out.push({ ...hit, category: 'person', firstName: true });
    else if (!isUsState(context, h)) out.push(hit);
  });
  return out;
}

const cache = new WeakMap<ReferenceIndex, NameMatcher>();

/** The matcher over an index's reference data (built once per index). */
export function nameMatcher(index: ReferenceIndex): NameMatcher {
  let m = cache.get(index);
  if (!m) {
    m = new NameMatcher(index);
    cache.set(index, m);
  }
  return m;
}
