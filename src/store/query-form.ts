/**
 * The form of a SPARQL query read from its prologue (SPARQL 1.1 grammar rules [2]-[6]: comments, BASE and PREFIX
 * declarations, then the form keyword). This is a parse of the prologue, not a guess over the whole text, and costs
 * nothing next to the evaluation that follows.
 */
import type { QueryForm } from './types.js';
import { syntaxError } from '../errors.js';

const FORMS: readonly QueryForm[] = ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'];

export function queryForm(query: string): QueryForm {
  let i = 0;
  const n = query.length;
  const skipSpace = (): void => {
    while (i < n) {
      const c = query[i]!;
      if (c === '#') {
        while (i < n && query[i] !== '\n') i++;
      } else if (/\s/.test(c)) i++;
      else break;
    }
  };
  const word = (): string => {
    const start = i;
    while (i < n && /[A-Za-z]/.test(query[i]!)) i++;
    return query.slice(start, i).toUpperCase();
  };
  const skipIri = (): void => {
    skipSpace();
    if (query[i] !== '<') throw syntaxError('QUERY_SYNTAX', 'expected an IRI in the prologue');
    const end = query.indexOf('>', i);
    if (end < 0) throw syntaxError('QUERY_SYNTAX', 'unterminated IRI in the prologue');
    i = end + 1;
  };
  for (;;) {
    skipSpace();
    const w = word();
    if (w === 'BASE') skipIri();
    else if (w === 'PREFIX') {
      skipSpace();
      const colon = query.indexOf(':', i);
      if (colon < 0) throw syntaxError('QUERY_SYNTAX', 'expected a prefix name in the prologue');
      i = colon + 1;
      skipIri();
    } else if ((FORMS as readonly string[]).includes(w)) return w as QueryForm;
    else {
      const { line, column } = position(query, i);
      throw syntaxError('QUERY_SYNTAX', `expected SELECT, ASK, CONSTRUCT or DESCRIBE at ${line}:${column}`, line, column);
    }
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
