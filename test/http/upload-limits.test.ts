/**
 * Every request body is read under its cap, whatever its framing (issue 21, point 7): a chunked body (no
 * Content-Length) past the cap is refused with 413 PAYLOAD_TOO_LARGE and nothing of it is stored. Multipart uploads
 * to the graph store used to be read whole by `formData()`, so a 5 MB chunked multipart PUT with a 2 MB limit was
 * stored; they are now split as they arrive (http/multipart.ts) and each file part goes to the writer like any upload
 * body. The requests go through a real listener, since only a socket sends a body chunked.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AUTH, EX, makeApp, type TestApp } from '../support/http-support.js';
import { sendChunked as chunked } from '../support/listener.js';

const UPLOAD_LIMIT = 64 * 1024;
const REQUEST_LIMIT = 16 * 1024;
const BOUNDARY = 'osce-kg-test-boundary';

function ntriples(bytes: number, tag: string): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = `<${EX}${tag}/s${i}> <${EX}p> "value ${i} of a chunked upload" .\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** One file part of N-Triples as multipart/form-data, cut into 8 KiB chunks. */
function multipart(bytes: number, tag: string): Buffer[] {
  const body = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="data.nt"\r\n` +
    `Content-Type: application/n-triples\r\n\r\n${ntriples(bytes, tag)}\r\n--${BOUNDARY}--\r\n`);
  return pieces(body);
}

function pieces(body: Buffer, size = 8192): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < body.length; off += size) out.push(body.subarray(off, off + size));
  return out;
}

const graph = (tag: string) => `/graph-store?graph=${encodeURIComponent(`${EX}${tag}`)}`;
const MULTIPART = { ...AUTH, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };

describe('request bodies past their cap, sent chunked', () => {
  let t: TestApp;
  before(async () => (t = await makeApp({ maxUploadBytes: UPLOAD_LIMIT, maxRequestBytes: REQUEST_LIMIT })));
  after(() => t.close());

  it('a chunked multipart PUT past OSCE_KG_MAX_UPLOAD_BYTES gets 413 and stores nothing', async () => {
    const res = await chunked(`${t.url}${graph('big')}`, 'PUT', MULTIPART, multipart(16 * UPLOAD_LIMIT, 'big'));
    assert.equal(res.status, 413);
    assert.deepEqual(JSON.parse(res.body), {
      error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${UPLOAD_LIMIT} bytes.`, detail: { limit: UPLOAD_LIMIT } },
    });
    assert.equal((await t.request(graph('big'))).status, 404);
  });

  it('a chunked multipart PUT under the limit is stored', async () => {
    const res = await chunked(`${t.url}${graph('small')}`, 'PUT', MULTIPART, multipart(UPLOAD_LIMIT / 2, 'small'));
    assert.equal(res.status, 201, res.body);
    const stored = await t.request(graph('small'), { headers: { Accept: 'application/n-triples' } });
    assert.equal((await stored.text()).trimEnd().split('\n').length, ntriples(UPLOAD_LIMIT / 2, 'small').trimEnd().split('\n').length);
  });

  it('a chunked multipart PUT of two files in two syntaxes stores both, each parsed on its own (blank nodes apart)', async () => {
    const part = (name: string, type: string, text: string) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n${text}\r\n`;
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nnot a file\r\n` +
      part('a.ttl', 'text/turtle', `@prefix ex: <${EX}> .\nex:a ex:p _:x .\n_:x ex:q "in a.ttl" .`) +
      part('b.nt', 'application/n-triples', `<${EX}b> <${EX}p> _:x .\n_:x <${EX}q> "in b.nt" .`) + `--${BOUNDARY}--\r\n`);
    const res = await chunked(`${t.url}${graph('two')}`, 'PUT', MULTIPART, pieces(body, 7));
    assert.equal(res.status, 201, res.body);
    const rows = await t.ctx.store.select(`SELECT ?s ?o ?label WHERE { GRAPH <${EX}two> { ?s <${EX}p> ?o . ?o <${EX}q> ?label } } ORDER BY ?s`);
    assert.deepEqual(rows.map((r) => [r.s?.value, r.label?.value]), [[`${EX}a`, 'in a.ttl'], [`${EX}b`, 'in b.nt']]);
    assert.notEqual(rows[0]!.o?.value, rows[1]!.o?.value);
    assert.equal((await t.ctx.store.select(`SELECT * WHERE { GRAPH <${EX}two> { ?s ?p ?o } }`)).length, 4);
  });

  it('a multipart file part of a type the store does not parse is 415 and stores nothing', async () => {
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--${BOUNDARY}--\r\n`);
    const res = await chunked(`${t.url}${graph('csv')}`, 'PUT', MULTIPART, [body]);
    assert.equal(res.status, 415);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await t.request(graph('csv'))).status, 404);
  });

  it('a malformed multipart body is 400 FORM_SYNTAX, not 500', async () => {
    const res = await chunked(`${t.url}${graph('bad')}`, 'PUT', MULTIPART, [Buffer.from('no boundary here')]);
    assert.equal(res.status, 400);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'FORM_SYNTAX');
  });

  const big = (n: number) => pieces(Buffer.from('x'.repeat(n)));
  const cases: Array<[string, string, string, Record<string, string>, Buffer[], number]> = [
    ['an RDF upload (PUT, N-Triples)', 'PUT', graph('plain'), { ...AUTH, 'Content-Type': 'application/n-triples' }, pieces(Buffer.from(ntriples(4 * UPLOAD_LIMIT, 'plain'))), UPLOAD_LIMIT],
    ['a SPARQL update form', 'POST', '/sparql', { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' }, big(4 * REQUEST_LIMIT), REQUEST_LIMIT],
    ['a SPARQL query body', 'POST', '/sparql', { 'Content-Type': 'application/sparql-query' }, big(4 * REQUEST_LIMIT), REQUEST_LIMIT],
    ['a search form', 'POST', '/search', { 'Content-Type': 'application/x-www-form-urlencoded' }, big(4 * REQUEST_LIMIT), REQUEST_LIMIT],
    ['a multipart search form', 'POST', '/search', { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }, big(4 * REQUEST_LIMIT), REQUEST_LIMIT],
    ['a page to ingest', 'POST', '/ingest', { ...AUTH, 'Content-Type': 'text/plain' }, big(4 * REQUEST_LIMIT), REQUEST_LIMIT],
  ];
  for (const [what, method, path, headers, body, limit] of cases) {
    it(`${what} sent chunked past its cap gets 413`, async () => {
      const res = await chunked(`${t.url}${path}`, method, headers, body);
      assert.equal(res.status, 413, res.body);
      assert.deepEqual(JSON.parse(res.body), { error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${limit} bytes.`, detail: { limit } } });
    });
  }

  it('a search form under the cap still redirects to the GET URL', async () => {
    const res = await chunked(`${t.url}/search`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, [Buffer.from('q=a%26b+c')]);
    assert.equal(res.status, 303);
  });
});

