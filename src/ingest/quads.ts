/**
 * ReleaseRecord → RDF/JS quads, following the public-vocabulary contract of docs/ARCHITECTURE.md. The release's own
 * named graph holds what the release states: the release, its links to entities, its quotations (with the speaker's
 * role as stated) and its PROV-O provenance (osce:PressRelease is a prov:Entity). The descriptions of the entities it
 * mints and shares with other releases (persons, places, publications, meetings) go to one graph per entity,
 * `graph/entity/{kind}/{key}`, so each shared triple is stored once (see update.ts for how they are merged).
 */
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS, type Iris } from '../model/ns.js';
import { VERSION } from '../model/version.js';
import type { EventRecord, PlaceRef, ReleaseRecord, Retrieval } from './types.js';

const { namedNode, literal, quad } = DataFactory;
/** SPDX terms for the content checksum (as DCAT-AP uses them). */
export const SPDX = 'http://spdx.org/rdf/terms#';

type Obj = Quad_Object;
const en = (text: string): Obj => literal(text, 'en');
/** A literal in the release's language (its text as the page writes it). */
const tagged = (text: string, language: string): Obj => literal(text, language);
const date = (value: string): Obj => literal(value, namedNode(`${NS.xsd}date`));
const iri = (value: string): Obj => namedNode(value);

export interface Provenance {
  /** IRI of the source page or file (`urn:sha256:…` when nothing better is known). */
  source: string;
  /** Name of the source (file name), if any. */
  sourceName?: string;
  /** Whether `source` is the page's web address (then also osce:originalPage). */
  isWebPage: boolean;
  /** Hex SHA-256 of the page bytes. */
  sha256: string;
  /** The retrieval of a harvested page. */
  retrieved?: Retrieval;
  /** Ingest time. */
  time: Date;
}

