/**
 * The delta of a Graph Store PUT/POST computed on N-Quads lines instead of quad objects: a 100 MB upload is ~500k
 * quads, and holding them (and the graph's current content) as n3 objects in the writer made it spend most of its
 * time in the garbage collector while oxigraph loaded the record.
 *
 * A line's key is the line itself when both serializers that meet here (n3's Writer, used for the uploaded quads,
 * and oxigraph's dump, used for the graph's content) must write that quad identically: printable ASCII without a
 * backslash (no escapes), no blank node (labels are compared as terms), no quoted triple, no upper-case language tag.
 * Any other line is parsed and keyed by its terms (`quadKey`), as every line was before.
 */
import { n3lib } from './n3-lib.js';
import type { Quad } from '@rdfjs/types';
import { quadKey } from './terms.js';

const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;
const UPPER_LANGUAGE = /"@[a-zA-Z0-9-]*[A-Z]/;

/** True when `line` is its own key (see the module comment). */
export function isPlainLine(line: string): boolean {
  return PLAIN.test(line) && !line.includes('_:') && !line.includes('<<') && !UPPER_LANGUAGE.test(line);
}

/** The non-empty lines of N-Quads text pieces (one statement per line, as both serializers write it). */
export function nquadsLines(pieces: readonly string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    for (const line of piece.split('\n')) if (line) out.push(line);
  }
  return out;
}

/** The key of each line: the line itself, or for lines that are not plain the key of the parsed quad. */
export function lineKeys(lines: readonly string[]): string[] {
  const keys = lines.slice();
  const other: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!isPlainLine(lines[i]!)) other.push(i);
  if (other.length === 0) return keys;
  const quads = new (n3lib().Parser)({ format: 'N-Quads', blankNodePrefix: '' }).parse(other.map((i) => lines[i]).join('\n')) as Quad[];
  if (quads.length !== other.length) throw new Error(`expected one quad per N-Quads line, got ${quads.length} for ${other.length}`);
  other.forEach((i, n) => (keys[i] = `\u0000${quadKey(quads[n]!)}`));
  return keys;
}

/** A line-based net delta: `fresh` is the incoming lines without duplicates, in first-seen order. */
export interface LineDelta {
  fresh: string[];
  added: string[];
  removed: string[];
}

/**
 * The net delta of writing `incoming` into a graph holding `existing` (lines of the same graph): with `replace`
 * (PUT) the graph's lines missing from the input are removed; otherwise (POST) nothing is.
 */
export function lineDelta(existing: readonly string[], incoming: readonly string[], replace: boolean): LineDelta {
  const existingKeys = lineKeys(existing);
  const before = new Set(existingKeys);
  const incomingKeys = lineKeys(incoming);
  const seen = new Set<string>();
  const fresh: string[] = [];
  const added: string[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const k = incomingKeys[i]!;
    if (seen.has(k)) continue;
    seen.add(k);
    fresh.push(incoming[i]!);
    if (!before.has(k)) added.push(incoming[i]!);
  }
  const removed = replace ? existing.filter((_, i) => !seen.has(existingKeys[i]!)) : [];
  return { fresh, added, removed };
}

/** Lines back to N-Quads text. */
export function linesText(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
