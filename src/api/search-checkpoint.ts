/**
 * The search index's checkpoint (`{data-dir}/search/index.jsonl`), written and read by the search worker: the
 * index in MiniSearch's plain form at one dataset version, so a start over unchanged data loads it instead of
 * reading every release again (at 100k releases that SELECT held a query worker 128 s at every start, and the index
 * was built anew). JSON lines (model/json-lines.ts): the index of 100k releases, their bodies stored for snippets,
 * is too large for one string.
 */
import { readJsonLines, writeJsonLines } from '../model/json-lines.js';
import type { PlainIndex } from './search-engine.js';

const FORMAT = 1;
/** Sections of the plain index kept as objects keyed by the index's short ids. */
const OBJECTS = ['documentIds', 'fieldLength', 'storedFields'] as const;

type Head = Omit<PlainIndex, (typeof OBJECTS)[number] | 'index'>;

/** Writes the index at `version`. */
export function writeCheckpoint(file: string, version: number, plain: PlainIndex): Promise<void> {
  const { documentIds, fieldLength, storedFields, index, ...head } = plain;
  const sections: [string, unknown[]][] = [
    ['documentIds', Object.entries(documentIds)], ['fieldLength', Object.entries(fieldLength)], ['storedFields', Object.entries(storedFields)],
    ['index', index],
  ];
  return writeJsonLines(file, { format: FORMAT, version, head: head satisfies Head }, sections, 2000);
}

/** The index of the checkpoint if it is whole and at `version`; undefined otherwise (none, torn, stale, foreign). */
export async function readCheckpoint(file: string, version: number): Promise<PlainIndex | undefined> {
  let head: Head | undefined;
  const objects: Record<(typeof OBJECTS)[number], Record<string, unknown>> = { documentIds: {}, fieldLength: {}, storedFields: {} };
  const index: PlainIndex['index'] = [];
  const whole = await readJsonLines(file, (value) => {
    if (value.format !== FORMAT || value.version !== version) return 'refuse';
    head = value.head as Head;
    return 'pieces';
  }, (section, entries) => {
    if (section === 'index') index.push(...(entries as PlainIndex['index']));
    else if ((OBJECTS as readonly string[]).includes(section)) {
      const object = objects[section as (typeof OBJECTS)[number]];
      for (const [k, v] of entries as [string, unknown][]) object[k] = v;
    } else return false;
    return true;
  });
  return whole && head ? ({ ...head, ...objects, index } as PlainIndex) : undefined;
}
