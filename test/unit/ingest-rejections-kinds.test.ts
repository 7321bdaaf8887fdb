/**
 * Pages that hold no release (kind M26): a photo gallery (captions only, or a gallery with a line of introduction) is
 * NOT_AN_ARTICLE; a page whose date lies after its own copyright year, or years after it is read, is INVALID_DATE with
 * the date's line. Releases with photos and releases of this year stay valid. Pages invented for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';

const index = referenceIndex('http://localhost:8080/');
const NOW = new Date('2026-01-01T00:00:00Z');

function rejection(page: string, format: 'text' | 'html' = 'text'): { code: string; line: number | undefined } {
  try {
    buildRelease(page, index, { format, now: NOW });
  } catch (e) {
    if (!isAppError(e)) throw e;
    const problems = (e.detail as { problems?: { line?: number }[] } | undefined)?.problems ?? [];
    return { code: e.code, line: problems.find((p) => p.line !== undefined)?.line };
  }
  assert.fail('the page was accepted');
}

const GALLERY_TEXT = `Home
Newsroom
Photo gallery: Election observers at work in Bishkek
Date:
12 October 2020
Source:
OSCE Office for Democratic Institutions and Human Rights
Observers check the seals of a ballot box at a polling station in Bishkek. (OSCE/Anna Petrova)
A long-term observer speaks with members of a precinct election commission. (OSCE/Anna Petrova)
Voters queue in front of a school used as a polling station, 11 October 2020. (OSCE/Ivan Smirnov)
Share
`;

test('a gallery of captions with photo credits is NOT_AN_ARTICLE, at its first caption', () => {
  assert.deepEqual(rejection(GALLERY_TEXT), { code: 'NOT_AN_ARTICLE', line: 8 });
});

test('an HTML gallery of <figcaption>s without credits is NOT_AN_ARTICLE', () => {
  const page = `<!DOCTYPE html><html><body><main><article>
<p class="type">Фотогалерея</p>
<h1>Обучение пограничников в Душанбе</h1>
<p>Дата: 3 июня 2021</p>
<figure><img src="a.jpg"><figcaption>Слушатели курса на практическом занятии.</figcaption></figure>
<figure><img src="b.jpg"><figcaption>Инструктор объясняет работу с документами.</figcaption></figure>
</article></main></body></html>`;
  assert.deepEqual(rejection(page, 'html'), { code: 'NOT_AN_ARTICLE', line: 5 });
});

test('a page named a gallery with one line of introduction above its captions is NOT_AN_ARTICLE', () => {
  const page = `Bildergalerie
Jugendliche diskutieren in Sarajevo über Medienkompetenz
Datum:
4. Mai 2022
Bilder vom zweiten Jugendforum der Mission.
Teilnehmerinnen des Forums bei einer Gruppenarbeit. (OSZE/Emina Hodžić)
Der Leiter der Mission eröffnet das Forum. (OSZE/Emina Hodžić)
`;
  assert.equal(rejection(page).code, 'NOT_AN_ARTICLE');
});

test('a release with photo captions among its paragraphs stays an article', () => {
  const page = `Press release
Observers meet election officials in Bishkek
Date:
12 October 2020
BISHKEK, 12 October 2020 – Observers of the OSCE Office for Democratic Institutions and Human Rights met the Central Election Commission today to discuss the preparations for the vote.
Observers check the seals of a ballot box at a polling station in Bishkek. (OSCE/Anna Petrova)
The mission will publish its preliminary findings on the day after the vote, at a press conference in the capital.
A long-term observer speaks with members of a precinct election commission. (OSCE/Anna Petrova)
`;
  const { record } = buildRelease(page, index, { format: 'text', now: NOW });
  assert.equal(record.title, 'Observers meet election officials in Bishkek');
  assert.equal(record.paragraphs.length, 4);
});

const FSC = (date: string, footer: string) => `Startseite
Pressemitteilung
Forum für Sicherheitskooperation erörtert Kleinwaffen
Datum:
${date}
Ort:
Wien
Das Forum für Sicherheitskooperation der OSZE hat heute in Wien über die Kontrolle von Kleinwaffen beraten.
Die Teilnehmer tauschten Erfahrungen aus.
${footer}
`;

test('a date after a stale copyright footer is valid: sites leave their footers years behind', () => {
  assert.equal(buildRelease(FSC('17. Mai 2019', 'Copyright © 2007–2016 OSZE'), index, { format: 'text', now: NOW }).record.date, '2019-05-17');
  assert.deepEqual(rejection(FSC('17. Mai 2061', '© OSZE 2016 · Wallnerstraße 6, 1010 Wien')), { code: 'INVALID_DATE', line: 5 });
});

test('a date more than a year after the ingest is INVALID_DATE even without a copyright line', () => {
  assert.deepEqual(rejection(FSC('17. Mai 2061', 'Impressum')), { code: 'INVALID_DATE', line: 5 });
});

test('a date in the copyright year, or within the year after the ingest, is valid', () => {
  assert.equal(buildRelease(FSC('17. Mai 2016', '© OSZE 2016'), index, { format: 'text', now: NOW }).record.date, '2016-05-17');
  assert.equal(buildRelease(FSC('17. Mai 2026', 'Impressum'), index, { format: 'text', now: NOW }).record.date, '2026-05-17');
});
