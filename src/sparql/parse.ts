/**
 * Parses SPARQL before anything is evaluated: the query form decides the result formats offered, SERVICE targets are
 * checked against the allowlist before any fetch, and a syntax error becomes a 400 with line and column (never a 500).
 */
import sparqljs from 'sparqljs';
import { badRequest, syntaxError } from '../errors.js';
import { assertWithinLimits, DEFAULT_QUERY_LIMITS, type QueryLimits } from './complexity.js';
import { variablesInOrder } from './column-order.js';
import { queryHead, type QueryHead } from '../store/query-form.js';
import type { QueryForm } from '../store/types.js';

export interface ParsedQuery {
  form: QueryForm;
  /** For `SELECT *`: the query's variables in order of first appearance (the result columns' order). */
  starOrder?: string[];
  /** SERVICE targets: IRIs, or '?var' for a variable endpoint (which no allowlist can vouch for). */
  services: string[];
  /** The head scan, when that is all `inspectQuery` needed (passed on to the store, which then skips its own). */
  head?: QueryHead;
}

export interface ParsedUpdate {
  services: string[];
  /** A request with a prologue and comments only: valid (Update grammar [29] allows zero operations), a no-op. */
  empty: boolean;
}

/** Only BASE/PREFIX declarations, comments and white space (sparqljs rejects such empty updates). */
const EMPTY_UPDATE = /^(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>\s]*>|PREFIX\s+[^\s:]*:\s*<[^>\s]*>)*$/i;

interface JisonHash {
  text?: string;
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
}

/**
 * jison's location is that of the last token it accepted; the offending token (`hash.text`) is the next occurrence
 * of its text after it, which is where a reader has to look.
 */
function position(text: string, hash: JisonHash): { line: number; column: number } | undefined {
  const loc = hash.loc;
  if (!loc) return undefined;
  const lines = text.split('\n');
  for (let line = loc.last_line; line <= lines.length && hash.text; line++) {
    const from = line === loc.last_line ? loc.last_column : 0;
    const index = (lines[line - 1] ?? '').indexOf(hash.text, from);
    if (index >= 0) return { line, column: index + 1 };
  }
  return { line: loc.last_line, column: loc.last_column + 1 };
}

/**
 * Where `prefix:` is first used as a prefixed name, outside strings, IRIs and comments: sparqljs reports an
 * undeclared prefix without a position, and in a long query the line and column are what the reader needs.
 */
function prefixedNameAt(text: string, prefix: string): { line: number; column: number } | undefined {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '"' || c === "'") {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
      for (let k = i; k < j && k < text.length; k++) if (text[k] === '\n') (line++, (lineStart = k + 1));
      i = j + quote.length - 1;
    } else if (c === '<' && /^<[^<>"{}|^`\\\s]*>/.test(text.slice(i, i + 4096))) {
      i = text.indexOf('>', i);
    } else if (text.startsWith(`${prefix}:`, i) && !/[\w\-.:\u00b7\u00c0-\uffff]/.test(text[i - 1] ?? ' ')) {
      return { line, column: i - lineStart + 1 };
    }
  }
  return undefined;
}

function toSyntaxError(error: unknown, what: 'query' | 'update', text: string): Error {
  const hash = (error as { hash?: JisonHash }).hash;
  const raw = error instanceof Error ? error.message : String(error);
  // jison messages repeat the offending line with a caret; the first line and the expectation are what a reader needs
  const message = raw.split('\n').filter((l) => !/^-*\^$/.test(l.trim())).join(' ').replace(/\s+/g, ' ').trim();
  const code = what === 'query' ? 'QUERY_SYNTAX' : 'UPDATE_SYNTAX';
  const prefix = /^Unknown prefix:\s*(\S*)$/.exec(message)?.[1];
  const at = hash ? position(text, hash) : prefix === undefined ? undefined : prefixedNameAt(text, prefix);
  if (at) return syntaxError(code, `SPARQL ${what} syntax error: ${message}`, at.line, at.column);
  return syntaxError(code, `SPARQL ${what} syntax error: ${message}`);
}

/** Collects SERVICE targets anywhere in a sparqljs tree (sub-queries, OPTIONAL, UNION, update WHERE clauses). */
function collectServices(node: unknown, out: string[], depth = 0): void {
  if (depth > 200 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectServices(item, out, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === 'service') {
    const name = record.name as { termType?: string; value?: string } | undefined;
    out.push(name?.termType === 'NamedNode' ? String(name.value) : `?${name?.value ?? ''}`);
  }
  for (const value of Object.values(record)) {
    if (value !== null && typeof value === 'object') collectServices(value, out, depth + 1);
  }
}

function parser(baseIri?: string): sparqljs.SparqlParser {
  return new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {});
}

