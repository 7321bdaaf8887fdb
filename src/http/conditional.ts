/**
 * Validators for representations derived from the dataset (RFC 9110 §8.8.3, §13.1.2): the ETag is the dataset
 * version plus a hash of what selects the representation (path, format, language, page), so it changes exactly when
 * the bytes may change, and the body need not be built to answer a conditional request.
 */
import { createHash } from 'node:crypto';

export const DOCUMENT_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** A strong ETag for a representation of dataset version `version`. */
export function datasetEtag(version: number, ...selectors: string[]): string {
  const h = createHash('sha256').update(selectors.join('\u0000')).digest('base64url').slice(0, 16);
  return `"v${version}-${h}"`;
}

/** If-None-Match evaluation (§13.1.2): `*` or any listed tag (weak comparison) matches. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}
