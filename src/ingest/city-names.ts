/**
 * Cities of the OSCE area by any of their names (data/city-names.tsv, derived from GeoNames by
 * scripts/extract-city-names.mjs; decision 0030): "Roma", "Рим" and "Rom" are Rome, "Охрид" and "Okhrid" Ohrid,
 * "Алма-Ата" Almaty. A place the reference data lacks is then keyed by the city's English (GeoNames) name, whatever
 * language or script the page wrote it in. The file (~1 MB) is read on the first look-up only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../model/paths.js';

export interface City {
  /** The GeoNames name (English for the cities pages name). */
  name: string;
  /** ISO 3166 alpha-2 (XK for Kosovo). */
  country: string;
  population: number;
}

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’`]/gu, "'").replace(/\s+/gu, ' ').trim();

let table: Map<string, City> | undefined;

function cities(): Map<string, City> {
  if (table) return table;
  table = new Map();
  const keep = (key: string, city: City) => {
    const had = table?.get(key);
    if (!had || had.population < city.population) table?.set(key, city);
  };
  for (const line of readFileSync(join(PATHS.data, 'city-names.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, country, population, others] = line.split('\t') as [string, string, string, string | undefined];
    const city = { name, country, population: Number(population) };
    keep(fold(name), city);
    for (const other of others ? others.split('|') : []) keep(fold(other), city);
  }
  return table;
}

/** The city a name (in any language or script the data has) stands for: the most populous with that name. */
export function cityNamed(name: string): City | undefined {
  const key = fold(name);
  return key.length >= 3 ? cities().get(key) : undefined;
}

/** Below this many inhabitants a city's GeoNames name is its local romanization ("Khorugh"), not an English exonym. */
const EXONYM_POPULATION = 300_000;

/**
 * The name a place written `written` is keyed by: a Cyrillic name by its city's GeoNames name ("Охрид" Ohrid, "Алма-Ата"
 * Almaty); a Latin name by its city's only where that city is large enough to have an English exonym ("Roma" Rome,
 * "Wien" Vienna) and as written otherwise ("Khorog" stays, though GeoNames calls it "Khorugh"); undefined when no
 * city has that name.
 */
export function placeName(written: string): string | undefined {
  const city = cityNamed(written);
  if (!city) return undefined;
  if (/\p{Script=Cyrillic}/u.test(written) || city.population >= EXONYM_POPULATION) return city.name;
  // "Marburg" for "Marburg an der Lahn": the short form of the city's own name is no other name
  if (LATIN_SCRIPT.has(city.country) && !fold(city.name).startsWith(`${fold(written)} `)) return city.name;
  return written;
}

/**
 * States whose cities are named in the Latin script at home. Another Latin name of such a city is no romanization
 * but an exonym or an older name ("Bozen" for Bolzano, "Laibach" for Ljubljana, "Preßburg" for Bratislava), so it is
 * keyed by the city's own name whatever its size; romanizations ("Khorog" beside GeoNames' "Khorugh") arise only
 * where the city's own name is in another script. States writing in two scripts (Serbia, Montenegro, Bosnia and
 * Herzegovina) and those that changed script (Central Asia, Azerbaijan, Moldova) are left out.
 */
const LATIN_SCRIPT: ReadonlySet<string> = new Set([
  'AD', 'AL', 'AT', 'BE', 'CH', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU',
  'LV', 'MC', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'SM', 'VA', 'XK',
]);

/**
 * The city an inflected Slavic form stands for ("u Novom Sadu", "u Kragujevcu", "у Херсоні", "в Алма-Ате", "во
 * Охрид"): the written form, else each word with a case ending replaced (locative, genitive, instrumental: -u, -i, -e,
 * -om, -oj, -і, -е, -у, -ом; an adjective's -om/-ом back to -i/-и; a fleeting a restored: "Kragujevcu" → "Kragujevac").
 */
export function cityInflected(name: string): City | undefined {
  const direct = cityNamed(name);
  if (direct) return direct;
  const words = name.split(/\s+/u);
  const options = words.map((w) => wordForms(w));
  // every combination of the words' forms, the written form first (names of one to three words)
  let combos: string[][] = [[]];
  for (const forms of options) combos = combos.flatMap((c) => forms.map((f) => [...c, f])).slice(0, 200);
  for (const c of combos) {
    const hit = cityNamed(c.join(' '));
    if (hit) return hit;
  }
  // a city whose Cyrillic name the table lacks, by its romanization ("в Оше" → "Ош" → Osh)
  if (/\p{Script=Cyrillic}/u.test(name)) {
    for (const c of combos) {
      const hit = cityNamed(romanize(c.join(' ')));
      if (hit) return hit;
    }
  }
  return undefined;
}

const ROMAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ђ: 'đ', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'ć', џ: 'dž',
};

/** A Cyrillic name in the Latin letters GeoNames' English names use ("Ош" → "Osh", "Хорог" → "Khorog"). */
function romanize(text: string): string {
  return [...text].map((ch) => {
    const lower = ch.toLowerCase();
    const r = ROMAN[lower];
    if (r === undefined) return ch;
    return ch === lower ? r : r.charAt(0).toUpperCase() + r.slice(1);
  }).join('');
}

function wordForms(word: string): string[] {
  const out = [word];
  // (a Cyrillic city of two letters keeps its stem: "в Оше" is Osh)
  const shortest = /\p{Script=Cyrillic}/u.test(word) ? 2 : 3;
  const add = (w: string) => {
    if (w.length >= shortest && !out.includes(w)) out.push(w);
  };
  // adjectives of a city's name: "Novom" → "Novi", "Novoj" → "Nova", "Новом" → "Нови"
  if (/(?:om|em)$/u.test(word)) add(`${word.slice(0, -2)}i`);
  if (/oj$/u.test(word)) add(`${word.slice(0, -2)}a`);
  if (/(?:ом|ем)$/u.test(word)) add(`${word.slice(0, -2)}и`);
  if (/ој$/u.test(word)) add(`${word.slice(0, -2)}а`);
  for (const ending of ['om', 'em', 'u', 'i', 'e', 'a', 'y', 'ом', 'ем', 'у', 'і', 'и', 'е', 'а', 'ы', 'ю']) {
    if (!word.endsWith(ending) || word.length - ending.length < shortest) continue;
    const stem = word.slice(0, -ending.length);
    add(stem);
    add(`${stem}a`);
    add(`${stem}а`);
    // a fleeting a before the last consonant: "Kragujevcu" → "Kragujevac", "Крагујевцу" → "Крагујевац"
    const fleeting = /^(.*[^aeiouаеиоуяюіїє])([^aeiouаеиоуяюіїє])$/u.exec(stem);
    if (fleeting) {
      add(`${fleeting[1]}a${fleeting[2]}`);
      add(`${fleeting[1]}а${fleeting[2]}`);
    }
    // Ukrainian "і" of a closed last syllable is "о" or "е" once an ending opens it: "Чернігові" → "Чернігів",
    // "Львові" → "Львів", "Харкові" → "Харків"
    const opened = /^(.*)[ое]([^аеиоуяюіїєь])$/u.exec(stem);
    if (opened && /\p{Script=Cyrillic}/u.test(stem)) add(`${opened[1]}і${opened[2]}`);
  }
  return out;
}
