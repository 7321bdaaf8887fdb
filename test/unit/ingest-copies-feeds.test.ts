/**
 * Copies and lists (kinds M25/M26 and the 282-313 training batches): a news feed and a site search's results are no
 * article; a copy's date line with its time of day is no title; a copy's notice names the genre; a content type with
 * its publisher in the genitive gives the Source; "(closed)" in the page languages. Pages invented for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOnlyLine } from '../../src/ingest/dates.js';
import { rejection } from '../support/rejection.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import { normalizeName } from '../../src/ingest/reference-index.js';

const index = referenceIndex('http://localhost:8080/');
const NOW = new Date('2026-01-01T00:00:00Z');
const build = (page: string, format: 'text' | 'html' = 'text') => buildRelease(page, index, { format, now: NOW }).record;
const key = (iri: string) => iri.replace(/^.*\//u, '');

const rejected = (page: string, format: 'text' | 'html' = 'text') => rejection(() => build(page, format));

test('an RSS or Atom feed is NOT_AN_ARTICLE at its root element', () => {
  const rss = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n<title>OSCE - News</title>\n<item>\n<title>Experts meet in Vienna</title>\n<description>VIENNA, 4 May 2021 – Experts met today in Vienna to discuss cyber security.</description>\n<pubDate>Tue, 04 May 2021 09:15:00 +0000</pubDate>\n</item>\n</channel>\n</rss>\n';
  assert.deepEqual(rejected(rss), { code: 'NOT_AN_ARTICLE', line: 2 });
  const atom = '<?xml version="1.0"?>\n<!-- generated -->\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>ODIHR</title>\n<entry><title>Observers deployed</title><updated>2021-05-04T09:00:00Z</updated></entry>\n</feed>\n';
  assert.deepEqual(rejected(atom), { code: 'NOT_AN_ARTICLE', line: 3 });
});

test('a site search\'s results are NOT_AN_ARTICLE at their heading, in several languages', () => {
  for (const heading of ['412 results for border management', 'Résultats de la recherche', '1.024 Ergebnisse für Wahlbeobachtung', 'Результаты поиска']) {
    const page = `Search\n${heading}\nObservers note competitive campaign\nPress release · 3 October 2024 · ODIHR\nWARSAW, 3 October 2024 – The observers said in a statement today that the campaign was competitive.\nHandbook for observers\nReport · 8 July 2022\nThis handbook describes the methodology of election observation in detail for new observers.\n`;
    assert.deepEqual(rejected(page), { code: 'NOT_AN_ARTICLE', line: 2 }, heading);
  }
});

test('an article under a site search\'s "Search results" line is read, not rejected: one result is no list', () => {
  const r = build('Newsroom\nSearch results\nYour search for "river basins" returned 12 items\nShowing items 1-10\nRiver managers meet in Thessaloniki on flood warnings\nPublishing date:\n3 June 2009\nContent type:\nNews item\nTHESSALONIKI, 3 June 2009 - River managers from six countries met today to share flood warnings along the rivers they share.\n');
  assert.equal(r.title, 'River managers meet in Thessaloniki on flood warnings');
  assert.equal(r.contentType.label, 'News item');
});

test('a listing\'s export under "Search results" is read as a listing: its first labelled entry is the article', () => {
  const r = build('Search results\nShowing items 21-30\nRiver managers meet in Thessaloniki on flood warnings\nPublishing date:\n3 June 2009\nContent type:\nNews item\nTHESSALONIKI, 3 June 2009 - River managers from six countries met today to share flood warnings along the rivers they share.\nRead more »\nPolice trainers visit the border crossing at Kapitan Andreevo\nPublishing date:\n29 May 2009\nContent type:\nNews item\n');
  assert.equal(r.title, 'River managers meet in Thessaloniki on flood warnings');
  assert.equal(r.date, '2009-06-03');
});

test('a date line with its time of day or a byline is a date line, not a title', () => {
  for (const line of ['Posted June 3, 2009 at 4:15 pm by the editors', 'objavljeno: 21.04.2015. u 10:34', 'Publié le 3 juin 2009 à 10h30', 'Veröffentlicht am 3. Juni 2009 um 9.30 Uhr']) {
    assert.ok(dateOnlyLine(line), line);
  }
  assert.equal(dateOnlyLine('3 June 2009 at 4 pm the meeting opened'), undefined);
  const r = build('River Watch\nNews » Partner announcements\nOSCE workshop to bring river managers together\nPosted June 3, 2009 at 4:15 pm by the editors\nThe following OSCE press release is reproduced in full.\nTHESSALONIKI, 3 June 2009 - The Regional Workshop on Flood Warnings will be held in Thessaloniki on June 15 and 16, with river managers from six countries.\n');
  assert.equal(r.title, 'OSCE workshop to bring river managers together');
  assert.equal(r.contentType.label, 'Press release');
  assert.equal(r.event?.endDate, '2009-06-16');
});

test('a copy\'s notice "Republished from … Media advisory." gives the genre over the aggregator\'s section', () => {
  const r = build('Security News\nAgencies › OSCE\nAccreditation opens for the OSCE Ministerial Council\nMon, 10/20/2025 - 14:12 | Posted by newsdesk\nRepublished from the OSCE newsroom. Media advisory.\nVIENNA, 20 October 2025 – Accreditation is now open for journalists wishing to cover the meeting of ministers in December.\n');
  assert.equal(r.contentType.label, 'Media advisory');
});

test('a content type followed by its publisher in the genitive gives the Source and is no title', () => {
  const r = build('PORTAL\nDruštvo\nKonferencija u Budvi o povjerenju javnosti\nobjavljeno: 21.04.2015. u 10:34 | autor: Redakcija\nSaopštenje za javnost Misije OEBS-a u Crnoj Gori\nPODGORICA, 21. aprila 2015 – U Budvi danas počinje dvodnevna regionalna konferencija o medijima i povjerenju javnosti.\n');
  assert.equal(r.title, 'Konferencija u Budvi o povjerenju javnosti');
  assert.deepEqual(r.publishers.map(key), ['mission-to-montenegro']);
  assert.equal(r.contentType.label, 'Press release');
});

test('"(closed)" in the page languages is no part of a name', () => {
  for (const suffix of ['(closed)', '(закрыта)', '(закрито)', '(fermée)', '(geschlossen)', '(chiusa)', '(mbyllur)', '(zatvorena)']) {
    assert.equal(normalizeName(`Mission to Georgia ${suffix}`), normalizeName('Mission to Georgia'), suffix);
  }
});
