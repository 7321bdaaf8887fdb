/**
 * Listing and section headings above the title (kind M25): a section word dated or naming the body whose section it
 * is is never the title and gives the genre's cue; a filter line of content types gives no genre. Invented pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchSection } from '../../src/ingest/labels.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';

const index = referenceIndex('http://localhost:8080/');
const build = (page: string) => buildRelease(page, index, { format: 'text', now: new Date('2026-01-01T00:00:00Z') }).record;

test('section headings: dated, archived, or naming the body (with a preposition or in the genitive)', () => {
  const want: [string, string | null | undefined][] = [
    ['Пресс-релизы 1999', 'press-release'],
    ['Press releases: 2003', 'press-release'],
    ['Архив: пресс-релизы за март 1999 года', 'press-release'],
    ['Aktuelles aus der OSZE-Mission in Moldau', 'news-item'],
    ['Newsroom of the OSCE Mission to Skopje: 2004', 'press-release'],
    ['Lajme nga Prezenca e OSBE-së në Shqipëri', 'news-item'],
    ['Actualités de la Mission de l\'OSCE en Moldavie — 2022', 'news-item'],
    ['Новости Программного офиса ОБСЕ в Бишкеке', 'news-item'],
    // headlines that open with a section word are no headings
    ['News from the field: young people in Osh', undefined],
    ['News of the week', undefined],
    ['News OSCE Mission to Serbia trains judges in Niš on cybercrime', undefined],
  ];
  for (const [line, genre] of want) assert.equal(matchSection(line)?.genre, genre, line);
});

test('a dated section heading right above the title is not the title', () => {
  const r = build('Главная\nПресс-релизы 1999\nМиссия ОБСЕ в Молдове провела семинар для журналистов\nКИШИНЕВ, 12 мая 1999 г. – Миссия ОБСЕ в Молдове провела сегодня семинар для двадцати журналистов из Комрата.\n');
  assert.equal(r.title, 'Миссия ОБСЕ в Молдове провела семинар для журналистов');
  assert.equal(r.contentType.label, 'Press release');
});

test('a section heading naming the Mission gives the genre, and a filter line of content types gives none', () => {
  const page = (filter: string) => `Startseite\nAktuelles aus der OSZE-Mission in Moldau\n${filter}Jugendliche aus Comrat diskutieren über Mehrsprachigkeit\nCHIȘINĂU, 12. Mai 2021 – Vierzig Jugendliche aus Comrat und Chișinău haben heute über Mehrsprachigkeit diskutiert.\n`;
  assert.equal(build(page('')).contentType.label, 'News item');
  const filtered = build(page('alle | Pressemitteilungen | Nachrichten | Reportagen\n'));
  assert.equal(filtered.title, 'Jugendliche aus Comrat diskutieren über Mehrsprachigkeit');
  assert.equal(filtered.contentType.label, 'News item');
});
