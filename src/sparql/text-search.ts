/**
 * Full-text search inside SPARQL: the magic predicate `?r osce:search "border management"` (with optional
 * `osce:searchScore ?score`, `osce:searchLimit 50` and `osce:searchKind "release"` on the same subject) is answered by
 * the service's search index (the one behind `/search`) and rewritten, before the store sees the query, into a
 * `VALUES (?r ?score) { … }` block at the same place. In the spirit of Fuseki's `text:query` and Virtuoso's
 * `bif:contains`, but one rewrite for every store: the embedded one and an external one get the same bindings, so the
 * ranking is the same as `/search` whatever the engine (Virtuoso's free-text index would rank otherwise, and needs a
 * text index declared per predicate by its administrator).
 */
import sparqljs from 'sparqljs';
import n3 from 'n3';
import { badRequest } from '../errors.js';
import { OSCE } from '../model/ns.js';
import type { SearchOptions, SearchResults } from '../api/search-engine.js';

export const SEARCH = {
  text: `${OSCE}search`,
  score: `${OSCE}searchScore`,
  limit: `${OSCE}searchLimit`,
  kind: `${OSCE}searchKind`,
} as const;

/** Hits per search pattern when the query gives no `osce:searchLimit`, and the most it may ask for. */
export const DEFAULT_SEARCH_LIMIT = 1000;
export const MAX_SEARCH_LIMIT = 10000;
/** As `/search?q=`. */
const MAX_TEXT = 500;
const XSD_DECIMAL = 'http://www.w3.org/2001/XMLSchema#decimal';

export type TextSearch = (text: string, opts: SearchOptions) => Promise<SearchResults>;

type Term = sparqljs.Triple['object'];
interface Call {
  variable: string;
  text: string;
  score?: string;
  limit: number;
  kind?: string;
}

/** Cheap test first: only a query that spells "search" somewhere can use the magic predicate. */
const MAY_SEARCH = /search/i;

const MAGIC = new Set<string>(Object.values(SEARCH));

function isMagic(triple: sparqljs.Triple): boolean {
  const p = triple.predicate as { termType?: string; value?: string };
  return p.termType === 'NamedNode' && MAGIC.has(String(p.value));
}

function misuse(code: string, message: string, detail?: unknown): Error {
  return badRequest(code, message, detail);
}

function literalOf(term: Term, what: string): string {
  if (term.termType !== 'Literal') {
    throw misuse('SEARCH_NOT_LITERAL', `The object of osce:${what} must be a literal (the search index is asked before the query runs, so it cannot come from a variable); got ${term.termType === 'Variable' ? `?${term.value}` : term.value}.`, { predicate: `osce:${what}` });
  }
  return term.value;
}

function limitOf(term: Term): number {
  const value = literalOf(term, 'searchLimit');
  const n = Number(value);
  if (!/^\+?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_SEARCH_LIMIT) {
    throw misuse('SEARCH_LIMIT_INVALID', `osce:searchLimit must be an integer from 1 to ${MAX_SEARCH_LIMIT}, got "${value}".`, { max: MAX_SEARCH_LIMIT });
  }
  return n;
}

