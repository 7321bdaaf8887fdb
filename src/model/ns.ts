/**
 * Every namespace and IRI pattern of the project, defined once.
 * Entity IRIs are `{base}id/{kind}/{key}`; their documents `{base}doc/{kind}/{key}`; named graphs `{base}graph/...`.
 * The base IRI is configuration (`--base`); data files use relative IRIs resolved against it at load time.
 */

/** The ontology namespace is fixed: vocabulary IRIs must not move with the deployment. */
export const OSCE = 'https://w3id.org/osce-kg/ontology#';

export const NS = Object.freeze({
  osce: OSCE,
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  schema: 'http://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  skosxl: 'http://www.w3.org/2008/05/skos-xl#',
  org: 'http://www.w3.org/ns/org#',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  prov: 'http://www.w3.org/ns/prov#',
  time: 'http://www.w3.org/2006/time#',
  sh: 'http://www.w3.org/ns/shacl#',
  void: 'http://rdfs.org/ns/void#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  vann: 'http://purl.org/vocab/vann/',
  geo: 'http://www.opengis.net/ont/geosparql#',
  wd: 'http://www.wikidata.org/entity/',
  euCountry: 'http://publications.europa.eu/resource/authority/country/',
} as const);

export type Prefix = keyof typeof NS;

/** Turtle/SPARQL prefix declarations for all namespaces. */
export function prefixDeclarations(style: 'turtle' | 'sparql' = 'sparql'): string {
  return Object.entries(NS)
    .map(([p, iri]) => (style === 'turtle' ? `@prefix ${p}: <${iri}> .` : `PREFIX ${p}: <${iri}>`))
    .join('\n');
}

/** Entity kinds: the `{kind}` segment of `id/{kind}/{key}`. */
export const KINDS = [
  'organization', // the OSCE itself: id/organization/osce
  'country', // participating States and partners: id/country/{iso2 lower-case}; former States cs, yu, scg
  'territory', // places with no ISO code that host operations (Kosovo)
  'membership', // id/membership/{iso2}-participating | {iso2}-partner | {post}-{person} (a term of office)
  'post', // posts of office holders (org:Post): id/post/{key}, the keys of src/model/office-holders.ts
  'chairpersonship', // id/chairpersonship/{year}
  'structure', // structures and institutions: id/structure/{slug}
  'field-operation', // id/field-operation/{slug}
  'field', // fields of work (skos:Concept): id/field/{slug}
  'scheme', // id/scheme/fields-of-work, id/scheme/meeting-types, id/scheme/content-types
  'meeting-type', // id/meeting-type/{slug}
  'content-type', // id/content-type/{slug}
  'meeting', // meetings, conferences, summits, Ministerial Councils: id/meeting/{slug}
  'place', // cities and sites: id/place/{slug}
  'person', // id/person/{slug}
  'publication', // id/publication/{slug}
  'release', // press releases: id/release/{yyyy-mm-dd}-{title slug}
  'quotation', // id/quotation/{release key}-{n}
] as const;
export type Kind = (typeof KINDS)[number];

/** Letters that NFKD does not decompose into a base letter + diacritic (Polish ł, Nordic ø, ...): transliterated. */
const TRANSLITERATE: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd' };

/** Lower-case ASCII slug: diacritics dropped, runs of other characters become one hyphen, at most `max` characters. */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[łøđßæœıþð]/g, (c) => TRANSLITERATE[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/g, '');
}

/** IRI minting against one base; every module that makes IRIs uses this. */
export class Iris {
  readonly base: string;
  constructor(base: string) {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }
  /**
   * The public URL of a path this service serves: the configured base, never the request's Host (which any client
   * may set, and which a shared cache would otherwise hand to every later client).
   */
  url(path: string): string {
    return `${this.base}${path.replace(/^\//, '')}`;
  }
  entity(kind: Kind, key: string): string {
    return `${this.base}id/${kind}/${key}`;
  }
  document(kind: Kind, key: string): string {
    return `${this.base}doc/${kind}/${key}`;
  }
  /** Named graph of one release, and the fixed graphs. */
  releaseGraph(key: string): string {
    return `${this.base}graph/release/${key}`;
  }
  /** Named graph of the description of one entity that ingestion mints (person, place, publication, meeting). */
  entityGraph(kind: Kind, key: string): string {
    return `${this.base}graph/entity/${kind}/${key}`;
  }
  get referenceGraph(): string {
    return `${this.base}graph/reference`;
  }
  get ontologyGraph(): string {
    return `${this.base}graph/ontology`;
  }
  get metaGraph(): string {
    return `${this.base}graph/meta`;
  }
  /** Former IRIs of releases whose key changed: `<current> owl:sameAs <former>` (docs/decisions/0001). */
  get aliasGraph(): string {
    return `${this.base}graph/aliases`;
  }
  /** Splits an entity IRI of this base into kind and key, or returns undefined. */
  parseEntity(iri: string): { kind: Kind; key: string } | undefined {
    if (!iri.startsWith(`${this.base}id/`)) return undefined;
    const [kind, ...rest] = iri.slice(this.base.length + 3).split('/');
    const key = rest.join('/');
    if (!key || !(KINDS as readonly string[]).includes(kind ?? '')) return undefined;
    return { kind: kind as Kind, key };
  }
}

export const DEFAULT_BASE = 'http://localhost:8080/';
