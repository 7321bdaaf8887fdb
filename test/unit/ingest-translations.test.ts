/**
 * Translations (issue 18 item 4): a release and its translation stay two releases, linked by
 * schema:translationOfWork / schema:workTranslation when both are known, by the same URL path with another language
 * segment or by declared hreflang alternates; links survive re-ingesting either side and follow a key change.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestPage, referenceIndex } from '../../src/ingest/index.js';
import { declaredAlternates, languageSegment, originalOf, sameWorkUrls } from '../../src/ingest/translations.js';
import { NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import { createShaclGate } from '../../src/validation/index.js';

const BASE = 'http://localhost:8080/';
const index = referenceIndex(BASE);
const gate = createShaclGate(index.iris);
let store: KgStore;

before(async () => {
  store = createMemoryStore([...loadReferenceQuads(BASE)], { workers: 0 });
  await store.open();
});
after(async () => store.close());

test('language segments: the six OSCE languages and host-country languages, with a script or region', () => {
  assert.deepEqual(languageSegment('https://www.osce.org/ru/odihr/1'), { lang: 'ru', rest: '/odihr/1' });
  assert.deepEqual(languageSegment('https://www.osce.org/sr-latn/mission-to-serbia/2'), { lang: 'sr-latn', rest: '/mission-to-serbia/2' });
  assert.deepEqual(languageSegment('https://www.osce.org/odihr/1'), { lang: undefined, rest: '/odihr/1' });
  assert.deepEqual(languageSegment('https://www.osce.org/id/1'), { lang: undefined, rest: '/id/1' }, 'not a language of OSCE pages');
  assert.deepEqual(languageSegment('https://www.osce.org/fr'), { lang: 'fr', rest: '/' });
  const others = sameWorkUrls('https://www.osce.org/ru/odihr/1');
  assert.ok(others.includes('https://www.osce.org/odihr/1'));
  assert.ok(others.includes('https://www.osce.org/fr/odihr/1'));
  assert.ok(!others.includes('https://www.osce.org/ru/odihr/1'));
});

test('the original is the page without a language segment, else the x-default one, else unknown', () => {
  const none = new Map<string, string>();
  assert.equal(originalOf('https://www.osce.org/ru/a/1', 'https://www.osce.org/a/1', none), 'https://www.osce.org/a/1');
  assert.equal(originalOf('https://www.osce.org/a/1', 'https://www.osce.org/fr/b/2', none), 'https://www.osce.org/a/1');
  assert.equal(originalOf('https://www.osce.org/fr/a/1', 'https://www.osce.org/ru/a/1', none), undefined);
  const declared = new Map([['x-default', 'https://a.example.org/x'], ['ru', 'https://b.example.org/y']]);
  assert.equal(originalOf('https://b.example.org/y', 'https://a.example.org/x', declared), 'https://a.example.org/x');
});

test('declared alternates are read from link elements, resolved against the page and normalized', () => {
  const html = `<html><head><link rel="alternate" hreflang="ru" href="/ru/odihr/1/">
    <link rel="canonical" href="https://www.osce.org/odihr/1"><link rel="alternate" hreflang="FR" href="https://WWW.osce.org/fr/odihr/1#x">
    <link rel="alternate" type="application/rss+xml" href="/feed"><link rel="alternate" hreflang="x-default" href="https://www.osce.org/odihr/1"></head></html>`;
  assert.deepEqual([...declaredAlternates(html, 'https://www.osce.org/odihr/1')], [
    ['ru', 'https://www.osce.org/ru/odihr/1'], ['fr', 'https://www.osce.org/fr/odihr/1'], ['x-default', 'https://www.osce.org/odihr/1'],
  ]);
});

function page(title: string, body: string): string {
  return ['Press release', title, '- Date:', '- 3 May 2011', '- Source:', '- OSCE Secretariat', '- Fields of work:', '- Policing', `VIENNA, 3 May 2011 - ${body}`].join('\n');
}
const ingest = (text: string, url: string, format: 'text' | 'html' = 'text') => ingestPage({ store, gate, index }, text, { source: { iri: url }, format });
const links = async (iri: string) => (await store.select(`SELECT ?g ?p ?o WHERE { GRAPH ?g { <${iri}> ?p ?o VALUES ?p { <${NS.schema}translationOfWork> <${NS.schema}workTranslation> } } }`))
  .map((r) => [r.p?.value.slice(NS.schema.length), r.o?.value, r.g?.value]).sort();
const graphOf = (iri: string) => iri.replace('/id/release/', '/graph/release/');

test('a translation at the same path with a language segment is linked both ways and stays a release of its own', async () => {
  const en = await ingest(page('OSCE trains border guards', 'Forty border guards completed an OSCE course today.'), 'https://www.osce.org/secretariat/900301');
  const ru = await ingest(page('ОБСЕ обучает пограничников', 'Сорок пограничников сегодня завершили курс ОБСЕ.'), 'https://www.osce.org/ru/secretariat/900301');
  assert.equal(ru.created, true);
  assert.notEqual(ru.iri, en.iri);
  assert.match(ru.iri, /\/id\/release\/2011-05-03-obse-obuchaet-pogranichnikov-[0-9a-f]{8}$/);
  assert.deepEqual(await links(ru.iri), [['translationOfWork', en.iri, graphOf(ru.iri)]]);
  assert.deepEqual(await links(en.iri), [['workTranslation', ru.iri, graphOf(en.iri)]]);
  const headlines = await store.select(`SELECT ?h WHERE { <${en.iri}> <${NS.schema}headline> ?h }`);
  assert.deepEqual(headlines.map((r) => r.h?.value), ['OSCE trains border guards'], 'never merged');
});

test('re-ingesting the original keeps the link; a key change of the translation moves it', async () => {
  const en = await ingest(page('OSCE trains border guards', 'Forty border guards completed an OSCE course today. More will follow.'), 'https://www.osce.org/secretariat/900301');
  assert.equal(en.created, false);
  const [[, ru]] = (await links(en.iri)) as [[string, string, string]];
  const moved = await ingest(page('ОБСЕ обучила сорок пограничников', 'Сорок пограничников сегодня завершили курс ОБСЕ.'), 'https://www.osce.org/ru/secretariat/900301');
  assert.equal(moved.moved, ru);
  assert.deepEqual(await links(en.iri), [['workTranslation', moved.iri, graphOf(en.iri)]]);
  assert.deepEqual(await links(moved.iri), [['translationOfWork', en.iri, graphOf(moved.iri)]]);
});

test('declared hreflang alternates link pages at unrelated paths, whichever comes first', async () => {
  const fr = `<!DOCTYPE html><html lang="fr"><head><link rel="alternate" hreflang="en" href="https://www.osce.org/odihr/handbook-900302"></head><body>
    <p>Press release</p><h1>Manuel de l'OSCE sur la police</h1><p>Date: 3 May 2011</p><p>Source: OSCE Secretariat</p><p>Fields of work:</p><ul><li>Policing</li></ul>
    <p>VIENNA, 3 May 2011 - L'OSCE publie aujourd'hui un manuel.</p></body></html>`;
  const en = `<!DOCTYPE html><html lang="en"><head></head><body>
    <p>Press release</p><h1>OSCE publishes a policing handbook</h1><p>Date: 3 May 2011</p><p>Source: OSCE Secretariat</p><p>Fields of work:</p><ul><li>Policing</li></ul>
    <p>VIENNA, 3 May 2011 - The OSCE published a handbook today.</p></body></html>`;
  const a = await ingest(fr, 'https://www.osce.org/fr/odihr/manuel-900302', 'html');
  const b = await ingest(en, 'https://www.osce.org/odihr/handbook-900302', 'html');
  assert.deepEqual(await links(a.iri), [['translationOfWork', b.iri, graphOf(a.iri)]]);
  assert.deepEqual(await links(b.iri), [['workTranslation', a.iri, graphOf(b.iri)]]);
});