/** The search calls of one basic graph pattern, and the triples that stay. */
function callsOf(triples: readonly sparqljs.Triple[]): { calls: Call[]; rest: sparqljs.Triple[] } {
  const rest = triples.filter((t) => !isMagic(t));
  const magic = triples.filter(isMagic);
  const bySubject = new Map<string, Partial<Record<keyof typeof SEARCH, Term>>>();
  for (const t of magic) {
    const subject = t.subject as { termType: string; value: string };
    const name = (Object.keys(SEARCH) as (keyof typeof SEARCH)[]).find((k) => SEARCH[k] === (t.predicate as { value: string }).value)!;
    if (subject.termType !== 'Variable') {
      throw misuse('SEARCH_SUBJECT_NOT_VARIABLE', `The subject of osce:${name === 'text' ? 'search' : `search${name[0]!.toUpperCase()}${name.slice(1)}`} must be a variable, which the search binds to the hits; got ${subject.value}.`);
    }
    const entry = bySubject.get(subject.value) ?? {};
    if (entry[name]) throw misuse('SEARCH_REPEATED', `?${subject.value} has two values for the same search property; give one search per variable.`, { variable: subject.value });
    entry[name] = t.object;
    bySubject.set(subject.value, entry);
  }
  const calls = [...bySubject].map(([variable, e]): Call => {
    if (!e.text) throw misuse('SEARCH_WITHOUT_TEXT', `?${variable} has osce:searchScore, osce:searchLimit or osce:searchKind but no osce:search "text" in the same group of triples.`, { variable });
    const text = literalOf(e.text, 'search').trim();
    if (!text) throw misuse('SEARCH_TEXT_EMPTY', `The text of osce:search for ?${variable} is empty.`, { variable });
    if (text.length > MAX_TEXT) throw misuse('SEARCH_TEXT_TOO_LONG', `The text of osce:search must be at most ${MAX_TEXT} characters.`, { variable });
    const score = e.score?.termType === 'Variable' ? e.score.value : undefined;
    if (e.score && score === undefined) throw misuse('SEARCH_SCORE_NOT_VARIABLE', `The object of osce:searchScore must be a variable, which the search binds to each hit's score.`, { variable });
    if (score === variable) throw misuse('SEARCH_SCORE_NOT_VARIABLE', `osce:searchScore must bind another variable than the hits' (?${variable}).`, { variable });
    return { variable, text, score, limit: e.limit ? limitOf(e.limit) : DEFAULT_SEARCH_LIMIT, kind: e.kind ? literalOf(e.kind, 'searchKind') : undefined };
  });
  return { calls, rest };
}

async function valuesOf(call: Call, search: TextSearch): Promise<sparqljs.ValuesPattern> {
  const results = await search(call.text, { limit: call.limit, kind: call.kind });
  const { namedNode, literal } = n3.DataFactory;
  return {
    type: 'values',
    values: results.hits.map((hit) => {
      const row: sparqljs.ValuePatternRow = { [`?${call.variable}`]: namedNode(hit.iri) as sparqljs.IriTerm };
      if (call.score) row[`?${call.score}`] = literal(hit.score.toFixed(3), namedNode(XSD_DECIMAL)) as sparqljs.LiteralTerm;
      return row;
    }),
  };
}

/**
 * Rewrites every group's search patterns in place (sub-queries, OPTIONAL, UNION, GRAPH, MINUS, EXISTS included);
 * answers whether any was found. Inside SERVICE the pattern would reach a remote endpoint that knows nothing of it.
 */
async function rewrite(node: unknown, search: TextSearch, inService: boolean, depth = 0): Promise<boolean> {
  if (depth > 400 || node === null || typeof node !== 'object') return false;
  let found = false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i] as { type?: string; triples?: sparqljs.Triple[] } | null;
      if (item?.type === 'bgp' && item.triples?.some(isMagic)) {
        if (inService) throw misuse('SEARCH_IN_SERVICE', 'osce:search cannot be used inside SERVICE: the remote endpoint does not know this service\'s search index.');
        const { calls, rest } = callsOf(item.triples);
        const values = await Promise.all(calls.map((c) => valuesOf(c, search)));
        const replacement = rest.length > 0 ? [...values, { type: 'bgp', triples: rest }] : values;
        node.splice(i, 1, ...replacement);
        i += replacement.length - 1;
        found = true;
      } else if (await rewrite(item, search, inService, depth + 1)) found = true;
    }
    return found;
  }
  const record = node as Record<string, unknown>;
  const service = inService || record.type === 'service';
  for (const value of Object.values(record)) {
    if (value !== null && typeof value === 'object' && (await rewrite(value, search, service, depth + 1))) found = true;
  }
  return found;
}

/**
 * The query with its search patterns replaced by the hits, or undefined when it has none (the text is then sent as
 * it came). A query that cannot be parsed is left to the normal path, which reports the syntax error.
 */
export async function rewriteTextSearch(text: string, search: TextSearch, baseIri?: string): Promise<string | undefined> {
  if (!MAY_SEARCH.test(text)) return undefined;
  let tree: sparqljs.SparqlQuery;
  try {
    tree = new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch {
    return undefined;
  }
  if (tree.type !== 'query' || !(await rewrite(tree.where ?? [], search, false))) return undefined;
  // the parser resolved every relative IRI already; a BASE of its own would be a second one where the store adds its
  // own (the remote store puts `BASE <base>` first, and Virtuoso refuses two)
  delete tree.base;
  return new sparqljs.Generator().stringify(tree);
}
