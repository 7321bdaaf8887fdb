/** The built-in releases: every page in data/pages, ingested at load time into its own release graph. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { PATHS } from '../model/paths.js';
import { buildRelease, referenceIndex } from './service.js';

const cache = new Map<string, Quad[]>();

/** Quads of the built-in release pages (data/pages/*.txt|*.html) for one base IRI; cached per base. */
export function seedReleaseQuads(base: string): Quad[] {
  const hit = cache.get(base);
  if (hit) return hit;
  const index = referenceIndex(base);
  const now = new Date();
  const files = readdirSync(PATHS.pages).filter((f) => /\.(txt|html?)$/.test(f)).sort();
  const quads = files.flatMap((name) => buildRelease(readFileSync(join(PATHS.pages, name)), index, { source: { name }, now }).quads);
  cache.set(base, quads);
  return quads;
}
