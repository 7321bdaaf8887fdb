/**
 * The built-in releases: every page in data/pages, each in its own release graph, loaded at store creation. Their
 * keys follow the identity rule (docs/decisions/0001-release-identity.md); the IRI the rule before it gave each one
 * is kept as an alias, so IRIs issued by earlier versions keep answering (301).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { PATHS } from '../model/paths.js';
import { aliasQuad } from './aliases.js';
import { releaseKey } from './keys.js';
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
    const { record, quads } = buildRelease(readFileSync(join(PATHS.pages, name)), index, { source: { name }, now });
    const former = index.iris.entity('release', releaseKey(record.date, record.title));
    return { graph: record.graph, quads, alias: former !== record.iri ? [aliasQuad(index.iris, record.iri, former)] : [] };
  });
  const quads = [...fillIn(pages), ...pages.flatMap((p) => p.alias)];
  cache.set(base, quads);
  return quads;
}
