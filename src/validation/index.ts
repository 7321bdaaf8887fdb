/** SHACL: shapes, validation, reports and the write gate. */
export { loadShapes } from './shapes.js';
export { validate, type ValidateOptions, type ValidationOutcome } from './validate.js';
export { reportToTurtle, termToString, type Report, type ReportResult, type Severity } from './report.js';
export { createShaclGate, focusNodes } from './gate.js';
