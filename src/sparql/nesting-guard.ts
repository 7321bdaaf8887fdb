/**
 * A cheap scan of an RDF upload ahead of its parser that refuses nesting past a bound (400 RDF_TOO_DEEP with line and
 * column), before the parser sees the level that would cost it, and an RDF/XML document cut off before its end. The parsers slow down superlinearly with depth
 * (measured on this machine: jsonld-streaming-parser takes 0.8 s for 100 nested arrays and 3.3 s for 200;
 * rdfxml-streaming-parser 0.13 s for 800 nested elements, 1.5 s for 2,000 and over a minute for 20,000; n3 stays
 * linear but allocates per level). A document of OSCE data nests a few levels deep.
 *
 * The scanners read bytes: every character that opens or closes a level is ASCII, and no byte of a UTF-8 multi-byte
 * sequence is. They track just enough lexical state (strings, IRIs, comments, CDATA) not to count brackets inside
 * text. A scanner may be wrong about a malformed document; the parser behind it then reports the syntax error.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors.js';

/** Levels of `[`, `(`, `{`, `<<` in Turtle, TriG, N-Triples and N-Quads, and elements in RDF/XML. */
export const MAX_RDF_NESTING = 256;
/** Levels of arrays and objects in JSON-LD, whose parser is the slowest to go deep (see above). */
export const MAX_JSONLD_NESTING = 32;
/** Levels of arrays directly inside arrays in JSON-LD (lists of lists). */
export const MAX_JSONLD_LIST_NESTING = 4;
/** Arrays and objects in one JSON-LD document (413 RDF_TOO_LARGE past it). */
export const MAX_JSONLD_CONTAINERS = 1 << 20;

const NL = 0x0a;

