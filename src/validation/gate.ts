/**
 * The SHACL write gate: validates only the nodes a write touches, against the state after the write.
 * Focus nodes = subjects of added or removed quads, plus the nodes that point at a subject which lost triples (its
 * type or scheme may be what their sh:class constraint relied on). For each focus node the gate fetches its triples
 * and the rdf:type / skos:inScheme of the nodes it points to, which is what the shapes' sh:class, sh:node and
 * sh:pattern constraints read; results about other nodes (fetched only partially) are ignored. Blank-node subjects
 * are validated with the triples the delta adds for them.
 *
 * The shapes only apply to instances of their sh:targetClass classes, so a large write none of whose focus nodes has
 * such a type (a bulk upload of other data) cannot violate them: the gate then answers after a cheap type lookup
 * instead of fetching every focus node's triples.
 *
 * The embedded store runs the gate in its writer replica, on the pending state there (`createGate` below), so a bulk
 * upload of press releases is validated off the thread that answers requests.
 */
import type { Quad } from '@rdfjs/types';
import type { Iris } from '../model/ns.js';
import { NS } from '../model/ns.js';
import type { Delta, GateRejection, StoreView, WriteGate } from '../store/types.js';
import { shapesForClasses, targetClasses } from './shapes.js';
import { validate } from './validate.js';

/** Focus nodes per fetch query: keeps VALUES blocks small for bulk writes. */
const BATCH = 200;

/** An IRI as a SPARQL IRIREF; characters IRIREF forbids (SPARQL 1.1 §19.8) are percent-encoded, never spliced raw. */
export function iriRef(iri: string): string {
  return `<${iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}>`;
}

function fetchQuery(nodes: readonly string[]): string {
  return `CONSTRUCT { ?s ?p ?o . ?o <${NS.rdf}type> ?t . ?o <${NS.skos}inScheme> ?scheme . }
WHERE {
  VALUES ?s { ${nodes.map(iriRef).join(' ')} }
  ?s ?p ?o
  OPTIONAL { ?o <${NS.rdf}type> ?t }
  OPTIONAL { ?o <${NS.skos}inScheme> ?scheme }
}`;
}

function referrersQuery(nodes: readonly string[]): string {
  return `SELECT DISTINCT ?r WHERE { VALUES ?s { ${nodes.map(iriRef).join(' ')} } ?r ?p ?s . FILTER(isIRI(?r)) } LIMIT 10000`;
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Focus nodes per type lookup (one short answer each). */
const TYPE_BATCH = 2_000;

function targetedQuery(nodes: readonly string[], classes: ReadonlySet<string>): string {
  return `SELECT ?s WHERE { VALUES ?s { ${nodes.map(iriRef).join(' ')} } ?s <${NS.rdf}type> ?t . VALUES ?t { ${[...classes].map(iriRef).join(' ')} } } LIMIT 1`;
}

/**
 * False only when no focus node is of a class the shapes target (validation would then have no focus node at all);
 * always true when the shapes have other kinds of targets. Types are read from the state after the write; blank-node
 * subjects have theirs in the delta.
 */
async function anyTargeted(named: readonly string[], blank: readonly Quad[], after: StoreView): Promise<boolean> {
  const classes = targetClasses();
  if (!classes) return true;
  if (blank.some((q) => q.predicate.value === `${NS.rdf}type` && classes.has(q.object.value))) return true;
  for (let i = 0; i < named.length; i += TYPE_BATCH) {
    if ((await after.select(targetedQuery(named.slice(i, i + TYPE_BATCH), classes))).length > 0) return true;
  }
  return false;
}

/** The named-node subjects of `quads` added to `into` (blank-node subjects cannot be addressed in a query and are skipped). */
function addSubjects(quads: readonly Quad[], into: Set<string>): Set<string> {
  for (const q of quads) if (q.subject.termType === 'NamedNode') into.add(q.subject.value);
  return into;
}

/** The focus nodes of a delta, including the referrers of nodes that lost triples. */
export async function focusNodes(delta: Delta, after: StoreView): Promise<Set<string>> {
  const shrunk = [...addSubjects(delta.removed, new Set())];
  const focus = addSubjects(delta.added, new Set(shrunk));
  for (const batch of batches(shrunk)) {
    for (const row of await after.select(referrersQuery(batch))) if (row.r) focus.add(row.r.value);
  }
  return focus;
}

/**
 * A gate that rejects a write when the touched nodes have SHACL violations after it. The shapes are base-independent;
 * `iris` keeps the factory's signature for callers.
 */
export function createShaclGate(iris?: Iris): WriteGate {
  void iris;
  return Object.assign(shaclGate, { module: { url: import.meta.url } });
}

/** What a writer replica loads (WriteGate.module): the same gate. */
export function createGate(): WriteGate {
  return createShaclGate();
}

async function shaclGate(delta: Delta, after: StoreView): Promise<GateRejection | undefined> {
  const focus = await focusNodes(delta, after);
  // Blank-node subjects cannot be fetched by query; a write that adds them brings their triples (INSERT DATA, uploads).
  const blank = delta.added.filter((q) => q.subject.termType === 'BlankNode');
  const named = [...focus];
  for (const q of blank) focus.add(q.subject.value);
  if (focus.size === 0) return undefined;
  // Small writes go straight to validation (one fetch batch); the lookup pays off when there are many batches.
  if (named.length > BATCH && !(await anyTargeted(named, blank, after))) return undefined;
  const data: Quad[] = [...blank];
  for (const batch of batches(named)) data.push(...(await after.construct(fetchQuery(batch))));
  const classes = new Set<string>();
  for (const q of data) if (q.predicate.value === `${NS.rdf}type` && focus.has(q.subject.value)) classes.add(q.object.value);
  const outcome = await validate(data, { focus, turtle: 'if-violations', shapes: shapesForClasses([...classes]) });
  if (outcome.violations === 0) return undefined;
  return {
    message: `${outcome.violations} SHACL violation${outcome.violations === 1 ? '' : 's'}`,
    report: { conforms: outcome.conforms, results: outcome.results },
    ...(outcome.turtle === undefined ? {} : { reportTurtle: outcome.turtle }),
  };
}
