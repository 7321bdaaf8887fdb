/**
 * `--format table` of `osce-kg query`: SPARQL results JSON drawn as a text table, IRIs shortened with the project's
 * prefixes, long values cut so a row fits a terminal.
 */
import Table from 'cli-table3';
import { NS } from '../model/ns.js';

interface JsonTerm {
  type: string;
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}
interface SparqlJson {
  head?: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings?: Array<Record<string, JsonTerm>> };
}

const PREFIXES = Object.entries(NS).sort(([, a], [, b]) => b.length - a.length);

/** `osce:Country` for an IRI in a known namespace, else `<iri>`. */
export function shortIri(iri: string): string {
  for (const [prefix, ns] of PREFIXES) {
    const local = iri.slice(ns.length);
    if (iri.startsWith(ns) && /^[A-Za-z0-9_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
  }
  return `<${iri}>`;
}

/** One cell's text: IRIs shortened, language tags kept, plain values for common datatypes. */
export function cellText(term: JsonTerm | undefined, maxWidth = 60): string {
  if (!term) return '';
  let text: string;
  if (term.type === 'uri') text = shortIri(term.value);
  else if (term.type === 'bnode') text = `_:${term.value}`;
  else text = term['xml:lang'] ? `${term.value} @${term['xml:lang']}` : term.value;
  text = text.replace(/\s+/g, ' ');
  return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}\u2026` : text;
}

/** The whole table, with a row count line; ASK answers print as true/false. */
export function resultsTable(json: string | SparqlJson, maxWidth = 60): string {
  const data: SparqlJson = typeof json === 'string' ? (JSON.parse(json) as SparqlJson) : json;
  if (typeof data.boolean === 'boolean') return `${data.boolean}\n`;
  const vars = data.head?.vars ?? [];
  const rows = data.results?.bindings ?? [];
  const table = new Table({ head: vars, style: { head: [], border: [] } });
  for (const row of rows) table.push(vars.map((v) => cellText(row[v], maxWidth)));
  return `${table.toString()}\n${rows.length} row${rows.length === 1 ? '' : 's'}\n`;
}
