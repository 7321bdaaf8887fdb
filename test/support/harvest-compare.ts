/**
 * Comparing stores after harvests: every quad of a store, with the times of provenance (when a page was fetched and
 * ingested, which differ from run to run) replaced by one placeholder, for rdf-isomorphic.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { NS } from '../../src/model/ns.js';
import type { KgStore } from '../../src/store/types.js';

const TIMES = new Set([`${NS.prov}generatedAtTime`, `${NS.prov}endedAtTime`]);
const PLACEHOLDER = DataFactory.literal('1970-01-01T00:00:00.000Z', DataFactory.namedNode(`${NS.xsd}dateTime`));

/** All quads of a store, provenance times replaced. */
export async function storeQuads(store: KgStore): Promise<Quad[]> {
  let text = '';
  for await (const piece of store.dump({ format: 'application/n-quads' })) text += piece;
  return new Parser({ format: 'N-Quads' }).parse(text).map((q) =>
    TIMES.has(q.predicate.value) ? (DataFactory.quad(q.subject, q.predicate, PLACEHOLDER, q.graph) as Quad) : (q as Quad));
}

/** Graph IRIs of the releases in a set of quads. */
export function releaseGraphs(quads: Quad[]): string[] {
  return [...new Set(quads.map((q) => q.graph.value).filter((g) => g.includes('/graph/release/')))].sort();
}
