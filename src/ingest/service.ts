/**
 * The ingest service: page → record → quads → SHACL gate → one atomic SPARQL Update (update.ts) that replaces the
 * release's graph and merges the descriptions of the entities it names into their own graphs. Re-ingesting a page
 * with the same date and title replaces its graph in place.
 */
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { Iris } from '../model/ns.js';
import { loadReferenceQuads } from '../model/reference.js';
import type { KgStore, WriteGate } from '../store/types.js';
import { extractRecord } from './extract.js';
import type { PageFormat } from './input.js';
import { parsePage, type PageHints } from './page.js';
import { releaseQuads } from './quads.js';
import { ingestUpdate } from './update.js';
import { ReferenceIndex } from './reference-index.js';
import type { ReleaseRecord, SourceInfo } from './types.js';

/** Content types known before the reference data is consulted (osce-facts.md), so the layout parser finds them. */
const CONTENT_TYPES = ['press release', 'news item', 'news', 'press statement', 'statement', 'media advisory', 'spot report', 'daily report', 'feature story', 'feature'];

const indexes = new Map<string, ReferenceIndex>();

/** The name index over the built-in reference data of one base IRI (cached). */
export function referenceIndex(base: string): ReferenceIndex {
  const iris = new Iris(base);
  let index = indexes.get(iris.base);
  if (!index) {
    index = new ReferenceIndex(loadReferenceQuads(iris.base), iris);
    indexes.set(iris.base, index);
  }
  return index;
}

export interface BuildOptions {
  source?: SourceInfo;
  maxBytes?: number;
  /** Declared page format (from a Content-Type); detected when absent. */
  format?: PageFormat;
  /** Ingest time (tests fix it). */
  now?: Date;
}

export interface BuiltRelease {
  record: ReleaseRecord;
  quads: Quad[];
}

function hintsFor(index: ReferenceIndex, opts: BuildOptions): PageHints {
  return {
    isContentType: (line) => CONTENT_TYPES.includes(line.toLowerCase()) || index.find(line, 'content-type') !== undefined,
    isPlace: (name) => index.find(name, 'place', 'country') !== undefined,
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.format ? { format: opts.format } : {}),
  };
}

/**
 * Whether a page carries the marks of a press release (a content type, a date field or a dateline), whether or not it
 * can be ingested: a harvester skips pages without them (menus, "about" pages) rather than reporting them as rejected.
 */
export function hasReleaseMarks(input: string | Uint8Array, index: ReferenceIndex, opts: BuildOptions = {}): boolean {
  try {
    const raw = parsePage(input, hintsFor(index, opts));
    return raw.contentType !== undefined || raw.dateField !== '' || raw.dateline !== undefined;
  } catch {
    return false;
  }
}

/** Parses, extracts and converts one page, without touching any store. Throws 4xx AppErrors for bad pages. */
export function buildRelease(input: string | Uint8Array, index: ReferenceIndex, opts: BuildOptions = {}): BuiltRelease {
  const raw = parsePage(input, hintsFor(index, opts));
  const record = extractRecord(raw, index, index.iris);
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const explicit = opts.source?.iri;
  const quads = releaseQuads(record, {
    source: explicit ?? `urn:sha256:${sha256}`,
    ...(opts.source?.name ? { sourceName: opts.source.name } : {}),
    isWebPage: explicit !== undefined && /^https?:\/\//.test(explicit),
    ...(opts.source?.retrieved ? { retrieved: opts.source.retrieved } : {}),
    sha256,
    time: opts.now ?? new Date(),
  }, index.iris);
  return { record, quads };
}

export interface IngestResult {
  iri: string;
  graph: string;
  /** True for a new release, false when an existing release graph was replaced. */
  created: boolean;
  record: ReleaseRecord;
  quads: Quad[];
}

/** Builds the release and commits it through the gate: a rejection (422) leaves the store unchanged. */
export async function ingestPage(
  deps: { store: KgStore; gate?: WriteGate; index: ReferenceIndex },
  input: string | Uint8Array,
  opts: BuildOptions = {},
): Promise<IngestResult> {
  const { record, quads } = buildRelease(input, deps.index, opts);
  const existed = await deps.store.hasGraph({ iri: record.graph });
  const update = ingestUpdate(record.graph, quads, deps.index.iris);
  const { delta } = await deps.store.write({ type: 'update', update, unionDefaultGraph: false }, deps.gate);
  // The write's own delta settles races between two ingests of the same new page: only one removes nothing.
  const created = !existed && !delta.removed.some((q) => q.graph.value === record.graph);
  return { iri: record.iri, graph: record.graph, created, record, quads };
}