/**
 * Deepest nesting of brackets, parentheses and braces accepted. sparqljs's time grows faster than linearly with nesting
 * (20,000 levels: over a minute of the HTTP thread) and oxigraph's Rust stack, inside its WebAssembly memory,
 * overflows into its heap past ~10,000 (the store is then broken: engine-fault.ts). Real queries stay under 30.
 */
export const MAX_NESTING = 100;

/** The nesting depth of `text` outside strings, IRIs and comments; stops counting once past `limit`. */
export function nestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length && max <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x23) i = lineEnd(text, i);
    else if (c === 0x22 || c === 0x27) i = stringEnd(text, i);
    else if (c === 0x3c) {
      IRI_AT.lastIndex = i;
      if (IRI_AT.test(text)) i = IRI_AT.lastIndex - 1;
    }
  }
  return max;
}

/** An IRIREF (SPARQL grammar [139]) at a position; a `<` not starting one is an operator. */
const IRI_AT = /<[^<>"{}|^`\\\x00-\x20]*>/y;

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** The index of the quote closing the string that opens at `i` (short or long form, backslash escapes). */
function stringEnd(text: string, i: number): number {
  const quote = text[i]!;
  const long = text.startsWith(quote.repeat(3), i);
  const close = long ? quote.repeat(3) : quote;
  for (let j = i + close.length; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(close, j)) return j + close.length - 1;
    else if (!long && text[j] === '\n') return j;
  }
  return text.length;
}

function assertNesting(text: string, what: 'query' | 'update'): void {
  const depth = nestingDepth(text, MAX_NESTING);
  if (depth > MAX_NESTING) {
    throw badRequest(`${what.toUpperCase()}_TOO_DEEP`, `The ${what} nests brackets, parentheses or braces more than ${MAX_NESTING} levels deep, which is not supported.`, { limit: MAX_NESTING });
  }
}

/** Parses a query (AppError 400 QUERY_SYNTAX on error, also when the text is an update). */
export function parseQuery(text: string, baseIri?: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ParsedQuery {
  assertWithinLimits(text, 'query', limits);
  assertNesting(text, 'query');
  let tree: sparqljs.SparqlQuery;
  try {
    tree = parser(baseIri).parse(text);
  } catch (error) {
    throw toSyntaxError(error, 'query', text);
  }
  if (tree.type !== 'query') throw syntaxError('QUERY_SYNTAX', 'Expected a SPARQL query, got an update; send updates as `update`.');
  const services: string[] = [];
  collectServices(tree.where ?? [], services);
  const star = tree.queryType === 'SELECT' && tree.variables.some((v) => 'termType' in v && v.termType === 'Wildcard');
  return star ? { form: tree.queryType, services, starOrder: variablesInOrder(tree.where ?? []) } : { form: tree.queryType, services };
}

/**
 * Text that may name a SERVICE (the keyword in any case, anywhere: a string or comment only costs a full parse) or hide
 * one behind a codepoint escape (SPARQL 1.1 §19.2 lets `\u0053ERVICE` spell it): such queries are always fully parsed.
 */
const MAY_FEDERATE = /service|\\u/i;
/** `SELECT *` (DISTINCT/REDUCED and comments allowed in between): its column order comes from the parse tree. */
const STAR = /SELECT(?:\s|#[^\n]*\n)*(?:(?:DISTINCT|REDUCED)(?:\s|#[^\n]*\n)*)?\*/i;

/**
 * What the endpoint must know of a query before evaluating it, at the lowest cost: a query that may federate or is a
 * `SELECT *` is parsed in full (`parseQuery`); any other is evaluated by the local engine only, so a scan of its head
 * for the form suffices and the engine reports syntax errors (with line and column, `toAppError` in the store). The
 * jison parser costs about a millisecond of CPU per query, more than a point lookup's evaluation.
 */
export function inspectQuery(text: string, baseIri?: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ParsedQuery {
  if (MAY_FEDERATE.test(text) || STAR.test(text)) return parseQuery(text, baseIri, limits);
  assertWithinLimits(text, 'query', limits);
  assertNesting(text, 'query');
  const head = queryHead(text);
  return { form: head.form, services: [], head };
}

/** Parses an update (AppError 400 UPDATE_SYNTAX on error, also when the text is a query). */
export function parseUpdate(text: string, baseIri?: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ParsedUpdate {
  if (EMPTY_UPDATE.test(text)) return { services: [], empty: true };
  assertWithinLimits(text, 'update', limits);
  assertNesting(text, 'update');
  let tree: sparqljs.SparqlQuery;
  try {
    tree = parser(baseIri).parse(text);
  } catch (error) {
    throw toSyntaxError(error, 'update', text);
  }
  if (tree.type !== 'update') throw syntaxError('UPDATE_SYNTAX', 'Expected a SPARQL update, got a query; send queries as `query`.');
  const services: string[] = [];
  collectServices(tree.updates, services);
  return { services, empty: false };
}
