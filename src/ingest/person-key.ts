/**
 * The key of a person's IRI: the slug of the name as written, and for names in Cyrillic script (a Russian page's
 * «Айнура Бекешова») the slug of its Latin transliteration, so every person named gets an IRI.
 */
import { slugify } from '../model/ns.js';

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', ђ: 'dj', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', ѕ: 'dz', и: 'i', і: 'i',
  ї: 'yi', й: 'y', ј: 'j', к: 'k', ќ: 'kj', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's',
  т: 't', ћ: 'c', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', џ: 'dz', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya', ѓ: 'gj',
};

/** Latin letters for Cyrillic ones (a plain, reversible-enough transliteration for keys, not for display). */
export function transliterate(text: string): string {
  return text.replace(/\p{Script=Cyrillic}/gu, (c) => {
    const lower = c.toLowerCase();
    const latin = CYRILLIC[lower] ?? '';
    return c === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
}

/** The key of `id/person/{key}` for a name as written; '' when the name has no letters to make one of. */
export function personKey(name: string): string {
  return slugify(name) || slugify(transliterate(name));
}
