/**
 * The streaming multipart/form-data reader (src/http/multipart.ts): the same body cut into chunks of every size from
 * one byte up gives the same file parts, byte for byte (a delimiter or a header split across two chunks included);
 * fields that are not files are skipped; a body that breaks the syntax is 400 FORM_SYNTAX.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundaryOf, formFiles } from '../../src/http/multipart.js';
import { isAppError } from '../../src/errors.js';

const B = 'xYz-boundary';
const TURTLE = '@prefix ex: <http://example.org/> .\r\nex:a ex:p _:b .\r\n--not-the-boundary\r\n';
const NT = '<http://example.org/c> <http://example.org/p> "with \\r\\n--xYz-boundar inside" .\n';
const BODY = `a preamble to ignore\r\n--${B}\r\n` +
  `Content-Disposition: form-data; name="note"\r\n\r\nnot a file\r\n--${B}\r\n` +
  `Content-Disposition: form-data; name="file"; filename="a.ttl"\r\nContent-Type: Text/Turtle; charset=utf-8\r\n\r\n${TURTLE}\r\n--${B}  \r\n` +
  `Content-Disposition: form-data; name="more"; filename="b.nt"\r\n\r\n${NT}\r\n--${B}--\r\nan epilogue`;

async function* cut(body: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

async function read(body: string, size: number) {
  const files: Array<{ name: string; filename: string; mediaType: string; text: string }> = [];
  for await (const f of formFiles(cut(Buffer.from(body), size), B)) {
    const parts: Buffer[] = [];
    for await (const c of f.chunks) parts.push(Buffer.from(c));
    files.push({ name: f.name, filename: f.filename, mediaType: f.mediaType, text: Buffer.concat(parts).toString('utf8') });
  }
  return files;
}

const formSyntax = (e: unknown) => isAppError(e) && e.status === 400 && e.code === 'FORM_SYNTAX';

describe('multipart/form-data read as it arrives', () => {
  it('yields the same file parts whatever the chunk size', async () => {
    const expected = [
      { name: 'file', filename: 'a.ttl', mediaType: 'text/turtle', text: TURTLE },
      { name: 'more', filename: 'b.nt', mediaType: '', text: NT },
    ];
    for (const size of [1, 2, 3, 5, 7, 11, 16, 17, 64, 100, BODY.length]) assert.deepEqual(await read(BODY, size), expected, `chunks of ${size}`);
  });

  it('skips a part its reader left unread', async () => {
    const names: string[] = [];
    for await (const f of formFiles(cut(Buffer.from(BODY), 7), B)) names.push(f.filename);
    assert.deepEqual(names, ['a.ttl', 'b.nt']);
  });

  it('reads a body that opens with its first delimiter and has no files', async () => {
    assert.deepEqual(await read(`--${B}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--${B}--`, 4), []);
  });

  for (const [what, body] of [
    ['no delimiter', 'just text'],
    ['no close delimiter', `--${B}\r\nContent-Disposition: form-data; name="f"; filename="f.nt"\r\n\r\n<a> <b> <c> .`],
    ['headers that never end', `--${B}\r\nContent-Disposition: form-data; name="f"; filename="f.nt"`],
    ['headers past 16 KiB', `--${B}\r\nX-Long: ${'y'.repeat(17 * 1024)}\r\n\r\n\r\n--${B}--`],
    ['a delimiter followed by text', `--${B}junk\r\n\r\n\r\n--${B}--`],
  ] as const) {
    it(`is 400 FORM_SYNTAX for ${what}`, async () => {
      await assert.rejects(read(body, 5), formSyntax);
    });
  }

  it('takes the boundary from the Content-Type, quoted or not, and is 400 without one', () => {
    assert.equal(boundaryOf(`multipart/form-data; boundary=${B}`), B);
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"'), 'a b:c');
    assert.throws(() => boundaryOf('multipart/form-data'), formSyntax);
  });
});
