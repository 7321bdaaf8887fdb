/**
 * `SELECT *` columns in order of first appearance in the query, as users (and the W3C CSV/TSV tests) expect; the
 * engine lists them alphabetically. Only the order changes: the set of columns is the engine's, and only headers and
 * the raw fields of CSV/TSV rows are moved, never re-encoded.
 */

/** Variable names in order of first appearance in a sparqljs tree (depth first, in document order). */
export function variablesInOrder(tree: unknown): string[] {
  const seen = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 500 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth + 1));
    const record = node as Record<string, unknown>;
    if (record.termType === 'Variable' && typeof record.value === 'string') seen.add(record.value);
    // BIND(expr AS ?v): the expression's variables come first in the text
    const keys = Object.keys(record).sort((a, b) => Number(a === 'variable') - Number(b === 'variable'));
    for (const key of keys) walk(record[key], depth + 1);
  };
  walk(tree, 0);
  return [...seen];
}

function permutation(current: string[], order: string[]): number[] | undefined {
  const rank = (v: string) => {
    const i = order.indexOf(v);
    return i < 0 ? order.length : i;
  };
  const sorted = [...current].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  if (sorted.every((v, i) => v === current[i])) return undefined;
  return sorted.map((v) => current.indexOf(v));
}

/** Splits CSV text (RFC 4180) into rows of raw fields, quotes kept. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') {
      row.push(text.slice(start, i));
      start = i + 1;
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(text.slice(start, i));
      rows.push(row);
      row = [];
      start = i + 2;
      i++;
    }
  }
  if (start < text.length) rows.push([...row, text.slice(start)]);
  return rows;
}

function reorderLines(rows: string[][], perm: number[]): string[][] {
  return rows.map((r) => (r.length === perm.length ? perm.map((i) => r[i] ?? '') : r));
}

/** Returns `body` with its columns in `order` (SELECT results in JSON, XML, CSV or TSV; others unchanged). */
export function reorderColumns(body: string, mediaType: string, order: string[]): string {
  if (mediaType === 'application/sparql-results+json') {
    const m = /^\{"head":\{"vars":(\[[^\]]*\])/.exec(body);
    const perm = m?.[1] ? permutation(JSON.parse(m[1]) as string[], order) : undefined;
    if (!m?.[1] || !perm) return body;
    const vars = JSON.parse(m[1]) as string[];
    return `{"head":{"vars":${JSON.stringify(perm.map((i) => vars[i]))}${body.slice(m[0].length)}`;
  }
  if (mediaType === 'application/sparql-results+xml') {
    const m = /<head>((?:<variable name="[^"]*"\/>)*)<\/head>/.exec(body);
    const vars = m?.[1] ? [...m[1].matchAll(/<variable name="([^"]*)"\/>/g)].map((x) => x[1] ?? '') : [];
    const perm = permutation(vars, order);
    if (!m || !perm) return body;
    const head = `<head>${perm.map((i) => `<variable name="${vars[i]}"/>`).join('')}</head>`;
    return body.slice(0, m.index) + head + body.slice(m.index + m[0].length);
  }
  if (mediaType === 'text/tab-separated-values') {
    const lines = body.split('\n');
    const perm = permutation((lines[0] ?? '').split('\t').map((v) => v.replace(/^\?/, '')), order);
    if (!perm || !lines[0]) return body;
    return reorderLines(lines.map((l) => (l === '' ? [] : l.split('\t'))), perm).map((r) => r.join('\t')).join('\n');
  }
  if (mediaType === 'text/csv') {
    const rows = csvRows(body);
    const perm = permutation(rows[0] ?? [], order);
    if (!perm) return body;
    return reorderLines(rows, perm).map((r) => `${r.join(',')}\r\n`).join('');
  }
  return body;
}
