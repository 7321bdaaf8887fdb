/**
 * The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) served on `GET /sparql`
 * without a query: what the endpoint speaks, which result formats it writes, and its default dataset.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../model/ns.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const sd = (local: string) => namedNode(`${NS.sd}${local}`);
const rdfType = namedNode(`${NS.rdf}type`);
const FORMATS = 'http://www.w3.org/ns/formats/';

export interface DescriptionInput {
  /** The endpoint's IRI, from the configured base. */
  endpoint: string;
  base: string;
  unionDefaultGraph: boolean;
  federation: boolean;
  /** Triples in the store and named graphs, for the default dataset description. */
  triples: number;
  namedGraphs: string[];
}

/**
 * Named graphs the description lists at most. There is one graph per release and per entity, and Comunica fetches
 * the description to detect a source: at 100k releases the full list was ~300k triples. The dataset's own graphs
 * (ontology, reference data, aliases) come first; VoID (`rdfs:seeAlso`) and the graph store describe the rest.
 */
export const MAX_LISTED_GRAPHS = 100;

/** The graphs to list: the dataset's own graphs, then releases and entities, in IRI order, up to the cap. */
export function listedGraphs(base: string, graphs: readonly string[]): string[] {
  const perItem = (g: string) => g.startsWith(`${base}graph/release/`) || g.startsWith(`${base}graph/entity/`);
  const sorted = [...graphs].sort((a, b) => Number(perItem(a)) - Number(perItem(b)) || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.slice(0, MAX_LISTED_GRAPHS);
}

/** Builds the description as quads in the default graph. */
export function describeService(input: DescriptionInput): Quad[] {
  const service = blankNode('service');
  const dataset = blankNode('dataset');
  const defaultGraph = blankNode('defaultGraph');
  const out: Quad[] = [quad(service, rdfType, sd('Service'))];
  const add = (p: Quad['predicate'], o: Quad['object']) => out.push(quad(service, p, o));
  add(sd('endpoint'), namedNode(input.endpoint));
  add(sd('supportedLanguage'), sd('SPARQL11Query'));
  add(sd('supportedLanguage'), sd('SPARQL11Update'));
  for (const f of ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'JSON-LD', 'RDF_XML']) {
    add(sd('resultFormat'), namedNode(`${FORMATS}${f}`));
  }
  for (const f of ['Turtle', 'N-Triples', 'N-Quads', 'RDF_XML', 'JSON-LD']) add(sd('inputFormat'), namedNode(`${FORMATS}${f}`));
  if (input.unionDefaultGraph) add(sd('feature'), sd('UnionDefaultGraph'));
  if (input.federation) add(sd('feature'), sd('BasicFederatedQuery'));
  add(sd('defaultDataset'), dataset);
  out.push(quad(dataset, rdfType, sd('Dataset')));
  out.push(quad(dataset, sd('defaultGraph'), defaultGraph));
  out.push(quad(defaultGraph, rdfType, sd('Graph')));
  out.push(quad(defaultGraph, namedNode(`${NS.void}triples`), literal(String(input.triples), namedNode(`${NS.xsd}integer`))));
  const listed = listedGraphs(input.base, input.namedGraphs);
  if (listed.length < input.namedGraphs.length) {
    const note =
      `Lists ${listed.length} of the ${input.namedGraphs.length} named graphs: each press release is in ` +
      `${input.base}graph/release/{key} and each entity it names in ${input.base}graph/entity/{kind}/{key}. ` +
      `The VoID description (rdfs:seeAlso) describes the whole dataset, and GET ${input.base}graph-store answers it.`;
    out.push(quad(dataset, namedNode(`${NS.rdfs}comment`), literal(note, 'en')));
  }
  for (const name of listed) {
    const named = blankNode();
    out.push(quad(dataset, sd('namedGraph'), named));
    out.push(quad(named, rdfType, sd('NamedGraph')));
    out.push(quad(named, sd('name'), namedNode(name)));
  }
  out.push(quad(dataset, namedNode(`${NS.rdfs}seeAlso`), namedNode(`${input.base}.well-known/void`)));
  return out;
}