/**
 * Uploads are read from the node:http request itself (http/body.ts): a client that goes away mid-body leaves nothing
 * stored, and a body of known length (gathered into one buffer for the writer) is stored whole, whether it arrives
 * at once or in many pieces.
 */
describe('uploads read from the node request', () => {
  let t: TestApp;
  before(async () => (t = await makeApp({ maxUploadBytes: 1 << 20 })));
  after(() => t.close());

  it('a PUT whose client goes away half-way through the declared length stores nothing', async () => {
    const body = Buffer.from(ntriples(200_000, 'gone'));
    const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.on('error', () => undefined);
    socket.write(`PUT ${graph('gone')} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH.Authorization}\r\n` +
      `Content-Type: application/n-triples\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body.subarray(0, body.length / 2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    // writes are made one after the other: once a later PUT is answered, the one whose client went away is settled
    const next = await t.request(graph('after'), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body: ntriples(1000, 'after') });
    assert.equal(next.status, 201);
    assert.equal((await t.request(graph('gone'))).status, 404);
    assert.equal((await t.ctx.store.select(`SELECT * WHERE { GRAPH <${EX}gone> { ?s ?p ?o } }`)).length, 0);
  });

  /** A raw connection to the app, and everything it receives. */
  async function rawConnection(): Promise<{ socket: Socket; received: () => string; answered: Promise<string> }> {
    const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.on('error', () => undefined);
    let received = '';
    const answered = new Promise<string>((resolve) => {
      socket.on('data', (d: Buffer) => {
        received += d.toString();
        if (received.includes('\r\n\r\n')) resolve(received);
      });
      socket.on('close', () => resolve(received));
    });
    return { socket, received: () => received, answered };
  }
  const head = (tag: string, framing: string) => `PUT ${graph(tag)} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH.Authorization}\r\n` +
    `Content-Type: application/n-triples\r\n${framing}\r\n\r\n`;

  it('a PUT past the upload limit is answered 413 with its code while the client is still sending', async () => {
    const body = Buffer.from(ntriples(8 << 20, 'endless'));
    const { socket, received, answered } = await rawConnection();
    socket.write(head('endless', 'Transfer-Encoding: chunked'));
    let sent = 0;
    for (const piece of pieces(body, 65536)) {
      if (received() !== '' || socket.destroyed) break;
      socket.write(`${piece.length.toString(16)}\r\n`);
      socket.write(piece);
      socket.write('\r\n');
      sent += piece.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const answer = await answered;
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.ok(sent < body.length, `the answer came after the whole body (${sent} bytes) was sent`);
    assert.equal((await t.request(graph('endless'))).status, 404);
    const res = await t.request(graph('endless2'), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body: body.subarray(0, 2 << 20) });
    assert.equal(res.status, 413);
    assert.equal((await res.json() as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('bytes past a PUT\'s Content-Length are not its body: the connection is answered 400 and closed, and they are never stored', async () => {
    const text = ntriples(50_000, 'declared');
    const cut = text.indexOf('\n', 20_000) + 1;
    const { socket, answered } = await rawConnection();
    socket.write(head('declared', `Content-Length: ${cut}`));
    socket.write(text);
    const answer = await answered;
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n/);
    // the declared bytes are a whole body, which may still be stored; what follows them, never
    await t.request(graph('after-declared'), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body: ntriples(1000, 'after-declared') });
    const stored = (await t.ctx.store.select(`SELECT ?s WHERE { GRAPH <${EX}declared> { ?s ?p ?o } }`)).map((r) => r.s?.value);
    const declared = text.slice(0, cut).trimEnd().split('\n').length;
    assert.ok(stored.length === 0 || stored.length === declared, `${stored.length} triples stored, ${declared} declared`);
    assert.ok(!stored.includes(`${EX}declared/s${declared}`));
  });

  it('a PUT whose client ends its side before the declared length stores nothing', async () => {
    const body = Buffer.from(ntriples(100_000, 'short'));
    const { socket, answered } = await rawConnection();
    socket.write(head('short', `Content-Length: ${body.length + 1000}`));
    socket.end(body);
    await answered;
    socket.destroy();
    const next = await t.request(graph('after-short'), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body: ntriples(1000, 'after-short') });
    assert.equal(next.status, 201);
    assert.equal((await t.ctx.store.select(`SELECT * WHERE { GRAPH <${EX}short> { ?s ?p ?o } }`)).length, 0);
  });

  it('a PUT with a Content-Length, sent in small pieces, is stored whole', async () => {
    const text = ntriples(300_000, 'whole');
    const body = Buffer.from(text);
    const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (d: Buffer) => {
        received += d.toString();
        if (received.includes('\r\n\r\n')) resolve(received);
      });
    });
    socket.write(`PUT ${graph('whole')} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH.Authorization}\r\n` +
      `Content-Type: application/n-triples\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    for (const piece of pieces(body, 4093)) {
      socket.write(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.match(await answer, /^HTTP\/1\.1 201 /);
    socket.destroy();
    const stored = await t.request(graph('whole'), { headers: { Accept: 'application/n-triples' } });
    assert.equal((await stored.text()).trimEnd().split('\n').length, text.trimEnd().split('\n').length);
  });
});