/** Where a scanner is (1-based line and column, in characters) and how deep. */
abstract class Scanner {
  depth = 0;
  private line = 1;
  private column = 0;
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private readonly syntax: string, private readonly max: number) {}

  /** Scans `chunk`; bytes whose meaning depends on bytes not yet seen are kept for the next chunk. */
  push(chunk: Uint8Array, final = false): void {
    const data = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    let i = 0;
    while (i < data.length) {
      const next = this.step(data, i, final);
      if (next < 0) break; // needs more bytes
      for (; i < next; i++) this.advance(data[i]!);
    }
    this.carry = data.subarray(i);
  }

  end(): void {
    this.push(new Uint8Array(0), true);
    this.finish();
  }

  /** Checks made once the whole document was seen. */
  protected finish(): void {}

  /** Handles the token at `i`; returns the index after it, or -1 when it needs bytes past the end (unless `final`). */
  protected abstract step(data: Uint8Array, i: number, final: boolean): number;

  protected open(): void {
    if (++this.depth > this.max) this.refuse(`nests deeper than ${this.max} levels`, this.max);
  }

  /** The 1-based line and column of the byte being scanned. */
  protected position(): { line: number; column: number } {
    return { line: this.line, column: this.column + 1 };
  }

  /** Throws the refusal of what the document does (`nests deeper than …`) at the current position. */
  protected refuse(what: string, limit: number, status = 400, code = 'RDF_TOO_DEEP', advice = 'Flatten it (name the nested nodes) or split it.'): never {
    const { line, column } = this.position();
    throw new AppError(status, code, `The ${this.syntax} ${what} at line ${line}, column ${column}; nothing was stored. ${advice}`, { line, column, limit });
  }

  protected close(): void {
    if (this.depth > 0) this.depth--;
  }

  private advance(byte: number): void {
    if (byte === NL) {
      this.line++;
      this.column = 0;
    } else if ((byte & 0xc0) !== 0x80) this.column++; // UTF-8 continuation bytes are not characters
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const c = (s: string) => s.charCodeAt(0);
const [QUOTE, APOS, BACKSLASH, LT, GT, HASH] = ['"', "'", '\\', '<', '>', '#'].map(c) as [number, number, number, number, number, number];
const OPENERS = new Set(['[', '(', '{'].map(c));
const CLOSERS = new Set([']', ')', '}'].map(c));

/** Index just after the first occurrence of `needle` at or after `from`, or -1. */
function after(data: Uint8Array, from: number, needle: Uint8Array): number {
  const at = Buffer.from(data.buffer, data.byteOffset, data.length).indexOf(needle, from);
  return at < 0 ? -1 : at + needle.length;
}

/** Index just after the end of a string opened by `quote` at `from` (escapes honoured), or -1. */
function afterString(data: Uint8Array, from: number, quote: number): number {
  for (let i = from; i < data.length; i++) {
    if (data[i] === BACKSLASH) i++;
    else if (data[i] === quote) return i + 1;
  }
  return -1;
}

/** Turtle, TriG, N-Triples, N-Quads (and their RDF-star quoted triples). */
class TurtleScanner extends Scanner {
  protected step(data: Uint8Array, i: number, final: boolean): number {
    const b = data[i]!;
    const need = (n: number) => i + n >= data.length && !final; // the byte at i + n decides, and has not come yet
    if (OPENERS.has(b)) this.open();
    else if (CLOSERS.has(b)) this.close();
    else if (b === BACKSLASH) return i + 2 <= data.length || final ? i + 2 : -1; // an escape in a local name
    else if (b === HASH) return orEnd(afterLineEnd(data, i), data, final);
    else if (b === LT) {
      if (need(1)) return -1;
      if (data[i + 1] === LT) {
        this.open();
        return i + 2;
      }
      return orEnd(after(data, i + 1, IRI_END), data, final);
    } else if (b === GT) {
      if (need(1)) return -1;
      if (data[i + 1] === GT) {
        this.close();
        return i + 2;
      }
    } else if (b === QUOTE || b === APOS) {
      if (need(2)) return -1;
      if (data[i + 1] === b && data[i + 2] === b) return orEnd(afterLong(data, i + 3, b), data, final);
      return orEnd(afterString(data, i + 1, b), data, final);
    }
    return i + 1;
  }
}

/** Index after the line end (CR or LF: Turtle's EOL) that ends a comment begun at `from`, or -1. */
function afterLineEnd(data: Uint8Array, from: number): number {
  for (let i = from; i < data.length; i++) if (data[i] === NL || data[i] === 0x0d) return i + 1;
  return -1;
}

const IRI_END = Uint8Array.of(GT);

/** An unfinished token: wait for more bytes, or at the end take the rest (the parser reports it). */
function orEnd(next: number, data: Uint8Array, final: boolean): number {
  return next >= 0 ? next : final ? data.length : -1;
}

/** Index after the `"""` (or `'''`) closing a long string opened before `from`, or -1. */
function afterLong(data: Uint8Array, from: number, quote: number): number {
  for (let i = from; i < data.length; i++) {
    if (data[i] === BACKSLASH) i++;
    else if (data[i] === quote && data[i + 1] === quote && data[i + 2] === quote) return i + 3;
  }
  return -1;
}

/**
 * JSON (JSON-LD): arrays and objects, outside strings. Besides the depth, arrays directly inside arrays (only lists
 * of lists mean anything in JSON-LD 1.1, §4.3.2) and the number of arrays and objects are bounded: each array level
 * costs jsonld-streaming-parser more per array (1,000 arrays nested 8 deep: 1.1 s; 32 deep: 21.5 s, on this loaded
 * machine), and its time grows with the objects whatever their depth.
 */
class JsonScanner extends Scanner {
  /** For each open level: how many arrays end there in a row (0 for an object). */
  private readonly runs: number[] = [];
  private containers = 0;

  protected step(data: Uint8Array, i: number, final: boolean): number {
    const b = data[i]!;
    if (b === c('[') || b === c('{')) {
      const run = b === c('[') ? (this.runs.at(-1) ?? 0) + 1 : 0;
      if (run > MAX_JSONLD_LIST_NESTING) this.refuse(`nests arrays in arrays deeper than ${MAX_JSONLD_LIST_NESTING} levels`, MAX_JSONLD_LIST_NESTING);
      if (++this.containers > MAX_JSONLD_CONTAINERS) {
        this.refuse(`holds more than ${MAX_JSONLD_CONTAINERS} objects and arrays`, MAX_JSONLD_CONTAINERS, 413, 'RDF_TOO_LARGE',
          'Split it, or send N-Quads (osce-kg load for bulk data).');
      }
      this.open();
      this.runs.push(run);
    } else if (b === c(']') || b === c('}')) {
      this.close();
      this.runs.pop();
    } else if (b === QUOTE) return orEnd(afterString(data, i + 1, QUOTE), data, final);
    return i + 1;
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const XML_MARKUP: Array<[Uint8Array, Uint8Array]> = [
  [enc('<!--'), enc('-->')],
  [enc('<![CDATA['), enc(']]>')],
  [enc('<?'), enc('?>')],
];

/**
 * XML (RDF/XML): element depth, outside comments, CDATA, processing instructions, declarations and attribute values.
 * A document that ends with elements still open is refused too: rdfxml-streaming-parser emits the triples it has and
 * reports nothing, so a truncated upload was stored in part.
 */
class XmlScanner extends Scanner {
  protected override finish(): void {
    if (this.depth === 0) return;
    const { line, column } = this.position();
    throw new AppError(400, 'RDF_SYNTAX', `The RDF/XML document ends at line ${line}, column ${column} with ${this.depth} element${this.depth === 1 ? '' : 's'} ` +
      'still open: it is cut off; nothing was stored.', { line, column });
  }

  protected step(data: Uint8Array, i: number, final: boolean): number {
    if (data[i] !== LT) return i + 1;
    if (i + 9 > data.length && !final) return -1; // room to tell `<![CDATA[` from the rest
    for (const [open, close] of XML_MARKUP) if (startsWith(data, i, open)) return orEnd(after(data, i + open.length, close), data, final);
    if (data[i + 1] === c('!')) return orEnd(afterDeclaration(data, i + 2), data, final);
    const end = afterTag(data, i + 1);
    if (end < 0) return final ? data.length : -1;
    if (data[i + 1] === c('/')) this.close();
    else if (data[end - 2] !== c('/')) this.open();
    return end;
  }
}

function startsWith(data: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let k = 0; k < prefix.length; k++) if (data[at + k] !== prefix[k]) return false;
  return true;
}

/** Index after the `>` ending a tag begun before `from`, skipping quoted attribute values, or -1. */
function afterTag(data: Uint8Array, from: number): number {
  for (let i = from; i < data.length; i++) {
    const b = data[i];
    if (b === QUOTE || b === APOS) {
      const close = data.indexOf(b, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (b === GT) return i + 1;
  }
  return -1;
}

/** Index after a `<!DOCTYPE …>` or other declaration, whose internal subset `[…]` may hold `>`, or -1. */
function afterDeclaration(data: Uint8Array, from: number): number {
  let brackets = 0;
  for (let i = from; i < data.length; i++) {
    const b = data[i];
    if (b === QUOTE || b === APOS) {
      const close = data.indexOf(b, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (b === c('[')) brackets++;
    else if (b === c(']')) brackets--;
    else if (b === GT && brackets <= 0) return i + 1;
  }
  return -1;
}

/** The scanner for an upload's media type (as store/rdf-parse.ts names them), or undefined for a format without nesting. */
function scannerFor(mediaType: string): Scanner | undefined {
  if (mediaType === 'application/ld+json' || mediaType === 'application/json') return new JsonScanner('JSON-LD document', MAX_JSONLD_NESTING);
  if (mediaType === 'application/rdf+xml') return new XmlScanner('RDF/XML document', MAX_RDF_NESTING);
  return new TurtleScanner('RDF document', MAX_RDF_NESTING);
}

/** A pass-through stream that fails with 400 RDF_TOO_DEEP once the upload nests past its syntax's bound. */
export function nestingGuard(mediaType: string): Transform {
  const scanner = scannerFor(mediaType);
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
      try {
        scanner?.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
        done(null, chunk);
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        scanner?.end();
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/** Scans a whole text at once (tests, and callers that hold the document). */
export function checkNesting(text: string | Uint8Array, mediaType: string): void {
  const scanner = scannerFor(mediaType);
  scanner?.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  scanner?.end();
}
