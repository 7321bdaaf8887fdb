/**
 * The built-in data a new store is seeded with: the ontology and reference data (`data/*.ttl`) and the press
 * releases kept as pages under `data/pages/`, ingested with the same code as any other page.
 */
import type { Quad } from '@rdfjs/types';
import { seedReleaseQuads } from './ingest/index.js';
import { loadReferenceQuads } from './model/reference.js';

export function builtinQuads(base: string): Quad[] {
  return [...loadReferenceQuads(base), ...seedReleaseQuads(base)];
}
