/**
 * The search index's checkpoint (`{data-dir}/search/index.jsonl`), written and read by the search worker: the
 * index in MiniSearch's plain form at one dataset version, so a start over unchanged data loads it instead of
 * reading every release again (at 100k releases that SELECT held a query worker 128 s at every start, and the index
 * was built anew). JSON lines, each section in pieces of a few thousand entries: no string near V8's length limit,
 * and the reader parses a line at a time. The last line counts the lines: a torn or foreign file is not adopted.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { PlainIndex } from './search-engine.js';

const FORMAT = 1;
const PIECE = 2000;
/** Sections of the plain index kept as objects keyed by the index's short ids, and the index's term list. */
const OBJECTS = ['documentIds', 'fieldLength', 'storedFields'] as const;

type Head = Omit<PlainIndex, (typeof OBJECTS)[number] | 'index'>;

/** Writes the index at `version` (temp file, then rename: a reader never sees half a file). */
export async function writeCheckpoint(file: string, version: number, plain: PlainIndex): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  let lines = 0;
  const line = async (value: unknown) => {
    await fh.write(`${JSON.stringify(value)}\n`);
    lines++;
  };
  try {
    const { documentIds, fieldLength, storedFields, index, ...head } = plain;
    await line({ format: FORMAT, version, head: head satisfies Head });
    for (const [name, object] of [['documentIds', documentIds], ['fieldLength', fieldLength], ['storedFields', storedFields]] as const) {
      const entries = Object.entries(object);
      for (let i = 0; i < entries.length; i += PIECE) await line({ [name]: entries.slice(i, i + PIECE) });
    }
    for (let i = 0; i < index.length; i += PIECE) await line({ index: index.slice(i, i + PIECE) });
    await line({ lines: lines + 1 });
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/** The index of the checkpoint if it is whole and at `version`; undefined otherwise (none, torn, stale, foreign). */
export async function readCheckpoint(file: string, version: number): Promise<PlainIndex | undefined> {
  let head: Head | undefined;
  const objects: Record<(typeof OBJECTS)[number], Record<string, unknown>> = { documentIds: {}, fieldLength: {}, storedFields: {} };
  const index: PlainIndex['index'] = [];
  let lines = 0;
  let complete = false;
  const input = createReadStream(file, { encoding: 'utf8' });
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      const value = JSON.parse(text) as Record<string, unknown>;
      lines++;
      if (lines === 1) {
        if (value.format !== FORMAT || value.version !== version) return undefined;
        head = value.head as Head;
      } else if ('index' in value) index.push(...(value.index as PlainIndex['index']));
      else if ('lines' in value) complete = value.lines === lines;
      else {
        const name = OBJECTS.find((n) => n in value);
        if (!name) return undefined;
        for (const [k, v] of value[name] as [string, unknown][]) objects[name][k] = v;
      }
    }
  } catch {
    return undefined; // none, or not JSON lines
  } finally {
    input.destroy();
  }
  if (!head || !complete) return undefined;
  return { ...head, ...objects, index } as PlainIndex;
}
