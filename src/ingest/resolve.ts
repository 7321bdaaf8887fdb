/**
 * Names of a page resolved against the reference data: sources → structures, fields of work → concepts,
 * places → reference places or minted `id/place/{slug}`. Unknown sources and fields are problems, never dropped.
 */
import { slugify, type Iris } from '../model/ns.js';
import type { Category, ReferenceIndex } from './reference-index.js';
import type { PlaceRef } from './types.js';

export interface Problem {
  code: string;
  message: string;
  value?: string;
}

/**
 * Splits comma-separated values, re-joining neighbours when a name itself contains a comma, and resolves each.
 * Unknown names become problems with `code`.
 */
export function resolveList(
  values: readonly string[], index: ReferenceIndex, category: Category, code: string, what: string, problems: Problem[],
  also: Category[] = [],
): string[] {
  const out: string[] = [];
  // Names of an `also` category are known but give no IRI (a source "OSCE": the organization, not a structure).
  const take = (hit: { iri: string; category: Category }) => { if (hit.category === category) out.push(hit.iri); };
  for (const value of values) {
    const whole = index.find(value, category, ...also);
    if (whole) { take(whole); continue; }
    const parts = value.split(/\s*[,;]\s*/).filter(Boolean);
    for (let i = 0; i < parts.length; ) {
      let j = parts.length;
      for (; j > i; j--) {
        const hit = index.find(parts.slice(i, j).join(', '), category, ...also);
        if (hit) { take(hit); break; }
      }
      if (j === i) {
        problems.push({ code, message: `Unknown ${what} "${parts[i]}": not in the reference data.`, value: parts[i] as string });
        j = i + 1;
      }
      i = j;
    }
  }
  return [...new Set(out)];
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
  const display = displayName(name);
  const slug = slugify(display);
  if (!slug) return [];
  return [{ iri: iris.entity('place', slug), name: display, minted: true, country }];
}

/** Places from comma-separated groups; a group naming a country gives the State of the cities before it. */
export function resolvePlaces(groups: readonly string[], index: ReferenceIndex, iris: Iris): PlaceRef[] {
  const out: PlaceRef[] = [];
  const parts = groups.flatMap((g) => g.split(/\s*[,;]\s*/)).filter(Boolean);
  let pending: string[] = [];
  const flush = (country: string | undefined) => {
    for (const name of pending) out.push(...placeOf(name, country, index, iris));
    pending = [];
  };
  for (const part of parts) {
    const country = index.find(part, 'country');
    const isPlace = index.find(part, 'place');
    if (country && !isPlace && pending.length > 0) flush(country.iri);
    else pending.push(part);
  }
  flush(undefined);
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.iri) && seen.add(p.iri));
}
