/** Entity counts per kind and the entities of one kind (with labels), for the home and browse pages. */
import type { Literal } from '@rdfjs/types';
import { KINDS, type Iris, type Kind } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { pickLiteral } from '../linked-data/language.js';
import { LABEL_VALUES, stringLiteral } from '../linked-data/sparql-terms.js';

export async function kindCounts(store: KgStore, iris: Iris): Promise<Array<{ kind: Kind; count: number }>> {
  const prefix = stringLiteral(`${iris.base}id/`);
  const rows = await store.select(`SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o
    FILTER(STRSTARTS(STR(?s), ${prefix}) && !CONTAINS(STR(?s), "#")) BIND(STRBEFORE(STRAFTER(STR(?s), ${prefix}), "/") AS ?kind) } GROUP BY ?kind`);
  const counts = new Map(rows.map((r) => [r.kind?.value ?? '', Number(r.n?.value ?? 0)]));
  return KINDS.map((kind) => ({ kind, count: counts.get(kind) ?? 0 })).filter((k) => k.count > 0);
}

export interface Listed { iri: string; key: string; label?: Literal }

/** One page of the entities of a kind, sorted by IRI, with a label in the visitor's language. */
export async function listKind(store: KgStore, iris: Iris, kind: Kind, prefs: readonly string[], page: number, pageSize: number): Promise<{ items: Listed[]; hasNext: boolean }> {
  const prefix = stringLiteral(`${iris.base}id/${kind}/`);
  const subjects = await store.select(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ${prefix}) && !CONTAINS(STR(?s), "#")) } ORDER BY ?s LIMIT ${pageSize + 1} OFFSET ${page * pageSize}`);
  const iriList = subjects.slice(0, pageSize).map((r) => r.s?.value ?? '').filter(Boolean);
  const labels = new Map<string, Literal[]>();
  if (iriList.length > 0) {
    const rows = await store.select(`SELECT ?s ?l WHERE { VALUES ?s { ${iriList.map((i) => `<${i}>`).join(' ')} } ${LABEL_VALUES} ?s ?lp ?l FILTER(isLiteral(?l)) }`);
    for (const r of rows) if (r.s && r.l?.termType === 'Literal') labels.set(r.s.value, [...(labels.get(r.s.value) ?? []), r.l as Literal]);
  }
  const items = iriList.map((iri) => ({ iri, key: iris.parseEntity(iri)?.key ?? iri, label: pickLiteral(labels.get(iri) ?? [], prefs) }));
  return { items, hasNext: subjects.length > pageSize };
}
