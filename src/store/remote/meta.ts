/**
 * Shared service state kept in the store itself, so that any number of servers on one store act as one service:
 * the dataset version (the ETag base), the time of the last change and a change log (version, time, delta as N-Quads).
 * It lives in one internal graph, `{base}graph/meta/store`, hidden from users' queries, dumps and graph lists.
 *
 * Every write is one update request: the data operations and the version step, all conditional on the version the
 * writer read (optimistic concurrency). If another replica committed first, nothing matches, nothing changes, and the
 * writer recomputes its delta against the new state and tries again.
 */
import { termToSparql, literal, namedNode } from './terms.js';

/** Internal vocabulary: not part of the public ontology. */
export const ST = 'https://w3id.org/osce-kg/store#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface ChangeEntry {
  version: number;
  time: Date;
  added: string;
  removed: string;
}

export class MetaGraph {
  readonly state: string;
  constructor(readonly graph: string) {
    this.state = `${graph}#state`;
  }

  private entry(version: number): string {
    return `${this.graph}#change-${version}`;
  }

  /** SELECT ?v: the current version (no row when the store was never initialised). */
  versionQuery(): string {
    return `SELECT ?v WHERE { GRAPH <${this.graph}> { <${this.state}> <${ST}version> ?v } }`;
  }

  /** Sets version 0 unless some replica did already. */
  initUpdate(time: Date): string {
    return `INSERT { GRAPH <${this.graph}> { <${this.state}> <${ST}version> 0 ; <${ST}modified> ${dateTime(time)} } }
WHERE { FILTER NOT EXISTS { GRAPH <${this.graph}> { <${this.state}> <${ST}version> ?any } } }`;
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
    return `DELETE { GRAPH <${g}> { ${s} <${ST}version> ${expected} ; <${ST}modified> ?m } }
INSERT { GRAPH <${g}> {
  ${s} <${ST}version> ${entry.version} ; <${ST}modified> ${dateTime(entry.time)} .
  ${e} <${ST}changeVersion> ${entry.version} ; <${ST}time> ${dateTime(entry.time)} ; <${ST}writeId> ${str(writeId)} ;
    <${ST}added> ${str(entry.added)} ; <${ST}removed> ${str(entry.removed)} } }
WHERE { GRAPH <${g}> { ${s} <${ST}version> ${expected} OPTIONAL { ${s} <${ST}modified> ?m } } }`;
  }

  /** SELECT ?id: the write id recorded for `version` (tells a writer whether its own request was the one committed). */
  writeIdQuery(version: number): string {
    return `SELECT ?id WHERE { GRAPH <${this.graph}> { <${this.entry(version)}> <${ST}writeId> ?id } }`;
  }

  /** SELECT ?v ?t ?a ?r: change-log entries after `from` up to `to`, in order. */
  changesQuery(from: number, to: number): string {
    return `SELECT ?v ?t ?a ?r WHERE { GRAPH <${this.graph}> {
  ?e <${ST}changeVersion> ?v ; <${ST}time> ?t ; <${ST}added> ?a ; <${ST}removed> ?r }
  FILTER (?v > ${from} && ?v <= ${to}) } ORDER BY ?v`;
  }
}

function dateTime(d: Date): string {
  return termToSparql(literal(d.toISOString(), namedNode(`${XSD}dateTime`)));
}

function str(s: string): string {
  return termToSparql(literal(s));
}
