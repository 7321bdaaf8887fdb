import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { DomUtils, parseDocument } from 'htmlparser2';
import { BASE, fixtureStore, makeContext, parseAs } from '../support/linked-data-fixture.js';
import { serveDuringTests } from '../support/listener.js';

const { namedNode, literal, quad } = DataFactory;
const HOSTILE_HEADLINE = '</script><script>alert(1)</script> "quoted" \'single\' & <!-- comment';
const HOSTILE_LABEL = '<img src=x onerror=alert(1)>';
const HOSTILE_BODY = 'Para <b onclick="alert(2)">one</b>\n\n</p><iframe src="javascript:alert(3)"></iframe>';
const ENTITY = `${BASE}id/release/2025-02-01-hostile`;
const S = 'http://schema.org/';

const server = serveDuringTests(async () => {
  const e = namedNode(ENTITY);
  const store = await fixtureStore([
    quad(e, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('https://w3id.org/osce-kg/ontology#PressRelease')),
    quad(e, namedNode(`${S}headline`), literal(HOSTILE_HEADLINE, 'en')),
    quad(e, namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal(HOSTILE_LABEL, 'en')),
    quad(e, namedNode(`${S}articleBody`), literal(HOSTILE_BODY)),
    quad(e, namedNode(`${S}url`), namedNode('javascript:alert(4)')),
    quad(e, namedNode(`${S}mentions`), namedNode(`${BASE}id/country/al`)),
  ]);
  return makeContext(store);
});

test('hostile literals are inert in the HTML page and its JSON-LD block', async () => {
  const res = await server.request('/doc/release/2025-02-01-hostile', { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const page = await res.text();
  const doc = parseDocument(page);
  const all = DomUtils.findAll(() => true, doc.children);
  const scripts = all.filter((el) => el.name === 'script');
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0]?.attribs.type, 'application/ld+json');
  assert.deepEqual(all.filter((el) => ['img', 'iframe', 'b'].includes(el.name)).map((el) => el.name), []);
  assert.deepEqual(all.flatMap((el) => Object.keys(el.attribs).filter((a) => a.startsWith('on'))), []);
  assert.deepEqual(all.filter((el) => /^\s*javascript:/i.test(el.attribs.href ?? el.attribs.src ?? '')).map((el) => el.name), []);
  const h1 = all.find((el) => el.name === 'h1');
  assert.equal(h1 && DomUtils.textContent(h1), HOSTILE_LABEL);
  const json = JSON.parse(DomUtils.textContent(scripts[0]!)) as Record<string, unknown>;
  assert.equal(json.headline, HOSTILE_HEADLINE);
  assert.equal(json.articleBody, HOSTILE_BODY);
  const rawBlock = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  assert.doesNotMatch(rawBlock, /</);
  const paragraphs = all.filter((el) => el.name === 'p' && el.parent && (el.parent as { attribs?: Record<string, string> }).attribs?.class === 'body');
  assert.deepEqual(paragraphs.map((p) => DomUtils.textContent(p)), HOSTILE_BODY.split('\n\n'));
});

test('hostile literals survive every RDF format unchanged', async () => {
  for (const [ext, type] of [['jsonld', 'application/ld+json'], ['rdf', 'application/rdf+xml'], ['ttl', 'text/turtle'], ['nt', 'application/n-triples']]) {
    const res = await server.request(`/doc/release/2025-02-01-hostile.${ext}`);
    const quads = await parseAs(await res.text(), type as string);
    const value = (p: string) => quads.find((q) => q.subject.value === ENTITY && q.predicate.value === p)?.object.value;
    assert.equal(value(`${S}headline`), HOSTILE_HEADLINE, ext);
    assert.equal(value('http://www.w3.org/2000/01/rdf-schema#label'), HOSTILE_LABEL, ext);
    assert.equal(value(`${S}articleBody`), HOSTILE_BODY, ext);
  }
});
