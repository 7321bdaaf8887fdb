/**
 * SHACL validation reports as plain JSON (for 422 bodies and the CLI) and as Turtle (the W3C report vocabulary).
 * A failed validation is data, not an exception.
 */
import { Writer } from 'n3';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { NS } from '../model/ns.js';

export type Severity = 'Violation' | 'Warning' | 'Info';

export interface ReportResult {
  focusNode: string;
  /** The property path in SPARQL syntax (`<p>`, `^<p>`, `<p>/<q>`, ...), or null for node constraints. */
  path: string | null;
  message: string;
  severity: Severity;
  /** The offending value as in N-Triples (`<iri>`, `"lit"^^<dt>`), or null. */
  value: string | null;
  sourceShape: string;
  sourceConstraintComponent: string;
}

export interface Report {
  conforms: boolean;
  results: ReportResult[];
}

/** N-Triples-like rendering of a term, so literals keep their datatype or language in the JSON report. */
export function termToString(term: Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType === 'Literal') {
    const text = JSON.stringify(term.value);
    if (term.language) return `${text}@${term.language}`;
    return term.datatype.value === `${NS.xsd}string` ? text : `${text}^^<${term.datatype.value}>`;
  }
  return term.value;
}

function objectsOf(data: DatasetCore, subject: Term, predicate: string): Term[] {
  return [...data.match(subject as Quad['subject'], { termType: 'NamedNode', value: predicate } as Quad['predicate'])].map((q) => q.object);
}

function listItems(data: DatasetCore, head: Term, limit = 50): Term[] {
  const items: Term[] = [];
  let node = head;
  while (node.value !== `${NS.rdf}nil` && items.length < limit) {
    const first = objectsOf(data, node, `${NS.rdf}first`)[0];
    const rest = objectsOf(data, node, `${NS.rdf}rest`)[0];
    if (!first || !rest) break;
    items.push(first);
    node = rest;
  }
  return items;
}

/** Renders a SHACL property path (SHACL §2.3.1) from the report graph in SPARQL property-path syntax. */
export function pathToString(data: DatasetCore, path: Term, depth = 0): string {
  if (path.termType === 'NamedNode') return `<${path.value}>`;
  if (depth > 10) return '(path)';
  const sub = (p: string) => objectsOf(data, path, `${NS.sh}${p}`)[0];
  const wrap = (t: Term) => pathToString(data, t, depth + 1);
  const inverse = sub('inversePath');
  if (inverse) return `^${wrap(inverse)}`;
  const alternative = sub('alternativePath');
  if (alternative) return `(${listItems(data, alternative).map(wrap).join('|')})`;
  for (const [p, suffix] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = sub(p);
    if (inner) return `(${wrap(inner)})${suffix}`;
  }
  const items = listItems(data, path);
  return items.length > 0 ? items.map(wrap).join('/') : '(path)';
}

/** The report as Turtle, with the usual prefixes. */
export function reportToTurtle(dataset: DatasetCore): Promise<string> {
  const writer = new Writer({ prefixes: { sh: NS.sh, rdf: NS.rdf, xsd: NS.xsd, schema: NS.schema, osce: NS.osce } });
  for (const q of dataset) writer.addQuad(q);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
