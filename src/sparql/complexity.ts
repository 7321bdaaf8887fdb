/**
 * Bounds on a query's size and operator counts, checked on its text before any parser or the engine sees it. Long
 * flat chains pass the nesting bound (parse.ts) yet overflow oxigraph's Rust stack inside its WebAssembly memory: the
 * engine traps, the query is a 400 ENGINE_LIMIT and its replica must be rebuilt (seconds on a large store). Measured
 * on oxigraph 0.5.11, warm, in a query worker with its 16 MiB stack (docs/decisions/0018-query-complexity.md): traps
 * past ~810 OPTIONALs, VALUES, BINDs or MINUSes in one group, ~2,250 `+`, `&&` or `!`, ~2,400 UNIONs; real queries
 * use tens. (With node's default 4 MiB, a warm worker overflowed at ~880 additions.) A flat path of ~1,340
 * alternatives `|` overflowed too; the embedded store nests long ones in halves (store/engine-fixes.ts).
 */
import { badRequest } from '../errors.js';

export interface QueryLimits {
  /** Characters of the query or update text. */
  chars: number;
  /** Operators: `! + - * / | ^ && || = != < > <= >=` (expressions and property paths). */
  operators: number;
  /** Clauses: UNION, OPTIONAL, MINUS, BIND, FILTER, GRAPH, SERVICE, VALUES, EXISTS. */
  clauses: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({ chars: 512 * 1024, operators: 1000, clauses: 500 });

/**
 * The defaults when queries run on the calling thread (`--query-workers 0`): V8's stack there is node's default
 * (984 KB), which cannot be raised from inside the process, and a warm engine overflowed it at 250 additions and at
 * 500 OPTIONALs, BINDs or MINUSes; the one replica then stays broken (every later query a 503 ENGINE_FAULT). These are
 * 2.2-2.5x below those (decision 0018, amended 2026-12-08).
 */
export const CALLING_THREAD_QUERY_LIMITS: QueryLimits = Object.freeze({ chars: 512 * 1024, operators: 100, clauses: 200 });

const CLAUSES = new Set(['UNION', 'OPTIONAL', 'MINUS', 'BIND', 'FILTER', 'GRAPH', 'SERVICE', 'VALUES', 'EXISTS']);
const OPERATOR = /[!+\-*/|^&=<>]/;
/** Two-character operators counted once. */
const PAIRS = new Set(['&&', '||', '!=', '<=', '>=']);
const IRI_AT = /<[^<>"{}|^`\\\x00-\x20]*>/y;
/** A name, keyword, variable, prefixed name or language tag; a number (its `-` would be an operator). */
const WORD_AT = /[A-Za-z_:@?$\u00C0-\uFFFF][\w:.\-\u00B7\u00C0-\uFFFF]*|[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?/y;

/** Operators and clauses of `text`, outside strings, IRIs and comments. */
export function complexity(text: string): { operators: number; clauses: number } {
  let operators = 0;
  let clauses = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') i = end(text.indexOf('\n', i), text);
    else if (c === '"' || c === "'") i = stringEnd(text, i);
    else if (c === '<' && (IRI_AT.lastIndex = i, IRI_AT.test(text))) i = IRI_AT.lastIndex - 1;
    else if (OPERATOR.test(c)) {
      operators++;
      if (PAIRS.has(text.slice(i, i + 2))) i++;
    } else if ((WORD_AT.lastIndex = i, WORD_AT.test(text))) {
      if (CLAUSES.has(text.slice(i, WORD_AT.lastIndex).toUpperCase())) clauses++;
      i = WORD_AT.lastIndex - 1;
    }
  }
  return { operators, clauses };
}

const end = (at: number, text: string) => (at < 0 ? text.length : at);

/** The index of the quote closing the string that opens at `i` (short or long form, backslash escapes). */
function stringEnd(text: string, i: number): number {
  const quote = text[i]!;
  const close = text.startsWith(quote.repeat(3), i) ? quote.repeat(3) : quote;
  for (let j = i + close.length; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(close, j)) return j + close.length - 1;
    else if (close.length === 1 && text[j] === '\n') return j;
  }
  return text.length;
}

const NAMES: Record<keyof QueryLimits, string> = {
  chars: 'characters',
  operators: 'operators (! + - * / | ^ && || = != < > <= >=)',
  clauses: 'clauses (UNION, OPTIONAL, MINUS, BIND, FILTER, GRAPH, SERVICE, VALUES, EXISTS)',
};

/** AppError 400 QUERY_TOO_COMPLEX (UPDATE_TOO_COMPLEX) naming the first bound `text` is over. */
export function assertWithinLimits(text: string, what: 'query' | 'update', limits: QueryLimits = DEFAULT_QUERY_LIMITS): void {
  const counts = { chars: text.length, ...(text.length > limits.chars ? { operators: 0, clauses: 0 } : complexity(text)) };
  for (const bound of ['chars', 'operators', 'clauses'] as const) {
    if (counts[bound] <= limits[bound]) continue;
    throw badRequest(`${what.toUpperCase()}_TOO_COMPLEX`,
      `The ${what} has ${counts[bound].toLocaleString('en')} ${NAMES[bound]}, more than the ${limits[bound].toLocaleString('en')} allowed; ` +
      `split it into smaller ${what === 'query' ? 'queries' : 'updates'} or simplify it.`, { bound, count: counts[bound], limit: limits[bound] });
  }
}
