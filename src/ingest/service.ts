/**
 * The ingest service: page → record → quads → SHACL gate → one atomic SPARQL Update (update.ts) that replaces the
 * release's graph and merges the descriptions of the entities it names into their own graphs. Which release a page
 * is follows docs/decisions/0001-release-identity.md: its key comes from its normalized source URL when one is known,
 * else from the digest of its normalized content (identity.ts, keys.ts); the same page again replaces its release in
 * place, a different page is a release of its own, and a page that would replace a different release is refused with
 * 409 unless `replace` is set (placement.ts). A release whose key changes keeps its former IRI as an alias
 * (aliases.ts); translations are linked to their originals (translation-links.ts).
 */
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { Iris, NS } from '../model/ns.js';
import { loadReferenceQuads } from '../model/reference.js';
import { tripleKey } from '../store/quad-key.js';
import type { KgStore, WriteGate } from '../store/types.js';
import { aliasMove, type AliasChange } from './aliases.js';
import { extractRecord } from './extract.js';
import { contentDigest, normalizeSourceUrl, releaseIdentity } from './identity.js';
import { decodePage, detectFormat, type PageFormat } from './input.js';
import { identityKey } from './keys.js';
import { isFeatureStory, matchSection } from './labels.js';
import { parsePage, type PageHints } from './page.js';
import { conflictError, decide, findCandidates, forceReplace, type PageIdentity } from './placement.js';
import { releaseQuads } from './quads.js';
import { resolveList } from './resolve.js';
import { planTranslations } from './translation-links.js';
import { declaredAlternates, type Alternates } from './translations.js';
import { ingestUpdate, iriRef } from './update.js';
import { ReferenceIndex } from './reference-index.js';
import type { ReleaseRecord, SourceInfo } from './types.js';

const { namedNode, literal, quad } = DataFactory;

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

/**
 * What a value under a label the label sets lack names: places (every comma-separated part a known place or State,
 * first, as a city also names its field operation), else a field of work, else a Source (a structure or organization).
 */
export function valueKind(value: string, index: ReferenceIndex): 'source' | 'fields' | 'place' | undefined {
  if (value.length > 120) return undefined;
  const parts = value.split(/\s*[,;]\s*/u).filter(Boolean);
  if (parts.length > 0 && parts.every((p) => index.find(p, 'place', 'country') !== undefined)) return 'place';
  const quiet = (category: 'field' | 'structure', also: ('organization')[] = []) =>
    resolveList([value], index, { category, also, code: 'UNKNOWN', what: '', notes: [] }).length > 0;
  if (quiet('field')) return 'fields';
  if (quiet('structure', ['organization']) || index.find(value, 'organization') !== undefined) return 'source';
  return undefined;
}

