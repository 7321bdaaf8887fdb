/**
 * The statistics' reads of the store as bytes: a SELECT's `?s ?p ?o` rows packed where the query ran (a query
 * worker's `reduceRows`, KgStore.selectReduced) into JSON lines of a few thousand triples, which the HTTP thread
 * unpacks a line at a time. At 100k releases the rebuild's rows (about a million), cloned to the HTTP thread as
 * objects and turned into terms there in one go, left the process ~2.7 GB larger than a start without statistics
 * (issue 23); bytes are handed over, never copied or cloned.
 */
import type { Term } from '@rdfjs/types';
import n3 from 'n3';
import type { KgStore, Row, SelectOptions } from '../store/types.js';
import type { TripleLike } from './facts.js';

const { namedNode, blankNode, literal } = n3.DataFactory;

/**
 * Triples per packed line: each line is parsed and applied on the HTTP thread in one step. A rebuild follows every
 * write of more than 10,000 quads and re-reads every fact, so it overlaps the next upload: at 5,000 a line each step
 * held the thread 15-51 ms of CPU (a 16 MB upload into the 10k bench data, decision 0041).
 */
export const ROWS_PIECE = 1000;

/** Where a query worker finds `reduceRows`. */
const MODULE = new URL('./fact-rows.js', import.meta.url).href;

/** A term as the store's wire shape has it (store/terms.ts): kind (N, B, L), value, language. */
type Cell = { t?: string; v: string; l?: string };
type Cells = Partial<Record<string, Cell>>;
/** One triple: subject kind and value, predicate, object kind, value and language. */
type Packed = [string, string, string, string, string, string];

/** The rows of `?s ?p ?o` as JSON lines of packed triples (runs in a query worker). */
export function reduceRows(rows: Cells[]): Uint8Array {
  const lines: string[] = [];
  let piece: Packed[] = [];
  for (const { s, p, o } of rows) {
    if (!s || !p || !o) continue;
    piece.push([s.t ?? 'N', s.v, p.v, o.t ?? 'N', o.v, o.l ?? '']);
    if (piece.length === ROWS_PIECE) {
      lines.push(`${JSON.stringify(piece)}\n`);
      piece = [];
    }
  }
  if (piece.length > 0) lines.push(`${JSON.stringify(piece)}\n`);
  return new TextEncoder().encode(lines.join(''));
}

const term = (kind: string, value: string, language = ''): Term =>
  kind === 'B' ? blankNode(value) : kind === 'L' ? literal(value, language) : namedNode(value);

/** The triples of `reduceRows`' bytes, a line at a time (a line decoded only when it is reached). */
export function* factPieces(bytes: Uint8Array): Generator<TripleLike[]> {
  const decoder = new TextDecoder();
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const packed = JSON.parse(decoder.decode(bytes.subarray(start, end))) as Packed[];
    yield packed.map(([sk, s, p, ok, o, lang]) => ({ subject: term(sk, s), predicate: namedNode(p), object: term(ok, o, lang) }));
    start = end + 1;
  }
}

const kind = (t: Term): string => (t.termType === 'Literal' ? 'L' : t.termType === 'BlankNode' ? 'B' : 'N');

/** The rows of a `?s ?p ?o` SELECT packed where it ran (on a store without `selectReduced`, here). */
export async function selectFacts(store: KgStore, query: string, opts: SelectOptions): Promise<Uint8Array> {
  if (store.selectReduced) return store.selectReduced(query, { url: MODULE }, opts);
  const cells = (row: Row): Cells => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, { t: kind(t), v: t.value, l: t.termType === 'Literal' ? t.language : '' }]));
  return reduceRows((await store.select(query, opts)).map(cells));
}
