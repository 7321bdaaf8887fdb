/**
 * Table-driven dates in the OSCE languages and the host-country languages (month names from CLDR, inflected forms by
 * their stem), numeric dates (slash dates keep both readings), and date-only lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOnlyLine, findDate, findDates, monthOf, weekdayNumber } from '../../src/ingest/dates.js';

type Want = [day: number, month: number, year: number | undefined] | null;

const DATES: [text: string, want: Want][] = [
  ['28 October 2009', [28, 10, 2009]],
  ['October 28, 2009', [28, 10, 2009]],
  ['Sept. 3, 2012', [3, 9, 2012]],
  ['1er juin 2015', [1, 6, 2015]],
  ['5 décembre 2006', [5, 12, 2006]],
  ['19. Mai 2016', [19, 5, 2016]],
  ['6. Dezember 2018', [6, 12, 2018]],
  ['24 ottobre 2018', [24, 10, 2018]],
  ['11 de enero de 2007', [11, 1, 2007]],
  ['3 марта 2018 г.', [3, 3, 2018]],
  ['4 июня 2019', [4, 6, 2019]],
  ['14 травня 2019 р.', [14, 5, 2019]],
  ['2 вересня 2020', [2, 9, 2020]],
  ['12. oktobra 2017.', [12, 10, 2017]],
  ['3. март 2020.', [3, 3, 2020]],
  ['3 март 2021', [3, 3, 2021]],
  ['17 maj 2016', [17, 5, 2016]],
  ['2009-10-28', [28, 10, 2009]],
  ['16.10.2019', [16, 10, 2019]],
  ['VIENNA, 23 August –', [23, 8, undefined]],
  ['as of 18:00, 10 July 2015', [10, 7, 2015]],
  ['session, 2 June 2016VIENNA', [2, 6, 2016]],
  ['sometime soon', null],
  ['5 novel ideas', null],
  ['Marat Zhumabekov 12 times', null],
];

for (const [text, want] of DATES) {
  test(`date ${JSON.stringify(text)}`, () => {
    const found = findDate(text);
    if (want === null) return assert.equal(found, undefined);
    assert.deepEqual(found && [found.date.day, found.date.month, found.date.year], want);
  });
}

test('a slash date with both readings possible keeps the month-first reading beside the day-first one', () => {
  const [d] = findDates('Thu, 06/02/2016');
  assert.deepEqual(d?.date, { day: 6, month: 2, year: 2016 });
  assert.deepEqual(d?.monthFirst, { day: 2, month: 6, year: 2016 });
  assert.equal(findDates('13/02/2016')[0]?.monthFirst, undefined, 'a day over 12 decides');
  assert.equal(findDates('06.02.2016')[0]?.monthFirst, undefined, 'dotted dates are day first');
});

test('month names: CLDR forms, abbreviations and inflected Serbian and Bosnian forms', () => {
  const cases: [string, number | undefined][] = [
    ['oktobra', 10], ['marta', 3], ['juna', 6], ['avgusta', 8], ['decembra', 12], ['janv.', 1], ['нояб.', 11], ['März', 3],
    ['market', undefined], ['Marat', undefined], ['Janus', undefined], ['novel', undefined],
  ];
  for (const [word, month] of cases) assert.equal(monthOf(word), month, word);
});

const DATE_LINES: [line: string, date: string | null][] = [
  ['Thu, 06/02/2016', '06/02/2016'],
  ['16.10.2019', '16.10.2019'],
  ['Publié le 06/12/2006', '06/12/2006'],
  ['Mon, 03/05/2018', '03/05/2018'],
  ['23.02.2017', '23.02.2017'],
  ['Participants of the training course in Ohrid, 12 May 2017.', null],
  ['SKOPJE 4 May 2001', null],
  ['3 March', null],
  // a byline after the date of a publication line (decision 0030)
  ['Posted 14.11.2013 by the editors', '14.11.2013'],
  ['Publié le 3 mars 2015 par la rédaction', '3 mars 2015'],
  ['Talks resumed on 14.11.2013 by the editors', null],
];

for (const [line, date] of DATE_LINES) {
  test(`date-only line ${JSON.stringify(line)}`, () => {
    const found = dateOnlyLine(line);
    assert.equal(found ? line.slice(found.index, found.index + found.length) : null, date);
  });
}

test('weekdays after "until": a fleeting a (Serbian "до четвртка", "petka") and apostrophes as written ("п’ятниці")', () => {
  assert.deepEqual(['до четвртка', 'петка', 'petka', 'utorka', 'п’ятниці', "п'ятниці", 'пятницу'].map((w) => weekdayNumber(w.split(' ').at(-1) as string)), [4, 5, 5, 2, 5, 5, 5]);
});
