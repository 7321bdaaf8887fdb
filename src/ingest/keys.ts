/**
 * Release keys: `{yyyy-mm-dd}-{title slug}`, at most 60 slug characters. A function of the date and the title only,
 * so re-ingesting a page finds its release again whatever the ingest order. A slug longer than 60 characters is cut
 * at a word boundary within 51 and gets 8 hex digits of the SHA-256 of the whole slug: two long headlines of one day
 * that share their first 60 characters get distinct keys (issue 4), and titles differing only in case or punctuation
 * (same slug) are the same release.
 */
import { createHash } from 'node:crypto';
import { slugify } from '../model/ns.js';

/** Most characters of the title part of a release key. */
export const KEY_SLUG_MAX = 60;
const HASH_DIGITS = 8;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key of the release published on `date` (xsd:date) with headline `title`. */
export function releaseKey(date: string, title: string): string {
  const slug = slugify(title, Number.POSITIVE_INFINITY);
  // A headline of no Latin letters or digits: the hash alone names it.
  if (!slug) return `${date}-${sha256(title).slice(0, 12)}`;
  if (slug.length <= KEY_SLUG_MAX) return `${date}-${slug}`;
  const room = KEY_SLUG_MAX - HASH_DIGITS - 1;
  let cut = slug.slice(0, room);
  if (slug[room] !== '-' && cut.includes('-')) cut = cut.slice(0, cut.lastIndexOf('-'));
  return `${date}-${cut.replace(/-+$/, '')}-${sha256(slug).slice(0, HASH_DIGITS)}`;
}
