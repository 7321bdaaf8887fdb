/**
 * Terms for the query editor's completion: the classes and properties the data uses plus those the ontology
 * declares. Computed from the store and cached per dataset version.
 */
import type { KgStore } from '../store/types.js';
import { NS } from '../model/ns.js';

export interface CompletionTerms {
  classes: string[];
  properties: string[];
}

const QUERY = `SELECT DISTINCT ?term ?role WHERE {
  { ?s a ?term . BIND("class" AS ?role) }
  UNION { ?s ?term ?o . BIND("property" AS ?role) }
  UNION { ?term a ?t . FILTER(?t IN (<${NS.owl}Class>, <${NS.rdfs}Class>)) BIND("class" AS ?role) }
  UNION { ?term a ?t . FILTER(?t IN (<${NS.rdf}Property>, <${NS.owl}ObjectProperty>, <${NS.owl}DatatypeProperty>, <${NS.owl}AnnotationProperty>)) BIND("property" AS ?role) }
  FILTER(isIRI(?term))
} LIMIT 5000`;

const cache = new WeakMap<KgStore, { version: number; terms: Promise<CompletionTerms> }>();

async function compute(store: KgStore): Promise<CompletionTerms> {
  const classes = new Set<string>();
  const properties = new Set<string>();
  for (const row of await store.select(QUERY)) {
    const term = row.term?.value;
    if (!term) continue;
    (row.role?.value === 'class' ? classes : properties).add(term);
  }
  return { classes: [...classes].sort(), properties: [...properties].sort() };
}

/** Completion terms of the store's current version. */
export async function completionTerms(store: KgStore): Promise<CompletionTerms> {
  const version = await store.version();
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.terms;
  const terms = compute(store);
  cache.set(store, { version, terms });
  terms.catch(() => cache.delete(store));
  return terms;
}
