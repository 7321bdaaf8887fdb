/**
 * The DCAT-AP catalog: one catalog, the dataset, a distribution per dump, and the SPARQL endpoint as a data service.
 * Controlled vocabularies are the EU Publications Office authority tables; media types are IANA IRIs. Every object
 * has its class stated because the DCAT-AP range shapes check `sh:class` on the data graph.
 *
 * DCAT-AP 3.0.1 types dcat:byteSize as xsd:nonNegativeInteger and 2.1.1 as xsd:decimal, both with maxCount 1, so
 * one graph cannot satisfy both; 2.1.1 also admits only SHA-1 checksums. `profile` picks the release (default 3.0.1;
 * `?profile=2.1.1` for harvesters on 2.1.1).
 */
import type { Quad_Object, Quad_Subject } from '@rdfjs/types';
import { NS, type Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { dumpUrl, type DumpFile } from './dump-files.js';
import { EU, GraphBuilder, IANA, iri, term, text, typed } from './rdf-builder.js';
import { iriRef } from './sparql-terms.js';
import { datasetIri } from './void.js';
import { snapshotUrl, type Snapshot } from './snapshots.js';

export type DcatProfile = '3.0.1' | '2.1.1';
export const DCAT_PROFILES: readonly DcatProfile[] = ['3.0.1', '2.1.1'];

export interface CatalogFacts {
  /** EU country authority IRIs of the participating States. */
  spatial: string[];
  /** Earliest and latest release dates (xsd:date lexical forms). */
  temporal?: { start: string; end: string };
}

/** Reads the facts the catalog derives from the data. */
export async function catalogFacts(store: KgStore): Promise<CatalogFacts> {
  const spatialRows = await store.select(`SELECT DISTINCT ?eu WHERE { ?c ${iriRef(`${NS.osce}participatingSince`)} ?d ; ${iriRef(`${NS.skos}exactMatch`)} ?eu
    FILTER(STRSTARTS(STR(?eu), "${NS.euCountry}")) } ORDER BY ?eu`);
  const dates = await store.select(`SELECT (MIN(?d) AS ?min) (MAX(?d) AS ?max) WHERE { ?r a ${iriRef(`${NS.osce}PressRelease`)} ; ${iriRef(`${NS.schema}datePublished`)} ?d }`);
  const min = dates[0]?.min?.value;
  const max = dates[0]?.max?.value;
  return { spatial: spatialRows.map((r) => r.eu?.value ?? '').filter(Boolean), temporal: min && max ? { start: min.slice(0, 10), end: max.slice(0, 10) } : undefined };
}

export interface CatalogInput {
  iris: Iris;
  dumps: readonly DumpFile[];
  /** Dated snapshots, newest first: a distribution each, with its version. */
  snapshots: readonly Snapshot[];
  /** The retention policy in a sentence (the snapshots' version notes say it). */
  retention: string;
  facts: CatalogFacts;
  /** First publication (the change feed's first activity) and last change. */
  issued: Date;
  modified: Date;
  profile: DcatProfile;
}

const LICENCE = `${EU}licence/CC_BY_4_0`;
/** EU data themes with their English labels from the authority table (the Concept shape needs a prefLabel). */
const THEMES = { INTR: 'International issues', GOVE: 'Government and public sector', JUST: 'Justice, legal system and public safety' };

function distribution(g: GraphBuilder, input: CatalogInput, d: DumpFile): Quad_Subject & Quad_Object {
  const dist = iri(`${input.iris.base}catalog#dump-${d.format.fileType.toLowerCase()}`);
  const algorithm = input.profile === '2.1.1' ? 'sha1' : 'sha256';
  const checksum = iri(`${input.iris.base}catalog#${algorithm}-${d.format.fileType.toLowerCase()}`);
  const url = iri(dumpUrl(input.iris.base, d));
  g.add(dist, 'rdf:type', term('dcat:Distribution'))
    .add(dist, 'dct:title', text(`${d.format.title}, gzip`, 'en'))
    .add(dist, 'dct:description', text(`The whole graph as ${d.format.title}, gzip-compressed, regenerated after every change.`, 'en'))
    .add(dist, 'dcat:accessURL', url).add(dist, 'dcat:downloadURL', url)
    .typed(dist, 'dct:format', iri(`${EU}file-type/${d.format.fileType}`), 'dct:MediaTypeOrExtent')
    .typed(dist, 'dcat:mediaType', iri(`${IANA}${d.format.mediaType}`), 'dct:MediaType')
    .typed(dist, 'dcat:compressFormat', iri(`${IANA}application/gzip`), 'dct:MediaType')
    .typed(dist, 'dct:license', iri(LICENCE), 'dct:LicenseDocument')
    .add(dist, 'dcat:byteSize', typed(d.bytes, input.profile === '2.1.1' ? 'xsd:decimal' : 'xsd:nonNegativeInteger'))
    .add(dist, 'dct:issued', typed(d.modified.toISOString(), 'xsd:dateTime'))
    .add(dist, 'dct:modified', typed(d.modified.toISOString(), 'xsd:dateTime'))
    .typed(dist, 'spdx:checksum', checksum, 'spdx:Checksum')
    .add(checksum, 'spdx:algorithm', term(`spdx:checksumAlgorithm_${algorithm}`))
    .add(checksum, 'spdx:checksumValue', typed(algorithm === 'sha1' ? d.sha1 : d.sha256, 'xsd:hexBinary'));
  concept(g, dist, 'dcatap:availability', `${EU}planned-availability/STABLE`, 'stable');
  return dist;
}

/**
 * A dated snapshot as a distribution of the dataset: `dcat:version` (DCAT 3; `owl:versionInfo` under DCAT-AP 2.1.1,
 * which predates it) is its date, `adms:versionNotes` says what it is and how long it is kept.
 */
function snapshotDistribution(g: GraphBuilder, input: CatalogInput, s: Snapshot): Quad_Subject & Quad_Object {
  const dist = iri(`${input.iris.base}catalog#snapshot-${s.date}`);
  const algorithm = input.profile === '2.1.1' ? 'sha1' : 'sha256';
  const checksum = iri(`${input.iris.base}catalog#snapshot-${s.date}-${algorithm}`);
  const url = iri(snapshotUrl(input.iris.base, s));
  const taken = s.created.toISOString();
  g.add(dist, 'rdf:type', term('dcat:Distribution'))
    .add(dist, 'dct:title', text(`N-Quads snapshot of ${s.date}, gzip`, 'en'))
    .add(dist, 'dct:description', text(`The whole graph as N-Quads as it was on ${s.date} (UTC), gzip-compressed; it never changes.`, 'en'))
    .add(dist, input.profile === '2.1.1' ? 'owl:versionInfo' : 'dcat:version', text(s.date))
    .add(dist, 'adms:versionNotes', text(`Snapshot taken ${taken} at dataset version ${s.version}. ${input.retention}`, 'en'))
    .add(dist, 'dcat:accessURL', url).add(dist, 'dcat:downloadURL', url)
    .typed(dist, 'dct:format', iri(`${EU}file-type/RDF_N_QUADS`), 'dct:MediaTypeOrExtent')
    .typed(dist, 'dcat:mediaType', iri(`${IANA}application/n-quads`), 'dct:MediaType')
    .typed(dist, 'dcat:compressFormat', iri(`${IANA}application/gzip`), 'dct:MediaType')
    .typed(dist, 'dct:license', iri(LICENCE), 'dct:LicenseDocument')
    .add(dist, 'dcat:byteSize', typed(s.bytes, input.profile === '2.1.1' ? 'xsd:decimal' : 'xsd:nonNegativeInteger'))
    .add(dist, 'dct:issued', typed(taken, 'xsd:dateTime'))
    .add(dist, 'dct:modified', typed(taken, 'xsd:dateTime'))
    .typed(dist, 'spdx:checksum', checksum, 'spdx:Checksum')
    .add(checksum, 'spdx:algorithm', term(`spdx:checksumAlgorithm_${algorithm}`))
    .add(checksum, 'spdx:checksumValue', typed(algorithm === 'sha1' ? s.sha1 : s.sha256, 'xsd:hexBinary'));
  concept(g, dist, 'dcatap:availability', `${EU}planned-availability/TEMPORARY`, 'temporary');
  return dist;
}

function agents(g: GraphBuilder, base: string) {
  const publisher = iri(`${base}catalog#publisher`);
  const contact = iri(`${base}catalog#contact`);
  g.add(publisher, 'rdf:type', term('foaf:Agent')).add(publisher, 'foaf:name', text('osce-kg project', 'en'))
    .add(publisher, 'foaf:homepage', iri(base));
  concept(g, publisher, 'dct:type', 'http://purl.org/adms/publishertype/NonProfitOrganisation', 'Non-Profit Organisation');
  concept(g, iri(LICENCE), 'dct:type', 'http://purl.org/adms/licencetype/Attribution', 'Attribution');
  g.add(contact, 'rdf:type', term('vcard:Organization')).add(contact, 'rdf:type', term('vcard:Kind'))
    .add(contact, 'vcard:fn', text('osce-kg project')).add(contact, 'vcard:hasURL', iri(base));
  return { publisher, contact };
}

function dataset(g: GraphBuilder, input: CatalogInput, publisher: Quad_Object, contact: Quad_Subject & Quad_Object) {
  const { iris, facts } = input;
  const ds = iri(datasetIri(iris));
  g.add(ds, 'rdf:type', term('dcat:Dataset'))
    .add(ds, 'dct:title', text('OSCE knowledge graph', 'en'))
    .add(ds, 'dct:description', text('Participating States, partners, structures, field operations, meetings and press releases of the Organization for Security and Co-operation in Europe, as linked data.', 'en'))
    .add(ds, 'dcat:keyword', text('OSCE', 'en'), text('security co-operation', 'en'), text('linked data', 'en'), text('press releases', 'en'))
    .add(ds, 'dct:publisher', publisher).add(ds, 'dcat:contactPoint', contact)
    .typed(ds, 'dct:accessRights', iri(`${EU}access-right/PUBLIC`), 'dct:RightsStatement')
    .typed(ds, 'dct:language', iri(`${EU}language/ENG`), 'dct:LinguisticSystem')
    .typed(ds, 'dct:accrualPeriodicity', iri(`${EU}frequency/IRREG`), 'dct:Frequency')
    .typed(ds, 'dcat:landingPage', iri(iris.base), 'foaf:Document')
    .add(ds, 'dct:modified', typed(input.modified.toISOString(), 'xsd:dateTime'));
  for (const [code, label] of Object.entries(THEMES)) concept(g, ds, 'dcat:theme', `${EU}data-theme/${code}`, label);
  for (const s of facts.spatial) g.typed(ds, 'dct:spatial', iri(s), 'dct:Location');
  if (facts.temporal) {
    const period = iri(`${iris.base}catalog#temporal`);
    g.typed(ds, 'dct:temporal', period, 'dct:PeriodOfTime')
      .add(period, 'dcat:startDate', typed(facts.temporal.start, 'xsd:date'))
      .add(period, 'dcat:endDate', typed(facts.temporal.end, 'xsd:date'));
  }
  return ds;
}

/** Links `s` to a controlled-vocabulary concept, stating its class and English label (the Concept shape needs one). */
function concept(g: GraphBuilder, s: Quad_Subject, p: string, value: string, label: string): void {
  g.typed(s, p, iri(value), 'skos:Concept').add(iri(value), 'skos:prefLabel', text(label, 'en'));
}

function dataService(g: GraphBuilder, base: string, ds: Quad_Object, publisher: Quad_Object, contact: Quad_Object) {
  const service = iri(`${base}catalog#sparql`);
  g.add(service, 'rdf:type', term('dcat:DataService'))
    .add(service, 'dct:title', text('OSCE knowledge graph SPARQL endpoint', 'en'))
    .add(service, 'dcat:endpointURL', iri(`${base}sparql`))
    .add(service, 'dcat:endpointDescription', iri(`${base}sparql`))
    .add(service, 'dcat:servesDataset', ds)
    .add(service, 'dct:publisher', publisher).add(service, 'dcat:contactPoint', contact)
    .add(service, 'dcat:keyword', text('SPARQL', 'en'), text('OSCE', 'en'))
    .typed(service, 'dct:conformsTo', iri('https://www.w3.org/TR/sparql11-protocol/'), 'dct:Standard')
    .typed(service, 'dct:license', iri(LICENCE), 'dct:LicenseDocument');
  for (const [code, label] of Object.entries(THEMES)) concept(g, service, 'dcat:theme', `${EU}data-theme/${code}`, label);
  return service;
}

/** The catalog graph. */
export function buildCatalog(input: CatalogInput) {
  const g = new GraphBuilder();
  const { base } = input.iris;
  const catalog = iri(`${base}catalog#catalog`);
  const { publisher, contact } = agents(g, base);
  const ds = dataset(g, input, publisher, contact);
  for (const d of input.dumps) g.add(ds, 'dcat:distribution', distribution(g, input, d));
  for (const s of input.snapshots) g.add(ds, 'dcat:distribution', snapshotDistribution(g, input, s));
  const service = dataService(g, base, ds, publisher, contact);
  const taxonomy = iri(`${EU}data-theme`);
  g.typed(catalog, 'dcat:themeTaxonomy', taxonomy, 'skos:ConceptScheme').add(taxonomy, 'dct:title', text('Data theme', 'en'));
  for (const s of input.facts.spatial) g.typed(catalog, 'dct:spatial', iri(s), 'dct:Location');
  g.add(catalog, 'rdf:type', term('dcat:Catalog'))
    .add(catalog, 'dct:title', text('OSCE knowledge graph catalog', 'en'))
    .add(catalog, 'dct:description', text('The datasets and services of the osce-kg linked-data service.', 'en'))
    .add(catalog, 'dct:publisher', publisher)
    .typed(catalog, 'foaf:homepage', iri(base), 'foaf:Document')
    .typed(catalog, 'dct:license', iri(LICENCE), 'dct:LicenseDocument')
    .typed(catalog, 'dct:language', iri(`${EU}language/ENG`), 'dct:LinguisticSystem')
    .add(catalog, 'dct:issued', typed(input.issued.toISOString(), 'xsd:dateTime'))
    .add(catalog, 'dct:modified', typed(input.modified.toISOString(), 'xsd:dateTime'))
    .add(catalog, 'dcat:dataset', ds).add(catalog, 'dcat:service', service);
  return g.quads;
}
