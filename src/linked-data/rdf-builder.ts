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
  /**
   * Triples already added: a graph is a set, and the builders state a shared object's class (or a concept's label)
   * at every link to it, which without this came out once per link (the catalog's licence eight times).
   */
  readonly #seen = new Set<string>();
  add(s: Quad_Subject, p: string, ...objects: Quad_Object[]): this {
    for (const o of objects) {
      const q = quad(s, term(p), o);
      const key = JSON.stringify([s.termType, s.value, q.predicate.value, o.termType, o.value,
        o.termType === 'Literal' ? [o.language, o.datatype.value] : null]);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.quads.push(q);
    }
    return this;
  }
  /** Types `o` as `cls` and links it: range shapes need the class of every object stated. */
  typed(s: Quad_Subject, p: string, o: Quad_Subject & Quad_Object, cls: string): this {
    return this.add(s, p, o).add(o, 'rdf:type', term(cls));
  }
}
