/**
 * A SHACL report as text a curator can read: grouped by focus node, one line per problem, with the offending value.
 */
import type { ReportResult } from './report.js';

function shortPath(path: string | null): string {
  if (!path) return '(the node itself)';
  return path.replace(/<([^>]*)>/g, (_, iri: string) => {
    for (const [prefix, ns] of PREFIXES) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
    return `<${iri}>`;
  });
}

const PREFIXES: [string, string][] = [
  ['osce', 'https://w3id.org/osce-kg/ontology#'],
  ['schema', 'http://schema.org/'],
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['org', 'http://www.w3.org/ns/org#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['time', 'http://www.w3.org/2006/time#'],
];

/** Human-readable report; `checked` is the number of quads validated. */
export function formatReport(results: readonly ReportResult[], checked: number): string {
  const violations = results.filter((r) => r.severity === 'Violation').length;
  const others = results.length - violations;
  const lines: string[] = [];
  const byFocus = new Map<string, ReportResult[]>();
  for (const r of results) byFocus.set(r.focusNode, [...(byFocus.get(r.focusNode) ?? []), r]);
  for (const [focus, rs] of [...byFocus.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`<${focus}>`);
    for (const r of rs) {
      const value = r.value === null ? '' : ` (value: ${r.value})`;
      lines.push(`  ${r.severity.toUpperCase()} ${shortPath(r.path)}: ${r.message}${value}`);
    }
  }
  const summary =
    violations === 0
      ? `OK: ${checked} quads conform to the shapes${others ? ` (${others} warnings)` : ''}.`
      : `FAILED: ${violations} violation${violations === 1 ? '' : 's'}${others ? ` and ${others} warnings` : ''} in ${checked} quads.`;
  return [...lines, summary].join('\n');
}
