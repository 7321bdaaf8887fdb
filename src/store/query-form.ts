/**
 * The head of a SPARQL query read by a small scanner (SPARQL 1.1 grammar rules [2]-[13]): comments, BASE and PREFIX
 * declarations, the form keyword, then (up to the WHERE clause) whether the query has FROM / FROM NAMED dataset
 * clauses. A scan of the head, not a guess over the whole text; it costs nothing next to the evaluation that follows.
 */
import type { QueryForm } from './types.js';
import { syntaxError } from '../errors.js';

const FORMS: readonly string[] = ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'];
const IRI = /<[^<>"{}|^`\\\s]*>/y;

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '#') while (this.i < text.length && text[this.i] !== '\n') this.i++;
      else if (/\s/.test(c)) this.i++;
      else break;
    }
  }

  word(): string {
    const start = this.i;
    while (this.i < this.text.length && /[A-Za-z]/.test(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i).toUpperCase();
  }

  /** Skips one token: an IRI, a string, a variable, a (prefixed) name or keyword, or one other character. */
  skipToken(): void {
    const c = this.text[this.i]!;
    if (c === '<') {
      IRI.lastIndex = this.i;
      this.i = IRI.test(this.text) ? IRI.lastIndex : this.i + 1;
    } else if (c === '"' || c === "'") {
      const long = this.text.startsWith(c.repeat(3), this.i);
      const quote = long ? c.repeat(3) : c;
      let j = this.i + quote.length;
      while (j < this.text.length && !this.text.startsWith(quote, j)) j += this.text[j] === '\\' ? 2 : 1;
      this.i = j + quote.length;
    } else if (/[A-Za-z?$:_]/.test(c)) {
      this.i++;
      while (this.i < this.text.length && /[\w\-:.\u00B7\u00C0-\uFFFF]/.test(this.text[this.i]!)) this.i++;
    } else this.i++;
  }

  fail(message: string): never {
    const before = this.text.slice(0, this.i).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    throw syntaxError('QUERY_SYNTAX', `${message} at ${line}:${column}`, line, column);
  }
}

export interface QueryHead {
  form: QueryForm;
  /** The query names its own dataset (FROM / FROM NAMED), which then replaces the service's union default graph. */
  hasDataset: boolean;
}

export function queryHead(query: string): QueryHead {
  const s = new Scanner(query);
  for (;;) {
    s.skipSpace();
    const at = s.i;
    const w = s.word();
    if (w === 'BASE' || w === 'PREFIX') {
      s.skipSpace();
      if (w === 'PREFIX') {
        while (s.i < query.length && query[s.i] !== ':' && !/\s/.test(query[s.i]!)) s.i++;
        if (query[s.i] !== ':') s.fail('expected a prefix name');
        s.i++;
        s.skipSpace();
      }
      if (query[s.i] !== '<') s.fail('expected an IRI');
      s.skipToken();
    } else if (FORMS.includes(w)) return { form: w as QueryForm, hasDataset: datasetClause(s, w) };
    else {
      s.i = at;
      s.fail('expected SELECT, ASK, CONSTRUCT or DESCRIBE');
    }
  }
}

export function queryForm(query: string): QueryForm {
  return queryHead(query).form;
}

/** Scans from after the form keyword to the WHERE clause for FROM (a CONSTRUCT template is skipped first). */
function datasetClause(s: Scanner, form: string): boolean {
  s.skipSpace();
  if (form === 'CONSTRUCT' && s.text[s.i] === '{') {
    for (let depth = 0; s.i < s.text.length;) {
      const c = s.text[s.i];
      s.skipToken();
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
      s.skipSpace();
    }
  }
  while (s.i < s.text.length) {
    s.skipSpace();
    if (s.text[s.i] === '{') return false;
    const start = s.i;
    s.skipToken();
    const token = s.text.slice(start, s.i).toUpperCase();
    if (token === 'FROM') return true;
    if (token === 'WHERE') return false;
  }
  return false;
}