class GraphWriter {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly graphIri: string) {}
  /** Adds a triple once (a place named twice, a speaker quoted twice). */
  add(s: string, p: string, o: Obj): void {
    const key = `${s} ${p} ${o.termType} ${o.value} ${o.termType === 'Literal' ? `${o.language}^${o.datatype.value}` : ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(quad(namedNode(s), namedNode(p), o, namedNode(this.graphIri)) as Quad);
  }
  types(s: string, ...classes: string[]): void {
    for (const c of classes) this.add(s, `${NS.rdf}type`, iri(c));
  }
  /** schema:name and rdfs:label with the same text. */
  named(s: string, name: Obj): void {
    this.add(s, `${NS.schema}name`, name);
    this.add(s, `${NS.rdfs}label`, name);
  }
}

const S = NS.schema;
const O = NS.osce;

/** Writers per named graph: the release graph and one graph per described entity. */
class DatasetWriter {
  private readonly graphs = new Map<string, GraphWriter>();
  constructor(readonly release: GraphWriter, private readonly iris: Iris) {}
  /** The writer of the graph describing `entity` (an IRI minted under this base). */
  entity(entity: string): GraphWriter {
    const parsed = this.iris.parseEntity(entity);
    if (!parsed) throw new Error(`Not an entity IRI of this base: ${entity}`);
    const graph = this.iris.entityGraph(parsed.kind, parsed.key);
    let w = this.graphs.get(graph);
    if (!w) this.graphs.set(graph, (w = new GraphWriter(graph)));
    return w;
  }
  get quads(): Quad[] {
    return [...this.release.quads, ...[...this.graphs.values()].flatMap((w) => w.quads)];
  }
}

/** The quads of one release: its graph (`r.graph`) first, then the entity graphs. */
export function releaseQuads(r: ReleaseRecord, prov: Provenance, iris: Iris): Quad[] {
  const d = new DatasetWriter(new GraphWriter(r.graph), iris);
  const w = d.release;
  w.types(r.iri, `${O}PressRelease`, `${S}NewsArticle`);
  const lang = (text: string): Obj => tagged(text, r.language);
  w.add(r.iri, `${S}headline`, lang(r.title));
  w.add(r.iri, `${NS.rdfs}label`, lang(r.title));
  w.add(r.iri, `${S}datePublished`, date(r.date));
  w.add(r.iri, `${S}genre`, en(r.contentType.label));
  if (r.contentType.iri) w.add(r.iri, `${O}contentType`, iri(r.contentType.iri));
  w.add(r.iri, `${S}inLanguage`, literal(r.language));
  for (const p of r.publishers) w.add(r.iri, `${S}publisher`, iri(p));
  for (const f of r.fields) w.add(r.iri, `${S}about`, iri(f));
  for (const p of r.places) w.add(r.iri, `${S}locationCreated`, iri(p.iri));
  w.add(r.iri, `${S}articleBody`, lang(r.paragraphs.join('\n\n')));
  // Persons, publications and the event are mentioned too, so public-vocabulary clients reach them from the release.
  const mentioned = new Set([...r.mentions, ...r.persons.map((p) => p.iri), ...r.publications.map((p) => p.iri), ...(r.event ? [r.event.iri] : [])]);
  for (const m of mentioned) w.add(r.iri, `${S}mentions`, iri(m));
  placeQuads(d, [...r.places, ...(r.event?.place ? [r.event.place] : [])], r.language);
  for (const p of r.persons) {
    d.entity(p.iri).types(p.iri, `${S}Person`);
    d.entity(p.iri).named(p.iri, literal(p.name));
  }
  for (const p of r.publications) {
    d.entity(p.iri).types(p.iri, `${O}Publication`, `${S}CreativeWork`);
    d.entity(p.iri).named(p.iri, lang(p.title));
  }
  // The speaker's role and affiliation are what this release states: they stay on its quotations, not on the person.
  r.quotations.forEach((q) => {
    w.add(r.iri, `${O}quotation`, iri(q.iri));
    w.types(q.iri, `${O}Quotation`, `${S}Quotation`);
    w.add(q.iri, `${S}text`, lang(q.text));
    w.add(q.iri, `${NS.rdfs}label`, lang(shorten(q.text, 80)));
    w.add(q.iri, `${S}isPartOf`, iri(r.iri));
    if (q.speaker) w.add(q.iri, `${S}spokenByCharacter`, iri(q.speaker.iri));
    if (q.role) w.add(q.iri, `${O}speakerRole`, literal(q.role));
    if (q.affiliation) w.add(q.iri, `${O}speakerAffiliation`, iri(q.affiliation));
  });
  if (r.event) eventQuads(d, r.iri, r.event, r.language);
  provenanceQuads(w, r.iri, prov);
  return d.quads;
}

/** The words of `text` that fit in `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Places the reference data lacks (minted) are described in their own graphs; known places only linked. */
function placeQuads(d: DatasetWriter, places: PlaceRef[], language: string): void {
  const seen = new Set<string>();
  for (const p of places) {
    if (!p.minted || seen.has(p.iri)) continue;
    seen.add(p.iri);
    const w = d.entity(p.iri);
    w.types(p.iri, `${O}Place`, `${S}Place`, `${S}City`);
    w.named(p.iri, tagged(p.name, language));
    if (p.country) w.add(p.iri, `${S}containedInPlace`, iri(p.country));
  }
}

function eventQuads(d: DatasetWriter, release: string, e: EventRecord, language: string): void {
  d.release.add(release, `${O}announces`, iri(e.iri));
  const w = d.entity(e.iri);
  w.types(e.iri, `${O}Meeting`, `${S}Event`);
  w.named(e.iri, tagged(e.name, language));
  if (e.startDate) w.add(e.iri, `${S}startDate`, date(e.startDate));
  if (e.endDate) w.add(e.iri, `${S}endDate`, date(e.endDate));
  if (e.place) w.add(e.iri, `${S}location`, iri(e.place.iri));
  for (const o of e.organizers) w.add(e.iri, `${S}organizer`, iri(o));
}

function provenanceQuads(w: GraphWriter, release: string, prov: Provenance): void {
  const P = NS.prov;
  const dateTime = dateTimeLiteral(prov.time);
  w.add(release, `${P}wasDerivedFrom`, iri(prov.source));
  if (prov.isWebPage) w.add(release, `${O}originalPage`, iri(prov.source));
  w.add(release, `${P}generatedAtTime`, dateTime);
  // Hash IRIs under the graph, not blank nodes: blank nodes of separate writes would be merged by the store.
  const graph = w.graphIri;
  const activity = `${graph}#ingest`;
  const agent = `${graph}#agent`;
  w.add(release, `${P}wasGeneratedBy`, iri(activity));
  w.add(activity, `${NS.rdf}type`, iri(`${P}Activity`));
  w.add(activity, `${NS.rdfs}label`, literal(`osce-kg ingest ${VERSION}`));
  w.add(activity, `${P}endedAtTime`, dateTime);
  w.add(activity, `${P}used`, iri(prov.source));
  w.add(activity, `${P}wasAssociatedWith`, iri(agent));
  w.add(agent, `${NS.rdf}type`, iri(`${P}SoftwareAgent`));
  w.add(agent, `${S}name`, literal('osce-kg'));
  w.add(agent, `${S}softwareVersion`, literal(VERSION));
  const source = prov.source;
  w.add(source, `${NS.rdf}type`, iri(`${P}Entity`));
  if (prov.sourceName) w.add(source, `${S}name`, literal(prov.sourceName));
  const checksum = `${graph}#checksum`;
  w.add(source, `${SPDX}checksum`, iri(checksum));
  w.add(checksum, `${SPDX}algorithm`, iri(`${SPDX}checksumAlgorithm_sha256`));
  w.add(checksum, `${SPDX}checksumValue`, literal(prov.sha256, namedNode(`${NS.xsd}hexBinary`)));
  if (prov.retrieved) retrievalQuads(w, activity, agent, prov.source, prov.retrieved);
}

/**
 * A harvested page: the retrieval that informed the ingest (PROV-O §3.1: prov:wasInformedBy), with its time, and the
 * page's validators as it was served: Last-Modified as dct:modified, the entity tag as osce:entityTag.
 */
function retrievalQuads(w: GraphWriter, ingest: string, agent: string, source: string, r: Retrieval): void {
  const P = NS.prov;
  const retrieval = `${w.graphIri}#retrieval`;
  w.add(ingest, `${P}wasInformedBy`, iri(retrieval));
  w.add(retrieval, `${NS.rdf}type`, iri(`${P}Activity`));
  w.add(retrieval, `${NS.rdfs}label`, literal(`osce-kg harvest ${VERSION}`));
  w.add(retrieval, `${P}used`, iri(source));
  w.add(retrieval, `${P}endedAtTime`, dateTimeLiteral(r.at));
  w.add(retrieval, `${P}wasAssociatedWith`, iri(agent));
  const modified = r.lastModified ? Date.parse(r.lastModified) : Number.NaN;
  // an HTTP-date has whole seconds (RFC 9110 §5.6.7)
  if (!Number.isNaN(modified)) w.add(source, `${NS.dct}modified`, dateTimeLiteral(new Date(modified)));
  if (r.etag) w.add(source, `${O}entityTag`, literal(r.etag));
}

/**
 * An instant as an xsd:dateTime in canonical form (XML Schema 1.1 Part 2 §3.3.7.2: no trailing zeros in the fraction
 * of a second, no fraction if it is zero), the form the store gives back: `toISOString()` writes `.950Z`, which the
 * store returns as `.95Z`, so the data loaded and the data served would differ in one release out of ten.
 */
function dateTimeLiteral(instant: Date) {
  return literal(instant.toISOString().replace(/\.?0+Z$/, 'Z'), namedNode(`${NS.xsd}dateTime`));
}
