/**
 * Workarounds for evaluation bugs of oxigraph 0.5.11 (the newest release on npm), applied to the text of a query
 * before the embedded store evaluates it. Each fix rewrites a pattern the engine answers wrongly into one it answers
 * right and that has the same meaning under SPARQL 1.1 (§18 algebra). Each names the upstream report; the tests
 * (test/unit/engine-fixes.test.ts, "oxigraph still needs") check the engine's wrong answer, so they fail on the first
 * engine release that answers right, and that fix can go:
 * - GROUP_CONCAT keeps a common language tag; §18.5.1.7 makes its result a simple literal: wrapped in STR().
 *   Upstream: oxigraph/oxigraph#1717 (after the test suite's clarification, w3c/rdf-tests#280).
 * - A zero-length path (`*`, `?`) from or to a constant yields no row when the constant is not a subject or object of
 *   the active graph; §18.5 (eval of ZeroLengthPath) yields the constant itself: `C p* ?x` becomes
 *   `{ BIND(C AS ?x) } UNION { C p* ?x FILTER(!sameTerm(?x, C)) }`, and `C p* C` (always one solution) becomes `{}`.
 *   Upstream: oxigraph/oxigraph#1815.
 * - Inside `GRAPH ?g`, a MINUS whose sides share no variable removes rows (the engine counts ?g as shared); by §18.5
 *   (Minus) it removes nothing, so it is dropped. Upstream: oxigraph/oxigraph#1450 (the graph variable is in scope
 *   inside the pattern), fixed by #1758.
 * - `GRAPH ?g { VALUES ... }` loses the graph variable; VALUES does not read the graph, so it is moved after
 *   `GRAPH ?g {}`. Upstream: oxigraph/oxigraph#1450 and #1758 (and the W3C test w3c/rdf-tests#234).
 * - Not a wrong answer but a stack: a flat path of alternatives `p1|p2|…|pn` is evaluated by a recursion as deep as
 *   n, which overflowed the 16 MiB stack of a query worker past ~1,340 alternatives (1.3x the 1,000 operators a
 *   query may have: the narrowest margin of decision 0018); 3,000 alternatives nested in halves, `((p1|p2)|(p3|p4))`,
 *   the same path by associativity, were answered. Past 64 alternatives a path is nested so. No upstream report.
 * A cheap textual check comes first, so a query that cannot need a fix is never parsed. A query is rewritten only when
 * sparqljs reads it and its generator writes the fixed tree faithfully (the generated text parses back to the same
 * tree); otherwise, and whenever the engine rejects the rewritten text, the original text is evaluated as it is.
 */
import { createRequire } from 'node:module';
import type sparqljsModule from 'sparqljs';
import { isAppError } from '../errors.js';

let sparqljsLoaded: typeof sparqljsModule | undefined;
/**
 * sparqljs, loaded on the first query that may need a fix: a query worker that never meets one starts without it
 * (every worker thread loads its own modules; the writer loads it for its first Update anyway).
 */
function sparqljs(): typeof sparqljsModule {
  return (sparqljsLoaded ??= createRequire(import.meta.url)('sparqljs') as typeof sparqljsModule);
}

type Node = Record<string, unknown>;
type Term = { termType: string; value: string; language?: string; datatype?: { value: string } };

