import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { digestAuthorization, parseDigestChallenge } from '../../src/store/remote/digest.js';
import { SparqlClient } from '../../src/store/remote/client.js';
import { AppError } from '../../src/errors.js';

// RFC 7616 §3.9.1: the worked example for MD5 and SHA-256.
const RFC_CHALLENGE = (alg: string) =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${alg}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const RFC_CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
const MUFASA = { user: 'Mufasa', password: 'Circle of Life' };

function responseOf(header: string): string | undefined {
  return /response="([0-9a-f]+)"/.exec(header)?.[1];
}

test('digest: RFC 7616 example gives the published MD5 response', () => {
  const c = parseDigestChallenge(RFC_CHALLENGE('MD5'));
  assert.ok(c);
  assert.equal(c.qop, 'auth');
  const h = digestAuthorization(c, MUFASA, 'GET', '/dir/index.html', 1, RFC_CNONCE);
  assert.equal(responseOf(h), '8ca523f5e9506fed4657c9700eebdbec');
  assert.match(h, /nc=00000001/);
  assert.match(h, /opaque="FQhe\/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"/);
});

test('digest: RFC 7616 example gives the published SHA-256 response', () => {
  const c = parseDigestChallenge(RFC_CHALLENGE('SHA-256'));
  assert.ok(c);
  const h = digestAuthorization(c, MUFASA, 'GET', '/dir/index.html', 1, RFC_CNONCE);
  assert.equal(responseOf(h), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

test('digest: challenges we cannot answer are refused', () => {
  assert.equal(parseDigestChallenge('Basic realm="x"'), undefined);
  assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int"'), undefined);
  assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512'), undefined);
});

async function listen(handler: (req: IncomingMessage, body: string) => [number, Record<string, string>, string]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const [status, headers, text] = handler(req, body);
      res.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sparql` };
}

test('client: answers a Basic challenge once and sends the update form-encoded', async () => {
  const seen: string[] = [];
  const { server, url } = await listen((req, body) => {
    seen.push(`${req.headers.authorization ?? '-'} ${body}`);
    if (req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) return [401, { 'www-authenticate': 'Basic realm="s"' }, ''];
    return [200, { 'content-type': 'text/plain' }, 'ok'];
  });
  try {
    const client = new SparqlClient({ queryUrl: url, updateUrl: url, user: 'u', password: 'p' });
    await client.update('CLEAR ALL', 5000);
    await client.update('CLEAR ALL', 5000);
    assert.deepEqual(seen, ['- update=CLEAR+ALL', 'Basic dTpw update=CLEAR+ALL', 'Basic dTpw update=CLEAR+ALL']);
  } finally {
    server.close();
  }
});

test('client: wrong credentials become 502 STORE_AUTH, a slow store 503 QUERY_TIMEOUT, a refused connection 503', async () => {
  const { server, url } = await listen((req) => {
    if (req.url?.includes('slow')) return [200, {}, ''];
    return [401, { 'www-authenticate': 'Basic realm="s"' }, ''];
  });
  const slow = createServer(() => undefined); // never answers
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  const slowUrl = `http://127.0.0.1:${(slow.address() as { port: number }).port}/slow`;
  try {
    const client = new SparqlClient({ queryUrl: slowUrl, updateUrl: url, user: 'u', password: 'bad' });
    await assert.rejects(client.update('CLEAR ALL', 5000), (e: AppError) => e.status === 502 && e.code === 'STORE_AUTH');
    await assert.rejects(client.query({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs: 200 }),
      (e: AppError) => e.status === 503 && e.code === 'QUERY_TIMEOUT');
    const dead = new SparqlClient({ queryUrl: 'http://127.0.0.1:9/sparql', updateUrl: 'http://127.0.0.1:9/sparql' });
    await assert.rejects(dead.query({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs: 2000 }),
      (e: AppError) => e.status === 503 && e.code === 'STORE_UNAVAILABLE');
  } finally {
    server.close();
    slow.closeAllConnections();
    slow.close();
  }
});

test('client: a query chosen as a deadlock victim (SQLSTATE 40001) is sent again; an update is not', async () => {
  let queries = 0;
  let updates = 0;
  const deadlock = 'Virtuoso 40001 Error SR172: Transaction deadlocked';
  const { server, url } = await listen((_req, body) => {
    if (body.startsWith('update=')) return (updates++, [500, { 'content-type': 'text/plain' }, deadlock]);
    return ++queries < 3 ? [500, { 'content-type': 'text/plain' }, deadlock] : [200, { 'content-type': 'application/sparql-results+json' }, '{"head":{},"boolean":true}'];
  });
  try {
    const client = new SparqlClient({ queryUrl: url, updateUrl: url });
    const res = await client.query({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs: 5000 });
    assert.deepEqual(await res.json(), { head: {}, boolean: true });
    assert.equal(queries, 3);
    await assert.rejects(client.update('CLEAR ALL', 5000), (e: AppError) => e.status === 503 && e.code === 'STORE_CONFLICT');
    assert.equal(updates, 1);
    queries = -10; // never answers: gives up after its attempts with the store's error
    await assert.rejects(client.query({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs: 5000 }),
      (e: AppError) => e.code === 'STORE_CONFLICT');
    assert.equal(queries, -6);
  } finally {
    server.close();
  }
});

