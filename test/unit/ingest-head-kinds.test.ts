/**
 * The head of a page (kinds M24-M26): a content type that names its publisher gives the Source, a feature story's
 * content type in another language is the genre Feature story, and a video or audio page without text is no article.
 * Pages invented for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejection } from '../support/rejection.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import { isFeatureStory } from '../../src/ingest/labels.js';

const index = referenceIndex('http://localhost:8080/');
const NOW = new Date('2026-01-01T00:00:00Z');
const build = (page: string, format: 'text' | 'html' = 'text') => buildRelease(page, index, { format, now: NOW }).record;
const key = (iri: string) => iri.replace(/^.*\//u, '');

const BODY = 'VIENNA, 4 May 2021 – Forty parliamentarians met today in Vienna to discuss water management in Central Asia.\nThe meeting continues tomorrow.\n';

test('a content-type line naming its publisher after the type ("OSCE PA press release") gives the Source', () => {
  const r = build(`Home\nPress » Press releases\nParliamentarians discuss water in Vienna\nTue, 05/04/2021 - 10:00\nOSCE PA press release\n${BODY}`);
  assert.deepEqual(r.publishers.map(key), ['parliamentary-assembly']);
  assert.equal(r.contentType.label, 'Press release');
  assert.equal(r.title, 'Parliamentarians discuss water in Vienna');
});

test('a content type with its publisher after a preposition, in French and German, gives the Source', () => {
  const fr = build(`Communiqué de presse du BIDDH\nDes observateurs rencontrent la commission électorale\n${BODY.replace('VIENNA, 4 May 2021 –', 'VIENNE, 4 mai 2021 –')}`);
  assert.deepEqual(fr.publishers.map(key), ['odihr']);
  assert.equal(fr.contentType.label, 'Press release');
  const de = build(`Pressemitteilung der OSZE-Mission in Skopje\nJugendliche diskutieren über Medien\n${BODY.replace('VIENNA, 4 May 2021 –', 'SKOPJE, 4. Mai 2021 –')}`);
  assert.deepEqual(de.publishers.map(key), ['mission-to-skopje']);
});

test('a content type next to words that name no body stays a plain title line', () => {
  const r = build(`Press release\nMinistry press release on water\n${BODY}`);
  assert.deepEqual(r.publishers, []);
  assert.equal(r.title, 'Ministry press release on water');
});

test('a feature story\'s content type in the page languages is the genre Feature story', () => {
  for (const type of ['Reportage', 'Репортаж', 'Priča', 'Reportaje', 'Feature']) assert.ok(isFeatureStory(type), type);
  // plurals are section words, and "История" / "Storia" also name a site's history page
  for (const type of ['Reportagen', 'Stories', 'История', 'Storia', 'Press release']) assert.ok(!isFeatureStory(type), type);
  const r = build('Reportage\nErntehelferinnen lernen ihre Rechte kennen\nDatum:\n7. September 2023\nUm fünf Uhr früh steht Ana schon zwischen den Erdbeerreihen und pflückt, bis die Sonne hoch steht.\n');
  assert.equal(r.contentType.label, 'Feature story');
  assert.equal(r.contentType.iri, undefined);
});

const rejected = (page: string, format: 'text' | 'html') => rejection(() => build(page, format));

test('a video page without text of its own is NOT_AN_ARTICLE at its type line', () => {
  const page = `<!DOCTYPE html><html><body><main>
<p>Home › Mission to Skopje › Videos</p>
<p class="type">Video</p>
<h1>Ten years of community policing in Kumanovo</h1>
<div class="meta"><span class="label">Date:</span> 3 May 2022 · <span class="label">Duration:</span> 3:12</div>
<p><a href="#">Watch on YouTube</a> · <a href="#">Download (MP4, 60 MB)</a></p>
</main></body></html>`;
  assert.deepEqual(rejected(page, 'html'), { code: 'NOT_AN_ARTICLE', line: 3 });
});

test('a release about a video, with its own text, stays an article', () => {
  const r = build(`Video\nTen years of community policing in Kumanovo\nDate:\n3 May 2022\nKUMANOVO, 3 May 2022 – The OSCE Mission to Skopje presented today a short film about ten years of community policing in Kumanovo, made with local police officers and residents of six neighbourhoods. The film will be shown in schools across the country in the coming months, with a discussion led by police officers and teachers after each screening.\n`);
  assert.equal(r.title, 'Ten years of community policing in Kumanovo');
});
