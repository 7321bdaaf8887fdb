/**
 * The schema.org view of an entity, for embedding in HTML (and served at `/doc/{kind}/{key}.schema.jsonld`): plain
 * schema.org terms only, shaped after Google's Article and Event guidance where the data has the fields.
 * Input is the entity's document (own triples + labels of what it links to), so no extra query is needed.
 */
import type { Literal, Quad } from '@rdfjs/types';
import { NS, type Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import type { EntityDocument } from './document.js';
import { labelIndex, pickLiteral } from './language.js';
import { iriRef } from './sparql-terms.js';
import { SHARE_IMAGE } from '../model/site-images.js';

type Json = Record<string, unknown>;

/** schema.org type of each entity kind, for the view itself and for the nodes it links to. */
const TYPE_OF_KIND: Partial<Record<string, string>> = {
  field: 'DefinedTerm', 'meeting-type': 'DefinedTerm', 'content-type': 'DefinedTerm', scheme: 'DefinedTermSet',
  place: 'Place', person: 'Person', publication: 'CreativeWork', quotation: 'Quotation', territory: 'Place',
  country: 'Country', structure: 'GovernmentOrganization', 'field-operation': 'GovernmentOrganization',
  organization: 'GovernmentOrganization', meeting: 'Event', release: 'NewsArticle',
};
const S = NS.schema;

interface ViewInput {
  doc: EntityDocument;
  iris: Iris;
  /** Facts beyond the document that the view needs (from {@link schemaExtras}). */
  extra?: readonly Quad[];
}

/** For events: the country (ISO code) of each location, for a PostalAddress. Empty for other kinds. */
export async function schemaExtras(store: KgStore, doc: EntityDocument): Promise<Quad[]> {
  if (doc.kind !== 'meeting') return [];
  const e = iriRef(doc.entity);
  return store.construct(`CONSTRUCT { ?p ${iriRef(`${S}containedInPlace`)} ?c . ?c ${iriRef(`${NS.osce}iso2`)} ?iso }
    WHERE { ${e} ${iriRef(`${S}location`)} ?p . ?p ${iriRef(`${S}containedInPlace`)} ?c . ?c ${iriRef(`${NS.osce}iso2`)} ?iso }`);
}

class Facts {
  private readonly labels: Map<string, Literal[]>;
  private readonly quads: readonly Quad[];
  constructor(private readonly doc: EntityDocument, private readonly iris: Iris, extra: readonly Quad[]) {
    this.quads = [...doc.quads, ...extra];
    this.labels = labelIndex(doc.quads);
  }
  objects(p: string, subject = this.doc.entity) {
    return this.quads.filter((q) => q.subject.value === subject && q.predicate.value === p).map((q) => q.object);
  }
  one(p: string): string | undefined {
    const en = this.objects(p).filter((o): o is Literal => o.termType === 'Literal');
    return pickLiteral(en, ['en'])?.value;
  }
  name(iri: string): string | undefined {
    return pickLiteral(this.labels.get(iri) ?? [], ['en'])?.value;
  }
  /** A linked node as `{@type, @id, name, url}`; url = its document when it is ours. */
  ref(iri: string, type: string): Json {
    const parsed = this.iris.parseEntity(iri);
    const url = parsed ? this.iris.document(parsed.kind, parsed.key) : undefined;
    return prune({ '@type': type, '@id': iri, name: this.name(iri), url });
  }
  /**
   * Linked nodes typed by their kind; `type` is the fallback for other IRIs, or always used when `fixed` (where the
   * property's range demands it, e.g. organizer: Organization even for a State).
   */
  refs(p: string, type: string, fixed = false): Json[] {
    return this.objects(p).filter((o) => o.termType === 'NamedNode').map((o) => {
      const kind = this.iris.parseEntity(o.value)?.kind;
      return this.ref(o.value, fixed ? type : (kind && TYPE_OF_KIND[kind]) || type);
    });
  }
}

function prune(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function one<T>(list: T[]): T | T[] | undefined {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

/**
 * The image Google's Article guidance asks for: the site's 1200×630 default, drawn by the project (src/web/). The
 * publisher stays the OSCE structures that issued the release, as the graph says (schema:publisher), and no
 * `publisher.logo` is given: the project has no logo of theirs it may use, and naming the site as publisher would
 * contradict the graph about the same IRI.
 */
function siteImage(iris: Iris) {
  return { '@type': 'ImageObject', url: `${iris.base}${SHARE_IMAGE.path}`, width: SHARE_IMAGE.width, height: SHARE_IMAGE.height };
}

function article(f: Facts, iris: Iris): Json {
  const orgs = f.refs(`${S}publisher`, 'GovernmentOrganization');
  const date = f.one(`${S}datePublished`);
  return {
    '@type': 'NewsArticle',
    headline: f.one(`${S}headline`),
    image: siteImage(iris),
    datePublished: date,
    dateModified: f.one(`${S}dateModified`) ?? date,
    author: one(orgs),
    publisher: one(orgs),
    sourceOrganization: one(orgs),
    about: one(f.refs(`${S}about`, 'DefinedTerm')),
    locationCreated: one(f.refs(`${S}locationCreated`, 'Place')),
    mentions: f.refs(`${S}mentions`, 'Thing'),
    genre: f.one(`${S}genre`),
    articleBody: f.one(`${S}articleBody`),
    inLanguage: f.one(`${S}inLanguage`),
  };
}

function event(f: Facts): Json {
  const places = f.refs(`${S}location`, 'Place').map((p) => {
    const country = f.objects(`${S}containedInPlace`, String(p['@id']))[0];
    const iso = country ? f.objects(`${NS.osce}iso2`, country.value)[0]?.value : undefined;
    return { ...p, address: prune({ '@type': 'PostalAddress', addressLocality: p.name, addressCountry: iso }) };
  });
  return {
    '@type': 'Event',
    name: f.one(`${S}name`),
    startDate: f.one(`${S}startDate`),
    endDate: f.one(`${S}endDate`),
    location: one(places),
    organizer: one(f.refs(`${S}organizer`, 'Organization', true)),
    superEvent: one(f.refs(`${S}superEvent`, 'Event')),
    eventStatus: 'https://schema.org/EventScheduled',
  };
}

function organization(f: Facts): Json {
  return {
    '@type': 'GovernmentOrganization',
    name: f.one(`${S}name`),
    alternateName: f.one(`${NS.osce}abbreviation`),
    parentOrganization: one(f.refs(`${S}parentOrganization`, 'GovernmentOrganization')),
    areaServed: one(f.refs(`${S}areaServed`, 'Place')),
    location: one([...f.refs(`${NS.osce}headquarters`, 'Place'), ...f.refs(`${NS.osce}seat`, 'Place')]),
    foundingDate: f.one(`${S}foundingDate`),
    dissolutionDate: f.one(`${S}dissolutionDate`),
  };
}

function country(f: Facts): Json {
  const sameAs = f.objects(`${NS.owl}sameAs`).map((o) => o.value);
  return { '@type': 'Country', name: f.one(`${S}name`), identifier: f.one(`${NS.osce}iso2`), sameAs: one(sameAs) };
}

function fallback(f: Facts, type: string): Json {
  const name = f.one(`${S}name`) ?? f.one(`${NS.skos}prefLabel`) ?? f.one(`${NS.rdfs}label`);
  return { '@type': type, name };
}


/** The schema.org JSON-LD object of one entity document. */
export function schemaView({ doc, iris, extra = [] }: ViewInput): Json {
  const f = new Facts(doc, iris, extra);
  const url = iris.document(doc.kind, doc.key);
  let body: Json;
  if (doc.kind === 'release') body = article(f, iris);
  else if (doc.kind === 'meeting') body = event(f);
  else if (doc.kind === 'structure' || doc.kind === 'field-operation' || doc.kind === 'organization') body = organization(f);
  else if (doc.kind === 'country') body = country(f);
  else body = fallback(f, TYPE_OF_KIND[doc.kind] ?? 'Thing');
  return prune({ '@context': 'https://schema.org', '@id': doc.entity, url, mainEntityOfPage: url, ...prune(body) });
}

