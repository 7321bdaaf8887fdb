/**
 * The statistics' checkpoint file (`{data-dir}/stats/facets.json`): the facts at one dataset version in JSON lines
 * (model/json-lines.ts), a piece at a time. At 100k releases the file is 30 MB: one `JSON.parse` of it, the facts
 * rebuilt from it and the index derived from them held the HTTP thread 4.0-6.4 s at every start (decision 0023). A
 * file of format 1 (one JSON document, before) is still read, in one go.
 */
import { readJsonLines, writeJsonLines, PIECE } from '../model/json-lines.js';
import { FactStore, type FactSection } from './facts.js';

const FORMAT = 2;
const LEGACY_FORMAT = 1;

/** Lets the event loop run (requests, timers) between two slices of work. */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes the facts at `version`, a piece per line. */
export function writeFacts(file: string, version: number, facts: FactStore, piece = PIECE): Promise<void> {
  return writeJsonLines(file, { format: FORMAT, version }, facts.sections(), piece);
}

/** What `readFacts` found: the facts of the file, and whether it was of the former format. */
export interface SavedFacts {
  facts: FactStore;
  legacy: boolean;
}

/** The facts of the checkpoint when it is whole and at `version`; undefined otherwise (none, torn, stale, foreign). */
export async function readFacts(file: string, version: number): Promise<SavedFacts | undefined> {
  let facts = new FactStore();
  let legacy = false;
  const whole = await readJsonLines(file, (head) => {
    if (head.version !== version) return 'refuse';
    if (head.format === LEGACY_FORMAT) {
      facts = FactStore.fromJSON(head.facts);
      legacy = true;
      return 'whole';
    }
    return head.format === FORMAT ? 'pieces' : 'refuse';
  }, (section, entries) => facts.load(section as FactSection, entries));
  return whole ? { facts, legacy } : undefined;
}