function hintsFor(index: ReferenceIndex, opts: BuildOptions): PageHints {
  return {
    // up to inflection only where the line is no section word ("Press releases" is the newsroom's menu entry)
    isContentType: (line) => CONTENT_TYPES.includes(line.toLowerCase()) || isFeatureStory(line) || index.find(line, 'content-type') !== undefined
      || (line.length <= 60 && !matchSection(line) && index.findInflected(line, 'content-type') !== undefined),
    isPlace: (name) => index.find(name, 'place', 'country') !== undefined,
    valueKind: (value) => valueKind(value, index),
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

/** A page parsed and extracted, before its identity is settled. */
interface Prepared {
  /** The record under its provisional key (keys.ts `releaseKey`). */
  record: ReleaseRecord;
  digest: string;
  /** The page's source URL as given and normalized, when it is a web address. */
  givenUrl: string | undefined;
  url: string | undefined;
  alternates: Alternates;
  /** Hex SHA-256 of the page's bytes. */
  sha256: string;
}

function prepare(input: string | Uint8Array, index: ReferenceIndex, opts: BuildOptions): Prepared {
  const raw = parsePage(input, hintsFor(index, opts));
  const record = extractRecord(raw, index, index.iris, opts.now);
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const given = opts.source?.iri;
  const url = given !== undefined && /^https?:\/\//i.test(given) ? normalizeSourceUrl(given) : undefined;
  const text = decodePage(input, opts.maxBytes);
  const alternates = (opts.format ?? detectFormat(text)) === 'html' ? declaredAlternates(text, url) : new Map<string, string>();
  if (url) alternates.forEach((href, lang) => { if (href === url && lang !== 'x-default') alternates.delete(lang); });
  return {
    record, digest: contentDigest(record), givenUrl: url ? given : undefined, url, alternates,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The record under another key: its IRI, graph and the IRIs of its quotations (`{key}-{n}`) follow. */
function rekey(record: ReleaseRecord, key: string, iris: Iris): ReleaseRecord {
  const oldPrefix = iris.entity('quotation', `${record.key}-`);
  const newPrefix = iris.entity('quotation', `${key}-`);
  const quotations = record.quotations.map((q) => (q.iri.startsWith(oldPrefix) ? { ...q, iri: newPrefix + q.iri.slice(oldPrefix.length) } : q));
  return { ...record, key, iri: iris.entity('release', key), graph: iris.releaseGraph(key), quotations };
}

/**
 * The release of a prepared page whose source URL is `url` (the page's own, or its release's): record and quads.
 * `time` is the ingest time written as its provenance (default: `opts.now`, else now).
 */
function assemble(p: Prepared, iris: Iris, opts: BuildOptions, url: string | undefined, time?: Date): BuiltRelease {
  const record = rekey(p.record, identityKey(p.record.date, p.record.title, releaseIdentity(url, p.digest)), iris);
  const quads = releaseQuads(record, {
    source: opts.source?.iri ?? `urn:sha256:${p.sha256}`,
    ...(opts.source?.name ? { sourceName: opts.source.name } : {}),
    // osce:originalPage is written below, normalized (identity.ts), also when the URL came from the stored release
    isWebPage: false,
    ...(opts.source?.retrieved ? { retrieved: opts.source.retrieved } : {}),
    sha256: p.sha256,
    time: time ?? opts.now ?? new Date(),
  }, iris);
  const [r, g] = [namedNode(record.iri), namedNode(record.graph)];
  quads.push(quad(r, namedNode(`${NS.osce}contentDigest`), literal(p.digest), g) as Quad);
  if (url) quads.push(quad(r, namedNode(`${NS.osce}originalPage`), namedNode(url), g) as Quad);
  for (const alternate of new Set(p.alternates.values())) {
    if (alternate !== url) quads.push(quad(r, namedNode(`${NS.osce}alternatePage`), namedNode(alternate), g) as Quad);
  }
  return { record, quads };
}

/**
 * Parses, extracts and converts one page, without touching any store: its key from its own identity (a store may
 * place it under another, see ingestPage). Throws 4xx AppErrors for bad pages.
 */
export function buildRelease(input: string | Uint8Array, index: ReferenceIndex, opts: BuildOptions = {}): BuiltRelease {
  const p = prepare(input, index, opts);
  return assemble(p, index.iris, opts, p.url);
}

export interface IngestOptions extends BuildOptions {
  /** Replace the release the page conflicts with instead of refusing it with 409 (docs/decisions/0001). */
  replace?: boolean;
  /** An address the page was ingested from before (a harvested page that now redirects elsewhere): the same page. */
  formerSource?: string;
}

export interface IngestResult {
  iri: string;
  graph: string;
  /** True for a new release, false when an existing release graph was replaced. */
  created: boolean;
  /** True when the write changed no quad (the same page again, unchanged): no new dataset version, no change entry. */
  unchanged: boolean;
  /** The release's former IRI, when its key changed (it now answers 301 to `iri`). */
  moved: string | undefined;
  record: ReleaseRecord;
  quads: Quad[];
}

/** What identifies a prepared page in the store. */
function identityOf(p: Prepared, iris: Iris, formerSource: string | undefined): PageIdentity {
  const key = identityKey(p.record.date, p.record.title, releaseIdentity(p.url, p.digest));
  const former = formerSource === undefined ? undefined : normalizeSourceUrl(formerSource);
  const formerUrls = former && former !== p.url ? [former, formerSource as string] : [];
  return { url: p.url, givenUrl: p.givenUrl, formerUrls, digest: p.digest, key, iri: iris.entity('release', key), date: p.record.date };
}

/**
 * Builds the release, places it (new, the same page again, or a conflict: 409 unless `replace`) and commits it
 * through the gate with its aliases and translation links: a rejection (422) leaves the store unchanged.
 */
export async function ingestPage(
  deps: { store: KgStore; gate?: WriteGate; index: ReferenceIndex },
  input: string | Uint8Array,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const { store, index: { iris } } = deps;
  const p = prepare(input, deps.index, opts);
  const page = identityOf(p, iris, opts.formerSource);
  let placement = decide(page, await findCandidates(store, iris, page));
  if (placement.kind === 'conflict') {
    if (!opts.replace) throw conflictError(page, placement);
    placement = forceReplace(page, placement);
  }
  const same = placement.kind === 'same' ? placement.existing : undefined;
  const url = placement.kind === 'same' ? placement.url : p.url;
  const built = assemble(p, iris, opts, url);
  const { record } = built;
  let { quads } = built;
  const previous = same && same.graph !== record.graph ? same : undefined;
  const aliases: AliasChange = previous ? await aliasMove(store, iris, previous.iri, record.iri) : { remove: [], add: [] };
  const links = await planTranslations(store, iris, { iri: record.iri, graph: record.graph, previous: previous?.iri, url, alternates: p.alternates });
  if (same && !previous) quads = (await unchangedRelease(store, p, iris, opts, url, record.graph, links.own)) ?? quads;
  const update = ingestUpdate(record.graph, [...quads, ...links.own], iris, {
    ...(previous ? { previousGraph: previous.graph } : {}),
    remove: [...aliases.remove, ...links.remove],
    add: [...aliases.add, ...links.add],
  });
  const { summary } = await store.write({ type: 'update', update, unionDefaultGraph: false }, deps.gate);
  // The write's own summary settles races between two ingests of the same new page: only one removes anything.
  const created = !same && !summary.graphs.removed.includes(record.graph);
  const unchanged = summary.added === 0 && summary.removed === 0;
  return { iri: record.iri, graph: record.graph, created, unchanged, moved: previous?.iri, record, quads: [...quads, ...links.own] };
}

/**
 * The quads of the same page again under the ingest time its release graph already records, when they are exactly
 * what that graph holds: only the time would differ, and a write that changes nothing else must change nothing
 * (no new dataset version, change-feed entry or dump). The rest of the update (entity descriptions, links in other
 * graphs) is still computed by the store, so a real change there is still written. Undefined when the page changed.
 */
async function unchangedRelease(
  store: KgStore, p: Prepared, iris: Iris, opts: BuildOptions, url: string | undefined, graph: string, own: readonly Quad[],
): Promise<Quad[] | undefined> {
  const rows = await store.select(`SELECT ?t WHERE { GRAPH ${iriRef(graph)} { ?r <${NS.prov}generatedAtTime> ?t } } LIMIT 2`);
  const stamp = rows.length === 1 ? Date.parse(rows[0]?.t?.value ?? '') : Number.NaN;
  if (Number.isNaN(stamp)) return undefined;
  const { quads } = assemble(p, iris, opts, url, new Date(stamp));
  const wanted = new Set([...quads, ...own].filter((q) => q.graph.value === graph).map(tripleKey));
  const stored = await store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iriRef(graph)} { ?s ?p ?o } }`);
  const held = new Set(stored.map(tripleKey));
  return held.size === wanted.size && [...held].every((l) => wanted.has(l)) ? quads : undefined;
}
