/**
 * The change feed's per-entity counts of subject triples: counted by one whole-store SELECT whose rows the query
 * worker groups by entity document itself (a `ReduceModule`, KgStore.selectReduced), returned as JSON lines that
 * the HTTP thread parses a piece at a time; checkpointed in `entity-counts.json` beside the feed (JSON lines, at the
 * dataset version), which `osce-kg load` writes too. At 100k releases the count took 39 s, turning its rows into
 * counts held the HTTP thread 3.9 s, and every first start after a load counted (decision 0023).
 */
import { join } from 'node:path';
import { Iris } from '../model/ns.js';
import { readJsonLines, writeJsonLines, PIECE } from '../model/json-lines.js';
import type { KgStore, Row } from '../store/types.js';
import { BACKGROUND_TIMEOUT_MS } from '../store/types.js';
import { stringLiteral } from './sparql-terms.js';

/** The entity whose document holds `iri`: hash IRIs (`…/id/membership/x#period`) belong to the entity before '#'. */
export function documentEntity(iri: string, iris: Iris): string | undefined {
  const entity = iri.split('#')[0] ?? iri;
  return iris.parseEntity(entity) ? entity : undefined;
}

/** Where a query worker finds `reduceRows`. */
const MODULE = new URL('./entity-counts.js', import.meta.url).href;

/** Subject triples (distinct across graphs) per subject under `{base}id/`. */
function countsQuery(base: string): string {
  return `SELECT ?s (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ${stringLiteral(`${base}id/`)})) } } } GROUP BY ?s`;
}

type Cells = Partial<Record<string, { v: string }>>;

/** The count rows summed per entity document, as JSON lines of `[entity, count]` pieces (runs in a query worker). */
export function reduceRows(rows: Cells[], options: { base: string }): Uint8Array {
  const iris = new Iris(options.base);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const entity = row.s && documentEntity(row.s.v, iris);
    if (entity) counts.set(entity, (counts.get(entity) ?? 0) + Number(row.n?.v ?? 0));
  }
  const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // in IRI order: the feed's seed needs no sort
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += PIECE) lines.push(`${JSON.stringify(entries.slice(i, i + PIECE))}\n`);
  return new TextEncoder().encode(lines.join(''));
}

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Counts every entity's subject triples now (a background job: user queries go first). */
export async function countEntities(store: KgStore, iris: Iris): Promise<Map<string, number>> {
  const query = countsQuery(iris.base);
  const opts = { timeoutMs: BACKGROUND_TIMEOUT_MS, background: true };
  const reduce = { url: MODULE, options: { base: iris.base } };
  const cells = (row: Row): Cells => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, { v: t.value }]));
  const bytes = store.selectReduced
    ? await store.selectReduced(query, reduce, opts)
    : reduceRows((await store.select(query, opts)).map(cells), reduce.options);
  const counts = new Map<string, number>();
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    if (!line) continue;
    for (const [entity, n] of JSON.parse(line) as [string, number][]) counts.set(entity, n);
    await pause();
  }
  return counts;
}

/** The checkpoint beside the feed file (`publish/changes.jsonl` → `publish/entity-counts.json`). */
export const countsFile = (dir: string): string => join(dir, 'entity-counts.json');

/** Writes the counts at `version`, a piece per line. */
export function writeCounts(file: string, version: number, counts: ReadonlyMap<string, number>): Promise<void> {
  return writeJsonLines(file, { version }, [['counts', [...counts]]]);
}

/** The checkpoint's counts if it is whole and at `version` (a single-document file of before is read in one go). */
export async function readCounts(file: string, version: number): Promise<Map<string, number> | undefined> {
  const counts = new Map<string, number>();
  const add = (entries: unknown[]) => {
    for (const [entity, n] of entries as [string, number][]) counts.set(entity, n);
    return true;
  };
  const whole = await readJsonLines(file, (head) => {
    if (head.version !== version) return 'refuse';
    if (!Array.isArray(head.counts)) return 'pieces';
    add(head.counts);
    return 'whole';
  }, (section, entries) => section === 'counts' && add(entries));
  return whole ? counts : undefined;
}

/**
 * Counts the entities of a store nothing else writes to (`osce-kg load`) and writes the checkpoint at its version,
 * so the server's first start reads it instead of counting.
 */
export async function writeEntityCounts(store: KgStore, iris: Iris, dir: string): Promise<void> {
  const version = await store.version();
  await writeCounts(countsFile(dir), version, await countEntities(store, iris));
}
