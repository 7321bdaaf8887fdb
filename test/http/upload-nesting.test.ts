/**
 * Depth bombs in every upload syntax (issue 21, point 2): refused with 400 RDF_TOO_DEEP and the position before the
 * parser reaches the depth that would hold the server (800 nested JSON-LD arrays held it 35 s; 20,000 RDF/XML levels
 * over a minute), nothing stored, the server answering meanwhile. Nesting a document really has still goes through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AUTH, EX, makeApp, type TestApp } from '../support/http-support.js';
import { sendChunked } from '../support/listener.js';

const LEVELS = 100_000;
const XML_HEAD = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="${EX}">`;
const bombs: Array<[string, string, string]> = [
  ['JSON-LD arrays', 'application/ld+json', `{"@id": "${EX}s", "${EX}p": ${'['.repeat(LEVELS)}1${']'.repeat(LEVELS)}}`],
  ['JSON-LD objects', 'application/json', `${`{"${EX}p": `.repeat(LEVELS)}{"@id": "${EX}x"}${'}'.repeat(LEVELS)}`],
  ['Turtle blank nodes', 'text/turtle', `<${EX}s> <${EX}p> ${`[ <${EX}p> `.repeat(LEVELS)}1${' ]'.repeat(LEVELS)} .`],
  ['Turtle collections', 'text/turtle', `<${EX}s> <${EX}p> ${'( '.repeat(LEVELS)}1${' )'.repeat(LEVELS)} .`],
  ['TriG', 'application/trig', `<${EX}g> { <${EX}s> <${EX}p> ${'[ <p> '.repeat(LEVELS)}1${' ]'.repeat(LEVELS)} }`],
  ['N-Triples quoted triples', 'application/n-triples', `<${EX}s> <${EX}p> ${`<< <${EX}a> <${EX}b> `.repeat(LEVELS)}"1"${' >>'.repeat(LEVELS)} .\n`],
  ['N-Quads quoted triples', 'application/n-quads', `${`<< <${EX}a> <${EX}b> `.repeat(LEVELS)}"1"${' >>'.repeat(LEVELS)} <${EX}p> "x" <${EX}g> .\n`],
  ['RDF/XML', 'application/rdf+xml', `${XML_HEAD}${'<rdf:Description><e:p>'.repeat(LEVELS / 5)}<rdf:Description/>${'</e:p></rdf:Description>'.repeat(LEVELS / 5)}</rdf:RDF>`],
];

const graph = (name: string) => `/graph-store?graph=${encodeURIComponent(`${EX}${name}`)}`;
const put = (body: string, type: string) => ({ method: 'PUT', headers: { ...AUTH, 'Content-Type': type }, body });
/** A PUT read by a client that takes the answer the server gives before it has read the whole body. */
async function putEarly(t: TestApp, path: string, body: string, type: string): Promise<{ status: number; error: { code: string; message: string; detail?: unknown } }> {
  const bytes = Buffer.from(body, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
  const res = await sendChunked(`${t.url}${path}`, 'PUT', { ...AUTH, 'Content-Type': type }, chunks);
  return { status: res.status, error: (JSON.parse(res.body) as { error: { code: string; message: string; detail?: unknown } }).error };
}

describe('depth bombs in uploads', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  for (const [name, type, body] of bombs) {
    it(`${name} (${LEVELS.toLocaleString('en')} levels) get 400 RDF_TOO_DEEP with the position, and nothing is stored`, async () => {
      const { status, error } = await putEarly(t, graph('bomb'), body, type);
      assert.equal(status, 400);
      assert.equal(error.code, 'RDF_TOO_DEEP');
      const { line, column, limit } = error.detail as { line: number; column: number; limit: number };
      assert.equal(line, 1);
      assert.ok(column > limit, `column ${column} is past the first ${limit} openings`);
      assert.match(error.message, new RegExp(`nests (arrays in arrays )?deeper than ${limit} levels at line 1, column ${column}; nothing was stored\\.`));
      assert.equal((await t.request(graph('bomb'))).status, 404);
    });
  }

  it('a multipart upload is guarded the same way', async () => {
    const boundary = 'b0undary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="d.jsonld"\r\nContent-Type: application/ld+json\r\n\r\n${bombs[0]![2]}\r\n--${boundary}--\r\n`;
    const { status, error } = await putEarly(t, graph('bomb'), body, `multipart/form-data; boundary=${boundary}`);
    assert.equal(status, 400);
    assert.equal(error.code, 'RDF_TOO_DEEP');
  });

  it('JSON-LD nesting 12 levels, as framed documents do, is stored', async () => {
    let node: Record<string, unknown> = { '@id': `${EX}n12`, [`${EX}name`]: 'leaf' };
    for (let i = 11; i > 0; i--) node = { '@id': `${EX}n${i}`, [`${EX}p`]: [node] };
    assert.equal((await t.request(graph('framed'), put(JSON.stringify({ '@graph': [node] }), 'application/ld+json'))).status, 201);
    const res = await t.request(graph('framed'), { headers: { Accept: 'application/n-triples' } });
    assert.equal((await res.text()).trimEnd().split('\n').length, 12);
  });
});

describe('truncated uploads', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  it('an RDF/XML document cut off before its end is 400 RDF_SYNTAX and nothing of it is stored', async () => {
    const full = `${XML_HEAD}<rdf:Description rdf:about="${EX}a"><e:p>v</e:p></rdf:Description><rdf:Description rdf:about="${EX}b"><e:p>w</e:p></rdf:Description></rdf:RDF>`;
    const res = await t.request(graph('cut'), put(full.slice(0, -10), 'application/rdf+xml'));
    assert.equal(res.status, 400);
    const error = (await res.json()) as { error: { code: string; detail: unknown } };
    assert.equal(error.error.code, 'RDF_SYNTAX');
    assert.deepEqual(error.error.detail, { line: 1, column: full.length - 9 });
    assert.equal((await t.request(graph('cut'))).status, 404);
    assert.equal((await t.request(graph('cut'), put(full, 'application/rdf+xml'))).status, 201);
  });
});
