/**
 * What a write changed, read from the store itself: its N-Quads dump before and after (blank node labels kept), so a
 * test asserts the net delta as the data shows it, next to the write's own summary.
 */
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import type { KgStore, WriteResult } from '../../src/store/types.js';

async function dumpLines(store: KgStore): Promise<Set<string>> {
  let text = '';
  for await (const piece of store.dump({ format: 'application/n-quads' })) text += piece;
  return new Set(text.split('\n').filter(Boolean));
}

const parse = (lines: string[]): Quad[] => new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(lines.join('\n')) as Quad[];

/** Runs `write` and returns its result with the quads it added and removed. */
export async function changesOf(store: KgStore, write: () => Promise<WriteResult>): Promise<WriteResult & { added: Quad[]; removed: Quad[] }> {
  const before = await dumpLines(store);
  const result = await write();
  const after = await dumpLines(store);
  return {
    ...result,
    added: parse([...after].filter((l) => !before.has(l))),
    removed: parse([...before].filter((l) => !after.has(l))),
  };
}
