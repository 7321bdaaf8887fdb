/**
 * Where an ingested page goes (docs/decisions/0001-release-identity.md): a new release, the release it is the same
 * page as (same source URL, or same normalized content), or nowhere, when it would replace a different release
 * (409 unless the caller asked to replace). The store is read once for the candidates; `decide` is pure.
 */
import { AppError } from '../errors.js';
import { NS, type Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { contentDigest } from './identity.js';
import { iriRef, stringLiteral } from './update.js';

/** A stored release the page may be. */
export interface Candidate {
  iri: string;
  graph: string;
  key: string;
  /** Its normalized source URL, when it has one. */
  url: string | undefined;
  /** Its content digest: stored, or computed from its headline, date and body for a release stored before 0001. */
  digest: string | undefined;
  title: string;
  date: string;
}

/** What is known of the incoming page. */
export interface PageIdentity {
  /** Normalized source URL, if known. */
  url: string | undefined;
  /** The URL as given (releases stored before 0001 recorded it so). */
  givenUrl: string | undefined;
  /** Normalized addresses the page had before (a harvested page whose redirect now ends elsewhere): it moved. */
  formerUrls: readonly string[];
  digest: string;
  /** The key its own identity gives it, and its release IRI. */
  key: string;
  iri: string;
  date: string;
}

export type Placement =
  | { kind: 'new' }
  /** The page is `existing` again; `url` is the source URL the new version has (the page's, else the release's). */
  | { kind: 'same'; existing: Candidate; url: string | undefined }
  | { kind: 'conflict'; existing: Candidate; other: Candidate | undefined; message: string };

const O = NS.osce;
const S = NS.schema;

/** The releases that share the page's URL, content digest or key, and those of its date stored before 0001. */
function matchQuery(page: PageIdentity, iris: Iris): string {
  const urls = [...new Set([page.url, page.givenUrl, ...page.formerUrls].filter((u): u is string => u !== undefined))];
  const branches = [
    ...(urls.length > 0 ? [`GRAPH ?g { VALUES ?u { ${urls.map(iriRef).join(' ')} } ?r <${O}originalPage> ?u }`] : []),
    `GRAPH ?g { ?r <${O}contentDigest> ${stringLiteral(page.digest)} }`,
    `GRAPH ?g { ${iriRef(page.iri)} a <${O}PressRelease> } BIND(${iriRef(page.iri)} AS ?r)`,
    `GRAPH ?g { ?r <${S}datePublished> ${stringLiteral(page.date)}^^<${NS.xsd}date> FILTER NOT EXISTS { ?r <${O}contentDigest> ?any } }`,
  ];
  return `SELECT DISTINCT ?g ?r WHERE { { ${branches.join(' } UNION { ')} } FILTER(STRSTARTS(STR(?g), ${stringLiteral(iris.releaseGraph(''))})) }`;
}

/**
 * What identifies the matched releases, each release written into its own block: joined to the match in one query,
 * or bound by VALUES, oxigraph read these details for every release first (14-18 ms against 2-3 ms at 300 releases).
 */
function detailsQuery(found: Array<{ g: string; r: string }>): string {
  const block = ({ g, r }: { g: string; r: string }) => `{ GRAPH ${iriRef(g)} {
    ${iriRef(r)} a <${O}PressRelease> ; <${S}headline> ?title ; <${S}datePublished> ?date .
    OPTIONAL { ${iriRef(r)} <${O}originalPage> ?page }
    OPTIONAL { ${iriRef(r)} <${O}contentDigest> ?digest }
    OPTIONAL { ${iriRef(r)} <${S}articleBody> ?body FILTER NOT EXISTS { ${iriRef(r)} <${O}contentDigest> ?d2 } }
  } BIND(${iriRef(g)} AS ?g) BIND(${iriRef(r)} AS ?r) }`;
  return `SELECT ?g ?r ?page ?digest ?title ?date ?body WHERE { ${found.map(block).join(' UNION ')} }`;
}

/** The stored releases that share the page's URL, content or key, and those of its date stored before 0001. */
export async function findCandidates(store: KgStore, iris: Iris, page: PageIdentity): Promise<Candidate[]> {
  const matched = (await store.select(matchQuery(page, iris)))
    .map((row) => ({ g: row.g?.value ?? '', r: row.r?.value ?? '' }))
    .filter(({ g, r }) => g && r);
  if (matched.length === 0) return [];
  const rows = await store.select(detailsQuery(matched));
  const found = new Map<string, Candidate>();
  for (const row of rows) {
    const iri = row.r?.value;
    const graph = row.g?.value;
    const parsed = iri ? iris.parseEntity(iri) : undefined;
    if (!iri || !graph || parsed?.kind !== 'release' || graph !== iris.releaseGraph(parsed.key) || found.has(iri)) continue;
    const title = row.title?.value ?? '';
    const date = row.date?.value ?? '';
    const digest = row.digest?.value ?? (row.body ? contentDigest({ date, title, paragraphs: [row.body.value] }) : undefined);
    found.set(iri, { iri, graph, key: parsed.key, url: row.page?.value, digest, title, date });
  }
  return [...found.values()].sort((a, b) => (a.iri < b.iri ? -1 : 1));
}

const sourceOf = (c: Candidate) => (c.url ? `from ${c.url}` : 'ingested without a source URL');

/**
 * The rule of 0001. A release with the page's URL (or an address it had before) is the page (it may have changed),
 * unless another release already has this content; without one, a release with the same content is the page when it
 * has no URL or the page has none; the same text from another URL, or a release at the page's key with another
 * identity, is a conflict.
 */
export function decide(page: PageIdentity, candidates: readonly Candidate[]): Placement {
  const at = (urls: ReadonlyArray<string | undefined>) => candidates.find((c) => c.url !== undefined && urls.includes(c.url));
  const byUrl = page.url ? (at([page.url, page.givenUrl]) ?? at(page.formerUrls)) : undefined;
  const byContent = candidates.filter((c) => c.digest === page.digest && c !== byUrl);
  if (byUrl) {
    const copy = byContent[0];
    if (!copy) return { kind: 'same', existing: byUrl, url: page.url };
    return {
      kind: 'conflict', existing: byUrl, other: copy,
      message: `The page from ${page.url} would replace the release ${byUrl.iri} with the same text as the release ${copy.iri} (${sourceOf(copy)}): two releases would hold one page.`,
    };
  }
  const sameText = byContent.find((c) => !page.url || !c.url) ?? byContent[0];
  if (sameText && (!page.url || !sameText.url)) return { kind: 'same', existing: sameText, url: page.url ?? sameText.url };
  if (sameText) {
    return {
      kind: 'conflict', existing: sameText, other: undefined,
      message: `The page from ${page.url} has the same text as the release ${sameText.iri} (${sourceOf(sameText)}) and would replace it; as a page of its own it would be ${page.iri}.`,
    };
  }
  const atKey = candidates.find((c) => c.iri === page.iri);
  if (atKey) {
    return {
      kind: 'conflict', existing: atKey, other: undefined,
      message: `The page would replace the release ${atKey.iri} (${sourceOf(atKey)}), which is a different page with the same key.`,
    };
  }
  return { kind: 'new' };
}

/** The 409 of a conflict, naming the release that would be replaced and the page's own IRI (and a copy, if any). */
export function conflictError(page: PageIdentity, placement: Extract<Placement, { kind: 'conflict' }>): AppError {
  return new AppError(409, 'RELEASE_CONFLICT', `${placement.message} Send it with replace=true (osce-kg ingest --replace) to replace ${placement.existing.iri}.`, {
    existing: { iri: placement.existing.iri, source: placement.existing.url ?? null },
    incoming: { iri: page.iri, source: page.url ?? null },
    ...(placement.other ? { copyOf: { iri: placement.other.iri, source: placement.other.url ?? null } } : {}),
  });
}

/** With replace=true a conflict becomes a replacement of the release it named, which takes the page's URL. */
export function forceReplace(page: PageIdentity, placement: Placement): Placement {
  if (placement.kind !== 'conflict') return placement;
  return { kind: 'same', existing: placement.existing, url: page.url ?? placement.existing.url };
}
