/**
 * Terms written into the internal SPARQL of the publishing services. Entity IRIs come from URL paths, so they are
 * checked against the IRIREF production (SPARQL 1.1 §19.8) instead of being pasted in as text.
 */
import { NS } from '../model/ns.js';

/** `<iri>` for SPARQL, or throws when the IRI holds a character IRIREF forbids. */
export function iriRef(iri: string): string {
  if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) throw new Error(`Not a valid IRI for SPARQL: ${JSON.stringify(iri)}`);
  return `<${iri}>`;
}

/** A SPARQL string literal with every special character escaped (§19.7 ECHAR). */
export function stringLiteral(text: string): string {
  return `"${text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c)}"`;
}

/** The predicates that carry a display label, in the order the views prefer them. */
export const LABEL_PREDICATES = [`${NS.rdfs}label`, `${NS.schema}name`, `${NS.skos}prefLabel`] as const;

export const LABEL_VALUES = `VALUES ?lp { ${LABEL_PREDICATES.map(iriRef).join(' ')} }`;
