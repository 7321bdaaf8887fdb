/**
 * multipart/form-data (RFC 7578, on RFC 2046 §5.1.1's syntax) read as it arrives: the file parts' bytes are passed on
 * part by part, never gathered whole here nor parsed (the Graph Store hands them to the store's writer like any other
 * upload body). Each part must be read to its end, or left, before the next is asked for. Form fields that are not
 * files (no `filename`) are skipped. A body that breaks the syntax is 400 FORM_SYNTAX; the byte cap is the caller's
 * (the chunks come through `requestChunks`).
 */
import { badRequest } from '../errors.js';

/** A form's file part: its field name, file name, Content-Type (lower-cased, '' when absent) and bytes. */
export interface FormFile {
  name: string;
  filename: string;
  mediaType: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** A part's headers end within this many bytes. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

const syntax = (why: string) => badRequest('FORM_SYNTAX', `The form body could not be read: ${why}.`);

/** The boundary of a multipart/form-data Content-Type (RFC 2046 §5.1.1: 1 to 70 characters); 400 without one. */
export function boundaryOf(contentType: string | undefined): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw syntax('the Content-Type multipart/form-data names no boundary');
  return boundary;
}

/** The bytes read and not yet consumed, and the source to read more from. */
class Bytes {
  buf: Buffer;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Uint8Array>, start: Buffer) {
    this.buf = start;
  }

  /** Reads a chunk more; false at the end of the body. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.source.next();
    if (done) {
      this.ended = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.concat([this.buf, value]);
    return true;
  }

  /** Reads until `needle` is in the buffer; its index, or -1 at the end of the body (or past `max` bytes). */
  async find(needle: Buffer, max = Infinity): Promise<number> {
    for (;;) {
      const at = this.buf.indexOf(needle);
      if (at >= 0 || this.buf.length > max) return at;
      if (!(await this.more())) return -1;
    }
  }
}

/** The body's file parts, in order, as their bytes arrive. */
export async function* formFiles(chunks: AsyncIterable<Uint8Array>, boundary: string): AsyncIterable<FormFile> {
  const source = chunks[Symbol.asyncIterator]();
  // every delimiter is CRLF "--" boundary; the first may open the body, so the body is read as if a CRLF came first
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const bytes = new Bytes(source, Buffer.from(CRLF));
  try {
    const first = await bytes.find(delimiter);
    if (first < 0) throw syntax('no boundary delimiter');
    bytes.buf = bytes.buf.subarray(first + delimiter.length);
    while (await afterDelimiter(bytes)) {
      const { name, filename, mediaType } = await partHeaders(bytes);
      const state = { done: false };
      const body = partBody(bytes, delimiter, state);
      if (filename !== undefined) yield { name, filename, mediaType, chunks: body };
      // the rest of a part the reader left (or a field that is not a file)
      if (!state.done) await drain(partBody(bytes, delimiter, state));
    }
    while (await bytes.more()) bytes.buf = Buffer.alloc(0); // the epilogue, ignored (RFC 2046 §5.1.1)
  } finally {
    await source.return?.();
  }
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const it = chunks[Symbol.asyncIterator]();
  while (!(await it.next()).done);
}

/** After a delimiter: true when a part follows (CRLF), false for the close delimiter ("--"). */
async function afterDelimiter(bytes: Bytes): Promise<boolean> {
  while (bytes.buf.length < 2) if (!(await bytes.more())) throw syntax('the body ends after a boundary delimiter');
  if (bytes.buf[0] === 0x2d && bytes.buf[1] === 0x2d) return false;
  // transport padding (spaces and tabs) may precede the CRLF
  const end = await bytes.find(CRLF, 1024);
  if (end < 0 || !/^[ \t]*$/.test(bytes.buf.subarray(0, end).toString('latin1'))) throw syntax('a boundary delimiter is not followed by a line break');
  bytes.buf = bytes.buf.subarray(end + CRLF.length);
  return true;
}

/** A part's headers: Content-Disposition's name and filename, and Content-Type. */
async function partHeaders(bytes: Bytes): Promise<{ name: string; filename?: string; mediaType: string }> {
  let text = '';
  while (bytes.buf.length < 2) if (!(await bytes.more())) throw syntax('the body ends inside a part\'s headers');
  if (bytes.buf[0] === 0x0d && bytes.buf[1] === 0x0a) bytes.buf = bytes.buf.subarray(2); // no headers at all
  else {
    const end = await bytes.find(HEADERS_END, MAX_HEADER_BYTES);
    if (end < 0) throw syntax(bytes.buf.length > MAX_HEADER_BYTES ? `a part's headers are longer than ${MAX_HEADER_BYTES} bytes` : 'the body ends inside a part\'s headers');
    text = bytes.buf.subarray(0, end).toString('utf8');
    bytes.buf = bytes.buf.subarray(end + HEADERS_END.length);
  }
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const param = (key: string) => {
    const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
    return m ? (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1') : undefined;
  };
  const mediaType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return { name: param('name') ?? '', filename: param('filename'), mediaType };
}

/** A part's bytes up to the next delimiter, which it consumes; `state.done` once there. */
async function* partBody(bytes: Bytes, delimiter: Buffer, state: { done: boolean }): AsyncIterable<Uint8Array> {
  for (;;) {
    const at = bytes.buf.indexOf(delimiter);
    if (at >= 0) {
      const last = bytes.buf.subarray(0, at);
      bytes.buf = bytes.buf.subarray(at + delimiter.length);
      state.done = true;
      if (last.length > 0) yield last;
      return;
    }
    // what could be the start of a delimiter split across two chunks stays behind
    const keep = Math.min(bytes.buf.length, delimiter.length - 1);
    const out = bytes.buf.subarray(0, bytes.buf.length - keep);
    bytes.buf = bytes.buf.subarray(bytes.buf.length - keep);
    if (out.length > 0) yield out;
    if (!(await bytes.more())) throw syntax('the body ends inside a part (no closing boundary delimiter)');
  }
}
