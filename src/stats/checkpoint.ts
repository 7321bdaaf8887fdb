/**
 * The statistics' checkpoint file (`{data-dir}/stats/facets.json`): the facts at one dataset version, as JSON lines,
 * each section in pieces, written and read a piece at a time with the event loop running between pieces. At 100k
 * releases the file is 30 MB: one `JSON.parse` of it, the facts rebuilt from it and the index derived from them held
 * the HTTP thread 4.0-6.4 s at every start (decision 0023). The last line counts the lines, so a torn file is not
 * adopted. A file of format 1 (one JSON document, before) is still read, in one go.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { FactStore, type FactSection } from './facts.js';

const FORMAT = 2;
const LEGACY_FORMAT = 1;
/** Entries per line: a few hundred KB of JSON, parsed in a few milliseconds. */
const PIECE = 5000;

/** Lets the event loop run (requests, timers) between two slices of work. */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes the facts at `version` (temp file, rename: a reader never sees half a file), a piece per line. */
export async function writeFacts(file: string, version: number, facts: FactStore, piece = PIECE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(`${file}.tmp`, 'w');
  let lines = 0;
  const line = async (value: unknown) => {
    await fh.write(`${JSON.stringify(value)}\n`); // the event loop runs while each piece is written
    lines++;
  };
  try {
    await line({ format: FORMAT, version });
    for (const [section, entries] of facts.sections()) {
      for (let i = 0; i < entries.length; i += piece) await line({ [section]: entries.slice(i, i + piece) });
    }
    await line({ lines: lines + 1 });
  } finally {
    await fh.close();
  }
  await rename(`${file}.tmp`, file);
}

/** What `readFacts` found: the facts of the file when at `version`, and whether it was of the former format. */
export interface SavedFacts {
  facts: FactStore;
  legacy: boolean;
}

/** The facts of the checkpoint when it is whole and at `version`; undefined otherwise (none, torn, stale, foreign). */
export async function readFacts(file: string, version: number): Promise<SavedFacts | undefined> {
  const facts = new FactStore();
  const input = createReadStream(file, { encoding: 'utf8' });
  let lines = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      const value = JSON.parse(text) as Record<string, unknown>;
      lines++;
      if (lines === 1) {
        if (value.version !== version) return undefined;
        if (value.format === LEGACY_FORMAT) return { facts: FactStore.fromJSON(value.facts), legacy: true };
        if (value.format !== FORMAT) return undefined;
      } else if ('lines' in value) {
        return value.lines === lines ? { facts, legacy: false } : undefined;
      } else {
        const [section, entries] = Object.entries(value)[0] ?? [];
        if (!section || !facts.load(section as FactSection, entries as unknown[])) return undefined;
      }
    }
  } catch {
    return undefined; // none, or not JSON
  } finally {
    input.destroy();
  }
  return undefined; // no count of lines: torn
}
