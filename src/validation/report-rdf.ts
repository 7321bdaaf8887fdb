/**
 * A SHACL report (the JSON one the gate's 422 carries) as the W3C report graph (SHACL §3.6): a sh:ValidationReport
 * with one sh:ValidationResult per result, naming its shape by IRI (shapes.ts names the property shapes) and giving
 * the shape's own sh:path as sh:resultPath. Built from the JSON report, so it is the same for both stores and for
 * validations that ran in a worker thread.
 */
import type { DatasetCore, Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { NS } from '../model/ns.js';
import type { Report } from './report.js';
import { loadShapes } from './shapes.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const sh = (local: string) => namedNode(`${NS.sh}${local}`);
const TYPE = namedNode(`${NS.rdf}type`);

/** A node named in the JSON report: an IRI, or a blank node (`_:label`). */
function nodeOf(value: string): Quad_Subject {
  return value.startsWith('_:') ? blankNode(value.slice(2)) : namedNode(value);
}

/** The offending value, written in the report as in N-Triples (report.ts termToString). */
function valueOf(text: string): Quad_Object | undefined {
  try {
    return new Parser({ format: 'N-Triples' }).parse(`<urn:s> <urn:p> ${text} .`)[0]?.object as Quad_Object | undefined;
  } catch {
    return undefined;
  }
}

/** `node` and the blank nodes it reaches (a path's RDF list), copied from the shapes graph. */
function closure(shapes: DatasetCore, node: Term, out: Quad[], depth = 0): void {
  if (node.termType !== 'BlankNode' || depth > 20) return;
  for (const q of shapes.match(node as Quad_Subject)) {
    out.push(quad(q.subject, q.predicate, q.object));
    closure(shapes, q.object, out, depth + 1);
  }
}

export function reportQuads(report: Report, shapes: DatasetCore = loadShapes()): Quad[] {
  const root = blankNode('report');
  const out: Quad[] = [
    quad(root, TYPE, sh('ValidationReport')),
    quad(root, sh('conforms'), literal(String(report.conforms), namedNode(`${NS.xsd}boolean`))),
  ];
  report.results.forEach((r, i) => {
    const result = blankNode(`result${i + 1}`);
    const shape = nodeOf(r.sourceShape);
    out.push(
      quad(root, sh('result'), result),
      quad(result, TYPE, sh('ValidationResult')),
      quad(result, sh('focusNode'), nodeOf(r.focusNode)),
      quad(result, sh('resultSeverity'), sh(r.severity)),
      quad(result, sh('sourceShape'), shape),
      quad(result, sh('sourceConstraintComponent'), namedNode(r.sourceConstraintComponent)),
      quad(result, sh('resultMessage'), literal(r.message)),
    );
    const value = r.value === null ? undefined : valueOf(r.value);
    if (value) out.push(quad(result, sh('value'), value));
    const path = r.path === null ? undefined : [...shapes.match(shape, sh('path'))][0]?.object;
    if (path) {
      out.push(quad(result, sh('resultPath'), path));
      closure(shapes, path, out);
    }
  });
  return out;
}
