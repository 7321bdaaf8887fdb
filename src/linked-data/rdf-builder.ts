/** A tiny triple builder for the metadata graphs (VoID, DCAT): `add(s, p, o)` with CURIE predicates. */
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS, type Prefix } from '../model/ns.js';

const { namedNode, literal, quad } = DataFactory;

export const SPDX = 'http://spdx.org/rdf/terms#';
export const DCATAP = 'http://data.europa.eu/r5r/';
export const ADMS = 'http://www.w3.org/ns/adms#';
export const EU = 'http://publications.europa.eu/resource/authority/';
export const IANA = 'https://www.iana.org/assignments/media-types/';

/** `prefix:local` (project namespaces, plus spdx, dcatap and adms) to a NamedNode. */
export function term(curie: string) {
  const [p = '', local = ''] = curie.split(/:(.*)/s);
  if (p === 'spdx') return namedNode(SPDX + local);
  if (p === 'dcatap') return namedNode(DCATAP + local);
  if (p === 'adms') return namedNode(ADMS + local);
  const ns = NS[p as Prefix];
  if (!ns) throw new Error(`unknown prefix in ${curie}`);
  return namedNode(ns + local);
}

export const iri = (value: string) => namedNode(value);
export const typed = (value: string | number, datatype: string) => literal(String(value), term(datatype));
export const text = (value: string, lang?: string) => (lang ? literal(value, lang) : literal(value));

export class GraphBuilder {
  readonly quads: Quad[] = [];
  add(s: Quad_Subject, p: string, ...objects: Quad_Object[]): this {
    for (const o of objects) this.quads.push(quad(s, term(p), o));
    return this;
  }
  /** Types `o` as `cls` and links it: range shapes need the class of every object stated. */
  typed(s: Quad_Subject, p: string, o: Quad_Subject & Quad_Object, cls: string): this {
    return this.add(s, p, o).add(o, 'rdf:type', term(cls));
  }
}
