/**
 * Checkpoint files of derived data (statistics, search index, change feed counts) as JSON lines: a head, then each
 * section's entries in pieces of a few thousand a line, then the count of lines, so a torn file is never adopted. A
 * piece is stringified, written, read and parsed on its own, the event loop running between two: at 100k releases
 * one `JSON.parse` or `JSON.stringify` of such a file (20-30 MB) held the HTTP thread for seconds (decision 0023),
 * and no string comes near V8's length limit.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** Entries per line: a few hundred KB of JSON, parsed in milliseconds. */
export const PIECE = 5000;

/** Writes `head`, the sections' entries a piece per line and the count of lines (temp file, then rename). */
export async function writeJsonLines(file: string, head: Record<string, unknown>, sections: Iterable<readonly [string, readonly unknown[]]>, piece = PIECE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(`${file}.tmp`, 'w');
  let lines = 0;
  const line = async (value: unknown) => {
    await fh.write(`${JSON.stringify(value)}\n`);
    lines++;
  };
  try {
    await line(head);
    for (const [section, entries] of sections) {
      for (let i = 0; i < entries.length; i += piece) await line({ [section]: entries.slice(i, i + piece) });
    }
    await line({ lines: lines + 1 });
  } finally {
    await fh.close();
  }
  await rename(`${file}.tmp`, file);
}

/**
 * What the reader of a head decides: read the pieces that follow, refuse the file, or take the head as the whole of
 * it (a file of an earlier, single-document format).
 */
export type HeadDecision = 'pieces' | 'refuse' | 'whole';

/**
 * Reads a file of `writeJsonLines`: `head` judges the first line, `piece` takes every piece in order (false: the
 * file is refused). True when the file was adopted whole; false for none, torn, refused or not JSON lines.
 */
export async function readJsonLines(file: string, head: (value: Record<string, unknown>) => HeadDecision, piece: (section: string, entries: unknown[]) => boolean): Promise<boolean> {
  const input = createReadStream(file, { encoding: 'utf8' });
  let lines = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      const value = JSON.parse(text) as Record<string, unknown>;
      lines++;
      if (lines === 1) {
        const decision = head(value);
        if (decision !== 'pieces') return decision === 'whole';
      } else if ('lines' in value) {
        return value.lines === lines;
      } else {
        const [section, entries] = Object.entries(value)[0] ?? [];
        if (!section || !Array.isArray(entries) || !piece(section, entries)) return false;
      }
    }
  } catch {
    return false; // none, or not JSON
  } finally {
    input.destroy();
  }
  return false; // no count of lines: torn
}
