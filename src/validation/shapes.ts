/**
 * The project's SHACL shapes (shapes/*.ttl), parsed once. Shapes use absolute IRIs only, so they do not depend on
 * the base IRI.
 */
import { DataFactory, Store } from 'n3';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { NS } from '../model/ns.js';
import { PATHS } from '../model/paths.js';
import { parseTurtleFile, turtleFiles } from '../model/reference.js';

let shapes: Store | undefined;

/** The shapes graph (cached for the process). */
export function loadShapes(): DatasetCore {
  shapes ??= new Store(
    turtleFiles(PATHS.shapes).flatMap((file) => nameShapes(parseTurtleFile(file, 'https://w3id.org/osce-kg/shapes', DataFactory.defaultGraph()))),
  );
  return shapes;
}

const TARGET_CLASS = `${NS.sh}targetClass`;

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1) || 'path';
}

/**
 * Names the property shapes the files write as blank nodes (`sh:property [ sh:path schema:name ; … ]`) after their
 * node shape and path: `shp:StructureShape-name`, numbered when one node shape has two on the same path, `-path` for a
 * complex path. A validation report then names the shape that failed by an IRI that stays the same across runs and
 * processes (the gate's worker threads load the shapes too), not by a blank-node label that means nothing outside.
 */
export function nameShapes(quads: readonly Quad[]): Quad[] {
  const pathOf = new Map<string, Term>();
  for (const q of quads) if (q.subject.termType === 'BlankNode' && q.predicate.value === `${NS.sh}path`) pathOf.set(q.subject.value, q.object);
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value !== `${NS.sh}property` || q.subject.termType !== 'NamedNode' || q.object.termType !== 'BlankNode') continue;
    const path = pathOf.get(q.object.value);
    const stem = `${q.subject.value}-${path?.termType === 'NamedNode' ? localName(path.value) : 'path'}`;
    let name = stem;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}`;
    used.add(name);
    names.set(q.object.value, name);
  }
  const rename = <T extends Term>(t: T): T => (t.termType === 'BlankNode' && names.has(t.value) ? (DataFactory.namedNode(names.get(t.value)!) as unknown as T) : t);
  return quads.map((q) => DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph) as Quad);
}
const subsets = new Map<string, Store>();

/**
 * The shapes with only the sh:targetClass triples of `classes` kept: the other targeted shapes are never applied.
 * The gate uses it so that a write is checked only against the shapes of its focus nodes' classes (nodes fetched
 * for their types would otherwise be validated with partial data, for nothing). Cached per set of classes.
 */
export function shapesForClasses(classes: Iterable<string>): DatasetCore {
  const wanted = new Set(classes);
  const key = [...wanted].sort().join(' ');
  let subset = subsets.get(key);
  if (!subset) {
    const all = loadShapes() as Store;
    subset = new Store(all.getQuads(null, null, null, null).filter((q) => q.predicate.value !== TARGET_CLASS || wanted.has(q.object.value)));
    if (subsets.size > 100) subsets.clear(); // bounded: distinct class sets are few in practice
    subsets.set(key, subset);
  }
  return subset;
}

const OTHER_TARGETS = ['targetNode', 'targetSubjectsOf', 'targetObjectsOf'].map((t) => `${NS.sh}${t}`);
let targeted: { classes: ReadonlySet<string> | undefined } | undefined;

/**
 * The classes the shapes target with sh:targetClass, or undefined when some shape has another kind of target
 * (sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf, or a shape that is itself a class: an implicit target),
 * so that "no node of these classes" would not mean "nothing to validate".
 */
export function targetClasses(): ReadonlySet<string> | undefined {
  if (!targeted) {
    const all = loadShapes() as Store;
    const other = OTHER_TARGETS.some((p) => all.getQuads(null, p, null, null).length > 0) ||
      all.getQuads(null, `${NS.rdf}type`, null, null).some((q) => q.object.value === `${NS.rdfs}Class` || q.object.value === `${NS.owl}Class`);
    targeted = { classes: other ? undefined : new Set(all.getQuads(null, TARGET_CLASS, null, null).map((q) => q.object.value)) };
  }
  return targeted.classes;
}
