/**
 * Resource documents (Cool URIs §4.3): the entity's own triples (with the blank nodes it points to), the labels of
 * what it links to, and its incoming links, one page at a time, with the labels of their subjects.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import type { Iris, Kind } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { iriRef, LABEL_VALUES, stringLiteral } from './sparql-terms.js';

export interface EntityDocument {
  entity: string;
  kind: Kind;
  key: string;
  /** Every triple of the document (own, labels, incoming), without duplicates, graph names dropped. */
  quads: Quad[];
  page: number;
  pageSize: number;
  /** True when a further page of incoming links exists. */
  hasNext: boolean;
}

/** Keys are slugs (ns.ts slugify) or ISO codes: nothing else can name an entity of ours. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const DEFAULT_PAGE_SIZE = 100;

function ownQuery(e: string): string {
  return `CONSTRUCT { ${e} ?p ?o . ?o ?bp ?bo . ?o ?lp ?l }
WHERE { ${e} ?p ?o .
  OPTIONAL { ?o ?bp ?bo FILTER(isBlank(?o)) }
  OPTIONAL { ${LABEL_VALUES} ?o ?lp ?l FILTER(isIRI(?o)) } }`;
}

/**
 * Hash IRIs under the entity, three levels deep, are part of its document: a membership's `#period` and `#start`, a
 * dated name's `#name-x`, its `#name-x-period` and that period's instants.
 */
function hashPartsQuery(entity: string): string {
  const e = iriRef(entity);
  const prefix = stringLiteral(`${entity}#`);
  const under = (v: string): string => `FILTER(isIRI(${v}) && STRSTARTS(STR(${v}), ${prefix}))`;
  return `CONSTRUCT { ?h ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { ${e} ?q ?h ${under('?h')}
  ?h ?p ?o . OPTIONAL { ?o ?p2 ?o2 ${under('?o')} OPTIONAL { ?o2 ?p3 ?o3 ${under('?o2')} } } }`;
}

function incomingQuery(e: string, limit: number, offset: number): string {
  return `SELECT DISTINCT ?s ?p WHERE { ?s ?p ${e} FILTER(isIRI(?s)) } ORDER BY ?p ?s LIMIT ${limit} OFFSET ${offset}`;
}

function subjectLabelsQuery(subjects: string[]): string {
  return `CONSTRUCT { ?s ?lp ?l ; a ?t } WHERE { VALUES ?s { ${subjects.map(iriRef).join(' ')} } ${LABEL_VALUES}
  { ?s ?lp ?l } UNION { ?s a ?t } }`;
}

/** Builds one page of an entity's document; undefined when the store knows nothing about the entity. */
export async function describeEntity(
  store: KgStore, iris: Iris, kind: Kind, key: string, page = 0, pageSize = DEFAULT_PAGE_SIZE,
): Promise<EntityDocument | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  const entity = iris.entity(kind, key);
  const e = iriRef(entity);
  const graph = new Store();
  const add = (qs: Quad[]) => { for (const q of qs) graph.addQuad(q.subject, q.predicate, q.object); };
  add(await store.construct(ownQuery(e)));
  add(await store.construct(hashPartsQuery(entity)));
  const rows = await store.select(incomingQuery(e, pageSize + 1, page * pageSize));
  const hasNext = rows.length > pageSize;
  const incoming = rows.slice(0, pageSize);
  const subjects = [...new Set(incoming.map((r) => r.s?.value).filter((s): s is string => !!s))];
  const object = DataFactory.namedNode(entity);
  for (const r of incoming) if (r.s && r.p) graph.addQuad(r.s as Quad['subject'], r.p as Quad['predicate'], object);
  if (subjects.length > 0) add(await store.construct(subjectLabelsQuery(subjects)));
  if (graph.size === 0) return undefined;
  return { entity, kind, key, quads: graph.getQuads(null, null, null, null), page, pageSize, hasNext };
}
