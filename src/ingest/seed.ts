/** The built-in releases: every page in data/pages, each in its own release graph, loaded at store creation. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { PATHS } from '../model/paths.js';
import { buildRelease, referenceIndex } from './service.js';

const cache = new Map<string, Quad[]>();

/**
 * Entity descriptions merged as ingestion merges them (update.ts): a page adds an entity's property only when no
 * earlier page stated it, so the seeded store equals the pages ingested one by one in file-name order.
 */
function fillIn(pages: Array<{ graph: string; quads: Quad[] }>): Quad[] {
  const stated = new Set<string>();
  const out: Quad[] = [];
  for (const page of pages) {
    const fresh = new Set<string>();
    for (const q of page.quads) {
      if (q.graph.value === page.graph) { out.push(q); continue; }
      const key = `${q.subject.value} ${q.predicate.value}`;
      if (stated.has(key)) continue;
      fresh.add(key);
      out.push(q);
    }
    for (const k of fresh) stated.add(k);
  }
  return out;
}

/** Quads of the built-in release pages (data/pages/*.txt|*.html) for one base IRI; cached per base. */
export function seedReleaseQuads(base: string): Quad[] {
  const hit = cache.get(base);
  if (hit) return hit;
  const index = referenceIndex(base);
  const now = new Date();
  const files = readdirSync(PATHS.pages).filter((f) => /\.(txt|html?)$/.test(f)).sort();
  const pages = files.map((name) => {
    const built = buildRelease(readFileSync(join(PATHS.pages, name)), index, { source: { name }, now });
    return { graph: built.record.graph, quads: built.quads };
  });
  const quads = fillIn(pages);
  cache.set(base, quads);
  return quads;
}