const MAYBE_GROUP_CONCAT = /group_concat/i;
/** A path modifier `*` or `?` after an IRI, a prefixed name, `a` or `)`: never `SELECT *`, `(*` or a `?var`. */
const MAYBE_ZERO_LENGTH_PATH = /[^\s{(,;](?<!\b(?:SELECT|DISTINCT|REDUCED))\s*\*|[^\s{(,;]\s*\?(?![\w\u00B7\u00C0-\uFFFF])/i;
const MAYBE_GRAPH_VARIABLE = /\bGRAPH\s*[?$]/i;
const MAYBE_MINUS_OR_VALUES = /\b(?:MINUS|VALUES)\b/i;
/** A single `|` (a path alternative; `||` is the logical or). */
const ALTERNATIVE = /(?<!\|)\|(?!\|)/g;
/** Alternatives in one path past which it is nested in halves (real queries use a few). */
const FLAT_ALTERNATIVES = 64;

interface Fixes {
  groupConcat: boolean;
  paths: boolean;
  graphs: boolean;
  alternatives: boolean;
}

/**
 * Runs `run` on the request with its query rewritten around the engine's known bugs, or unchanged when no fix
 * applies. If the engine rejects the rewritten text as a syntax error, the original is run, so errors keep the line
 * and column of what the client sent.
 */
export function withEngineFixes<T extends { query: string; baseIri?: string }, R>(req: T, run: (req: T) => R): R {
  const fixed = rewrite(req.query, req.baseIri);
  if (fixed === undefined) return run(req);
  try {
    return run({ ...req, query: fixed });
  } catch (e) {
    if (isSyntaxError(e)) return run(req);
    throw e;
  }
}

function isSyntaxError(e: unknown): boolean {
  if (isAppError(e)) return e.code === 'QUERY_SYNTAX';
  return e instanceof Error && /^error at \d+:\d+/.test(e.message);
}

/** Recent answers of `rewrite` by base and text: an application sends the same few query texts again and again. */
const recent = new Map<string, string | undefined>();
const RECENT_MAX = 256;
const RECENT_TEXT_MAX = 20_000;

function rewrite(text: string, baseIri: string | undefined): string | undefined {
  const fixes: Fixes = {
    groupConcat: MAYBE_GROUP_CONCAT.test(text),
    paths: MAYBE_ZERO_LENGTH_PATH.test(text),
    graphs: MAYBE_GRAPH_VARIABLE.test(text) && MAYBE_MINUS_OR_VALUES.test(text),
    alternatives: manyAlternatives(text),
  };
  if (!fixes.groupConcat && !fixes.paths && !fixes.graphs && !fixes.alternatives) return undefined;
  const key = `${baseIri ?? ''} ${text}`;
  if (recent.has(key)) return recent.get(key);
  const fixed = rewriteTree(text, baseIri, fixes);
  if (text.length <= RECENT_TEXT_MAX) {
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(key, fixed);
  }
  return fixed;
}

/** Parse, fix, generate; the generated text must parse back to the fixed tree, or the original text is kept. */
function rewriteTree(text: string, baseIri: string | undefined, fixes: Fixes): string | undefined {
  const parser = new (sparqljs().Parser)(baseIri ? { baseIRI: baseIri } : {});
  try {
    const tree = parser.parse(text);
    if (tree.type !== 'query' || !transform(tree as unknown as Node, fixes)) return undefined;
    const fixed = new (sparqljs().Generator)().stringify(tree);
    return canonical(parser.parse(fixed)) === canonical(tree) ? fixed : undefined;
  } catch {
    return undefined; // sparqljs cannot read or write it: the engine gets the original text
  }
}

/**
 * The tree as JSON with sorted keys, without its prefix table (IRIs are expanded), with blank nodes numbered by first
 * appearance (sparqljs renames them when it reads its own output) and one-pattern UNION branches unwrapped.
 */
function canonical(tree: unknown): string {
  const blanks = new Map<string, number>();
  return JSON.stringify(tree, function (this: unknown, key: string, value: unknown) {
    if (key === 'prefixes') return undefined;
    if (value === null || typeof value !== 'object') return value;
    // `{ { A } } UNION ...` reads back as `{ A } UNION ...`: a one-pattern group as a branch is that pattern
    if (Array.isArray(value)) return key === 'patterns' && (this as Node).type === 'union' ? value.map(unwrapGroup) : value;
    const term = value as Term;
    if (term.termType === 'BlankNode') {
      if (!blanks.has(term.value)) blanks.set(term.value, blanks.size);
      return { termType: 'BlankNode', value: blanks.get(term.value) };
    }
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

function unwrapGroup(pattern: Node): Node {
  const inner = pattern.patterns as Node[] | undefined;
  return pattern.type === 'group' && inner?.length === 1 ? unwrapGroup(inner[0]!) : pattern;
}

/** Whether the text has more single `|` than one path may have flat (counted anywhere: a false yes costs a parse). */
function manyAlternatives(text: string): boolean {
  if (text.indexOf('|') < 0) return false;
  ALTERNATIVE.lastIndex = 0;
  let n = 0;
  while (ALTERNATIVE.exec(text)) if (++n > FLAT_ALTERNATIVES) return true;
  return false;
}

/** Applies the wanted fixes in place; true when anything changed. */
function transform(tree: Node, fixes: Fixes): boolean {
  const concat = fixes.groupConcat && wrapGroupConcat(tree);
  const patterns = (fixes.paths || fixes.graphs) && fixTree(tree, fixes, false);
  const alternatives = fixes.alternatives && nestAlternatives(tree);
  return concat || patterns || alternatives;
}

/** Every path of more than FLAT_ALTERNATIVES alternatives, wherever it is, becomes alternatives nested in halves. */
function nestAlternatives(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const record = node as Node;
  if (record.type === 'service') return false; // evaluated elsewhere, never by this engine
  let changed = false;
  for (const value of Object.values(record)) changed = nestAlternatives(value) || changed;
  const items = record.items as unknown[] | undefined;
  if (record.type === 'path' && record.pathType === '|' && Array.isArray(items) && items.length > FLAT_ALTERNATIVES) {
    record.items = halves(items);
    changed = true;
  }
  return changed;
}

/** `items` as two alternatives, each nested in halves again (depth log2 of their count, not their count). */
function halves(items: unknown[]): unknown[] {
  if (items.length <= 2) return items;
  const half = (part: unknown[]) => (part.length === 1 ? part[0] : { type: 'path', pathType: '|', items: halves(part) });
  const middle = Math.ceil(items.length / 2);
  return [half(items.slice(0, middle)), half(items.slice(middle))];
}

/** Every GROUP_CONCAT(...) becomes STR(GROUP_CONCAT(...)), wherever it appears (projection, HAVING, ORDER BY). */
function wrapGroupConcat(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const record = node as Node;
  if (record.type === 'service') return false; // evaluated elsewhere, never by this engine
  let changed = false;
  for (const [key, value] of Object.entries(record)) {
    const child = value as Node | null;
    if (child && typeof child === 'object' && child.type === 'aggregate' && child.aggregation === 'group_concat') {
      record[key] = { type: 'operation', operator: 'str', args: [value] };
      changed = true;
    } else changed = wrapGroupConcat(value) || changed;
  }
  return changed;
}

/** Fixes every pattern list below `node`, children first, so a fix never sees patterns another fix made. */
function fixTree(node: unknown, fixes: Fixes, inGraphVariable: boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  const record = node as Node;
  // SERVICE is evaluated elsewhere; EXISTS binds its pattern's variables from the outer row, which a BIND would ignore
  if (record.type === 'service' || record.operator === 'exists' || record.operator === 'notexists') return false;
  const inGraph = inGraphVariable || (record.type === 'graph' && isVariable(record.name));
  let changed = false;
  for (const [key, value] of Object.entries(record)) {
    changed = fixTree(value, fixes, inGraph) || changed;
    if ((key === 'patterns' || key === 'where') && Array.isArray(value)) {
      changed = fixPatterns(value as Node[], record.type === 'union', fixes, inGraph) || changed;
    }
  }
  return changed;
}

/** Rewrites one list of group elements in place; in a UNION each element is a branch, so a split one is regrouped. */
function fixPatterns(list: Node[], inUnion: boolean, fixes: Fixes, inGraphVariable: boolean): boolean {
  const out: Node[] = [];
  let changed = false;
  for (const pattern of list) {
    const replacement = fixPattern(pattern, out, inUnion, fixes, inGraphVariable);
    if (replacement === undefined) {
      out.push(pattern);
      continue;
    }
    changed = true;
    if (inUnion && replacement.length !== 1) out.push({ type: 'group', patterns: replacement });
    else out.push(...replacement);
  }
  if (changed) list.splice(0, list.length, ...out);
  return changed;
}

/** The patterns that replace `pattern` (none: dropped), or undefined to keep it; `before` precedes it in its group. */
function fixPattern(pattern: Node, before: Node[], inUnion: boolean, fixes: Fixes, inGraphVariable: boolean): Node[] | undefined {
  if (fixes.paths && pattern.type === 'bgp') return fixBgp(pattern.triples as Node[]);
  if (!fixes.graphs) return undefined;
  if (pattern.type === 'minus' && inGraphVariable && !inUnion && disjoint(variablesOf(before), variablesOf(pattern.patterns))) {
    return [];
  }
  const inner = pattern.patterns as Node[] | undefined;
  if (pattern.type === 'graph' && isVariable(pattern.name) && inner?.length && inner.every((p) => p.type === 'values')) {
    return [{ type: 'graph', patterns: [], name: pattern.name }, ...inner];
  }
  return undefined;
}

/** A BGP split around its zero-length path triples with a constant end, or undefined when it has none. */
function fixBgp(triples: Node[]): Node[] | undefined {
  const out: Node[] = [];
  let run: Node[] = [];
  for (const triple of triples) {
    const fixed = fixZeroLengthPath(triple);
    if (!fixed) {
      run.push(triple);
      continue;
    }
    if (run.length) out.push({ type: 'bgp', triples: run });
    out.push(fixed);
    run = [];
  }
  if (out.length === 0) return undefined;
  if (run.length) out.push({ type: 'bgp', triples: run });
  return out;
}

function fixZeroLengthPath(triple: Node): Node | undefined {
  const path = triple.predicate as Node;
  if (path.type !== 'path' || (path.pathType !== '*' && path.pathType !== '?')) return undefined;
  const subject = triple.subject as Term;
  const object = triple.object as Term;
  if (isConstant(subject) && isConstant(object)) return sameTerm(subject, object) ? { type: 'group', patterns: [] } : undefined;
  if (isConstant(subject) && isVariable(object)) return withZeroLength(triple, subject, object);
  if (isConstant(object) && isVariable(subject)) return withZeroLength(triple, object, subject);
  return undefined;
}

/** `{ BIND(C AS ?v) } UNION { <the path> FILTER(!sameTerm(?v, C)) }`: the constant once, then what the path reaches. */
function withZeroLength(triple: Node, constant: Term, variable: Term): Node {
  const notConstant = {
    type: 'operation',
    operator: '!',
    args: [{ type: 'operation', operator: 'sameterm', args: [variable, constant] }],
  };
  return {
    type: 'union',
    patterns: [
      { type: 'bind', variable, expression: constant },
      { type: 'group', patterns: [{ type: 'bgp', triples: [triple] }, { type: 'filter', expression: notConstant }] },
    ],
  };
}

function isVariable(term: unknown): term is Term {
  return (term as Term | undefined)?.termType === 'Variable';
}

function isConstant(term: Term): boolean {
  return term.termType === 'NamedNode' || term.termType === 'Literal';
}

function sameTerm(a: Term, b: Term): boolean {
  return a.termType === b.termType && a.value === b.value && a.language === b.language && a.datatype?.value === b.datatype?.value;
}

/** Every variable named anywhere below `node`: a superset of the variables its solutions can bind. */
function variablesOf(node: unknown, into = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return into;
  if (isVariable(node)) into.add(node.value);
  else for (const value of Object.values(node)) variablesOf(value, into);
  return into;
}

function disjoint(a: Set<string>, b: Set<string>): boolean {
  for (const v of a) if (b.has(v)) return false;
  return true;
}
