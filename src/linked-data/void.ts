/**
 * The VoID description (W3C Note "Describing Linked Datasets with VoID" §4–§6) with statistics computed from the
 * live data, cached per dataset version.
 */
import { NS, type Iris } from '../model/ns.js';
import type { KgStore, Row } from '../store/types.js';
import { dumpUrl, type DumpFile } from './dump-files.js';
import { GraphBuilder, iri, term, text, typed } from './rdf-builder.js';
import { snapshotUrl, type Snapshot } from './snapshots.js';
import { iriRef, stringLiteral } from './sparql-terms.js';

export interface VoidStats {
  triples: number;
  entities: number;
  distinctSubjects: number;
  distinctObjects: number;
  properties: number;
  classes: Array<{ cls: string; entities: number }>;
  propertyPartitions: Array<{ property: string; triples: number }>;
  examples: string[];
}

const count = (rows: Row[]) => Number(rows[0]?.n?.value ?? 0);
const DISTINCT_TRIPLES = 'SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }';

/** Statistics of the union of all graphs (the default graph of the service). */
export async function computeStats(store: KgStore, iris: Iris): Promise<VoidStats> {
  const idPrefix = stringLiteral(`${iris.base}id/`);
  const triples = count(await store.select(`SELECT (COUNT(*) AS ?n) WHERE { ${DISTINCT_TRIPLES.replace('SELECT', '{ SELECT')} } }`));
  const entities = count(await store.select(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ${idPrefix})) }`));
  const distinctSubjects = count(await store.select('SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }'));
  const distinctObjects = count(await store.select('SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }'));
  const properties = count(await store.select('SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }'));
  const classes = (await store.select('SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c'))
    .map((r) => ({ cls: r.c?.value ?? '', entities: Number(r.n?.value ?? 0) }));
  const propertyPartitions = (await store.select(`SELECT ?p (COUNT(*) AS ?n) WHERE { { ${DISTINCT_TRIPLES} } } GROUP BY ?p ORDER BY ?p`))
    .map((r) => ({ property: r.p?.value ?? '', triples: Number(r.n?.value ?? 0) }));
  const examples = (await store.select(`SELECT ?s WHERE { VALUES ?c { ${[`${NS.osce}PressRelease`, `${NS.osce}Country`, `${NS.osce}FieldOperation`, `${NS.osce}Meeting`].map(iriRef).join(' ')} }
    { SELECT ?c (MIN(STR(?x)) AS ?s) WHERE { ?x a ?c FILTER(STRSTARTS(STR(?x), ${idPrefix})) } GROUP BY ?c } }`)).map((r) => r.s?.value ?? '').filter(Boolean);
  return { triples, entities, distinctSubjects, distinctObjects, properties, classes, propertyPartitions, examples };
}

/** IRI of the dataset, shared by VoID and the DCAT catalog (a hash IRI answered by the catalog document). */
export const datasetIri = (iris: Iris) => `${iris.base}catalog#dataset`;
export const voidDocumentUrl = (iris: Iris) => `${iris.base}.well-known/void`;

/** The vocabularies the data uses: namespaces of the project that occur among its properties and classes. */
function vocabularies(stats: VoidStats): string[] {
  const used = [...stats.classes.map((c) => c.cls), ...stats.propertyPartitions.map((p) => p.property)];
  return Object.values(NS).filter((ns) => used.some((u) => u.startsWith(ns)));
}

/**
 * Each dated snapshot as a version of the dataset (`dct:hasVersion`): a void:Dataset with its dump, `dcat:version`
 * (its date) and `adms:versionNotes`.
 */
function snapshotVersions(g: GraphBuilder, iris: Iris, ds: ReturnType<typeof iri>, snapshots: readonly Snapshot[], retention: string): void {
  for (const s of snapshots) {
    const version = iri(`${voidDocumentUrl(iris)}#snapshot-${s.date}`);
    g.add(ds, 'dct:hasVersion', version)
      .add(version, 'rdf:type', term('void:Dataset'))
      .add(version, 'dct:isVersionOf', ds)
      .add(version, 'dct:title', text(`OSCE knowledge graph as of ${s.date}`, 'en'))
      .add(version, 'dcat:version', text(s.date))
      .add(version, 'adms:versionNotes', text(`Snapshot taken ${s.created.toISOString()} at dataset version ${s.version}. ${retention}`, 'en'))
      .add(version, 'dct:created', typed(s.created.toISOString(), 'xsd:dateTime'))
      .add(version, 'void:dataDump', iri(snapshotUrl(iris.base, s)));
  }
}

export function buildVoid(iris: Iris, stats: VoidStats, dumps: readonly DumpFile[], modified: Date, snapshots: readonly Snapshot[] = [], retention = '') {
  const g = new GraphBuilder();
  const ds = iri(datasetIri(iris));
  const doc = iri(voidDocumentUrl(iris));
  g.add(doc, 'rdf:type', term('void:DatasetDescription')).add(doc, 'foaf:primaryTopic', ds);
  g.add(ds, 'rdf:type', term('void:Dataset'))
    .add(ds, 'dct:title', text('OSCE knowledge graph', 'en'))
    .add(ds, 'dct:description', text('Participating States, structures, field operations, meetings and press releases of the OSCE as linked data.', 'en'))
    .add(ds, 'dct:license', iri('https://creativecommons.org/licenses/by/4.0/'))
    .add(ds, 'dct:modified', typed(modified.toISOString(), 'xsd:dateTime'))
    .add(ds, 'void:sparqlEndpoint', iri(`${iris.base}sparql`))
    .add(ds, 'void:uriSpace', text(`${iris.base}id/`))
    .add(ds, 'void:feature', iri('http://www.w3.org/ns/formats/Turtle'), iri('http://www.w3.org/ns/formats/N-Triples'), iri('http://www.w3.org/ns/formats/JSON-LD'), iri('http://www.w3.org/ns/formats/RDF_XML'))
    .add(ds, 'void:rootResource', iri(iris.entity('organization', 'osce')));
  for (const d of dumps) g.add(ds, 'void:dataDump', iri(dumpUrl(iris.base, d)));
  snapshotVersions(g, iris, ds, snapshots, retention);
  for (const e of stats.examples) g.add(ds, 'void:exampleResource', iri(e));
  for (const v of vocabularies(stats)) g.add(ds, 'void:vocabulary', iri(v));
  g.add(ds, 'void:triples', typed(stats.triples, 'xsd:integer'))
    .add(ds, 'void:entities', typed(stats.entities, 'xsd:integer'))
    .add(ds, 'void:distinctSubjects', typed(stats.distinctSubjects, 'xsd:integer'))
    .add(ds, 'void:distinctObjects', typed(stats.distinctObjects, 'xsd:integer'))
    .add(ds, 'void:properties', typed(stats.properties, 'xsd:integer'))
    .add(ds, 'void:classes', typed(stats.classes.length, 'xsd:integer'));
  stats.classes.forEach((c, i) => {
    const part = iri(`${voidDocumentUrl(iris)}#class-${i}`);
    g.add(ds, 'void:classPartition', part).add(part, 'void:class', iri(c.cls)).add(part, 'void:entities', typed(c.entities, 'xsd:integer'));
  });
  stats.propertyPartitions.forEach((p, i) => {
    const part = iri(`${voidDocumentUrl(iris)}#property-${i}`);
    g.add(ds, 'void:propertyPartition', part).add(part, 'void:property', iri(p.property)).add(part, 'void:triples', typed(p.triples, 'xsd:integer'));
  });
  return g.quads;
}

