/**
 * What a dump is: the four formats served under `/dumps/`, a generation's file with its size, checksums and version,
 * and its public URL. Apart from the service that makes them (dumps.ts), so that what lists, archives and describes
 * dumps (the manifest, the snapshots, the catalog, VoID, the routes) depends on this alone.
 */

export const DUMP_FORMATS = [
  { name: 'osce-kg.nt.gz', mediaType: 'application/n-triples', fileType: 'RDF_N_TRIPLES', title: 'N-Triples' },
  { name: 'osce-kg.nq.gz', mediaType: 'application/n-quads', fileType: 'RDF_N_QUADS', title: 'N-Quads (named graphs with provenance)' },
  { name: 'osce-kg.ttl.gz', mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: 'Turtle' },
  { name: 'osce-kg.jsonld.gz', mediaType: 'application/ld+json', fileType: 'JSON_LD', title: 'JSON-LD (named graphs, streamed)' },
] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

export interface DumpFile {
  format: DumpFormat;
  /** Absolute path of this generation's file. */
  path: string;
  bytes: number;
  sha256: string;
  /** SHA-1 as well: DCAT-AP 2.1.1 only accepts spdx:checksumAlgorithm_sha1. */
  sha1: string;
  modified: Date;
  /** Dataset version the dump was taken at. */
  version: number;
}

/** Public download URL of a dump. */
export function dumpUrl(base: string, file: DumpFile): string {
  return `${base}dumps/${file.format.name}`;
}
