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

/** Cyrillic letters as the consonant classes of `skeleton` (vowels and signs dropped). */
const CYRILLIC_CONSONANTS: Record<string, string> = {
  б: 'b', в: 'v', г: 'h', ґ: 'h', д: 'd', ђ: 'd', ж: 'z', з: 'z', ѕ: 'd', к: 'c', ќ: 'c', л: 'l', љ: 'l', м: 'm', н: 'n',
  њ: 'n', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'd', ш: 's', щ: 's', ѓ: 'd',
};

/**
 * A name's consonants in coarse classes, the same for a name in Latin script and its Cyrillic transliteration
 * ("Helga Maria Schmid" and "Гельга Марія Шмід", "Matteo Mecacci" and "Маттео Мекаччи", "Zannier" and "Занньер"): a
 * spelling's digraphs folded (sch, sh, ch, kh, ts, zh …), g and h one class (Ukrainian "Г" for "H", Russian "Х"),
 * c, k and q one, vowels dropped and doubled letters collapsed. Words are kept apart by spaces.
 */
export function nameSkeleton(name: string): string {
  return name.split(/[\s-]+/u).filter(Boolean).map((word) => wordSkeletons(word)[0] as string).filter(Boolean).join(' ');
}

/**
 * The skeletons of one word: for a Latin word, as read above and, where the spelling may be Romance, as Russian and
 * Ukrainian transliterate it: a "g" before e/i/y and a "j" sound like "ж" ("Gérard" Жерар, "Giancarlo" Джанкарло,
 * "Jean" Жан), French final d, t, s, x and the r of "-ier" are silent ("Gérard" Жерар, "Didier" Дидье), and so is a
 * first h ("Harlem" Арлем). "дж" is one sound, as "ж".
 */
function wordSkeletons(word: string): string[] {
  let w = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (/\p{Script=Cyrillic}/u.test(w)) {
    w = w.replace(/дж/gu, 'ж');
    return [collapse([...w].map((c) => CYRILLIC_CONSONANTS[c] ?? (/\p{L}/u.test(c) && !/\p{Script=Cyrillic}/u.test(c) ? c : '')).join(''))];
  }
  const latin = (x: string) => x.replace(/sch|sh|sz/gu, 's').replace(/tch|ch|cz|ts|tz|ck/gu, 'c').replace(/zh/gu, 'z')
    .replace(/kh/gu, 'h').replace(/dj|dz|gj/gu, 'd').replace(/th/gu, 't').replace(/ph/gu, 'f').replace(/[kq]/gu, 'c')
    .replace(/g/gu, 'h').replace(/w/gu, 'v').replace(/x/gu, 'cs').replace(/[aeiouyj]/gu, '');
  w = w.replace(/[^a-z]/gu, '');
  const plain = collapse(latin(w));
  // "ZH" marks the soft g and j, which the plain reading would fold into "h" or drop
  const romance = collapse(latin(w.replace(/g(?=[eiy])|j/gu, 'ZH').replace(/(?<=\p{L}{3})[dtsx]$/u, '').replace(/(?<=ie)r$/u, '').replace(/^h/u, '')).replace(/ZH/gu, 'z'));
  return romance === plain ? [plain] : [plain, romance];
}

function collapse(w: string): string {
  return w.replace(/(.)\1+/gu, '$1');
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/**
 * Whether two spellings of a name in different scripts are the same name: as many words (initials aside), each with
 * the same skeleton, or one letter apart in a skeleton of three or more ("Michael" / "Михаэль", "Teresa" / "Тереза").
 */
export function sameNameAcrossScripts(a: string, b: string): boolean {
  const words = (x: string) => x.replace(/(?<![\p{L}])\p{Lu}\.\s*/gu, '').split(/[\s-]+/u).filter(Boolean).map(wordSkeletons).filter((v) => (v[0] ?? '') !== '');
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wa.length !== wb.length) return false;
  const close = (x: string, y: string) => x === y || (x.length >= 3 && y.length >= 3 && x[0] === y[0] && distance(x, y) <= 1);
  return wa.every((xs, i) => xs.some((x) => (wb[i] as string[]).some((y) => close(x, y))));
}
