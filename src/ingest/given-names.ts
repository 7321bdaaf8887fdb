/**
 * Given names, from the lists of the gender-detection-from-name package (MIT; English, French, German, Italian,
 * Spanish and Turkish first names). They decide two things a capital letter cannot: on a German page, where every
 * noun is capitalized, where a person's name starts after the words of an office ("Minister für Äußeres Sebastian
 * Kurz"); and whether a State's name before a surname is a first name ("Jordan Smith"). The lists miss many names
 * of the OSCE area (Central Asian, Caucasian, Cyrillic), so a name never needs to be in them: they only confirm.
 * Read on first use (about 2 MB of JavaScript; pages in other languages without State-name homonyms never load it).
 */
import { createRequire } from 'node:module';

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const LANGUAGES = ['en', 'fr', 'de', 'it', 'es', 'tr'] as const;

let table: Map<string, number> | undefined;
/** Per given name, how many of the lists call it male and how many female. */
let genders: Map<string, { male: number; female: number }> | undefined;

/** How many of the package's languages list each folded given name. */
function names(): Map<string, number> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const t = new Map<string, number>();
  const g = new Map<string, { male: number; female: number }>();
  for (const lang of LANGUAGES) {
    const list = require(`gender-detection-from-name/names/${lang}.js`) as Map<string, string>;
    for (const name of new Set([...list.keys()].map(fold))) t.set(name, (t.get(name) ?? 0) + 1);
    for (const [name, gender] of list) {
      const count = g.get(fold(name)) ?? { male: 0, female: 0 };
      if (gender === 'male' || gender === 'female') count[gender]++;
      g.set(fold(name), count);
    }
  }
  table = t;
  genders = g;
  return t;
}

/** Surname endings that give a person's gender in the Slavic languages ("Бекешова", "Kowalska" / "Петров", "Ковальський"). */
const FEMININE_SURNAME = /(?:ова|ева|ёва|ина|ская|цкая|ська|цька|ova|eva|ska|cka)$/u;
const MASCULINE_SURNAME = /(?:ов|ев|ёв|ин|ский|цкий|ський|цький|ov|ev|ski|sky|skiy|cki)$/u;

/**
 * A person's gender as their name tells it, or undefined: the given name's in the lists (when they agree), else a
 * Slavic surname's ending. For a pronoun to agree with the person it stands for ("…," she said).
 */
export function genderOf(name: string): 'male' | 'female' | undefined {
  names();
  const words = name.split(/\s+/u).filter(Boolean);
  const first = words[0] ?? '';
  const spellings = /\p{Script=Cyrillic}/u.test(first) ? latinSpellings(first.toLowerCase()) : [fold(first)];
  // the gender most lists give the name, when the others are at most half as many ("unisex" names have none)
  let male = 0;
  let female = 0;
  for (const s of spellings) { male += genders?.get(s)?.male ?? 0; female += genders?.get(s)?.female ?? 0; }
  if (male > 2 * female) return 'male';
  if (female > 2 * male) return 'female';
  const last = (words.length > 1 ? words[words.length - 1] : '')?.toLowerCase() ?? '';
  if (FEMININE_SURNAME.test(last)) return 'female';
  if (MASCULINE_SURNAME.test(last)) return 'male';
  return undefined;
}

/**
 * Whether a word is a given name in at least `languages` of the lists (the English list alone holds "River",
 * "Brown"). A Cyrillic name is looked up in its Latin spellings ("Йорг" Jorg, "Хенрик" Henrik, "Јордан" Jordan).
 */
export function isGivenName(word: string, languages = 1): boolean {
  const spellings = /\p{Script=Cyrillic}/u.test(word) ? latinSpellings(word.toLowerCase()) : [fold(word)];
  return spellings.some((w) => (names().get(w) ?? 0) >= languages);
}

/** Two romanizations of the Slavic alphabets (the letters where they differ: х h/kh, й j/y, я ja/ya, ц c/ts). */
const COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};
const VARIANTS: Record<string, string>[] = [
  { х: 'h', й: 'j', я: 'ja', ю: 'ju', є: 'je', ї: 'ji', ц: 'c' },
  { х: 'kh', й: 'y', я: 'ya', ю: 'yu', є: 'ye', ї: 'yi', ц: 'ts' },
];

function latinSpellings(word: string): string[] {
  // before folding, which would make "й" an "и"
  return VARIANTS.map((v) => fold([...word].map((ch) => v[ch] ?? COMMON[ch] ?? ch).join('')));
}

/**
 * German nouns by their suffix ("Verteidigung", "Sicherheit", "Wirtschaft", "Äußeres", "Migration"): never a first
 * name, so a capitalized word with one before a surname is the end of an office's words, not part of the name.
 */
const GERMAN_NOUN = /(?:ung|heit|keit|schaft|tion|sion|tat|ismus|tum|eres|iches)$/u;

export function isGermanNoun(word: string): boolean {
  return word.length >= 6 && GERMAN_NOUN.test(fold(word));
}
