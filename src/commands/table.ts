/** An aligned plain-text table of SPARQL JSON results, for `osce-kg query --format table`. */

export interface SparqlJson {
  head: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, { type: string; value: string; 'xml:lang'?: string; datatype?: string }>[] };
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';

function cell(term: { type: string; value: string; 'xml:lang'?: string; datatype?: string } | undefined): string {
  if (!term) return '';
  const value = term.value.replace(/\s+/g, ' ');
  if (term.type === 'uri') return `<${value}>`;
  if (term.type === 'bnode') return `_:${value}`;
  if (term['xml:lang']) return `"${value}"@${term['xml:lang']}`;
  if (term.datatype && term.datatype !== `${XSD}string`) {
    return term.datatype.startsWith(XSD) ? `${value} (${term.datatype.slice(XSD.length)})` : `"${value}"^^<${term.datatype}>`;
  }
  return value;
}

export function renderTable(json: SparqlJson): string {
  if (typeof json.boolean === 'boolean') return `${json.boolean}\n`;
  const vars = json.head.vars ?? [];
  const rows = (json.results?.bindings ?? []).map((b) => vars.map((v) => cell(b[v])));
  const widths = vars.map((v, i) => Math.max(v.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(vars), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
