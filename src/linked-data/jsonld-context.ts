/**
 * The published, versioned JSON-LD context (`/context/v1.jsonld`) and the only document loader this service gives
 * jsonld: it answers our own context from memory and refuses every other URL, so no processing step ever fetches a
 * remote context (JSON-LD 1.1 API §9.4 lets the loader decide; a remote fetch would be an SSRF and a latency risk).
 */
import type jsonldModule from 'jsonld';
import { NS } from '../model/ns.js';
import { AppError } from '../errors.js';

/** Path of the context below the base; bump the version when a term changes meaning, never edit v1 in place. */
export const CONTEXT_PATH = 'context/v1.jsonld';

const id = { '@type': '@id' } as const;
const date = (p: string) => ({ '@id': p, '@type': `${NS.xsd}date` });

/** Readable keys for the vocabulary the data uses (ARCHITECTURE.md, "Model"). */
export function contextDocument(): { '@context': Record<string, unknown> } {
  const prefixes = Object.fromEntries(Object.entries(NS).map(([p, iri]) => [p, iri]));
  return {
    '@context': {
      '@version': 1.1,
      ...prefixes,
      id: '@id',
      type: '@type',
      // language maps: {"name": {"en": "Albania", "fr": "Albanie"}}; untagged strings appear under "@none"
      label: { '@id': `${NS.rdfs}label`, '@container': '@language' },
      name: { '@id': `${NS.schema}name`, '@container': '@language' },
      prefLabel: { '@id': `${NS.skos}prefLabel`, '@container': '@language' },
      altLabel: { '@id': `${NS.skos}altLabel`, '@container': '@language' },
      headline: { '@id': `${NS.schema}headline`, '@container': '@language' },
      articleBody: { '@id': `${NS.schema}articleBody` },
      genre: { '@id': `${NS.schema}genre` },
      text: { '@id': `${NS.schema}text` },
      datePublished: date(`${NS.schema}datePublished`),
      startDate: date(`${NS.schema}startDate`),
      endDate: date(`${NS.schema}endDate`),
      foundingDate: date(`${NS.schema}foundingDate`),
      dissolutionDate: date(`${NS.schema}dissolutionDate`),
      participatingSince: date(`${NS.osce}participatingSince`),
      publisher: { '@id': `${NS.schema}publisher`, ...id },
      about: { '@id': `${NS.schema}about`, ...id },
      mentions: { '@id': `${NS.schema}mentions`, ...id },
      locationCreated: { '@id': `${NS.schema}locationCreated`, ...id },
      location: { '@id': `${NS.schema}location`, ...id },
      organizer: { '@id': `${NS.schema}organizer`, ...id },
      superEvent: { '@id': `${NS.schema}superEvent`, ...id },
      areaServed: { '@id': `${NS.schema}areaServed`, ...id },
      parentOrganization: { '@id': `${NS.schema}parentOrganization`, ...id },
      containedInPlace: { '@id': `${NS.schema}containedInPlace`, ...id },
      spokenByCharacter: { '@id': `${NS.schema}spokenByCharacter`, ...id },
      unitOf: { '@id': `${NS.org}unitOf`, ...id },
      member: { '@id': `${NS.org}member`, ...id },
      organization: { '@id': `${NS.org}organization`, ...id },
      role: { '@id': `${NS.org}role`, ...id },
      memberDuring: { '@id': `${NS.org}memberDuring`, ...id },
      inScheme: { '@id': `${NS.skos}inScheme`, ...id },
      exactMatch: { '@id': `${NS.skos}exactMatch`, ...id },
      sameAs: { '@id': `${NS.owl}sameAs`, ...id },
      hostState: { '@id': `${NS.osce}hostState`, ...id },
      headquarters: { '@id': `${NS.osce}headquarters`, ...id },
      seat: { '@id': `${NS.osce}seat`, ...id },
      quotation: { '@id': `${NS.osce}quotation`, ...id },
      announces: { '@id': `${NS.osce}announces`, ...id },
      contentType: { '@id': `${NS.osce}contentType`, ...id },
      meetingType: { '@id': `${NS.osce}meetingType`, ...id },
      speakerAffiliation: { '@id': `${NS.osce}speakerAffiliation`, ...id },
      speakerRole: { '@id': `${NS.osce}speakerRole` },
      abbreviation: { '@id': `${NS.osce}abbreviation` },
      iso2: { '@id': `${NS.osce}iso2` },
      iso3: { '@id': `${NS.osce}iso3` },
    },
  };
}

/** The absolute URL of the context for one deployment base. */
export function contextUrl(base: string): string {
  return `${base}${CONTEXT_PATH}`;
}

/** The JSON-LD contexts the service ships, by URL: what uploads may name (store/rdf-parse.ts). */
export function shippedContexts(base: string): Record<string, unknown> {
  return { [contextUrl(base)]: contextDocument() };
}

type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };

let jsonldLoaded: Promise<typeof jsonldModule> | undefined;

/**
 * The jsonld library, imported on the first JSON-LD answer: with what it loads (an HTTP client among ~130 modules) it
 * took about 0.1 s of CPU at every start, and most requests and commands never produce JSON-LD.
 */
export function jsonldLib(): Promise<typeof jsonldModule> {
  return (jsonldLoaded ??= import('jsonld').then((m) => m.default));
}

/** A jsonld documentLoader that serves only our own context. */
export function localDocumentLoader(base: string): (url: string) => Promise<RemoteDocument> {
  const own = contextUrl(base);
  const doc = contextDocument();
  return async (url: string) => {
    if (url === own) return { contextUrl: null, documentUrl: url, document: doc };
    throw new AppError(500, 'REMOTE_CONTEXT_REFUSED', `Refusing to load a remote JSON-LD document: ${url}`);
  };
}

/** Compacts expanded JSON-LD against our published context (referenced by URL in the output). */
export async function compactWithContext(expanded: unknown, base: string): Promise<Record<string, unknown>> {
  // @types/jsonld types the context argument as an object; a context URL string is valid (JSON-LD 1.1 API §9.2).
  const compact = (await jsonldLib()).compact as unknown as (input: unknown, ctx: string, opts: object) => Promise<Record<string, unknown>>;
  return compact(expanded, contextUrl(base), { documentLoader: localDocumentLoader(base) });
}
