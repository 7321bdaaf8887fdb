/**
 * Shared service state kept in the store itself, so that any number of servers on one store act as one service:
 * the dataset version (the ETag base), the time of the last change and a change log (version, time, delta as N-Quads).
 * It lives in one internal graph, `{base}graph/meta/store`, hidden from users' queries, dumps and graph lists.
 *
 * Every write is one update request: the data operations and the version step, all conditional on the version the
 * writer read (optimistic concurrency). If another instance committed first, nothing matches, nothing changes, and the
 * writer recomputes its delta against the new state and tries again.
 *
 * Each entry also lists the entity IRIs (under `{base}id/`) the write touched and, evaluated inside the same request
 * after the data changed, those that are still the subject of a triple: the shared change feed is built from these
 * alone, so every instance, also one started later, derives the same feed. Version 0 is the initial content (every
 * entity present). A bulk load records no delta (`st:bulk`), only its entities.
 */
import { termToSparql, literal, namedNode } from './terms.js';

/** Internal vocabulary: not part of the public ontology. */
export const ST = 'https://w3id.org/osce-kg/store#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface ChangeEntry {
  version: number;
  time: Date;
  /** The delta as N-Quads; absent for a bulk load. */
  added?: string;
  removed?: string;
  /** Entity IRIs the change touched (subjects and objects of its quads, and the entity of each hash IRI). */
  touched: readonly string[];
}

export class MetaGraph {
  readonly state: string;
  /** @param entityPrefix IRIs the change log lists (`{base}id/`). */
  constructor(readonly graph: string, readonly entityPrefix: string) {
    this.state = `${graph}#state`;
  }

  entry(version: number): string {
    return `${this.graph}#change-${version}`;
  }

  /** SELECT ?v: the current version (no row when the store was never initialised). */
  versionQuery(): string {
    return `SELECT ?v WHERE { GRAPH <${this.graph}> { <${this.state}> <${ST}version> ?v } }`;
  }

  /** Sets version 0 unless some instance did already, with log entry 0: every entity of the initial content. */
  initUpdate(time: Date): string {
    const g = this.graph;
    const uninitialised = `FILTER NOT EXISTS { GRAPH <${g}> { <${this.state}> <${ST}version> ?any } }`;
    const e0 = `<${this.entry(0)}>`;
    return `INSERT { GRAPH <${g}> { ${e0} <${ST}touched> ?s ; <${ST}present> ?s } }
WHERE { { SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER (isIRI(?s) && STRSTARTS(STR(?s), ${str(this.entityPrefix)})) } } ${uninitialised} } ;
INSERT { GRAPH <${g}> { <${this.state}> <${ST}version> 0 ; <${ST}modified> ${dateTime(time)} .
  ${e0} <${ST}changeVersion> 0 ; <${ST}time> ${dateTime(time)} ; <${ST}bulk> true } }
WHERE { ${uninitialised} }`;
  }

  /** Records which of `touched` are the subject of some triple: run after the data operations, before the version step. */
  presentUpdate(expected: number, version: number, touched: readonly string[]): string | undefined {
    if (touched.length === 0) return undefined;
    return `INSERT { GRAPH <${this.graph}> { <${this.entry(version)}> <${ST}present> ?s } }
WHERE { ${this.condition(expected)} VALUES ?s { ${touched.map((i) => `<${i}>`).join(' ')} }
  FILTER (EXISTS { ?s ?p ?o } || EXISTS { GRAPH ?g { ?s ?p ?o } }) }`;
  }

  /** The WHERE clause that makes an operation apply only while the version is still `expected`. */
  condition(expected: number): string {
    return `GRAPH <${this.graph}> { <${this.state}> <${ST}version> ${expected} }`;
  }

  /** The version step and the change-log entry; the last operation of a write request. */
  commitUpdate(expected: number, entry: ChangeEntry, writeId: string): string {
    const g = this.graph;
    const e = `<${this.entry(entry.version)}>`;
    const s = `<${this.state}>`;
    const delta = entry.added === undefined ? `<${ST}bulk> true` : `<${ST}added> ${str(entry.added)} ; <${ST}removed> ${str(entry.removed ?? '')}`;
    const touched = entry.touched.length ? ` ; <${ST}touched> ${entry.touched.map((i) => `<${i}>`).join(', ')}` : '';
    return `DELETE { GRAPH <${g}> { ${s} <${ST}version> ${expected} ; <${ST}modified> ?m } }
INSERT { GRAPH <${g}> {
  ${s} <${ST}version> ${entry.version} ; <${ST}modified> ${dateTime(entry.time)} .
  ${e} <${ST}changeVersion> ${entry.version} ; <${ST}time> ${dateTime(entry.time)} ; <${ST}writeId> ${str(writeId)} ;
    ${delta}${touched} } }
WHERE { GRAPH <${g}> { ${s} <${ST}version> ${expected} OPTIONAL { ${s} <${ST}modified> ?m } } }`;
  }

  /** SELECT ?id: the write id recorded for `version` (tells a writer whether its own request was the one committed). */
  writeIdQuery(version: number): string {
    return `SELECT ?id WHERE { GRAPH <${this.graph}> { <${this.entry(version)}> <${ST}writeId> ?id } }`;
  }

  /** SELECT ?v ?t ?a ?r ?b: change-log entries after `from` up to `to`, in order (?b: a bulk load, no delta). */
  changesQuery(from: number, to: number): string {
    return `SELECT ?v ?t ?a ?r ?b WHERE { GRAPH <${this.graph}> {
  ?e <${ST}changeVersion> ?v ; <${ST}time> ?t OPTIONAL { ?e <${ST}added> ?a ; <${ST}removed> ?r } OPTIONAL { ?e <${ST}bulk> ?b } }
  FILTER (?v > ${from} && ?v <= ${to}) } ORDER BY ?v`;
  }

  /** SELECT ?v ?t: the versions and times of the entries in (`from`, `to`]. */
  entryTimesQuery(from: number, to: number): string {
    return `SELECT ?v ?t WHERE { GRAPH <${this.graph}> { ?e <${ST}changeVersion> ?v ; <${ST}time> ?t }
  FILTER (?v > ${from} && ?v <= ${to}) } ORDER BY ?v ?t`;
  }

  /** SELECT ?v ?i: one page of the touched (or present) IRIs of the entries in (`from`, `to`]. */
  entryIrisQuery(which: 'touched' | 'present', from: number, to: number, limit: number, offset: number): string {
    return `SELECT ?v ?i WHERE { GRAPH <${this.graph}> { ?e <${ST}changeVersion> ?v ; <${ST}${which}> ?i }
  FILTER (?v > ${from} && ?v <= ${to}) } ORDER BY ?v ?i LIMIT ${limit} OFFSET ${offset}`;
  }
}

function dateTime(d: Date): string {
  return termToSparql(literal(d.toISOString(), namedNode(`${XSD}dateTime`)));
}

function str(s: string): string {
  return termToSparql(literal(s));
}
