/**
 * SHACL validation of RDF/JS quads against the project's shapes, with rdf-validate-shacl.
 */
import SHACLValidator from 'rdf-validate-shacl';
import { DataFactory, Store } from 'n3';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { loadShapes } from './shapes.js';
import './xsd-lexical.js'; // strict date and time checks for sh:datatype, registered before any validation
import { pathToString, reportToTurtle, termToString, type Report, type ReportResult, type Severity } from './report.js';

export interface ValidateOptions {
  /** Shapes graph; the project's shapes by default (the W3C suite passes its own). */
  shapes?: DatasetCore;
  /** Keep only results about these focus nodes (IRIs or blank-node values); all by default. */
  focus?: ReadonlySet<string>;
  /** Also serialize the report as Turtle: always, or only when there are violations (the gate's case). */
  turtle?: boolean | 'if-violations';
}

export interface ValidationOutcome extends Report {
  /** Number of results with severity Violation (the ones that reject a write). */
  violations: number;
  turtle?: string;
}

/**
 * One validator per shapes graph: building one indexes the shapes, which costs more than validating a small write.
 * Reuse is safe: validate() only awaits the owl:imports load and then runs synchronously, resetting its report first
 * (validation-engine.js).
 */
const validators = new WeakMap<DatasetCore, SHACLValidator>();
function validatorFor(shapes: DatasetCore): SHACLValidator {
  let validator = validators.get(shapes);
  if (!validator) validators.set(shapes, (validator = new SHACLValidator(shapes)));
  return validator;
}

function severityName(term: Term): Severity {
  const local = term.value.slice(term.value.lastIndexOf('#') + 1);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
}

/** The raw W3C report (sh:ValidationReport graph) of `data` against `shapes`, for conformance tests and Turtle output. */
export async function shaclReport(data: DatasetCore, shapes: DatasetCore = loadShapes()): Promise<{ conforms: boolean; term: Term; dataset: DatasetCore }> {
  const report = await validatorFor(shapes).validate(data);
  return { conforms: report.conforms, term: report.term, dataset: report.dataset };
}

/** Validates `data` (all of it is the data graph) and returns the report; never throws for invalid data. */
export async function validate(data: Iterable<Quad> | DatasetCore, opts: ValidateOptions = {}): Promise<ValidationOutcome> {
  // SHACL validates one data graph: quads from all graphs are merged into it (a triple in two graphs counts once).
  const dataset = data instanceof Store ? data : new Store([...(data as Iterable<Quad>)].map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  const report = await validatorFor(opts.shapes ?? loadShapes()).validate(dataset);
  const results: ReportResult[] = report.results
    .filter((r) => !opts.focus || opts.focus.has(r.focusNode.value))
    .map((r) => ({
      focusNode: r.focusNode.value,
      path: r.path ? pathToString(report.dataset, r.path) : null,
      message: r.message.map((m) => m.value).join('; ') || 'SHACL constraint not met',
      severity: severityName(r.severity),
      value: r.value ? termToString(r.value) : null,
      sourceShape: r.sourceShape.termType === 'NamedNode' ? r.sourceShape.value : termToString(r.sourceShape),
      sourceConstraintComponent: r.sourceConstraintComponent.value,
    }));
  const violations = results.filter((r) => r.severity === 'Violation').length;
  const outcome: ValidationOutcome = { conforms: opts.focus ? results.length === 0 : report.conforms, results, violations };
  if (opts.turtle === true || (opts.turtle === 'if-violations' && violations > 0)) outcome.turtle = await reportToTurtle(report.dataset);
  return outcome;
}
