/**
 * The summary of a write (types.ts `ChangeSummary`): what the change feed, the search index and callers need, made
 * where the delta is (the embedded store's writer, or the external store's delta on this thread), so that the quads
 * of a large write never cross to the thread that answers requests. Its lists are read back in batches with the
 * event loop running between two, since a bulk upload touches hundreds of thousands of subjects.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Quad } from '@rdfjs/types';
import type { ChangeSummary, Delta } from './types.js';

const encoder = new TextEncoder();

export const EMPTY_SUMMARY: ChangeSummary = Object.freeze({
  added: 0, removed: 0, subjects: new Uint8Array(0), objects: new Uint8Array(0), graphs: Object.freeze({ added: [], removed: [] }),
}) as ChangeSummary;

/** The summary of a net delta. */
export function summarize(delta: Delta): ChangeSummary {
  const subjects = new Map<string, number>();
  const objects = new Set<string>();
  const graphs = { added: new Set<string>(), removed: new Set<string>() };
  const count = (quads: readonly Quad[], by: number, into: Set<string>) => {
    for (const q of quads) {
      if (q.subject.termType === 'NamedNode') subjects.set(q.subject.value, (subjects.get(q.subject.value) ?? 0) + by);
      if (q.object.termType === 'NamedNode') objects.add(q.object.value);
      into.add(q.graph.termType === 'DefaultGraph' ? '' : q.graph.value);
    }
  };
  count(delta.added, 1, graphs.added);
  count(delta.removed, -1, graphs.removed);
  let subjectText = '';
  for (const [iri, n] of subjects) subjectText += `${iri}\t${n}\n`;
  let objectText = '';
  for (const iri of objects) objectText += `${iri}\n`;
  return {
    added: delta.added.length,
    removed: delta.removed.length,
    subjects: encoder.encode(subjectText),
    objects: encoder.encode(objectText),
    graphs: { added: [...graphs.added], removed: [...graphs.removed] },
  };
}

/** The buffers a summary hands over instead of copying. */
export function summaryTransferables(summary: ChangeSummary): ArrayBuffer[] {
  return [summary.subjects, summary.objects].filter((b) => b.byteLength > 0).map((b) => b.buffer as ArrayBuffer);
}

/** Lines per batch: decoding and splitting one takes a few milliseconds. */
const BATCH_BYTES = 256 << 10;

/** The lines of UTF-8 text in batches, the event loop running between two. */
async function* lineBatches(text: Uint8Array): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  for (let start = 0; start < text.length;) {
    if (start > 0) await yieldToLoop();
    // a line feed byte is never part of a multi-byte UTF-8 character, so a cut after it splits none
    const cut = text.indexOf(10, Math.min(start + BATCH_BYTES, text.length - 1));
    const end = cut < 0 ? text.length : cut + 1;
    const lines = decoder.decode(text.subarray(start, end)).split('\n');
    lines.pop(); // after the last line feed
    yield lines;
    start = end;
  }
}

/** The changed subjects with their net change in triples, in batches. */
export async function* subjectChanges(summary: ChangeSummary): AsyncGenerator<[string, number][]> {
  for await (const lines of lineBatches(summary.subjects)) {
    yield lines.map((line) => {
      const tab = line.lastIndexOf('\t');
      return [line.slice(0, tab), Number(line.slice(tab + 1))];
    });
  }
}

/** The named-node objects of the changed quads, in batches. */
export function changedObjects(summary: ChangeSummary): AsyncGenerator<string[]> {
  return lineBatches(summary.objects);
}
