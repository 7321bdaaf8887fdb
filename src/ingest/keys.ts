/**
 * Release keys (docs/decisions/0001-release-identity.md): `{yyyy-mm-dd}-{title slug ≤ 48}-{8 hex}`, the hex digits
 * those of the SHA-256 of the release's identity (its normalized source URL, or the digest of its normalized content:
 * identity.ts). Date and slug only make the key readable; the hash makes two pages of one day with one title two
 * releases. `releaseKey(date, title)` is the rule before 0001 (date and title alone): IRIs it issued stay valid
 * through aliases, and extraction still uses it as a provisional key that the ingest service replaces (service.ts).
 */
import { createHash } from 'node:crypto';
import { slugify } from '../model/ns.js';

/** Most characters of the title part of a release key. */
export const KEY_SLUG_MAX = 48;
const HASH_DIGITS = 8;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Cyrillic letters of the OSCE's and its host countries' languages (Russian, Ukrainian, Belarusian, Serbian,
 * Macedonian) in a simple Latin spelling, so a Russian headline gives a readable key rather than none.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj',
  њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};

/** The slug of a headline for a key: Latin as slugify() makes it, Cyrillic transliterated first. */
export function keySlug(title: string): string {
  const latin = title.toLowerCase().replace(/[\u0400-\u045f]/g, (c) => CYRILLIC[c] ?? c);
  return slugify(latin, Number.POSITIVE_INFINITY);
}

/** The first `max` characters of a slug, cut at a word boundary when a word would be split. */
function cutSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  let cut = slug.slice(0, max);
  if (slug[max] !== '-' && cut.includes('-')) cut = cut.slice(0, cut.lastIndexOf('-'));
  return cut.replace(/-+$/, '');
}

/** The key of the release published on `date` (xsd:date) with headline `title` and identity `identity` (identity.ts). */
export function identityKey(date: string, title: string, identity: string): string {
  const slug = cutSlug(keySlug(title), KEY_SLUG_MAX);
  const hash = sha256(identity).slice(0, HASH_DIGITS);
  return slug ? `${date}-${slug}-${hash}` : `${date}-${hash}`;
}

/** Most characters of the title part of a key under the rule before 0001. */
const LEGACY_SLUG_MAX = 60;

/**
 * The key the rule before 0001 gave a release (date and title only): `{date}-{slug ≤ 60}`, a longer slug cut within 51
 * characters and ending in 8 hex digits of the SHA-256 of the whole slug, a slug-less title 12 hex digits of its own.
 */
export function releaseKey(date: string, title: string): string {
  const slug = slugify(title, Number.POSITIVE_INFINITY);
  if (!slug) return `${date}-${sha256(title).slice(0, 12)}`;
  if (slug.length <= LEGACY_SLUG_MAX) return `${date}-${slug}`;
  return `${date}-${cutSlug(slug, LEGACY_SLUG_MAX - HASH_DIGITS - 1)}-${sha256(slug).slice(0, HASH_DIGITS)}`;
}
