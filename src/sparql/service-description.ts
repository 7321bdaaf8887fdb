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
  for (const name of input.namedGraphs) {
    const named = blankNode();
    out.push(quad(dataset, sd('namedGraph'), named));
    out.push(quad(named, rdfType, sd('NamedGraph')));
    out.push(quad(named, sd('name'), namedNode(name)));
  }
  out.push(quad(dataset, namedNode(`${NS.rdfs}seeAlso`), namedNode(`${input.base}.well-known/void`)));
  return out;
}
